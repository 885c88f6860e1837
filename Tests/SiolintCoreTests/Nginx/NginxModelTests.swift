import Testing
@testable import SiolintCore

/// Effective values and their provenance: inheritance http → server → location, the
/// all-or-nothing rule of proxy_set_header, defaults with their source, proxy_pass URI handling.
struct NginxModelTests {
    func webSocketRoute(_ config: String, _ args: [String] = []) throws -> EffectiveRoute {
        let report = try LintHarness.lint(config, arguments: args)
        return try #require(report.probes.first?.routes[.webSocketUpgrade]?.first)
    }

    @Test func inheritedValuesNameTheirLevel() throws {
        let r = try webSocketRoute("http { proxy_read_timeout 90s; server { listen 80; location / { proxy_pass http://a; } } }")
        let setting = r.route.settings.upgradedIdleTimeout
        #expect(setting.value == .after(.seconds(90)))
        guard case .directive(let ref, let level) = setting.provenance else { Issue.record("expected a directive"); return }
        #expect(ref.text == "proxy_read_timeout 90s")
        #expect(level == "http")
    }

    @Test func defaultsCarryTheirDocumentation() throws {
        let r = try webSocketRoute("http { server { listen 80; location / { proxy_pass http://a; } } }")
        guard case .defaultValue(let description, _, let source) = r.route.settings.upgradedIdleTimeout.provenance else {
            Issue.record("expected a default"); return
        }
        #expect(description.contains("60s"))
        #expect(source.contains("proxy_read_timeout"))
        #expect(r.route.settings.requestBodyLimit.value == .bytes(1_048_576))
    }

    @Test func proxySetHeaderIsAllOrNothing() throws {
        let r = try webSocketRoute("""
        http { server { listen 80;
          proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection upgrade;
          location / { proxy_set_header Host $host; proxy_pass http://a; }
        } }
        """)
        let headers = try #require(r.route.proxyTarget?.headers)
        #expect(headers.assignments.map(\.name) == ["Host"])
        #expect(headers.notInherited.map(\.name) == ["Upgrade", "Connection"])
        #expect(r.forwardedHopHeaders["upgrade"] == nil)
    }

    @Test func mapsAreEvaluatedForTheProbe() throws {
        let r = try webSocketRoute("""
        http { map $http_upgrade $connection_upgrade { default upgrade; '' close; }
          server { listen 80; location / { proxy_pass http://a;
            proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection $connection_upgrade; } } }
        """)
        #expect(r.forwardedHopHeaders["upgrade"]?.value == "websocket")
        #expect(r.forwardedHopHeaders["connection"]?.value == "upgrade")
    }

    @Test(arguments: [
        ("location /socket.io/ { proxy_pass http://b:3000; }", "/socket.io/"),
        ("location /socket.io/ { proxy_pass http://b:3000/; }", "/"),
        ("location /socket.io/ { proxy_pass http://b:3000/socket.io/; }", "/socket.io/"),
        ("location / { proxy_pass http://b:3000/; }", "/socket.io/"),
        ("location /socket.io/ { rewrite ^/socket.io/(.*)$ /$1 break; proxy_pass http://b:3000; }", "/"),
    ])
    func forwardedPath(_ location: String, _ expected: String) throws {
        let r = try webSocketRoute("http { server { listen 80; \(location) } }")
        #expect(r.forwardedPath == expected)
    }

    @Test func upstreamGroupsAndAffinity() throws {
        let report = try LintHarness.lint("""
        http { upstream nodes { hash $remote_addr consistent; server a:1; server b:1; server c:1 backup; }
          server { listen 80; location / { proxy_pass http://nodes; } } }
        """)
        let model = try #require(report.loaded?.model)
        let group = try #require(model.upstreams["nodes"])
        #expect(group.activeServers.count == 2)
        #expect(group.affinity.value == .hash(key: "$remote_addr", keepsClient: true))
    }

    @Test func timeAndSizeSyntax() {
        #expect(NginxValues.parseTime("1h30m")?.duration == Duration(milliseconds: 5_400_000))
        #expect(NginxValues.parseTime("1h 30m")?.duration == Duration(milliseconds: 5_400_000))
        #expect(NginxValues.parseTime("500ms")?.duration == Duration(milliseconds: 500))
        #expect(NginxValues.parseTime("60")?.unitless == true)
        #expect(NginxValues.parseTime("30m 1h") == nil)
        #expect(NginxValues.parseTime("1y") == nil)
        #expect(NginxValues.parseTime("99999999999999999999d") == nil)
        #expect(NginxValues.parseSize("1m") == 1_048_576)
        #expect(NginxValues.parseSize("2G") == 2 << 30)
        #expect(NginxValues.parseSize("1.5m") == nil)
    }
}

struct NginxMissingIncludeTests {
    @Test func valuesAMissingIncludeMaySetAreNotGuessed() throws {
        let report = try LintHarness.lint("""
        http { server { listen 80;
          location / { include /config/nginx/proxy.conf; proxy_pass http://127.0.0.1:3000; }
        } }
        """)
        #expect(report.findings.contains { $0.ruleID == "SIO001" && $0.severity == .warning })
        let errors = report.findings.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map(\.message))")
        #expect(report.findings.contains { $0.ruleID == "SIO201" && $0.severity == .info })
    }

    @Test func aMissingIncludeAtAnOuterLevelDoesNotHideAValueSetInside() throws {
        let report = try LintHarness.lint("""
        http { include missing.conf; server { listen 80;
          location / { proxy_pass http://127.0.0.1:3000; proxy_read_timeout 10s; }
        } }
        """)
        #expect(report.findings.contains { $0.ruleID == "SIO101" && $0.severity == .error })
    }
}
