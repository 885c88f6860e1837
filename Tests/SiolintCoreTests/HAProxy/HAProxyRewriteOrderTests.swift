import Testing
@testable import SiolintCore

/// HAProxy runs a frontend's `http-request` rules before it evaluates `use_backend`, and a
/// backend's after it has been chosen; each rule sees the path the rules before it left.
/// Proven with haproxy 2.6 by the real-server cases `haproxy-frontend-rewrite-*` and
/// `haproxy-backend-rewrites-after-selection`.
struct HAProxyRewriteOrderTests {
    private func lint(_ frontend: String, backends: String = "") throws -> ConfigurationReport {
        try HAProxyTestSupport.lint(HAProxyTestSupport.timeouts + "frontend fe\n  bind :80\n" + frontend + "\n" + backends + """
            backend sio
              server s1 127.0.0.1:3000
            backend web
              server w1 127.0.0.1:8000

            """)
    }

    private func only(_ report: ConfigurationReport, _ kind: ProbeRequest.Kind = .pollingGet) throws -> EffectiveRoute {
        let routes = HAProxyTestSupport.routes(report, kind)
        #expect(routes.count == 1)
        return try #require(routes.first)
    }

    private func errors(_ report: ConfigurationReport) -> [Finding] { report.findings.filter { $0.severity == .error } }

    @Test func useBackendSeesTheFrontendsRewrittenPath() throws {
        let report = try lint("""
              http-request set-path /app%[path] if { path_beg /socket.io/ }
              use_backend restore if { path_beg /app/socket.io/ }
              default_backend web
            """, backends: "backend restore\n  http-request replace-path /app(/.*) \\1\n  server s1 127.0.0.1:3000\n")
        let route = try only(report)
        #expect(HAProxyTestSupport.backendName(route) == "restore")
        #expect(route.uncertain == false)
        #expect(route.forwardedPath == "/socket.io/")
        #expect(errors(report).isEmpty)
    }

    @Test func aFrontendRewriteMakesThePathACLMiss() throws {
        let report = try lint("""
              http-request set-path /v2%[path]
              use_backend sio if { path_beg /socket.io/ }
              default_backend web
            """)
        let route = try only(report)
        #expect(HAProxyTestSupport.backendName(route) == "web")
        #expect(route.forwardedPath == "/v2/socket.io/")
        #expect(errors(report).map(\.ruleID) == ["SIO301"])
    }

    @Test func theRewritesOrderIsTheRulesOrderNotTheUseBackendLines() throws {
        // use_backend written before the rewrite still sees it: all http-request rules run first.
        let report = try lint("""
              use_backend sio if { path_beg /socket.io/ }
              http-request set-path /v2%[path]
              default_backend web
            """)
        #expect(HAProxyTestSupport.backendName(try only(report)) == "web")
    }

    @Test func backendRulesRunAfterSelectionEachOnThePathBeforeIt() throws {
        let report = try lint("""
              use_backend twice if { path_beg /socket.io/ }
              default_backend web
            """, backends: """
            backend twice
              http-request set-path /v2%[path]
              http-request replace-path /v2(/.*) \\1 if { path_beg /v2/socket.io/ }
              server s1 127.0.0.1:3000

            """)
        let route = try only(report)
        #expect(HAProxyTestSupport.backendName(route) == "twice")
        #expect(route.forwardedPath == "/socket.io/")
        #expect(errors(report).isEmpty)
    }

    @Test func aBackendRewriteDoesNotChangeWhichBackendWasChosen() throws {
        let report = try lint("""
              use_backend moved if { path_beg /socket.io/ }
              use_backend web if { path_beg /v2/ }
              default_backend web
            """, backends: "backend moved\n  http-request set-path /v2%[path]\n  server s1 127.0.0.1:3000\n")
        let route = try only(report)
        #expect(HAProxyTestSupport.backendName(route) == "moved")
        #expect(route.forwardedPath == "/v2/socket.io/")
    }

    @Test func frontendRulesTestThePathTheEarlierRulesLeft() throws {
        let chained = try only(try lint("""
              http-request set-path /v2%[path]
              http-request replace-path /v2(/.*) \\1 if { path_beg /v2/ }
              use_backend sio if { path_beg /socket.io/ }
              default_backend web
            """))
        #expect(HAProxyTestSupport.backendName(chained) == "sio")
        #expect(chained.forwardedPath == "/socket.io/")
        let denied = try lint("  http-request set-path /blocked%[path]\n  http-request deny if { path_beg /blocked/ }\n  default_backend sio")
        #expect(try only(denied).route.proxyTarget == nil)
        let before = try lint("  http-request deny if { path_beg /v2/ }\n  http-request set-path /v2%[path]\n  default_backend sio")
        #expect(try only(before).route.proxyTarget != nil, "a deny before the rewrite sees the client's path")
    }

    @Test func anUnevaluableRewriteMakesPathACLsAfterItUncertain() throws {
        let report = try lint("""
              http-request set-path %[path,regsub(^/a,/b)]
              use_backend sio if { path_beg /socket.io/ }
              use_backend web if { hdr(upgrade) -i websocket }
              default_backend web
            """)
        let polling = HAProxyTestSupport.routes(report, .pollingGet)
        #expect(Set(polling.map { HAProxyTestSupport.backendName($0) }) == ["sio", "web"])
        #expect(polling.allSatisfy { $0.uncertain })
        #expect(report.findings.contains { $0.ruleID == "SIO301" && $0.severity == .info })
        #expect(errors(report).isEmpty)
    }

    @Test func withoutRewritesUseBackendIsUnchanged() throws {
        let report = try lint("  http-request set-header X-Forwarded-Proto http\n  use_backend sio if { path_beg /socket.io/ }\n  default_backend web")
        let route = try only(report)
        #expect(HAProxyTestSupport.backendName(route) == "sio")
        #expect(route.forwardedPath == "/socket.io/")
        #expect(report.findings.isEmpty)
    }
}
