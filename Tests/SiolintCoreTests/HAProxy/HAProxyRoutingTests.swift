import Testing
@testable import SiolintCore

/// Frontend → backend selection: use_backend in order with ACLs, then default_backend; what the
/// backend receives.
struct HAProxyRoutingTests {
    private let backends = """
    backend sio
      server s1 127.0.0.1:3000
    backend web
      server w1 127.0.0.1:8000
    backend ws
      server x1 127.0.0.1:3001

    """

    private func lint(_ frontend: String, _ arguments: [String] = []) throws -> ConfigurationReport {
        try HAProxyTestSupport.lint(HAProxyTestSupport.timeouts + "frontend fe\n  bind :80\n" + frontend + "\n" + backends, arguments)
    }

    private func chosen(_ report: ConfigurationReport, _ kind: ProbeRequest.Kind) -> [String] {
        HAProxyTestSupport.routes(report, kind).map { HAProxyTestSupport.backendName($0) ?? "local" }
    }

    @Test func namedACLsInOrderThenDefault() throws {
        let report = try lint("  acl is_api path_beg /api/\n  acl is_sio path_beg /socket.io/\n  use_backend web if is_api\n  use_backend sio if is_sio\n  default_backend web")
        #expect(chosen(report, .pollingGet) == ["sio"])
        #expect(HAProxyTestSupport.routes(report, .pollingGet).first?.uncertain == false)
        #expect(HAProxyTestSupport.routes(report, .pollingGet).first?.route.label.contains("acl is_sio: path_beg /socket.io/") == true)
    }

    @Test func anonymousACLsNegationOrAndUnless() throws {
        #expect(chosen(try lint("  use_backend web unless { path_beg /socket.io/ }\n  default_backend sio"), .pollingGet) == ["sio"])
        #expect(chosen(try lint("  use_backend sio if { path_end .js } || { path_sub socket }\n  default_backend web"), .pollingGet) == ["sio"])
        #expect(chosen(try lint("  use_backend web if ! { path_beg /socket.io/ }\n  default_backend sio"), .pollingGet) == ["sio"])
        #expect(chosen(try lint("  use_backend sio if { path_beg /socket.io/ } { method GET }\n  default_backend web"), .pollingPost) == ["web"])
        #expect(chosen(try lint("  use_backend sio if { path -i /SOCKET.IO/ }\n  default_backend web"), .pollingGet) == ["sio"])
        #expect(chosen(try lint("  use_backend sio if { path_reg ^/socket\\.io/$ }\n  default_backend web"), .pollingGet) == ["sio"])
        #expect(chosen(try lint("  use_backend sio if { url_beg /socket.io/?EIO=4 }\n  default_backend web"), .pollingGet) == ["sio"])
        #expect(chosen(try lint("  use_backend sio if { urlp(transport) polling }\n  default_backend web"), .pollingGet) == ["sio"])
    }

    @Test func upgradeHeaderSplitsWebSocketFromPolling() throws {
        let report = try lint("  acl is_ws hdr(upgrade) -i websocket\n  acl conn_up req.hdr(connection) -m sub -i upgrade\n  use_backend ws if is_ws conn_up\n  default_backend sio")
        #expect(chosen(report, .webSocketUpgrade) == ["ws"])
        #expect(chosen(report, .pollingGet) == ["sio"])
    }

    @Test func criteriaSiolintCannotEvaluateKeepEveryCandidate() throws {
        let report = try lint("  use_backend web if { src 10.0.0.0/8 }\n  default_backend sio")
        #expect(chosen(report, .pollingGet) == ["web", "sio"])
        #expect(HAProxyTestSupport.routes(report, .pollingGet).allSatisfy { $0.uncertain })
        #expect(HAProxyTestSupport.routes(report, .pollingGet)[0].decisions.contains { $0.contains("cannot be evaluated") })
        let host = try lint("  use_backend sio if { hdr(host) -i chat.example.com }\n  default_backend web")
        #expect(chosen(host, .pollingGet) == ["sio", "web"], "which Host Socket.IO clients send is unknown")
    }

    @Test func tcpModeDoesNotReadHTTP() throws {
        let report = try HAProxyTestSupport.lint("""
        defaults
          mode tcp
          timeout client 60s
          timeout server 30s
        frontend fe
          bind :80
          use_backend web if { path_beg / }
          default_backend sio
        backend sio
          server s1 127.0.0.1:3000
        backend web
          server w1 127.0.0.1:8000
        """)
        let routes = HAProxyTestSupport.routes(report, .webSocketUpgrade)
        #expect(routes.count == 2)
        let sio = try #require(routes.first { HAProxyTestSupport.backendName($0) == "sio" })
        #expect(sio.forwardedHopHeaders["upgrade"]?.value == "websocket")
        #expect(sio.route.settings.upgradedIdleTimeout.value == .after(.seconds(30)))
        #expect(sio.route.settings.responseTimeout.value == .after(.seconds(30)), "tcp: the shorter of client and server bounds a held response")
    }

    @Test func noDefaultBackendAnswers503() throws {
        let report = try lint("  use_backend sio if { path_beg /app/ }")
        let route = try #require(HAProxyTestSupport.routes(report, .pollingGet).first)
        #expect(route.route.proxyTarget == nil)
        #expect(report.probes[0].inScope == false)
    }

    @Test func denyRulesBeforeUseBackendAnswerLocally() throws {
        let report = try lint("  http-request deny if { path_beg /socket.io/ }\n  default_backend sio")
        #expect(chosen(report, .pollingGet) == ["local"])
    }

    @Test func dynamicAndMissingBackends() throws {
        let dynamic = try lint("  use_backend %[req.hdr(host),lower,map(/etc/haproxy/hosts.map)]\n  default_backend sio")
        let first = try #require(HAProxyTestSupport.routes(dynamic, .pollingGet).first)
        if case .unknown = first.route.proxyTarget?.upstream {} else { Issue.record("a dynamic backend is unknown") }
        #expect(dynamic.findings.contains { $0.ruleID == "SIO101" && $0.severity == .info })
        let missing = try lint("  default_backend nowhere")
        #expect(missing.findings.contains { $0.ruleID == "SIO601" && $0.message.contains("nowhere") })
    }

    @Test func pathRewritesAndTheirConditions() throws {
        func path(_ rule: String) throws -> String? {
            try HAProxyTestSupport.routes(lint("  \(rule)\n  default_backend sio"), .pollingGet).first?.forwardedPath
        }
        #expect(try path("http-request replace-path /socket.io/(.*) /\\1") == "/")
        #expect(try path("http-request replace-path /socket\\.io /x") == "/x", "HAProxy replaces the whole path")
        #expect(try path("http-request set-path /app%[path]") == "/app/socket.io/")
        #expect(try path("http-request set-uri /other?x=1") == "/other")
        #expect(try path("http-request set-path /x if { path_beg /api/ }") == "/socket.io/")
        #expect(try path("http-request set-path /x if { src 10.0.0.1 }") == nil)
        #expect(try path("http-request set-path %[path,regsub(^/a,/b)]") == nil)
    }

    @Test func upgradeHeadersPassUnlessRemoved() throws {
        let plain = try #require(HAProxyTestSupport.routes(try lint("  option http-server-close\n  default_backend sio"), .webSocketUpgrade).first)
        #expect(plain.forwardedHopHeaders["upgrade"]?.value == "websocket")
        #expect(plain.forwardedHopHeaders["connection"]?.value == "Upgrade")
        if case .defaultValue = plain.route.proxyTarget?.headers.forwardsClientUpgrade.provenance {} else { Issue.record("documented default") }
        let removed = try #require(HAProxyTestSupport.routes(try lint("  http-request del-header Upgrade\n  default_backend sio"), .webSocketUpgrade).first)
        #expect(removed.forwardedHopHeaders["upgrade"]?.value == "")
        let copied = try #require(HAProxyTestSupport.routes(try lint("  http-request set-header Connection %[req.hdr(connection)]\n  default_backend sio"), .webSocketUpgrade).first)
        #expect(copied.forwardedHopHeaders["connection"]?.value == "Upgrade")
    }
}
