import Foundation
import Testing

/// End-to-end: the built `siolint` binary, as CI and pre-commit run it. Skipped (with a message)
/// when the binary has not been built.
@Suite(.serialized)
struct CLITests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let binary = RepositoryLayout.binary

    static func run(_ arguments: [String], stdin: String? = nil, cwd: String = RepositoryLayout.root,
                    environment: [String: String] = [:]) throws -> Run {
        guard let binary else { throw SkipError() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: cwd)
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = nil
        // Keep the user's own config out of the tests.
        env["XDG_CONFIG_HOME"] = "/nonexistent-siolint-test"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    struct SkipError: Error, CustomStringConvertible {
        var description: String { "siolint binary not built (swift build); end-to-end tests skipped" }
    }

    static var available: Bool {
        if binary == nil { print("CLITests: siolint binary not found in .build; skipping end-to-end tests (run `swift build`)") }
        return binary != nil
    }

    /// A temporary git repository (a `.git` directory is enough for discovery).
    static func repository(_ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("siolint-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/.git", withIntermediateDirectories: true)
        for (path, text) in files {
            let full = root + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
        return root
    }

    static let broken = "Samples/nginx/sio101-idle-timeout-broken.conf"
    static let fixed = "Samples/nginx/sio101-idle-timeout-fixed.conf"

    static let site = """
    http { server { listen 80;
      location /socket.io/ { proxy_pass http://127.0.0.1:3000; proxy_http_version 1.1;
        proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection upgrade;
        proxy_read_timeout 30s; } } }

    """

    // MARK: - Exit codes

    @Test(.enabled(if: available)) func exitCodes() throws {
        #expect(try Self.run([Self.fixed]).status == 0)
        let broken = try Self.run([Self.broken])
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("[SIO101 websocket-idle-timeout]"))
        let missing = try Self.run(["no/such/file.conf"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no/such/file.conf: no such file"))
        #expect(try Self.run(["--frobnicate", Self.fixed]).status == 2)
        #expect(try Self.run([]).status == 2)
        let unknownRule = try Self.run(["--ignore", "SIO999", Self.fixed])
        #expect(unknownRule.status == 2)
        #expect(unknownRule.stderr.contains("unknown rule \"SIO999\""))
        // A syntax error in the linted file is a finding, not a failure to run.
        let syntax = try Self.run(["-", "--stdin-filename", "nginx.conf"], stdin: "http { server { listen 80 } }\n")
        #expect(syntax.status == 1)
        #expect(syntax.stdout.contains("[SIO000 config-syntax-error]"))
    }

    @Test(.enabled(if: available)) func choosingWhatFails() throws {
        #expect(try Self.run(["--exit-zero", Self.broken]).status == 0)
        #expect(try Self.run(["--fail-on", "none", Self.broken]).status == 0)
        // SIO103 is a warning: --fail-on error lets it pass, --level makes it an error.
        let unit = "Samples/nginx/sio103-time-unit-broken.conf"
        #expect(try Self.run([unit]).status == 1)
        #expect(try Self.run(["--fail-on", "error", unit]).status == 0)
        #expect(try Self.run(["--fail-on", "error", "--level", "SIO103=error", unit]).status == 1)
        let hidden = try Self.run(["--severity", "error", unit])
        #expect(hidden.status == 0)
        #expect(hidden.stdout.isEmpty)
        #expect(try Self.run(["--ignore", "SIO101,SIO102", Self.broken]).status == 0)
        #expect(try Self.run(["--select", "SIO501", Self.broken]).status == 0)
    }

    // MARK: - Formats

    @Test(.enabled(if: available), arguments: ["text", "concise", "json", "sarif", "github", "gitlab", "checkstyle"])
    func everyFormatKeepsTheExitCodes(_ format: String) throws {
        let broken = try Self.run(["--format", format, Self.broken])
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("SIO101"))
        let clean = try Self.run(["--format", format, Self.fixed])
        #expect(clean.status == 0)
        let missing = try Self.run(["--format", format, Self.fixed, "missing.conf"])
        #expect(missing.status == 2)
        switch format {
        case "json", "sarif", "gitlab":
            for out in [broken.stdout, clean.stdout, missing.stdout] {
                #expect((try? JSONSerialization.jsonObject(with: Data(out.utf8))) != nil, "\(format) output is not JSON")
            }
        case "checkstyle":
            #expect(broken.stdout.hasPrefix("<?xml"))
            #expect(clean.stdout.contains("<checkstyle version=\"4.3\">\n</checkstyle>"))
        case "github":
            #expect(broken.stdout.hasPrefix("::error file=Samples/nginx/sio101-idle-timeout-broken.conf,line="))
            #expect(missing.stdout.contains("::error title=siolint::missing.conf: no such file"))
        case "concise":
            #expect(broken.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("Samples/nginx/sio101-idle-timeout-broken.conf:") })
        default:
            break
        }
        #expect(!broken.stdout.contains("\u{1B}["), "no color when piped")
    }

    @Test(.enabled(if: available)) func timingsGoToStandardErrorAndLeaveTheReportAlone() throws {
        let plain = try Self.run(["--no-config", Self.broken])
        let timed = try Self.run(["--no-config", "--timings", Self.broken])
        #expect(timed.status == plain.status)
        #expect(timed.stdout == plain.stdout)
        #expect(timed.stderr.contains("timings for \(Self.broken) (nginx)"))
        for stage in ["read", "parse", "check", "model", "route", "SIO101", "total"] {
            #expect(timed.stderr.contains("\n  \(stage) "), "stage \(stage) missing")
        }
        #expect(!plain.stderr.contains("timings"))
        let trace = try Self.run(["trace", "--no-config", "--timings", Self.broken])
        #expect(trace.status == 0)
        #expect(trace.stderr.contains("timings for \(Self.broken) (nginx)"))
    }

    @Test(.enabled(if: available)) func sarifMarksUnreadableInputs() throws {
        let run = try Self.run(["--format", "sarif", "missing.conf"])
        #expect(run.status == 2)
        let log = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let invocation = ((log["runs"] as! [[String: Any]])[0]["invocations"] as! [[String: Any]])[0]
        #expect(invocation["executionSuccessful"] as? Bool == false)
        #expect(invocation["exitCode"] as? Int == 2)
        #expect((invocation["toolExecutionNotifications"] as? [Any])?.count == 1)
    }

    @Test(.enabled(if: available)) func outputFiles() throws {
        let dir = try Self.repository([:])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try Self.run(["--sarif-output", dir + "/out.sarif", Self.broken])
        #expect(run.status == 1)
        #expect(run.stdout.contains("[SIO101 websocket-idle-timeout]"), "text still goes to the terminal")
        let sarif = try String(contentsOfFile: dir + "/out.sarif", encoding: .utf8)
        #expect(sarif.contains("\"ruleId\" : \"SIO101\""))
        let quiet = try Self.run(["--format", "gitlab", "--output", dir + "/gl.json", Self.broken])
        #expect(quiet.status == 1)
        #expect(quiet.stdout.isEmpty)
        #expect(try String(contentsOfFile: dir + "/gl.json", encoding: .utf8).contains("\"check_name\" : \"SIO101\""))
        let unwritable = try Self.run(["--output", dir + "/no/such/dir/x", Self.fixed])
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr.contains("cannot write"))
    }

    // MARK: - Input and terminal

    @Test(.enabled(if: available)) func standardInputWithAName() throws {
        let run = try Self.run(["--format", "concise", "--stdin-filename", "deploy/site.conf", "-"], stdin: Self.site)
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix("deploy/site.conf:4:5: warning: "))
        #expect(run.stdout.contains("[SIO101]"))
        let unnamed = try Self.run(["--format", "concise", "-"], stdin: Self.site)
        #expect(unnamed.stdout.hasPrefix("<stdin>:4:5: "))
    }

    @Test(.enabled(if: available)) func noColorIsHonoured() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            print("CLITests: /usr/bin/script missing, cannot give siolint a terminal; NO_COLOR test skipped")
            return
        }
        // `script` gives siolint a terminal, where --color auto colors unless NO_COLOR is set.
        let command = "\(Self.binary!) \(RepositoryLayout.path(Self.broken))"
        let tty = try Self.runScript(command, environment: ["TERM": "xterm"])
        #expect(tty.contains("\u{1B}["), "a terminal gets color")
        let noColor = try Self.runScript(command, environment: ["TERM": "xterm", "NO_COLOR": "1"])
        #expect(noColor.contains("[SIO101 websocket-idle-timeout]"))
        #expect(!noColor.contains("\u{1B}["), "NO_COLOR turns color off")
        let forced = try Self.run(["--color", "always", Self.broken])
        #expect(forced.stdout.contains("\u{1B}["))
    }

    static func runScript(_ command: String, environment: [String: String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = nil
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    // MARK: - Configuration file

    @Test(.enabled(if: available)) func configurationDiscovery() throws {
        // pingInterval 10s + pingTimeout 5s: the 30s timeout of `site` is then fine.
        let repo = try Self.repository([
            ".siolint.json": "{\"socketio\": {\"pingInterval\": \"10s\", \"pingTimeout\": \"5s\"}}",
            "deploy/nginx/site.conf": Self.site,
        ])
        defer { try? FileManager.default.removeItem(atPath: repo) }
        #expect(try Self.run(["deploy/nginx/site.conf"], cwd: repo).status == 0, "the project file is found walking up")
        #expect(try Self.run([repo + "/deploy/nginx/site.conf"]).status == 0, "from any working directory")
        #expect(try Self.run(["--no-config", "deploy/nginx/site.conf"], cwd: repo).status == 1)
        #expect(try Self.run(["--ping-interval", "40s", "deploy/nginx/site.conf"], cwd: repo).status == 1, "flags override the file")
        // Standard input is discovered from its --stdin-filename.
        #expect(try Self.run(["--stdin-filename", "deploy/nginx/site.conf", "-"], stdin: Self.site, cwd: repo).status == 0)

        let user = try Self.repository(["siolint/config.json": "{\"rules\": {\"ignore\": [\"SIO101\", \"SIO102\"]}}"])
        defer { try? FileManager.default.removeItem(atPath: user) }
        let outside = try Self.repository(["site.conf": Self.site])
        defer { try? FileManager.default.removeItem(atPath: outside) }
        #expect(try Self.run(["site.conf"], cwd: outside).status == 1)
        #expect(try Self.run(["site.conf"], cwd: outside, environment: ["XDG_CONFIG_HOME": user]).status == 0, "user config applies")
        #expect(try Self.run(["--config", repo + "/.siolint.json", "site.conf"], cwd: outside).status == 0, "--config FILE")
    }

    @Test(.enabled(if: available)) func malformedConfigurationIsExitTwo() throws {
        let repo = try Self.repository([".siolint.json": "{\n  \"rules\": {\"ignore\": [\"SIO101\",]}\n}\n", "site.conf": Self.site])
        defer { try? FileManager.default.removeItem(atPath: repo) }
        let run = try Self.run(["site.conf"], cwd: repo)
        #expect(run.status == 2)
        #expect(run.stderr.contains(".siolint.json:2:33: expected a value (no trailing comma after the last element)"), "\(run.stderr)")
        let sarif = try Self.run(["--format", "sarif", "site.conf"], cwd: repo)
        #expect(sarif.status == 2)
        #expect(sarif.stdout.contains("\"executionSuccessful\" : false"))
    }

    @Test(.enabled(if: available)) func includePathMappingFromTheConfigFile() throws {
        let repo = try Self.repository([
            ".siolint.json": "{\"includePaths\": {\"/etc/nginx/\": \"deploy/nginx/\"}}",
            "deploy/nginx/nginx.conf": "events {}\nhttp { server { listen 80; include /etc/nginx/snippets/socketio.conf; } }\n",
            "deploy/nginx/snippets/socketio.conf": "location /socket.io/ { proxy_pass http://127.0.0.1:3000; proxy_http_version 1.1;\n  proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection upgrade; proxy_read_timeout 20s; }\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: repo) }
        let run = try Self.run(["--format", "concise", "deploy/nginx/nginx.conf"], cwd: repo)
        #expect(run.status == 1)
        #expect(run.stdout.contains("deploy/nginx/snippets/socketio.conf:2:"), "\(run.stdout)")
        #expect(run.stdout.contains("[SIO101]"))
        let unmapped = try Self.run(["--no-config", "--format", "concise", "deploy/nginx/nginx.conf"], cwd: repo)
        #expect(unmapped.stdout.contains("[SIO001]"))
    }

    // MARK: - Suppressions

    @Test(.enabled(if: available)) func nginxSuppressions() throws {
        let suppressed = Self.site.replacingOccurrences(of: "  location /socket.io/", with: "  # siolint disable=SIO101,SIO102 -- clients reconnect on their own\n  location /socket.io/")
        let run = try Self.run(["--stdin-filename", "site.conf", "-"], stdin: suppressed)
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        let audit = try Self.run(["--include-suppressed", "--format", "json", "--stdin-filename", "site.conf", "-"], stdin: suppressed)
        #expect(audit.status == 0, "suppressed findings never fail the run")
        let doc = try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as! [String: Any]
        let findings = doc["findings"] as! [[String: Any]]
        #expect(findings.count == 2)
        #expect(findings.allSatisfy { $0["suppressed"] as? Bool == true })
        #expect(findings[0]["justification"] as? String == "clients reconnect on their own")
        let sarif = try Self.run(["--include-suppressed", "--format", "sarif", "--stdin-filename", "site.conf", "-"], stdin: suppressed)
        #expect(sarif.stdout.contains("\"justification\" : \"clients reconnect on their own\""))
        #expect(try Self.run(["--no-inline-suppressions", "--stdin-filename", "site.conf", "-"], stdin: suppressed).status == 1)
        // Same line, and without a reason: still suppressed, but reported at info level.
        let sameLine = Self.site.replacingOccurrences(of: "proxy_read_timeout 30s;", with: "proxy_read_timeout 30s;  # siolint disable=SIO101,SIO102\n")
        let bare = try Self.run(["--format", "concise", "--stdin-filename", "site.conf", "-"], stdin: sameLine)
        #expect(bare.stdout.contains("info: "), "\(bare.stdout)")
        #expect(bare.stdout.contains("[SIO901]"))
        #expect(!bare.stdout.contains("[SIO101]"))
        #expect(!bare.stdout.contains("[SIO102]"))
        #expect(try Self.run(["--fail-on", "warning", "--stdin-filename", "site.conf", "-"], stdin: sameLine).status == 0)
    }

    @Test(.enabled(if: available)) func haproxySuppressions() throws {
        let config = """
        defaults
            mode http
            timeout connect 5s
            timeout client 60s
            timeout server 60s
        frontend chat
            bind 127.0.0.1:8080
            default_backend nodes
        # siolint disable=SIO401 -- sessions are pinned by the L4 balancer in front
        backend nodes
            server a 127.0.0.1:3000
            server b 127.0.0.1:3001

        """
        let dir = try Self.repository(["haproxy.cfg": config, "unsuppressed.cfg": config.replacingOccurrences(of: "# siolint disable=SIO401 -- sessions are pinned by the L4 balancer in front\n", with: "")])
        #expect(try Self.run(["unsuppressed.cfg"], cwd: dir).status == 1, "the backend without affinity is reported")
        let run = try Self.run(["haproxy.cfg"], cwd: dir)
        #expect(run.status == 0, "\(run.stdout)")
        let audit = try Self.run(["--include-suppressed", "--format", "json", "haproxy.cfg"], cwd: dir)
        #expect(audit.stdout.contains("\"suppressed\" : true"))
        #expect(audit.stdout.contains("sessions are pinned by the L4 balancer in front"))
        // The same-line form works in HAProxy too.
        let sameLine = config.replacingOccurrences(of: "# siolint disable=SIO401 -- sessions are pinned by the L4 balancer in front\n", with: "")
            .replacingOccurrences(of: "\nbackend nodes\n", with: "\nbackend nodes  # siolint disable=SIO401 -- pinned upstream\n")
        let dir2 = try Self.repository(["haproxy.cfg": sameLine])
        let same = try Self.run(["haproxy.cfg"], cwd: dir2)
        #expect(same.status == 0, "\(sameLine)\n\(same.stdout)\(same.stderr)")
    }

    @Test(.enabled(if: available)) func apacheSuppressions() throws {
        let config = """
        Listen 127.0.0.1:8080
        <VirtualHost *:8080>
            # siolint disable=SIO201 -- this app runs Socket.IO with polling only behind this proxy
            ProxyPass /socket.io/ http://127.0.0.1:3000/socket.io/
            ProxyTimeout 60
        </VirtualHost>

        """
        let dir = try Self.repository(["httpd.conf": config,
                                       "plain.conf": config.replacingOccurrences(of: "    # siolint disable=SIO201 -- this app runs Socket.IO with polling only behind this proxy\n", with: "")])
        #expect(try Self.run(["--dialect", "apache", "plain.conf"], cwd: dir).status == 1)
        let run = try Self.run(["httpd.conf"], cwd: dir)
        #expect(run.status == 0, "\(run.stdout)")
        let audit = try Self.run(["--include-suppressed", "--format", "json", "httpd.conf"], cwd: dir)
        #expect(audit.stdout.contains("\"rule\" : \"SIO201\""))
        #expect(audit.stdout.contains("\"suppressed\" : true"))
    }

    // MARK: - Rules and docs

    @Test(.enabled(if: available)) func rulesAndExplain() throws {
        let json = try Self.run(["rules", "--format", "json"])
        #expect(json.status == 0)
        #expect(json.stdout == String(decoding: try RepositoryLayout.read("rules.json"), as: UTF8.self))
        let explain = try Self.run(["explain", "SIO101"])
        #expect(explain.status == 0)
        #expect(explain.stdout == String(decoding: try RepositoryLayout.read("docs/rules/SIO101.md"), as: UTF8.self))
        #expect(explain.stdout.contains("transport close"))
        #expect(try Self.run(["explain", "SIO999"]).status == 2)
    }
}
