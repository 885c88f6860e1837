import Testing
@testable import SiolintCore

/// How the probes route through httpd configurations: stages, inheritance, settings.
struct ApacheRoutingTests {
    private func outcomes(_ text: String, _ arguments: [String] = []) throws -> [ProbeRequest.Kind: ProbeOutcome] {
        ProbeOutcome.outcomes(try LintHarness.lint(text, server: .apache, arguments: arguments))
    }

    private func route(_ text: String, _ kind: ProbeRequest.Kind, server index: Int = 0, _ arguments: [String] = []) throws -> EffectiveRoute {
        let report = try LintHarness.lint(text, server: .apache, arguments: arguments)
        let server = try #require(report.probes.count > index ? report.probes[index] : nil)
        return try #require(server.routes[kind]?.first { !$0.uncertain } ?? server.routes[kind]?.first)
    }

    static let docsPattern = """
        ProxyPass / http://127.0.0.1:3000/
        RewriteEngine on
        RewriteCond %{HTTP:Upgrade} websocket [NC]
        RewriteCond %{HTTP:Connection} upgrade [NC]
        RewriteRule ^/?(.*) "ws://127.0.0.1:3000/$1" [P,L]
        """

    @Test func serverRewritesRunBeforeProxyPass() throws {
        let ws = try route(Self.docsPattern, .webSocketUpgrade)
        #expect(ws.route.label.hasPrefix("RewriteRule"))
        #expect(ws.forwardedPath == "/socket.io/")
        #expect(ws.forwardedHopHeaders["upgrade"]?.value == "websocket")
        let polling = try route(Self.docsPattern, .pollingGet)
        #expect(polling.route.label == "ProxyPass / http://127.0.0.1:3000/")
    }

    @Test func rewriteEngineOffOrPerDirectoryRulesAreNotCredited() throws {
        let off = Self.docsPattern.replacingOccurrences(of: "RewriteEngine on", with: "RewriteEngine off")
        #expect(try route(off, .webSocketUpgrade).route.label.hasPrefix("ProxyPass"))
        let perDirectory = "ProxyPass / http://127.0.0.1:3000/\n<Directory /var/www>\nRewriteEngine on\nRewriteRule ^(.*) ws://127.0.0.1:3000/$1 [P]\n</Directory>\n"
        #expect(try route(perDirectory, .webSocketUpgrade).route.label.hasPrefix("ProxyPass"))
    }

    @Test func orConditionsAndNegation() throws {
        let text = """
            RewriteEngine On
            RewriteCond %{HTTP:Upgrade} =nothing [OR]
            RewriteCond %{HTTP:Upgrade} =websocket [NC]
            RewriteRule /(.*) balancer://ws/$1 [P,L]
            RewriteCond %{HTTP:Upgrade} !=websocket [NC]
            RewriteRule /(.*) http://127.0.0.1:3000/$1 [P,L]
            <Proxy balancer://ws>
            BalancerMember ws://127.0.0.1:3000
            </Proxy>
            """
        #expect(try route(text, .webSocketUpgrade).route.proxyTarget?.upstream == .group("balancer://ws"))
        #expect(try route(text, .pollingPost).route.proxyTarget?.upstream == .address("127.0.0.1:3000"))
    }

    @Test func unevaluableConditionIsUncertainAndRoutingContinues() throws {
        let text = "RewriteEngine On\nRewriteCond %{HTTPS} off\nRewriteRule ^ https://%{HTTP_HOST}%{REQUEST_URI} [R=301,L]\nProxyPass / http://127.0.0.1:3000/ upgrade=websocket\n"
        let report = try LintHarness.lint(text, server: .apache)
        let routes = try #require(report.probes.first?.routes[.pollingGet])
        #expect(routes.count == 2)
        #expect(routes.contains { $0.uncertain && $0.route.proxyTarget == nil })
        #expect(routes.contains { $0.route.proxyTarget != nil })
    }

    @Test func exclusionStopsProxying() throws {
        let text = "ProxyPass /socket.io/ !\nProxyPass / http://127.0.0.1:3000/\n"
        #expect(try route(text, .pollingGet).route.proxyTarget == nil)
    }

    @Test func locationProxyPassIsCheckedBeforeServerProxyPassAndLastWins() throws {
        let text = """
            ProxyPass / http://127.0.0.1:3000/nothing/
            <Location /socket.io>
              ProxyPass http://127.0.0.1:3001/socket.io
            </Location>
            <Location /socket.io/>
              ProxyPass http://127.0.0.1:3000/socket.io/ upgrade=websocket
            </Location>
            """
        let r = try route(text, .webSocketUpgrade)
        #expect(r.route.label.hasPrefix("<Location /socket.io/>"))
        #expect(r.forwardedPath == "/socket.io/")
        #expect(r.forwardedHopHeaders["upgrade"]?.value == "websocket")
    }

    @Test func proxyPassMatchSubstitutes() throws {
        let r = try route("ProxyPassMatch ^/(socket\\.io/.*)$ http://127.0.0.1:3000/app/$1\n", .pollingGet)
        #expect(r.forwardedPath == "/app/socket.io/")
        let appended = try route("ProxyPassMatch ^/socket\\.io/ http://127.0.0.1:3000\n", .pollingGet)
        #expect(appended.forwardedPath == "/socket.io/")
    }

    @Test func virtualHostInheritsMainServerSettingsAndProxyPass() throws {
        let text = """
            Timeout 30
            ProxyTimeout 40
            ProxyPass /socket.io/ http://127.0.0.1:3000/socket.io/ upgrade=websocket
            <VirtualHost *:80>
              ServerName a.example
            </VirtualHost>
            <VirtualHost *:80>
              ServerName b.example
              ProxyTimeout 90
              ProxyPassInherit Off
              ProxyPass /socket.io/ http://127.0.0.1:3001/socket.io/
            </VirtualHost>
            """
        let report = try LintHarness.lint(text, server: .apache)
        let labels = report.probes.map(\.server.label)
        #expect(labels.count == 3)
        let a = try #require(report.probes.first { $0.server.names == ["a.example"] }?.routes[.pollingGet]?.first)
        #expect(a.route.settings.responseTimeout.value == .after(.seconds(40)))
        #expect(a.route.settings.upgradedIdleTimeout.value == .after(.seconds(40)))
        let b = try #require(report.probes.first { $0.server.names == ["b.example"] }?.routes[.pollingGet]?.first)
        #expect(b.route.proxyTarget?.upstream == .address("127.0.0.1:3001"))
        #expect(b.route.settings.responseTimeout.value == .after(.seconds(90)))
    }

    @Test func rewriteRulesAreNotInheritedWithoutRewriteOptions() throws {
        let main = Self.docsPattern + "\n<VirtualHost *:80>\nServerName v\nProxyPass / http://127.0.0.1:3000/\n</VirtualHost>\n"
        let report = try LintHarness.lint(main, server: .apache)
        let vhost = try #require(report.probes.first { $0.server.names == ["v"] })
        #expect(vhost.routes[.webSocketUpgrade]?.first?.route.label.hasPrefix("ProxyPass") == true)
        let inherited = main.replacingOccurrences(of: "ServerName v", with: "ServerName v\nRewriteOptions Inherit")
        let vhost2 = try #require(try LintHarness.lint(inherited, server: .apache).probes.first { $0.server.names == ["v"] })
        #expect(vhost2.routes[.webSocketUpgrade]?.first?.route.label.hasPrefix("RewriteRule") == true)
    }

    @Test func webSocketIdleTimeoutDependsOnTheVersion() throws {
        let text = "Timeout 30\nProxyTimeout 90\n" + Self.docsPattern
        let modern = try route(text, .webSocketUpgrade)
        #expect(modern.route.settings.upgradedIdleTimeout.value == .after(.seconds(90)))
        let legacy = try route(text, .webSocketUpgrade, ["--apache-version", "2.4.46"])
        #expect(legacy.route.settings.upgradedIdleTimeout.value == .unlimited)
        let off = try route(text + "\nProxyWebsocketFallbackToProxyHttp Off\n", .webSocketUpgrade)
        #expect(off.route.settings.upgradedIdleTimeout.value == .unlimited)
        let http = try route("Timeout 30\nProxyTimeout 10\nProxyPass / http://127.0.0.1:3000/ upgrade=websocket\n", .webSocketUpgrade)
        #expect(http.route.settings.upgradedIdleTimeout.value == .after(.seconds(30)))
        #expect(http.route.settings.responseTimeout.value == .after(.seconds(10)))
    }

    @Test func upgradeParameterNeeds2447() throws {
        let text = "ProxyPass / http://127.0.0.1:3000/ upgrade=websocket\n"
        #expect(try route(text, .webSocketUpgrade).forwardedHopHeaders["upgrade"]?.value == "websocket")
        #expect(try route(text, .webSocketUpgrade, ["--apache-version", "2.4.46"]).forwardedHopHeaders["upgrade"] == nil)
    }

    @Test func workerTimeoutAndBalancerQueueTimeout() throws {
        let text = """
            ProxyTimeout 50
            <Proxy balancer://nodes>
              BalancerMember http://127.0.0.1:3000 route=a timeout=70
              BalancerMember http://127.0.0.1:3001 route=b
              ProxySet timeout=5 stickysession=ROUTEID
            </Proxy>
            ProxyPass /socket.io/ balancer://nodes/socket.io/
            """
        let r = try route(text, .pollingGet)
        #expect(r.route.settings.responseTimeout.value == .after(.seconds(50)))
        let report = try LintHarness.lint(text, server: .apache)
        let group = try #require(report.loaded?.model?.upstreams["balancer://nodes"])
        #expect(group.queueTimeout?.value == .after(.seconds(5)))
        if case .cookie("ROUTEID", .nobody) = group.affinity.value {} else { Issue.record("expected a cookie nobody sets, got \(group.affinity.value)") }
    }

    @Test func sharedWorkerIgnoresLaterParameters() throws {
        let text = "ProxyPass / http://127.0.0.1:3000/\n<Location /socket.io/>\nProxyPass http://127.0.0.1:3000/socket.io/ upgrade=websocket timeout=90\n</Location>\n"
        let r = try route(text, .webSocketUpgrade)
        #expect(r.forwardedHopHeaders["upgrade"] == nil)
        #expect(r.route.proxyTarget?.headers.forwardsClientUpgrade.provenance.explanation.contains("worker sharing") == true)
        #expect(r.route.settings.responseTimeout.value == .after(.seconds(60)))
    }

    @Test func limitRequestBodyIsNotAppliedToProxiedBodies() throws {
        let r = try route("LimitRequestBody 1000\nProxyPass / http://127.0.0.1:3000/\n", .pollingPost)
        #expect(r.route.settings.requestBodyLimit.value == .unlimited)
        #expect(r.route.settings.requestBodyLimit.provenance.explanation.contains("LimitRequestBody 1000"))
    }

    @Test func timeUnitsAreIgnoredByAtoi() throws {
        let report = try LintHarness.lint("Timeout 2m\nProxyPass / http://127.0.0.1:3000/ timeout=500ms\n", server: .apache)
        let literals = try #require(report.loaded?.model?.timeLiterals)
        #expect(literals.map(\.ignoredUnit) == ["m", "ms"])
        #expect(literals.map(\.value) == [.seconds(2), .seconds(500)])
    }
}
