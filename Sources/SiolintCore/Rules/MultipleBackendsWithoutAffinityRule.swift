/// SIO401: several backends, polling enabled, and nothing keeps a client on one of them.
public struct MultipleBackendsWithoutAffinityRule: ModelRule {
    public static let description = RuleDescription(
        id: "SIO401", name: "multiple-backends-without-affinity", defaultSeverity: .error,
        summary: "Socket.IO traffic is spread over more than one backend with no session affinity while HTTP long-polling is enabled.",
        explanation: """
        A Socket.IO session lives in the memory of the server that accepted the handshake. With long-polling every \
        poll is a new HTTP request; if the proxy sends it to another server, that server answers 400 \
        `{"code":1,"message":"Session ID unknown"}` (python-socketio: "Invalid session") and the client reconnects in \
        a loop. The upgrade to WebSocket fails the same way. Affinity (client address hash, a cookie the proxy sets, a \
        stick table) or websocket-only clients fix it; a Redis adapter does not (it is for broadcasting).
        """,
        fixes: [
            .nginx: "add `ip_hash;` or `hash $remote_addr consistent;` to the upstream (behind another proxy, hash the real client address), or `sticky cookie …` on nginx ≥ 1.29.6",
            .apache: "give every BalancerMember a `route=`, set `ProxySet stickysession=SERVERID`, and issue the cookie: `Header add Set-Cookie \"SERVERID=sticky.%{BALANCER_WORKER_ROUTE}e; path=/\" env=BALANCER_ROUTE_CHANGED`",
            .haproxy: "add `cookie SERVERID insert indirect nocache` with `cookie <name>` on each server, or `balance source`",
        ],
        triggeringExamples: [
            RuleExample(.nginx, """
            http {
              ↓upstream nodes { server 127.0.0.1:3000; server 127.0.0.1:3001; }
              server { listen 80; location /socket.io/ { proxy_pass http://nodes; } }
            }
            """),
            RuleExample(.apache, """
            ↓<Proxy "balancer://nodes">
            BalancerMember http://127.0.0.1:3000 upgrade=websocket
            BalancerMember http://127.0.0.1:3001 upgrade=websocket
            </Proxy>
            ProxyPass /socket.io/ balancer://nodes/socket.io/
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
              default_backend be
            ↓backend be
              server s1 127.0.0.1:3000
              server s2 127.0.0.1:3001
            """),
        ],
        nonTriggeringExamples: [
            RuleExample(.nginx, """
            http {
              upstream nodes { ip_hash; server 127.0.0.1:3000; server 127.0.0.1:3001; }
              server { listen 80; location /socket.io/ { proxy_pass http://nodes; } }
            }
            """),
            RuleExample(.nginx, """
            http {
              upstream nodes { server 127.0.0.1:3000; server 127.0.0.1:3001; }
              server { listen 80; location /socket.io/ { proxy_pass http://nodes; } }
            }
            """, arguments: ["--transports", "websocket"], note: "websocket-only clients need no affinity"),
            RuleExample(.nginx, """
            http {
              upstream nodes { server 127.0.0.1:3000; server 127.0.0.1:3001 backup; }
              server { listen 80; location /socket.io/ { proxy_pass http://nodes; } }
            }
            """, note: "a backup server takes no traffic while the primary is up"),
            RuleExample(.apache, """
            Header add Set-Cookie "SERVERID=sticky.%{BALANCER_WORKER_ROUTE}e; path=/" env=BALANCER_ROUTE_CHANGED
            <Proxy "balancer://nodes">
            BalancerMember http://127.0.0.1:3000 route=a upgrade=websocket
            BalancerMember http://127.0.0.1:3001 route=b upgrade=websocket
            ProxySet stickysession=SERVERID
            </Proxy>
            ProxyPass /socket.io/ balancer://nodes/socket.io/
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
              default_backend be
            backend be
              balance source
              server s1 127.0.0.1:3000
              server s2 127.0.0.1:3001
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
              default_backend be
            backend be
              cookie SERVERID insert indirect nocache
              server s1 127.0.0.1:3000 cookie s1
              server s2 127.0.0.1:3001 cookie s2
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
              default_backend be
            backend be
              stick-table type ip size 200k expire 30m
              stick on src
              server s1 127.0.0.1:3000
              server s2 127.0.0.1:3001
            """),
        ],
        tags: ["socket.io", "polling", "load-balancing", "sticky-sessions"])

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard context.socketIO.usesPolling else { return [] }
        var findings: [Finding] = []
        for (group, routed) in context.balancedPollingGroups() {
            let reason: String
            switch group.affinity.value {
            case .none:
                reason = "with \(group.balancing.value) and no session affinity"
            case .hash(let key, keepsClient: false):
                reason = "by a hash of `\(key)`, which is not the same for every request of a session"
            default:
                continue
            }
            let related = [RelatedLocation(routed.route.proxyTarget!.directive.range, "Socket.IO requests are sent to \(group.name) here")]
            findings.append(finding("\(group.name) spreads Socket.IO requests over \(group.activeServers.count) servers \(reason): long-polling requests of one session reach different servers, which answer 400 \"Session ID unknown\"",
                                    at: group.affinity.reportRange(fallback: group.declaration), related: related, context: context))
        }
        return findings
    }
}
