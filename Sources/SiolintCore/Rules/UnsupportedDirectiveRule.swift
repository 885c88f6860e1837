/// SIO601: a directive the target server version refuses to start with.
public struct UnsupportedDirectiveRule: ModelRule {
    public static let description = RuleDescription(
        id: "SIO601", name: "unsupported-directive", defaultSeverity: .error,
        summary: "A directive or value the target server version refuses to start with.",
        explanation: """
        Folklore and old blog posts recommend directives that the server does not have (nginx `sticky` before 1.29.6 \
        in open source, Apache `ProxyWebsocketIdleTimeout` in 2.4, HAProxy `nbproc` since 2.5) or values it rejects. \
        The server refuses to start or reload, so the deploy fails. siolint checks against the version given with \
        `--nginx-version`, `--apache-version` or `--haproxy-version`.
        """,
        fixes: [
            .nginx: "remove or replace the directive (the message says with what)",
            .apache: "remove or replace the directive (the message says with what)",
            .haproxy: "remove or replace the keyword (the message says with what)",
        ],
        triggeringExamples: [
            RuleExample(.nginx, "http { upstream nodes { server 127.0.0.1:3000; ↓sticky cookie srv_id; } }", arguments: ["--nginx-version", "1.22.1"]),
            RuleExample(.nginx, "http { server { listen 80; location ~ ^/socket.io/ { ↓proxy_pass http://127.0.0.1:3000/; } } }"),
            RuleExample(.apache, """
            ProxyPass /socket.io/ http://127.0.0.1:3000/socket.io/ upgrade=websocket
            ↓ProxyWebsocketIdleTimeout 60
            """, note: "trunk only, never in a 2.4 release"),
            RuleExample(.apache, """
            ↓LimitRequestBody 1m
            """, note: "bytes only, no units"),
            RuleExample(.apache, """
            LoadModule proxy_module modules/mod_proxy.so
            LoadModule proxy_http_module modules/mod_proxy_http.so
            ProxyPass /socket.io/ http://127.0.0.1:3000/socket.io/ upgrade=websocket
            ↓RewriteEngine On
            """, note: "mod_rewrite is not loaded"),
            RuleExample(.apache, """
            ↓ProxyPass / http://127.0.0.1:3000/ timeot=60
            """, note: "unknown worker parameter"),
            RuleExample(.haproxy, """
            global
              ↓nbproc 2
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
              ↓option http-tunnel
              ↓reqadd X-Proto:\\ http
              default_backend be
            backend be
              server s1 127.0.0.1:3000
            """, arguments: ["--haproxy-version", "2.6"]),
        ],
        nonTriggeringExamples: [
            RuleExample(.nginx, "http { upstream nodes { server 127.0.0.1:3000; sticky cookie srv_id; } }", arguments: ["--nginx-version", "1.30.0"]),
            RuleExample(.apache, """
            ProxyPass /socket.io/ http://127.0.0.1:3000/socket.io/ upgrade=websocket
            ProxyWebsocketFallbackToProxyHttp Off
            """, arguments: ["--apache-version", "2.4.62"]),
            RuleExample(.haproxy, """
            global
              nbproc 2
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
            """, arguments: ["--haproxy-version", "2.4"], note: "nbproc is refused from 2.5 on"),
            RuleExample(.haproxy, """
            defaults
              mode http
              timeout connect 5s
              timeout client 60s
              timeout server 60s
              timeout tunnel 1h
            frontend fe
              bind :80
              option http-server-close
              option httpclose
              default_backend be
            backend be
              server s1 127.0.0.1:3000
            """, note: "never flagged: they do not break WebSocket in 2.x"),
        ],
        tags: ["compatibility"])

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        context.configuration.rejectedDirectives.map { rejected in
            finding(rejected.effect.map { "\(rejected.reason): \($0)" } ?? "\(context.configuration.server.displayName) refuses to start: \(rejected.reason)",
                    at: rejected.directive.range, context: context, help: rejected.fix)
        }
    }
}
