import Testing
@testable import SiolintCore

/// mod_rewrite's flow through a server-context rule set: `[C]` chains, `[S=N]` skips, `[N]`
/// restarts, internal rewrites that later rules match, and `$N`/`%N` back-references. Proven with
/// httpd 2.4 by the real-server cases `apache-rewrite-*`.
struct ApacheRewriteFlowTests {
    private let worker = "ProxyPass / http://127.0.0.1:3000/ upgrade=websocket\nRewriteEngine on\n"

    private func lint(_ text: String) throws -> ConfigurationReport {
        try LintHarness.lint(text, server: .apache)
    }

    /// The only route a probe takes (a certain one).
    private func only(_ report: ConfigurationReport, _ kind: ProbeRequest.Kind = .pollingGet) throws -> EffectiveRoute {
        let routes = try #require(report.probes.first?.routes[kind])
        #expect(routes.count == 1)
        let route = try #require(routes.first)
        #expect(!route.uncertain)
        return route
    }

    private func errors(_ report: ConfigurationReport) -> [String] { report.findings.filter { $0.severity == .error }.map(\.ruleID) }

    @Test func aSkipJumpsOverTheRuleThatWouldRewrite() throws {
        let report = try lint(worker + "RewriteRule ^/socket\\.io/ - [S=1]\nRewriteRule ^/(.*)$ http://127.0.0.1:3000/app/$1 [P,L]\n")
        let route = try only(report)
        #expect(route.route.label.hasPrefix("ProxyPass /"))
        #expect(route.forwardedPath == "/socket.io/")
        #expect(report.findings.isEmpty)
    }

    @Test func aSkipCanLandOnACatchAll() throws {
        let report = try lint(worker + """
            RewriteRule ^/socket\\.io/ - [S=1]
            RewriteRule ^/socket\\.io/(.*)$ http://127.0.0.1:3000/socket.io/$1 [P,L]
            RewriteRule ^/(.*)$ http://127.0.0.1:3000/app/$1 [P,L]
            """)
        let route = try only(report)
        #expect(route.route.label.contains("/app/$1"))
        #expect(route.forwardedPath == "/app/socket.io/")
        #expect(errors(report) == ["SIO301"])
    }

    @Test func aSkipCountsOnlyWhenTheRuleMatches() throws {
        let route = try only(try lint(worker + "RewriteRule ^/api/ - [S=1]\nRewriteRule ^/(.*)$ http://127.0.0.1:3000/$1 [P,L]\n"))
        #expect(route.route.label.hasPrefix("RewriteRule ^/(.*)$"))
    }

    @Test func aChainWhoseHeadMissesIsSkippedWhole() throws {
        let report = try lint(worker + "RewriteRule ^/api/ - [C]\nRewriteRule ^/(.*) http://127.0.0.1:3000/x/$1 [P,L]\n")
        let route = try only(report)
        #expect(route.route.label.hasPrefix("ProxyPass /"))
        #expect(report.findings.isEmpty)
        let long = try only(try lint(worker + """
            RewriteRule ^/api/ - [C]
            RewriteRule ^/ - [C]
            RewriteRule ^/(.*) http://127.0.0.1:3000/x/$1 [P,L]
            RewriteRule ^/(.*) http://127.0.0.1:3000/y/$1 [P,L]
            """))
        #expect(long.forwardedPath == "/y/socket.io/", "every rule chained to the head is skipped, the next one runs")
    }

    @Test func aChainWhoseHeadMatchesRunsOn() throws {
        let report = try lint(worker + "RewriteRule ^/socket\\.io/ - [C]\nRewriteRule ^/(.*) http://127.0.0.1:3000/x/$1 [P,L]\n")
        #expect(try only(report).forwardedPath == "/x/socket.io/")
        #expect(errors(report) == ["SIO301"])
    }

    @Test func aChainHeadConditionSplitsWebSocketFromPolling() throws {
        let report = try lint("""
            ProxyPass / http://127.0.0.1:3000/
            RewriteEngine on
            RewriteCond %{HTTP:Upgrade} websocket [NC]
            RewriteRule ^/socket\\.io/ - [C]
            RewriteRule ^/(.*) ws://127.0.0.1:3000/$1 [P,L]
            """)
        #expect(try only(report, .webSocketUpgrade).route.label.hasPrefix("RewriteRule ^/(.*) ws://"))
        #expect(try only(report, .pollingGet).route.label == "ProxyPass / http://127.0.0.1:3000/")
        #expect(report.findings.isEmpty)
    }

    @Test func laterRulesMatchThePathAnInternalRewriteLeft() throws {
        let report = try lint(worker + "RewriteRule ^/socket\\.io/(.*)$ /realtime/$1\nRewriteRule ^/realtime/(.*)$ http://127.0.0.1:3000/socket.io/$1 [P,L]\n")
        let route = try only(report)
        #expect(route.route.label.hasPrefix("RewriteRule ^/realtime/"))
        #expect(route.forwardedPath == "/socket.io/")
        #expect(report.findings.isEmpty)
    }

    @Test func requestURIStaysTheClientsPath() throws {
        let route = try only(try lint(worker + """
            RewriteRule ^/socket\\.io/(.*)$ /realtime/$1
            RewriteCond %{REQUEST_URI} ^/socket\\.io/
            RewriteRule ^/realtime/(.*)$ http://127.0.0.1:3000/socket.io/$1 [P,L]
            """))
        #expect(route.route.label.hasPrefix("RewriteRule ^/realtime/"))
    }

    @Test func nextStartsTheRuleSetAgain() throws {
        let report = try lint(worker + "RewriteRule ^/realtime/(.*)$ http://127.0.0.1:3000/socket.io/$1 [P,L]\nRewriteRule ^/socket\\.io/(.*)$ /realtime/$1 [N]\n")
        let route = try only(report)
        #expect(route.route.label.hasPrefix("RewriteRule ^/realtime/"))
        #expect(route.forwardedPath == "/socket.io/")
        #expect(report.findings.isEmpty)
    }

    @Test func aLoopThatNeverEndsCannotBeEvaluated() throws {
        let report = try lint(worker + "RewriteRule ^/socket\\.io/(.*)$ /socket.io/$1 [N]\n")
        let routes = try #require(report.probes.first?.routes[.pollingGet])
        #expect(routes.contains { $0.uncertain })
        #expect(errors(report).isEmpty)
    }

    @Test func lastEndsTheRuleSetBeforeLaterRules() throws {
        let route = try only(try lint(worker + "RewriteRule ^/socket\\.io/ - [L]\nRewriteRule ^/(.*)$ http://127.0.0.1:3000/app/$1 [P,L]\n"))
        #expect(route.route.label.hasPrefix("ProxyPass /"), "`-` changes nothing, so ProxyPass still runs")
    }

    @Test func backReferences() throws {
        let dollar = try lint(worker + "RewriteRule ^/socket\\.io/(.*)$ http://127.0.0.1:3000/$1 [P,L]\n")
        #expect(try only(dollar).forwardedPath == "/")
        #expect(errors(dollar) == ["SIO301"])
        // %N: the last matched RewriteCond's groups, which siolint does not evaluate.
        let percent = try lint(worker + "RewriteCond %{REQUEST_URI} ^/(socket\\.io/.*)$\nRewriteRule ^ http://127.0.0.1:3000/%1 [P,L]\n")
        let route = try only(percent)
        #expect(route.forwardedPath == nil)
        #expect(percent.findings.map(\.ruleID) == ["SIO301"])
        #expect(percent.findings.allSatisfy { $0.severity == .info && $0.message.hasPrefix("cannot evaluate") })
    }

    @Test func anInternalRewriteThatEndsTheRuleSetIsNotFollowed() throws {
        let report = try lint(worker + "RewriteRule ^/socket\\.io/(.*)$ /realtime/$1 [L]\n")
        let routes = try #require(report.probes.first?.routes[.pollingGet])
        #expect(routes.contains { $0.uncertain && $0.route.proxyTarget == nil })
        let other = try only(try lint(worker + "RewriteRule ^/api/(.*)$ /v1/$1 [L]\n"))
        #expect(other.route.label.hasPrefix("ProxyPass /"), "a rewrite that does not apply leaves the route certain")
    }
}
