import Testing
@testable import SiolintCore

/// The same setup written for nginx and for HAProxy must build models that route the probes the
/// same way: same action kind, forwarded path, Upgrade/Connection, timeouts, backend count,
/// affinity kind, and the same rules firing.
struct HAProxyEquivalenceTests {
    struct Outcome: Equatable, CustomStringConvertible {
        var kind: ProbeRequest.Kind
        var proxies: Bool
        var path: String?
        var upgrade: Bool
        var connectionUpgrade: Bool
        var idle: TimeLimit
        var response: TimeLimit
        var servers: Int
        var affinity: String
        var description: String { "\(kind.rawValue): proxies=\(proxies) path=\(path ?? "?") up=\(upgrade)/\(connectionUpgrade) idle=\(idle) resp=\(response) servers=\(servers) affinity=\(affinity)" }
    }

    struct Setup: CustomTestStringConvertible, Sendable {
        var name: String
        var nginx: String
        var haproxy: String
        var testDescription: String { name }
    }

    static func affinityKind(_ a: Affinity?) -> String {
        switch a {
        case .none?, nil: return "none"
        case .clientAddress?: return "client address"
        case .hash(_, let keeps)?: return keeps ? "hash keeps client" : "hash"
        case .cookie(_, .proxy)?: return "proxy cookie"
        case .cookie?: return "cookie nobody sets"
        case .stickTable?: return "stick table"
        }
    }

    static func outcomes(_ report: ConfigurationReport) -> [Outcome] {
        let model = report.loaded?.model
        return ProbeRequest.Kind.allCases.flatMap { kind in
            report.probes.flatMap { $0.routes[kind] ?? [] }.map { routed in
                var group: UpstreamGroup?
                if case .group(let name)? = routed.route.proxyTarget?.upstream { group = model?.upstreams[name] }
                let connection = routed.forwardedHopHeaders["connection"]?.value ?? ""
                return Outcome(kind: kind, proxies: routed.route.proxyTarget != nil, path: routed.forwardedPath,
                               upgrade: routed.forwardedHopHeaders["upgrade"]?.value?.lowercased() == "websocket",
                               connectionUpgrade: WebSocketUpgradeNotForwardedRule.hasToken("upgrade", in: connection),
                               idle: routed.route.settings.upgradedIdleTimeout.value, response: routed.route.settings.responseTimeout.value,
                               servers: group?.activeServers.count ?? 1, affinity: affinityKind(group?.affinity.value))
            }
        }
    }

    static func nginx(_ location: String, upstream: String = "server 127.0.0.1:3000;", read: String = "60s") -> String {
        """
        http {
          map $http_upgrade $connection_upgrade { default upgrade; '' close; }
          upstream nodes { \(upstream) }
          server { listen 80;
            location /socket.io/ {
              proxy_pass http://nodes\(location);
              proxy_http_version 1.1;
              proxy_set_header Upgrade $http_upgrade;
              proxy_set_header Connection $connection_upgrade;
              proxy_read_timeout \(read);
            }
          }
        }
        """
    }

    static func haproxy(_ frontend: String = "", backend: String = "", timeout: String = "60s") -> String {
        """
        defaults
          mode http
          timeout connect 5s
          timeout client \(timeout)
          timeout server \(timeout)
          timeout tunnel \(timeout)
        frontend fe
          bind :80
        \(frontend)
          use_backend nodes if { path_beg /socket.io/ }
        backend nodes
        \(backend)
          server s1 127.0.0.1:3000
        """
    }

    static let setups: [Setup] = [
        Setup(name: "one backend, 60s", nginx: nginx(""), haproxy: haproxy()),
        Setup(name: "short timeout", nginx: nginx("", read: "20s"), haproxy: haproxy(timeout: "20s")),
        // In the backend: a frontend rewrite would run before use_backend, which would then miss.
        Setup(name: "prefix stripped", nginx: nginx("/"), haproxy: haproxy(backend: "  http-request replace-path /socket.io/(.*) /\\1")),
        Setup(name: "two nodes, no affinity", nginx: nginx("", upstream: "server 127.0.0.1:3000; server 127.0.0.1:3001;"),
              haproxy: haproxy(backend: "  server s2 127.0.0.1:3001")),
        Setup(name: "two nodes, client address", nginx: nginx("", upstream: "ip_hash; server 127.0.0.1:3000; server 127.0.0.1:3001;"),
              haproxy: haproxy(backend: "  balance source\n  server s2 127.0.0.1:3001")),
        Setup(name: "two nodes, proxy cookie", nginx: nginx("", upstream: "server 127.0.0.1:3000; server 127.0.0.1:3001; sticky cookie srv;"),
              haproxy: haproxy(backend: "  cookie srv insert\n  server s2 127.0.0.1:3001 cookie b").replacingOccurrences(of: "server s1 127.0.0.1:3000", with: "server s1 127.0.0.1:3000 cookie a")),
    ]

    @Test(arguments: setups)
    func sameOutcomes(_ setup: Setup) throws {
        let n = try LintHarness.lint(setup.nginx, server: .nginx, arguments: ["--nginx-version", "1.30.0"])
        let h = try HAProxyTestSupport.lint(setup.haproxy)
        #expect(n.findings.filter { $0.ruleID == "SIO000" }.isEmpty && h.findings.filter { $0.ruleID == "SIO000" }.isEmpty)
        #expect(Self.outcomes(n) == Self.outcomes(h))
        let ids = { (r: ConfigurationReport) in Set(r.findings.filter { $0.severity != .info }.map(\.ruleID)) }
        #expect(ids(n) == ids(h))
    }
}
