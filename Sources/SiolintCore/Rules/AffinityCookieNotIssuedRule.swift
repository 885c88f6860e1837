/// SIO402: affinity relies on a cookie that nobody sets.
public struct AffinityCookieNotIssuedRule: ModelRule {
    public static let description = RuleDescription(
        id: "SIO402", name: "affinity-cookie-not-issued", defaultSeverity: .error,
        summary: "Session affinity relies on a cookie that nothing sets, so there is no affinity at all.",
        explanation: """
        Some affinity schemes only read or rewrite a cookie: HAProxy `cookie … prefix`/`rewrite`, nginx `sticky learn`, \
        Apache `stickysession` without a `Header add Set-Cookie … BALANCER_WORKER_ROUTE` line or without `route=` on \
        the members. Since Socket.IO v3 the server sends no cookie (its `cookie` option is off by default), so the \
        scheme never engages and requests are balanced as if there were no affinity: "Session ID unknown" again.
        """,
        fixes: [
            .nginx: "let nginx issue the cookie (`sticky cookie srv_id;` on nginx ≥ 1.29.6) or use `ip_hash;`",
            .apache: "give every BalancerMember a `route=` and add `Header add Set-Cookie \"SERVERID=sticky.%{BALANCER_WORKER_ROUTE}e; path=/\" env=BALANCER_ROUTE_CHANGED`",
            .haproxy: "use `cookie SERVERID insert indirect nocache` (HAProxy sets the cookie) instead of `prefix`/`rewrite`",
        ],
        triggeringExamples: [
            RuleExample(.nginx, """
            http {
              upstream nodes { server 127.0.0.1:3000; server 127.0.0.1:3001; ↓sticky learn create=$upstream_cookie_io lookup=$cookie_io zone=client_sessions:1m; }
              server { listen 80; location /socket.io/ { proxy_pass http://nodes; } }
            }
            """, arguments: ["--nginx-version", "1.30.0"]),
            RuleExample(.apache, """
            <Proxy "balancer://nodes">
            BalancerMember http://127.0.0.1:3000 route=a
            BalancerMember http://127.0.0.1:3001 route=b
            ↓ProxySet stickysession=SERVERID
            </Proxy>
            ProxyPass /socket.io/ balancer://nodes/socket.io/
            """, note: "nothing sets SERVERID"),
            RuleExample(.apache, """
            Header add Set-Cookie "SERVERID=sticky.%{BALANCER_WORKER_ROUTE}e; path=/" env=BALANCER_ROUTE_CHANGED
            <Proxy "balancer://nodes">
            BalancerMember http://127.0.0.1:3000
            BalancerMember http://127.0.0.1:3001 route=b
            ↓ProxySet stickysession=SERVERID
            </Proxy>
            ProxyPass /socket.io/ balancer://nodes/socket.io/
            """, note: "a member without route= cannot be stuck to"),
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
              ↓cookie io prefix indirect nocache
              server s1 127.0.0.1:3000 cookie s1
              server s2 127.0.0.1:3001 cookie s2
            """, note: "Socket.IO's docs snippet: the server sets no io cookie since v3"),
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
              ↓cookie SERVERID insert
              server s1 127.0.0.1:3000
              server s2 127.0.0.1:3001
            """, note: "no server has a cookie value to insert"),
        ],
        nonTriggeringExamples: [
            RuleExample(.nginx, """
            http {
              upstream nodes { server 127.0.0.1:3000; server 127.0.0.1:3001; sticky cookie srv_id expires=1h; }
              server { listen 80; location /socket.io/ { proxy_pass http://nodes; } }
            }
            """, arguments: ["--nginx-version", "1.30.0"]),
            RuleExample(.apache, """
            Header add Set-Cookie "SERVERID=sticky.%{BALANCER_WORKER_ROUTE}e; path=/" env=BALANCER_ROUTE_CHANGED
            <Proxy "balancer://nodes">
            BalancerMember http://127.0.0.1:3000 route=a
            BalancerMember http://127.0.0.1:3001 route=b
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
              cookie SERVERID insert indirect nocache
              server s1 127.0.0.1:3000 cookie s1
              server s2 127.0.0.1:3001 cookie s2
            """),
        ],
        tags: ["socket.io", "polling", "sticky-sessions"])

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard context.socketIO.usesPolling else { return [] }
        var findings: [Finding] = []
        for (group, _) in context.balancedPollingGroups() {
            guard case .cookie(let name, let issuer) = group.affinity.value else { continue }
            let why: String
            switch issuer {
            case .proxy: continue
            case .application(let text): why = text + "; Socket.IO servers send no cookie since v3 unless their `cookie` option is set"
            case .nobody(let text): why = text
            }
            findings.append(finding("\(group.name) keeps sessions on one server only through cookie \(name), which nothing sets: \(why); requests are balanced as if there were no affinity (\"Session ID unknown\")",
                                    at: group.affinity.reportRange(fallback: group.declaration), context: context))
        }
        return findings
    }
}
