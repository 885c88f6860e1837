/// SIO101: the proxy closes an idle WebSocket before Socket.IO's heartbeat can keep it open.
public struct WebSocketIdleTimeoutRule: ModelRule {
    public static let description = RuleDescription(
        id: "SIO101", name: "websocket-idle-timeout", defaultSeverity: .error,
        summary: "The proxy's idle timeout for upgraded WebSocket connections is not longer than Socket.IO's heartbeat.",
        explanation: """
        Once a WebSocket is upgraded, the only traffic on an idle connection is Socket.IO's heartbeat: the server sends a \
        ping every pingInterval (25s by default) and waits pingTimeout (20s) for the pong. A proxy that closes the tunnel \
        after a shorter silence drops every idle client: the client logs `disconnect` with reason "transport close" at a \
        steady rhythm and reconnects. At or below pingInterval this happens to every idle connection (error); between \
        pingInterval and pingInterval + pingTimeout a late ping is enough (warning; Socket.IO's docs ask for more than 45s).
        """,
        fixes: [
            .nginx: "set `proxy_read_timeout` above pingInterval + pingTimeout (e.g. `proxy_read_timeout 60s;`, the default) in the Socket.IO location",
            .apache: "raise `Timeout` (httpd ≥ 2.4.47 keeps an idle tunnel open for the larger of Timeout and the backend timeout, ProxyTimeout or the worker's `timeout=`) above pingInterval + pingTimeout, e.g. `Timeout 60`",
            .haproxy: "set `timeout tunnel 1h` in the backend (or raise `timeout client`/`timeout server` above pingInterval + pingTimeout)",
        ],
        triggeringExamples: [
            RuleExample(.nginx, """
            http { server { listen 80;
              location /socket.io/ {
                proxy_pass http://127.0.0.1:3000;
                proxy_http_version 1.1;
                proxy_set_header Upgrade $http_upgrade;
                proxy_set_header Connection "upgrade";
                ↓proxy_read_timeout 20s;
              }
            } }
            """),
            RuleExample(.nginx, """
            http { ↓proxy_read_timeout 30s;
              server { listen 80;
                location / { proxy_pass http://127.0.0.1:3000; proxy_http_version 1.1;
                  proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection upgrade; }
              } }
            """, note: "inherited from http; 30s is above the 25s interval but below 45s: a warning"),
            RuleExample(.apache, """
            ↓Timeout 20
            ProxyPass /socket.io/ http://127.0.0.1:3000/socket.io/ upgrade=websocket
            """, note: "on httpd ≥ 2.4.47 the tunnel idles for the larger of Timeout and the backend timeout: both are 20s"),
            RuleExample(.haproxy, """
            defaults
              mode http
              timeout connect 5s
              timeout client 60s
              timeout server 60s
              ↓timeout tunnel 20s
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
              ↓timeout client 30s
              timeout server 60s
            frontend fe
              bind :80
              default_backend be
            backend be
              server s1 127.0.0.1:3000
            """, note: "no timeout tunnel: the shorter of client and server applies (30s: a warning)"),
            RuleExample(.haproxy, """
            frontend fe
              mode http
              bind :80
              ↓default_backend be
            backend be
              mode http
              server s1 127.0.0.1:3000
            """, note: "no timeouts at all: WebSockets never idle out (info; HAProxy warns at start)"),
            RuleExample(.apache, """
            Timeout 20
            ProxyPass / http://127.0.0.1:3000/
            RewriteEngine on
            RewriteCond %{HTTP:Upgrade} websocket [NC]
            ↓RewriteRule ^/?(.*) ws://127.0.0.1:3000/$1 [P,L]
            """, arguments: ["--apache-version", "2.4.46"], note: "before 2.4.47 mod_proxy_wstunnel tunnels ws:// with no idle timeout: an info, not a heartbeat problem"),
        ],
        nonTriggeringExamples: [
            RuleExample(.nginx, """
            http { server { listen 80;
              location /socket.io/ { proxy_pass http://127.0.0.1:3000; proxy_http_version 1.1;
                proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection "upgrade"; }
            } }
            """, note: "the default 60s is enough"),
            RuleExample(.nginx, """
            http { server { listen 80;
              location /socket.io/ { proxy_pass http://127.0.0.1:3000; proxy_read_timeout 20s; }
            } }
            """, arguments: ["--transports", "polling"], note: "no WebSocket transport"),
            RuleExample(.apache, """
            ProxyTimeout 20
            ProxyPass /socket.io/ http://127.0.0.1:3000/socket.io/ upgrade=websocket
            """, note: "ProxyTimeout alone does not shorten the tunnel: it idles max(Timeout 60, 20) = 60s"),
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
            """),
            RuleExample(.haproxy, """
            defaults
              mode http
              timeout connect 5s
              timeout client 60s
              timeout server 60s
            frontend fe
              bind :80
              default_backend be
            backend be
              server s1 127.0.0.1:3000
            """, note: "no tunnel timeout, but client and server are both 60s"),
        ],
        tags: ["socket.io", "websocket", "timeout", "reliability"])

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard context.socketIO.usesWebSocket else { return [] }
        let s = context.socketIO
        return TimeoutThresholds.check(self, context, probe: .webSocketUpgrade, setting: \.upgradedIdleTimeout, describe: { route, limit, setting, severity in
            let consequence = severity == .error
                ? "every idle client is disconnected (\"transport close\") before the next ping (every \(s.pingInterval)) arrives"
                : "a ping that comes late within pingTimeout (\(s.pingTimeout)) finds the connection closed (\"transport close\"); keep it above \(s.heartbeatDeadline)"
            return "\(route.label) closes idle WebSocket connections after \(limit) (\(setting.provenance.brief)): \(consequence)"
        }, unknown: { route, expression in
            "cannot evaluate the WebSocket idle timeout of \(route.label): \(expression)"
        }, unlimitedByDefault: { route, setting in
            "\(route.label) never closes idle WebSocket connections (\(setting.provenance.explanation)): the heartbeat is safe, but connections of vanished clients stay open"
        })
    }
}
