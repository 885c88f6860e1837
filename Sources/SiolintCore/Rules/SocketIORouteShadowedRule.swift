/// SIO302: a route written for the Socket.IO path never receives Socket.IO requests.
public struct SocketIORouteShadowedRule: ModelRule {
    public static let description = RuleDescription(
        id: "SIO302", name: "socketio-route-shadowed", defaultSeverity: .error,
        summary: "A route written for the Socket.IO path never receives Socket.IO requests because another route wins.",
        explanation: """
        The route that carries the Socket.IO settings (WebSocket headers, timeouts) is not the one the server picks \
        for `/socket.io/` requests: in nginx a regex location wins over a plain prefix location (unless `^~`); in \
        Apache the first matching ProxyPass wins, so `ProxyPass /` before `ProxyPass /socket.io/` takes everything. \
        The settings written for Socket.IO never apply, and the requests get whatever the winner does.
        """,
        fixes: [
            .nginx: "mark the Socket.IO location with `^~` (`location ^~ /socket.io/`) so regex locations are not tried, or narrow the regex",
            .apache: "list `ProxyPass /socket.io/ …` before `ProxyPass /`",
            .haproxy: "put the `use_backend` rule for the Socket.IO path before the broader one",
        ],
        triggeringExamples: [
            RuleExample(.nginx, """
            http { server { listen 80;
              ↓location /socket.io/ { proxy_pass http://127.0.0.1:3000; proxy_http_version 1.1;
                proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection upgrade; }
              location ~* \\.io/ { return 403; }
            } }
            """),
            RuleExample(.apache, """
            ProxyPass / http://127.0.0.1:3000/
            ↓ProxyPass /socket.io/ http://127.0.0.1:3000/socket.io/ upgrade=websocket
            """, note: "the first matching ProxyPass wins"),
            RuleExample(.haproxy, """
            defaults
              mode http
              timeout connect 5s
              timeout client 60s
              timeout server 60s
              timeout tunnel 1h
            frontend fe
              bind :80
              use_backend web if { path_beg / }
              ↓use_backend be if { path_beg /socket.io/ }
              default_backend web
            backend be
              server s1 127.0.0.1:3000
            backend web
              server w1 127.0.0.1:8000
            """),
        ],
        nonTriggeringExamples: [
            RuleExample(.nginx, """
            http { server { listen 80;
              location ^~ /socket.io/ { proxy_pass http://127.0.0.1:3000; proxy_http_version 1.1;
                proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection upgrade; }
              location ~* \\.io/ { return 403; }
            } }
            """),
            RuleExample(.nginx, """
            http { server { listen 80;
              location / { proxy_pass http://127.0.0.1:3000; }
              location /socket.io/ { proxy_pass http://127.0.0.1:3000; }
            } }
            """),
            RuleExample(.apache, """
            ProxyPass /socket.io/ http://127.0.0.1:3000/socket.io/ upgrade=websocket
            ProxyPass / http://127.0.0.1:3000/
            """),
            RuleExample(.apache, """
            ProxyPass / http://127.0.0.1:3000/nothing/
            <Location /socket.io/>
            ProxyPass http://127.0.0.1:3000/socket.io/ upgrade=websocket
            </Location>
            """, note: "ProxyPass in <Location> is checked before server ProxyPass lines"),
            RuleExample(.haproxy, """
            defaults
              mode http
              timeout connect 5s
              timeout client 60s
              timeout server 60s
              timeout tunnel 1h
            frontend fe
              bind :80
              use_backend be if { path_beg /socket.io/ }
              use_backend web if { path_beg / }
              default_backend web
            backend be
              server s1 127.0.0.1:3000
            backend web
              server w1 127.0.0.1:8000
            """),
        ],
        tags: ["socket.io", "routing"])

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        let marker = String(context.socketIO.path.dropLast())
        var seen = Set<SourceRange>()
        var findings: [Finding] = []
        for server in context.probes {
            for routed in server.routes[.pollingGet] ?? [] where !routed.route.labelContains(marker) {
                for loser in routed.outmatched where loser.labelContains(marker) && loser.proxyTarget != nil {
                    guard seen.insert(loser.declaration).inserted else { continue }
                    let winner = routed.route
                    let what: String
                    switch winner.action {
                    case .proxy: what = "and its settings apply instead"
                    case .local(let description): what = "which does not proxy (\(description))"
                    }
                    findings.append(finding("\(loser.label) never receives Socket.IO requests: \(winner.label) wins for \(routed.probe.path), \(what)",
                                            at: loser.declaration, related: [RelatedLocation(winner.declaration, "this route takes \(routed.probe.path)")],
                                            context: context))
                }
            }
        }
        return findings
    }
}
