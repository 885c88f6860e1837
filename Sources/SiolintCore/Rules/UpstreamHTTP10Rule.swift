/// SIO202: the proxy speaks HTTP/1.0 to the backend, which has no protocol upgrade.
public struct UpstreamHTTP10Rule: ModelRule {
    public static let description = RuleDescription(
        id: "SIO202", name: "upstream-http-1.0", defaultSeverity: .warning,
        summary: "The proxy talks HTTP/1.0 to the backend (nginx's default before 1.29.7), which has no WebSocket upgrade.",
        explanation: """
        The WebSocket handshake is an HTTP/1.1 mechanism (`Upgrade` is defined for HTTP/1.1). nginx used HTTP/1.0 \
        towards backends by default until 1.29.7 (1.28.x and the distribution packages still do), so without \
        `proxy_http_version 1.1` the upgrade goes out as `GET … HTTP/1.0` with `Upgrade: websocket`. Node's http \
        server and python-socketio accept that (siolint's real-server tests see the tunnel work on nginx 1.22), but a \
        stricter backend or another proxy in between may refuse it, and keep-alive to the backend is off. A warning, \
        not an error. When the nginx version is unknown siolint cannot tell which default applies; pass `--nginx-version`.
        """,
        fixes: [
            .nginx: "add `proxy_http_version 1.1;` to the Socket.IO location (needed before nginx 1.29.7, harmless after)",
            .apache: "do not force HTTP/1.0 (`SetEnv force-proxy-request-1.0`) on the Socket.IO path",
            .haproxy: "HAProxy speaks HTTP/1.1 to servers; nothing to change",
        ],
        triggeringExamples: [
            RuleExample(.nginx, """
            http { server { listen 80; location /socket.io/ { ↓proxy_pass http://127.0.0.1:3000;
              proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection upgrade; } } }
            """, arguments: ["--nginx-version", "1.22.1"]),
            RuleExample(.nginx, """
            http { server { listen 80; location /socket.io/ { proxy_pass http://127.0.0.1:3000; ↓proxy_http_version 1.0;
              proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection upgrade; } } }
            """),
            RuleExample(.apache, """
            ↓SetEnv force-proxy-request-1.0 1
            ProxyPass /socket.io/ http://127.0.0.1:3000/socket.io/ upgrade=websocket
            """),
        ],
        nonTriggeringExamples: [
            RuleExample(.nginx, """
            http { server { listen 80; location /socket.io/ { proxy_pass http://127.0.0.1:3000; proxy_http_version 1.1;
              proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection upgrade; } } }
            """),
            RuleExample(.nginx, """
            http { server { listen 80; location /socket.io/ { proxy_pass http://127.0.0.1:3000;
              proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection upgrade; } } }
            """, arguments: ["--nginx-version", "1.30.0"], note: "HTTP/1.1 is the default since 1.29.7"),
            RuleExample(.apache, """
            ProxyPass /socket.io/ http://127.0.0.1:3000/socket.io/ upgrade=websocket
            """, note: "mod_proxy_http speaks HTTP/1.1"),
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
            """, note: "HAProxy speaks HTTP/1.1 to servers"),
        ],
        tags: ["socket.io", "websocket", "nginx"])

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard context.socketIO.usesWebSocket else { return [] }
        return context.proxiedRoutes(.webSocketUpgrade).compactMap { routed in
            guard let target = routed.route.proxyTarget else { return nil }
            let setting = routed.route.settings.upstreamProtocol
            let at = setting.reportRange(fallback: target.directive.range)
            switch setting.value {
            case .http11:
                return nil
            case .http10:
                return finding("\(routed.route.label) talks HTTP/1.0 to the backend (\(setting.provenance.brief)): the WebSocket upgrade is an HTTP/1.1 mechanism that only lenient backends accept over HTTP/1.0",
                               at: at, context: context)
            case .unknown(let why):
                return finding("cannot evaluate the HTTP version \(routed.route.label) uses towards the backend: \(why)", at: at, severity: .info, context: context)
            case .versionDependent(let why):
                return finding("\(routed.route.label) may talk HTTP/1.0 to the backend: \(why); without `proxy_http_version 1.1` the WebSocket upgrade depends on the server version",
                               at: at, context: context)
            }
        }
    }
}
