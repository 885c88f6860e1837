import Testing
@testable import SiolintCore

/// `.siolint.json`: decoding, errors with positions, discovery, and the merge with flags.
struct ConfigurationTests {
    func parse(_ text: String, path: String = "/repo/.siolint.json") throws(ConfigurationError) -> SettingsLayer {
        try ConfigurationFile.parse(Array(text.utf8), path: path, displayPath: ".siolint.json").settings
    }

    func error(_ text: String) -> String? {
        do { _ = try parse(text); return nil } catch { return error.description }
    }

    @Test func decodesEverySetting() throws {
        let s = try parse("""
        {
          "$schema": "https://example.invalid/siolint.schema.json",
          "socketio": {"pingInterval": "10s", "pingTimeout": 5000, "path": "/ws", "maxHttpBufferSize": 1e7,
                       "transports": ["websocket"]},
          "versions": {"nginx": "1.24.0", "haproxy": "2.8"},
          "rules": {"select": ["SIO101", "upstream-http-1.0"], "ignore": ["sio501"], "levels": {"SIO103": "error"}},
          "severity": "warning", "failOn": "error", "dialect": "nginx",
          "includePaths": {"/etc/nginx/": "deploy/nginx"},
          "inlineSuppressions": false
        }
        """)
        #expect(s.pingInterval == .seconds(10))
        #expect(s.pingTimeout == Duration(milliseconds: 5000))
        #expect(s.path == "/ws")
        #expect(s.maxHTTPBufferSize == 10_000_000)
        #expect(s.transports == [.websocket])
        #expect(s.nginxVersion == SoftwareVersion("1.24.0"))
        #expect(s.haproxyVersion == SoftwareVersion("2.8"))
        #expect(s.select == ["SIO101", "SIO202"])
        #expect(s.ignore == ["SIO501"])
        #expect(s.levels == ["SIO103": .error])
        #expect(s.severity == .warning)
        #expect(s.failOn == .atLeast(.error))
        #expect(s.dialect == .nginx)
        #expect(s.includePaths == [IncludePathMapping(deployed: "/etc/nginx/", local: "/repo/deploy/nginx/")])
        #expect(s.inlineSuppressions == false)
    }

    @Test func syntaxErrorsNameLineAndColumn() {
        #expect(error("{\n  \"severity\": \"info\",\n}") == ".siolint.json:3:1: expected a key in double quotes (no trailing comma after the last member)")
        #expect(error("{\"a\": 1 \"b\": 2}") == ".siolint.json:1:9: expected \",\" or \"}\" after a member")
        #expect(error("{\n  \"severity\": info\n}") == ".siolint.json:2:15: \"info\" is not a JSON value (strings need double quotes)")
        #expect(error("{\"rules\": {\"select\": [\"SIO101\"}") == ".siolint.json:1:31: expected \",\" or \"]\" after an array element")
        #expect(error("") == ".siolint.json:1:1: unexpected end of file: expected a value")
    }

    @Test func valueErrorsNameTheSettingAndItsPosition() {
        #expect(error("{\n  \"rules\": {\"ignore\": [\"SIO101\", \"SIO999\"]}\n}")
                == ".siolint.json:2:34: rules.ignore[1]: \"SIO999\" is not a siolint rule (see `siolint rules`)")
        #expect(error("{\"socketio\": {\"pingInterval\": \"soon\"}}")
                == ".siolint.json:1:31: socketio.pingInterval: \"soon\" is not a duration (25s, 1500ms, 1m, or milliseconds)")
        #expect(error("{\"severity\": 3}") == ".siolint.json:1:14: severity: expected a string")
        #expect(error("{\n\"socketio\": {\"pingintervall\": 1}}")?.hasPrefix(".siolint.json:2:14: socketio.pingintervall: unknown setting \"pingintervall\"") == true)
        #expect(error("{\"rules\": {\"levels\": {\"SIO101\": \"fatal\"}}}")
                == ".siolint.json:1:33: rules.levels.SIO101: \"fatal\" is not a level (error, warning, info)")
        #expect(error("{\"rules\": {\"levels\": {\"SIO777\": \"info\"}}}")
                == ".siolint.json:1:33: rules.levels.SIO777: \"SIO777\" is not a siolint rule (see `siolint rules`)")
        #expect(error("{\"includePaths\": {\"etc/nginx\": \"deploy\"}}")
                == ".siolint.json:1:32: includePaths.etc/nginx: \"etc/nginx\" must be an absolute deployed path such as \"/etc/nginx/\"")
    }

    @Test func flagsOverrideTheFile() {
        var file = SettingsLayer()
        file.pingInterval = .seconds(10)
        file.pingTimeout = .seconds(5)
        file.ignore = ["SIO202"]
        file.levels = ["SIO103": .error, "SIO101": .warning]
        file.failOn = .atLeast(.error)
        file.select = ["SIO101"]
        var flags = SettingsLayer()
        flags.pingInterval = .seconds(30)
        flags.ignore = ["SIO501"]
        flags.levels = ["SIO103": .info]
        flags.failOn = .never
        let o = ConfigurationResolver.merge(file: file, flags: flags, base: LintOptions())
        #expect(o.socketIO.pingInterval == .seconds(30))
        #expect(o.socketIO.pingTimeout == .seconds(5))
        #expect(o.rules.ignore == ["SIO202", "SIO501"])
        #expect(o.rules.levels == ["SIO103": .info, "SIO101": .warning])
        #expect(o.rules.failOn == nil)
        #expect(o.rules.select == ["SIO101"])
        let defaults = ConfigurationResolver.merge(file: nil, flags: SettingsLayer(), base: LintOptions())
        #expect(defaults.socketIO == SocketIOSettings())
        #expect(defaults.rules == RulePolicy())
    }

    @Test func policyFiltersAndRelevels() {
        var p = RulePolicy()
        p.select = ["SIO101"]
        p.levels = ["SIO101": .warning]
        p.minimumSeverity = .warning
        let at = SourceRange(at: SourceLocation(file: "f", line: 1, column: 1))
        let findings = [
            Finding(ruleID: "SIO101", ruleName: "a", severity: .error, message: "", range: at),
            Finding(ruleID: "SIO000", ruleName: "b", severity: .error, message: "", range: at),
            Finding(ruleID: "SIO202", ruleName: "c", severity: .error, message: "", range: at),
        ]
        let kept = p.apply(findings)
        #expect(kept.map(\.ruleID) == ["SIO101", "SIO000"], "SIO000 stays reported unless ignored")
        #expect(kept[0].severity == .warning)
        p.failOn = .error
        #expect(!p.fails(kept[0]))
        #expect(p.fails(kept[1]))
    }

    @Test func discoveryWalksUpToTheRepositoryRoot() {
        let files: [String: [UInt8]] = [
            "/home/u/.config/siolint/config.json": Array("{}".utf8),
            "/work/repo/.git/HEAD": [],
            "/work/repo/.siolint.json": Array("{}".utf8),
            "/work/repo/deploy/nginx/site.conf": [],
            "/work/repo/deploy/haproxy/.siolint.json": Array("{}".utf8),
            "/work/repo/deploy/haproxy/haproxy.cfg": [],
            "/work/.siolint.json": Array("{}".utf8),
            "/work/other/x.conf": [],
            "/elsewhere/y.conf": [],
        ]
        let provider = InMemoryFileProvider(files: files)
        let d = ConfigurationDiscovery(provider: provider, environment: ["HOME": "/home/u"])
        #expect(d.configuration(forFileAt: "/work/repo/deploy/nginx/site.conf") == "/work/repo/.siolint.json")
        #expect(d.configuration(forFileAt: "/work/repo/deploy/haproxy/haproxy.cfg") == "/work/repo/deploy/haproxy/.siolint.json")
        #expect(d.configuration(forFileAt: "/work/other/x.conf") == "/work/.siolint.json")
        #expect(d.configuration(forFileAt: "/elsewhere/y.conf") == "/home/u/.config/siolint/config.json")
        let xdg = ConfigurationDiscovery(provider: provider, environment: ["HOME": "/home/u", "XDG_CONFIG_HOME": "/nowhere"])
        #expect(xdg.configuration(forFileAt: "/elsewhere/y.conf") == nil)
    }

    @Test func theRepositoryRootStopsTheWalk() {
        let provider = InMemoryFileProvider(files: [
            "/outer/.siolint.json": Array("{}".utf8),
            "/outer/repo/.git": Array("gitdir: /x".utf8),
            "/outer/repo/a.conf": [],
        ])
        let d = ConfigurationDiscovery(provider: provider, environment: [:])
        #expect(d.configuration(forFileAt: "/outer/repo/a.conf") == nil)
    }

    @Test func includePathsAreReadFromTheRepository() throws {
        let main = "http { server { listen 80; include /etc/nginx/snippets/sio.conf; } }\n"
        let snippet = "location /socket.io/ { proxy_pass http://127.0.0.1:3000; proxy_http_version 1.1;\n"
            + "  proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection upgrade; proxy_read_timeout 20s; }\n"
        var options = try LintHarness.options([], server: .nginx)
        let unmapped = Linter.lint(LintInput(paths: ["/virtual/nginx.conf"]), options: options,
                                   provider: InMemoryFileProvider(files: ["/virtual/nginx.conf": Array(main.utf8), "/virtual/deploy/snippets/sio.conf": Array(snippet.utf8)], workingDirectory: "/virtual"))
        #expect(unmapped.findings.map(\.ruleID) == ["SIO001"])
        options.includePaths = [IncludePathMapping(deployed: "/etc/nginx", local: "/virtual/deploy")]
        let mapped = Linter.lint(LintInput(paths: ["/virtual/nginx.conf"]), options: options,
                                 provider: InMemoryFileProvider(files: ["/virtual/nginx.conf": Array(main.utf8), "/virtual/deploy/snippets/sio.conf": Array(snippet.utf8)], workingDirectory: "/virtual"))
        #expect(mapped.findings.map(\.ruleID) == ["SIO101", "SIO102"])
        #expect(mapped.findings.allSatisfy { $0.range.file == "deploy/snippets/sio.conf" })
    }

    @Test func resolverGivesEachInputItsOwnFile() throws {
        let provider = InMemoryFileProvider(files: [
            "/r/.git/HEAD": [],
            "/r/a/.siolint.json": Array("{\"socketio\": {\"pingInterval\": \"5s\"}}".utf8),
            "/r/a/nginx.conf": [],
            "/r/b/nginx.conf": [],
            "/r/bad/.siolint.json": Array("{\"socketio\": []}".utf8),
            "/r/bad/nginx.conf": [],
        ], workingDirectory: "/r")
        var flags = SettingsLayer()
        flags.pingTimeout = .seconds(1)
        let options = try ConfigurationResolver.options(for: [LintInput(paths: ["/r/a/nginx.conf"]), LintInput(paths: ["/r/b/nginx.conf"])],
                                                        source: .discover(environment: [:]), flags: flags, base: LintOptions(), provider: provider)
        #expect(options.map(\.socketIO.pingInterval) == [.seconds(5), .seconds(25)])
        #expect(options.map(\.socketIO.pingTimeout) == [.seconds(1), .seconds(1)])
        let none = try ConfigurationResolver.options(for: [LintInput(paths: ["/r/a/nginx.conf"])], source: .none, flags: SettingsLayer(),
                                                     base: LintOptions(), provider: provider)
        #expect(none[0].socketIO.pingInterval == .seconds(25))
        #expect(throws: ConfigurationError("bad/.siolint.json:1:14: socketio: expected an object")) {
            try ConfigurationResolver.options(for: [LintInput(paths: ["/r/bad/nginx.conf"])], source: .discover(environment: [:]),
                                              flags: SettingsLayer(), base: LintOptions(), provider: provider)
        }
    }
}
