/// SIO102: the proxy gives up on a held long-polling GET before the server answers it.
public struct PollingRequestTimeoutRule: ModelRule {
    public static let description = RuleDescription(
        id: "SIO102", name: "polling-request-timeout", defaultSeverity: .error,
        summary: "The time the proxy waits for the held long-polling response is not longer than Socket.IO's heartbeat.",
        explanation: """
        With HTTP long-polling the server holds each GET until it has a packet to send; on an idle session that packet \
        is the next ping, up to pingInterval (25s) later (python-socketio holds it up to pingInterval + pingTimeout). A \
        proxy that stops waiting sooner answers 504 Gateway Timeout: polling clients see "xhr poll error" / "transport \
        error" and reconnect again and again. At or below pingInterval it always happens (error); below pingInterval + \
        pingTimeout it happens when the ping is late (warning).
        """,
        fixes: [
            .nginx: "set `proxy_read_timeout` above pingInterval + pingTimeout (e.g. `proxy_read_timeout 60s;`, the default)",
            .apache: "raise `ProxyTimeout` (or the worker's `timeout=`) above pingInterval + pingTimeout, e.g. `ProxyTimeout 60`",
            .haproxy: "raise `timeout server` above pingInterval + pingTimeout, e.g. `timeout server 60s`",
        ],
        triggeringExamples: [
            RuleExample(.nginx, """
            http { server { listen 80;
              location /socket.io/ { proxy_pass http://127.0.0.1:3000; ↓proxy_read_timeout 10s; }
            } }
            """),
            RuleExample(.apache, """
            ↓ProxyTimeout 20
            ProxyPass /socket.io/ http://127.0.0.1:3000/socket.io/ upgrade=websocket
            """),
            RuleExample(.apache, """
            <Proxy "balancer://nodes">
            BalancerMember http://127.0.0.1:3000 route=a
            ProxySet timeout=120
            </Proxy>
            ↓ProxyTimeout 20
            ProxyPass /socket.io/ balancer://nodes/socket.io/
            """, note: "ProxySet timeout= on a balancer is the wait for a free member, not a socket timeout"),
            RuleExample(.haproxy, """
            defaults
              mode http
              timeout connect 5s
              timeout client 60s
              ↓timeout server 10s
              timeout tunnel 1h
            frontend fe
              bind :80
              default_backend be
            backend be
              server s1 127.0.0.1:3000
            """),
        ],
        nonTriggeringExamples: [
            RuleExample(.nginx, "http { server { listen 80; location /socket.io/ { proxy_pass http://127.0.0.1:3000; proxy_read_timeout 90s; } } }"),
            RuleExample(.nginx, "http { server { listen 80; location /socket.io/ { proxy_pass http://127.0.0.1:3000; proxy_read_timeout 10s; } } }",
                        arguments: ["--transports", "websocket"], note: "no polling transport"),
            RuleExample(.apache, """
            ProxyTimeout 60
            ProxyPass /socket.io/ http://127.0.0.1:3000/socket.io/ upgrade=websocket
            """),
            RuleExample(.apache, """
            <Proxy "balancer://nodes">
            BalancerMember http://127.0.0.1:3000 route=a timeout=60
            </Proxy>
            ProxyTimeout 20
            ProxyPass /socket.io/ balancer://nodes/socket.io/
            """, note: "the member's own timeout= wins over ProxyTimeout"),
            RuleExample(.haproxy, """
            defaults
              mode http
              timeout connect 5s
              timeout client 10s
              timeout server 60s
              timeout tunnel 1h
            frontend fe
              bind :80
              default_backend be
            backend be
              server s1 127.0.0.1:3000
            """, note: "the client timeout does not run while the server holds the response"),
        ],
        tags: ["socket.io", "polling", "timeout", "reliability"])

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard context.socketIO.usesPolling else { return [] }
        let s = context.socketIO
        return TimeoutThresholds.check(self, context, probe: .pollingGet, setting: \.responseTimeout, describe: { route, limit, setting, severity in
            let consequence = severity == .error
                ? "held polling GETs (up to pingInterval, \(s.pingInterval)) end in 504 and polling clients reconnect over and over"
                : "a polling GET held until a late ping (up to \(s.heartbeatDeadline)) ends in 504"
            return "\(route.label) waits only \(limit) for the backend's response (\(setting.provenance.brief)): \(consequence)"
        }, unknown: { route, expression in
            "cannot evaluate how long \(route.label) waits for a polling response: \(expression)"
        }, unlimitedByDefault: { route, setting in
            "\(route.label) waits without limit for the backend's response (\(setting.provenance.explanation)): polling is safe, but a hung backend holds requests forever"
        })
    }
}
