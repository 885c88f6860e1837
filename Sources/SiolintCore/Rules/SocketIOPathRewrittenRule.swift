/// SIO301: the path the backend receives no longer starts with the Socket.IO path.
public struct SocketIOPathRewrittenRule: ModelRule {
    public static let description = RuleDescription(
        id: "SIO301", name: "socketio-path-rewritten", defaultSeverity: .error,
        summary: "The path forwarded for Socket.IO requests no longer starts with the Socket.IO path.",
        explanation: """
        engine.io recognises its requests by a plain prefix test on the path (`/socket.io/` by default). If the proxy \
        strips or changes that prefix, the request falls through to the application's other handlers: the handshake \
        gets 404 and the client retries forever ("xhr poll error"), and a WebSocket upgrade is dropped. In nginx the \
        classic cause is a URI part in proxy_pass: `location /socket.io/ { proxy_pass http://app/; }` sends `/?EIO=4…` \
        (the "trailing slash" advice gets this backwards: no URI at all keeps the path).
        """,
        fixes: [
            .nginx: "write proxy_pass without a URI (`proxy_pass http://backend;`) so the path passes unchanged, or set the server's `path` option to what the backend receives",
            .apache: "keep the prefix on both sides: `ProxyPass /socket.io/ http://backend:3000/socket.io/`",
            .haproxy: "do not rewrite the Socket.IO path (`http-request set-path`/`replace-path`) for Socket.IO requests",
        ],
        triggeringExamples: [
            RuleExample(.nginx, "http { server { listen 80; location /socket.io/ { ↓proxy_pass http://127.0.0.1:3000/; } } }"),
            RuleExample(.nginx, """
            http { server { listen 80; location /chat/socket.io/ { ↓proxy_pass http://127.0.0.1:3000/; } } }
            """, arguments: ["--path", "/chat/socket.io/"]),
            RuleExample(.apache, """
            ↓ProxyPass /socket.io/ http://127.0.0.1:3000/ upgrade=websocket
            """, note: "the prefix is replaced: the backend sees /?EIO=4…"),
            RuleExample(.apache, """
            ProxyPass / http://127.0.0.1:3000/
            RewriteEngine on
            RewriteCond %{HTTP:Upgrade} websocket [NC]
            ↓RewriteRule ^/socket.io/(.*) ws://127.0.0.1:3000/$1 [P,L]
            """, note: "the rewrite drops the prefix for WebSocket requests"),
            RuleExample(.apache, """
            ProxyPass / http://127.0.0.1:3000/ upgrade=websocket
            RewriteEngine on
            RewriteRule ^/socket\\.io/ - [S=1]
            RewriteRule ^/socket\\.io/(.*)$ http://127.0.0.1:3000/socket.io/$1 [P,L]
            ↓RewriteRule ^/(.*)$ http://127.0.0.1:3000/app/$1 [P,L]
            """, note: "[S=1] skips the rule that keeps the prefix, so the catch-all sends /app/socket.io/"),
            RuleExample(.haproxy, """
            defaults
              mode http
              timeout connect 5s
              timeout client 60s
              timeout server 60s
              timeout tunnel 1h
            frontend fe
              bind :80
              ↓http-request replace-path /socket.io/(.*) /\\1
              default_backend be
            backend be
              server s1 127.0.0.1:3000
            """),
            RuleExample(.haproxy, """
            defaults
              mode http
              timeout connect 5s
              timeout client 60s
              timeout server 60s
              timeout tunnel 1h
            frontend fe
              bind :80
              ↓http-request set-path /
              default_backend be
            backend be
              server s1 127.0.0.1:3000
            """),
            RuleExample(.haproxy, """
            defaults
              mode http
              timeout connect 5s
              timeout client 60s
              timeout server 60s
              timeout tunnel 1h
            frontend fe
              bind :80
              ↓http-request set-path /v2%[path]
              use_backend be if { path_beg /socket.io/ }
              default_backend legacy
            backend be
              http-request replace-path /v2(/.*) \\1
              server s1 127.0.0.1:3000
            backend legacy
              server s2 127.0.0.1:3001
            """, note: "the frontend's http-request rules run before use_backend: the ACL sees /v2/socket.io/, so legacy gets the request with the rewritten path"),
        ],
        nonTriggeringExamples: [
            RuleExample(.nginx, "http { server { listen 80; location /socket.io/ { proxy_pass http://127.0.0.1:3000; } } }"),
            RuleExample(.nginx, "http { server { listen 80; location /socket.io/ { proxy_pass http://127.0.0.1:3000/socket.io/; } } }"),
            RuleExample(.nginx, "http { server { listen 80; location / { proxy_pass http://127.0.0.1:3000/; } } }"),
            RuleExample(.apache, """
            ProxyPass /socket.io/ http://127.0.0.1:3000/socket.io/ upgrade=websocket
            """),
            RuleExample(.apache, """
            ProxyPass / http://127.0.0.1:3000/
            """),
            RuleExample(.apache, """
            ProxyPass / http://127.0.0.1:3000/ upgrade=websocket
            RewriteEngine on
            RewriteRule ^/api/ - [C]
            RewriteRule ^/(.*)$ http://127.0.0.1:3000/app/$1 [P,L]
            """, note: "the chain's first rule does not match /socket.io/, so the chained rewrite is skipped and ProxyPass / keeps the path"),
            RuleExample(.haproxy, """
            defaults
              mode http
              timeout connect 5s
              timeout client 60s
              timeout server 60s
              timeout tunnel 1h
            frontend fe
              bind :80
              http-request replace-path /app/(.*) /\\1 if { path_beg /app/ }
              default_backend be
            backend be
              server s1 127.0.0.1:3000
            """),
            RuleExample(.haproxy, """
            defaults
              mode http
              timeout connect 5s
              timeout client 60s
              timeout server 60s
              timeout tunnel 1h
            frontend fe
              bind :80
              http-request set-path /api%[path] if { path_beg /v1/ }
              default_backend be
            backend be
              server s1 127.0.0.1:3000
            """, note: "the condition does not hold for Socket.IO requests"),
            RuleExample(.haproxy, """
            defaults
              mode http
              timeout connect 5s
              timeout client 60s
              timeout server 60s
              timeout tunnel 1h
            frontend fe
              bind :80
              http-request set-path /app%[path] if { path_beg /socket.io/ }
              use_backend be if { path_beg /app/socket.io/ }
              default_backend web
            backend be
              http-request replace-path /app(/.*) \\1
              server s1 127.0.0.1:3000
            backend web
              server w1 127.0.0.1:8000
            """, note: "use_backend sees the frontend's rewrite, and the chosen backend restores the path"),
        ],
        tags: ["socket.io", "path"])

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        var seen = Set<SourceRange>()
        var findings: [Finding] = []
        for kind in [ProbeRequest.Kind.pollingGet, .webSocketUpgrade] {
            for routed in context.proxiedRoutes(kind) where seen.insert(routed.route.declaration).inserted {
                guard let target = routed.route.proxyTarget else { continue }
                guard let forwarded = routed.forwardedPath else {
                    let rewrite = target.pathRewrites.first { if case .unknown = $0.operation { return true } else { return false } }
                    findings.append(finding("cannot evaluate the path \(routed.route.label) forwards: `\(rewrite?.directive.text ?? target.directive.text)`",
                                            at: rewrite?.directive.range ?? target.directive.range, severity: .info, context: context))
                    continue
                }
                guard !forwarded.hasBytePrefix(context.socketIO.path) else { continue }
                let culprit = target.pathRewrites.last?.directive ?? target.directive
                findings.append(finding("\(routed.route.label) forwards `\(routed.probe.path)` as `\(forwarded)`, which does not start with \(context.socketIO.path): the Socket.IO server does not recognise the request (handshake 404, client retries forever)",
                                        at: culprit.range, context: context))
            }
        }
        return findings
    }
}
