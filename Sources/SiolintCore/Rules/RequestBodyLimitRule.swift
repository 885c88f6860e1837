/// SIO501: the proxy's request body limit is below Socket.IO's maxHttpBufferSize.
public struct RequestBodyLimitRule: ModelRule {
    public static let description = RuleDescription(
        id: "SIO501", name: "request-body-limit-below-max-buffer", defaultSeverity: .error,
        summary: "The proxy's request body limit is below maxHttpBufferSize, so large polling POSTs get 413.",
        explanation: """
        With HTTP long-polling every message the client sends is a POST body, up to maxHttpBufferSize (1,000,000 bytes \
        by default; binary payloads grow by a third in base64). A proxy limit below that rejects large messages with \
        413 Request Entity Too Large before the Socket.IO server sees them: the emit is lost and the polling transport \
        errors. WebSocket frames are not request bodies and are not affected.
        """,
        fixes: [
            .nginx: "raise `client_max_body_size` in the Socket.IO location to at least maxHttpBufferSize (e.g. `client_max_body_size 2m;`)",
            .apache: "nothing to change on httpd: it does not apply `LimitRequestBody` to bodies mod_proxy_http forwards (observed on 2.4.71); a limit in front of it (a CDN, a load balancer) is what to raise",
            .haproxy: "raise the size in the `req.body_size` deny rule above maxHttpBufferSize",
        ],
        triggeringExamples: [
            RuleExample(.nginx, "http { server { listen 80; location /socket.io/ { proxy_pass http://127.0.0.1:3000; ↓client_max_body_size 100k; } } }"),
            RuleExample(.nginx, "http { server { listen 80; ↓location /socket.io/ { proxy_pass http://127.0.0.1:3000; } } }",
                        arguments: ["--max-http-buffer-size", "100000000"], note: "the default 1m is below a raised maxHttpBufferSize"),
            RuleExample(.haproxy, """
            defaults
              mode http
              timeout connect 5s
              timeout client 60s
              timeout server 60s
              timeout tunnel 1h
            frontend fe
              bind :80
              ↓http-request deny if { req.body_size gt 100000 }
              default_backend be
            backend be
              server s1 127.0.0.1:3000
            """),
        ],
        nonTriggeringExamples: [
            RuleExample(.nginx, "http { server { listen 80; location /socket.io/ { proxy_pass http://127.0.0.1:3000; } } }",
                        note: "the default 1m (1,048,576 bytes) covers the default 1,000,000"),
            RuleExample(.nginx, "http { client_max_body_size 0; server { listen 80; location /socket.io/ { proxy_pass http://127.0.0.1:3000; } } }",
                        arguments: ["--max-http-buffer-size", "100000000"]),
            RuleExample(.apache, """
            LimitRequestBody 102400
            ProxyPass /socket.io/ http://127.0.0.1:3000/socket.io/ upgrade=websocket
            """, note: "httpd 2.4.71 does not apply LimitRequestBody to bodies mod_proxy_http forwards (observed with the real-server suite)"),
            RuleExample(.haproxy, """
            defaults
              mode http
              timeout connect 5s
              timeout client 60s
              timeout server 60s
              timeout tunnel 1h
            frontend fe
              bind :80
              default_backend be
            backend be
              server s1 127.0.0.1:3000
            """, note: "HAProxy has no request body limit by default"),
            RuleExample(.haproxy, """
            defaults
              mode http
              timeout connect 5s
              timeout client 60s
              timeout server 60s
              timeout tunnel 1h
            frontend fe
              bind :80
              acl too_big req.body_size gt 2000000
              http-request deny if too_big
              default_backend be
            backend be
              server s1 127.0.0.1:3000
            """),
        ],
        tags: ["socket.io", "polling", "limits"])

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard context.socketIO.usesPolling else { return [] }
        return context.proxiedRoutes(.pollingPost).compactMap { routed in
            let setting = routed.route.settings.requestBodyLimit
            let at = setting.reportRange(fallback: routed.route.declaration)
            switch setting.value {
            case .bytes(let limit) where limit < context.socketIO.maxHTTPBufferSize:
                return finding("\(routed.route.label) accepts request bodies up to \(ByteLimit.bytes(limit)) (\(setting.provenance.brief)), below maxHttpBufferSize \(context.socketIO.maxHTTPBufferSize) bytes: polling POSTs between the two get 413",
                               at: at, context: context)
            case .unknown(let expression):
                return finding("cannot evaluate the request body limit of \(routed.route.label): \(expression)", at: at, severity: .info, context: context)
            default:
                return nil
            }
        }
    }
}
