import Testing
@testable import SiolintCore

/// Settings through defaults sections: the latest one before a proxy, a named one with `from`,
/// defaults inheriting from defaults; timeouts, affinity and body limits in the model.
struct HAProxyDefaultsTests {
    private func idle(_ report: ConfigurationReport, server: Int = 0) -> Setting<TimeLimit>? {
        HAProxyTestSupport.routes(report, .webSocketUpgrade, server: server).first?.route.settings.upgradedIdleTimeout
    }

    @Test func timesReadTheirUnitOnTheBytes() {
        #expect(HAProxyValues.parseTime("60")?.duration == Duration(milliseconds: 60))
        #expect(HAProxyValues.parseTime("60")?.unitless == true)
        #expect(HAProxyValues.parseTime("1500us")?.duration == Duration(milliseconds: 2))
        #expect(HAProxyValues.parseTime("250ms")?.duration == Duration(milliseconds: 250))
        #expect(HAProxyValues.parseTime("30s")?.unitless == false)
        #expect(HAProxyValues.parseTime("2m")?.duration == Duration(milliseconds: 120_000))
        #expect(HAProxyValues.parseTime("1h")?.duration == Duration(milliseconds: 3_600_000))
        #expect(HAProxyValues.parseTime("1d")?.duration == Duration(milliseconds: 86_400_000))
        for refused in ["", "s", "10x", "10sec", "10 s", "10S", "25d", "5s\u{301}", "99999999999999999999"] {
            #expect(HAProxyValues.parseTime(refused) == nil, "\(refused)")
        }
    }

    @Test func eachProxyTakesTheLatestDefaultsBeforeIt() throws {
        let report = try HAProxyTestSupport.lint("""
        defaults
          mode http
          timeout tunnel 10s
        listen first
          bind :80
          server s 127.0.0.1:3000
        defaults
          mode http
          timeout tunnel 2h
        listen second
          bind :81
          server s 127.0.0.1:3000
        """)
        #expect(idle(report, server: 0)?.value == .after(.seconds(10)))
        #expect(idle(report, server: 1)?.value == .after(.seconds(7200)))
        if case .directive(_, let level)? = idle(report, server: 1)?.provenance { #expect(level == "defaults") } else { Issue.record("inherited") }
    }

    @Test func namedDefaultsAndDefaultsFromDefaults() throws {
        let text = """
        defaults base
          mode http
          timeout client 60s
          timeout server 60s
          timeout tunnel 30m
        defaults child from base
          timeout tunnel 5s
        defaults other
          mode tcp
        frontend fe from child
          bind :80
          default_backend be
        backend be from base
          server s 127.0.0.1:3000
        """
        let report = try HAProxyTestSupport.lint(text)
        let route = try #require(HAProxyTestSupport.routes(report, .webSocketUpgrade).first)
        #expect(route.route.settings.upgradedIdleTimeout.value == .after(.seconds(1800)), "the backend's own chain decides timeout tunnel")
        if case .directive(_, let level) = route.route.settings.upgradedIdleTimeout.provenance { #expect(level == "defaults base") }
        #expect(route.forwardedHopHeaders["upgrade"] != nil)
        #expect(HAProxyModelBuilder.isHTTPMode(try #require(HAProxyDefaults.proxies(LintHarness.load(text, server: .haproxy).parsed.directives).proxies.first)))
    }

    @Test func missingNamedDefaultsIsRefused() throws {
        let report = try HAProxyTestSupport.lint("frontend fe from nothing\n  bind :80\n")
        #expect(report.findings.contains { $0.ruleID == "SIO601" && $0.message.contains("nothing") })
    }

    @Test func idleTimeoutIsTunnelOrTheShorterSide() throws {
        func timeouts(_ lines: String) throws -> (Setting<TimeLimit>, Setting<TimeLimit>) {
            let report = try HAProxyTestSupport.lint("defaults\n  mode http\n\(lines)\nlisten l\n  bind :80\n  server s 127.0.0.1:3000\n")
            let route = try #require(HAProxyTestSupport.routes(report, .webSocketUpgrade).first).route.settings
            return (route.upgradedIdleTimeout, route.responseTimeout)
        }
        let (shorter, response) = try timeouts("  timeout client 40s\n  timeout server 50s\n  timeout client-fin 1s\n  timeout server-fin 1s")
        #expect(shorter.value == .after(.seconds(40)))
        if case .combined(_, let parts) = shorter.provenance { #expect(parts.count == 2) } else { Issue.record("combined provenance") }
        #expect(response.value == .after(.seconds(50)), "polling waits on timeout server only")
        let (oneSide, _) = try timeouts("  timeout server 50s")
        #expect(oneSide.value == .after(.seconds(50)))
        let (none, noResponse) = try timeouts("")
        #expect(none.value == .unlimited)
        #expect(noResponse.value == .unlimited)
        let (bare, _) = try timeouts("  timeout tunnel 3600000")
        #expect(bare.value == .after(.seconds(3600)), "a bare number is milliseconds")
    }

    @Test func unsetTimeoutsAreReportedAtInfo() throws {
        let report = try HAProxyTestSupport.lint("listen l\n  mode http\n  bind :80\n  server s 127.0.0.1:3000\n")
        let infos = report.findings.filter { ["SIO101", "SIO102"].contains($0.ruleID) }
        #expect(infos.map(\.severity) == [.info, .info])
        #expect(infos.allSatisfy { $0.message.contains("missing timeouts") })
    }

    @Test func affinityKinds() throws {
        func affinity(_ backend: String) throws -> Affinity? {
            let report = try HAProxyTestSupport.lint(HAProxyTestSupport.timeouts + "backend be\n\(backend)\n  server a 127.0.0.1:3000 cookie a\n  server b 127.0.0.1:3001 cookie b\n")
            return report.loaded?.model?.upstreams["be"]?.affinity.value
        }
        #expect(try affinity("  balance roundrobin") == Affinity.none)
        #expect(try affinity("  balance source") == .clientAddress)
        #expect(try affinity("  cookie SRV insert indirect nocache") == .cookie(name: "SRV", issuer: .proxy))
        if case .cookie(_, .application)? = try affinity("  cookie io prefix indirect nocache") {} else { Issue.record("prefix relies on the application") }
        if case .cookie(_, .application)? = try affinity("  cookie io rewrite") {} else { Issue.record("rewrite relies on the application") }
        #expect(try affinity("  stick-table type ip size 1m\n  stick on src") == .stickTable(key: "src"))
        #expect(try affinity("  balance uri") == .hash(key: "uri", keepsClient: true))
        #expect(try affinity("  balance uri whole") == .hash(key: "uri whole", keepsClient: false))
        #expect(try affinity("  balance url_param sid") == .hash(key: "url_param sid", keepsClient: false))
        #expect(try affinity("  balance hdr(X-Forwarded-For)") == .hash(key: "hdr(X-Forwarded-For)", keepsClient: true))
    }

    @Test func bodyLimitOnlyFromAnExplicitDeny() throws {
        func limit(_ rule: String) throws -> ByteLimit? {
            let report = try HAProxyTestSupport.lint(HAProxyTestSupport.timeouts + "frontend fe\n  bind :80\n\(rule)\n  default_backend be\nbackend be\n  server s 127.0.0.1:3000\n")
            return HAProxyTestSupport.routes(report, .pollingPost).first?.route.settings.requestBodyLimit.value
        }
        #expect(try limit("") == .unlimited)
        #expect(try limit("  http-request deny if { req.body_size gt 100k }") == .bytes(102_400))
        #expect(try limit("  acl big req.body_size ge 1000\n  http-request deny if big") == .bytes(999))
        #expect(try limit("  http-request deny if { req.body_size gt 10 } { path_beg /upload }") == .unlimited)
    }

    @Test func removedKeywordsDependOnTheTargetVersion() throws {
        let text = "global\n  nbproc 2\n" + HAProxyTestSupport.timeouts.replacingOccurrences(of: "mode http", with: "mode http\n  option forceclose\n  reqrep ^a b")
        #expect(try HAProxyTestSupport.lint(text).findings.filter { $0.ruleID == "SIO601" }.count == 3)
        #expect(try HAProxyTestSupport.lint(text, ["--haproxy-version", "2.1"]).findings.filter { $0.ruleID == "SIO601" }.count == 2)
        #expect(try HAProxyTestSupport.lint(text, ["--haproxy-version", "1.8"]).findings.filter { $0.ruleID == "SIO601" }.isEmpty)
    }
}

/// A proxy's own section is searched with `KeyPattern`s, a defaults section by `key(of:)`: both
/// must name the same lines, or a setting would be found in one kind of section and not the other.
struct HAProxyKeyPatternTests {
    @Test func aPatternMatchesExactlyTheLinesWhoseKeyItIs() {
        let parsed = HAProxyTestSupport.parse("""
        defaults
          mode http
          timeout client 30s
          timeout  server 1m
          timeout tunnel
          option http-server-close
          no option forwardfor
          default option httplog
          no timeout client
          default mode
          balance roundrobin
          cookie SERVERID insert
          server s 127.0.0.1:3000
          http-request deny
          option
          errorfile 503 /x
        """)
        #expect(parsed.problems.isEmpty)
        let lines = parsed.sections.flatMap { $0.block ?? [] }
        let keys = ["mode", "balance", "cookie", "default_backend", "errorfile", "timeout client", "timeout server",
                    "timeout tunnel", "option http-server-close", "option forwardfor", "option httplog", "server", "http-request"]
        #expect(lines.count == 15)
        for key in keys {
            let pattern = HAProxyDefaults.KeyPattern(key)
            for line in lines {
                #expect(pattern.matches(line) == (HAProxyDefaults.key(of: line) == key), "\(key) on \(line.sourceText)")
            }
        }
    }

    @Test func wellKnownPatternsSitAtTheirSlots() {
        for (index, pattern) in HAProxyDefaults.KeyPattern.wellKnown.enumerated() {
            #expect(pattern.slot == index, "\(pattern.key)")
        }
        #expect(HAProxyDefaults.KeyPattern("timeout server").slot == nil)
    }
}
