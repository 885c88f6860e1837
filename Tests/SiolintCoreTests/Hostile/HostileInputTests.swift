import Foundation
import Testing
@testable import SiolintCore

/// Inputs meant to break a parser. Each must end in a clear finding (SIO000/SIO001) or an input
/// failure (exit 2) naming the input: never a trap, never unbounded time or memory.
@Suite struct HostileInputTests {
    static func lintDisk(_ paths: [String], in dir: TemporaryDirectory, dialect: ServerKind? = .nginx) -> (reports: [ConfigurationReport], failures: [String]) {
        let provider = DiskFileProvider(workingDirectory: dir.path)
        let collected = InputCollector.collect(paths, provider: provider)
        var options = LintOptions()
        options.dialect = dialect
        let result = Linter.lint(collected.inputs, options: options, provider: provider)
        return (result.reports, collected.failures + result.failures)
    }

    static func syntax(_ report: ConfigurationReport) -> [Finding] { report.findings.filter { $0.ruleID == "SIO000" } }

    // MARK: - Shape

    @Test func twentyThousandLevelsOfNestingStopAtTheCap() throws {
        let depth = 20_000
        let text = "http {\n" + String(repeating: "location / {\n", count: depth) + String(repeating: "}\n", count: depth + 1)
        let report = try LintHarness.lint(text)
        let syntax = Self.syntax(report)
        #expect(syntax.count == 1)
        #expect(syntax.first?.message.contains("nested deeper than \(NginxParser.maximumDepth)") == true)
        #expect(syntax.first?.range.start.line == NginxParser.maximumDepth + 1)
    }

    /// The deepest tree the parser accepts goes through the model builder and the router, which
    /// walk nested locations recursively, on a test thread (small stack).
    @Test func deepestAcceptedNestingBuildsAndRoutes() throws {
        let locations = NginxParser.maximumDepth - 2 // inside http and server
        var text = "events {}\nhttp {\nserver {\nlisten 80;\n"
        for i in 0..<locations { text += "location /\(String(repeating: "a/", count: i)) {\n" }
        text += "proxy_pass http://127.0.0.1:3000;\n"
        text += String(repeating: "}\n", count: locations + 2)
        let report = try LintHarness.lint(text)
        #expect(Self.syntax(report).isEmpty)
        #expect(report.loaded?.model?.virtualServers.count == 1)
        #expect(!report.probes.isEmpty)
    }

    /// Several inputs share one large-stack thread per core (`LargeStack.forEach`): each of four
    /// deepest accepted trees, linted in one run, still builds and routes.
    @Test func deepestAcceptedNestingInSeveralInputs() throws {
        let locations = NginxParser.maximumDepth - 2
        var text = "events {}\nhttp {\nserver {\nlisten 80;\n"
        for i in 0..<locations { text += "location /\(String(repeating: "a/", count: i)) {\n" }
        text += "proxy_pass http://127.0.0.1:3000;\n"
        text += String(repeating: "}\n", count: locations + 2)
        let paths = (0..<4).map { "/virtual/deep\($0)/nginx.conf" }
        let provider = InMemoryFileProvider(files: Dictionary(uniqueKeysWithValues: paths.map { ($0, Array(text.utf8)) }),
                                            workingDirectory: "/virtual")
        let result = Linter.lint(paths.map { LintInput(paths: [$0]) }, options: try LintHarness.options([], server: .nginx),
                                 provider: provider)
        #expect(result.reports.map(\.input.paths) == paths.map { [$0] })
        for report in result.reports {
            #expect(Self.syntax(report).isEmpty)
            #expect(report.loaded?.model?.virtualServers.count == 1)
            #expect(!report.probes.isEmpty)
        }
    }

    @Test func fiveMegabyteLine() throws {
        let big = String(repeating: "a", count: 5 << 20)
        let report = try LintHarness.lint("events {}\nhttp { server { server_name \(big); location / { return 200; } } }\n# \(big)\n")
        #expect(Self.syntax(report).isEmpty)
        #expect(report.loaded?.parsed.comments.values.first?.first?.text.utf8.count == (5 << 20) + 1)
    }

    @Test func emptyFileAndBlankFile() throws {
        for text in ["", "\n\n   \t\n", "# only a comment"] {
            let report = try LintHarness.lint(text)
            #expect(report.failure == nil)
            #expect(Self.syntax(report).isEmpty)
        }
    }

    // MARK: - Bytes

    @Test func binaryFileIsSIO000AtTheFirstBadByte() throws {
        var generator = SystemRandomNumberGenerator()
        var bytes = Array("events {}\n".utf8)
        bytes += (0..<65_536).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let provider = InMemoryFileProvider(files: ["/v/nginx.conf": bytes], workingDirectory: "/v")
        var options = LintOptions()
        options.dialect = .nginx
        let report = Linter.lint(LintInput(paths: ["/v/nginx.conf"]), options: options, provider: provider)
        let syntax = Self.syntax(report)
        #expect(syntax.count == 1)
        #expect(syntax.first?.message.contains("cannot read this file as configuration text") == true)
        #expect(syntax.first?.range.start.file == "nginx.conf")
    }

    @Test(arguments: [
        (Array("events {}\nhttp { # caf".utf8) + [0xE9] + Array(" }\n".utf8), 2, 13, "invalid UTF-8"),
        (Array("events {}\nhttp {\n  server_name a".utf8) + [0x00] + Array("b;\n}\n".utf8), 3, 16, "NUL"),
        (Array("events {}\n".utf8) + [0xF0, 0x9F, 0x98], 2, 1, "truncated"),
        (Array("# \u{1F600}x".utf8) + [0xC0, 0x80], 1, 5, "invalid UTF-8"),
    ])
    func badBytesAreReportedAtTheirPosition(_ bytes: [UInt8], _ line: Int, _ column: Int, _ words: String) throws {
        let provider = InMemoryFileProvider(files: ["/v/nginx.conf": bytes], workingDirectory: "/v")
        var options = LintOptions()
        options.dialect = .nginx
        let report = Linter.lint(LintInput(paths: ["/v/nginx.conf"]), options: options, provider: provider)
        let syntax = Self.syntax(report)
        #expect(syntax.count == 1)
        #expect(syntax.first?.range.start.line == line)
        #expect(syntax.first?.range.start.column == column)
        #expect(syntax.first?.message.contains(words) == true)
    }

    @Test func crlfAndLoneCRAreWhiteSpace() throws {
        let crlf = "events {}\r\nhttp {\r\n  server {\r\n    listen 80;\r\n    location / { proxy_pass http://b; }\r\n  }\r\n}\r\n"
        let lf = crlf.replacingOccurrences(of: "\r\n", with: "\n")
        let cr = crlf.replacingOccurrences(of: "\r\n", with: "\r")
        func shape(_ text: String) throws -> [String] {
            var out: [String] = []
            var stack = try LintHarness.load(text).parsed.directives
            while let d = stack.popLast() {
                out.append("\(d.name.value) \(d.values) \(d.name.range.start.line):\(d.name.range.start.column)")
                stack += d.block ?? []
            }
            return out
        }
        let reference = try shape(lf)
        #expect(reference.count == 6)
        for text in [crlf, cr] {
            let report = try LintHarness.lint(text)
            #expect(Self.syntax(report).isEmpty)
            #expect(try shape(text) == reference)
        }
    }

    @Test func hugeNumbersDoNotTrap() throws {
        let report = try LintHarness.lint("""
            events {}
            http {
                proxy_read_timeout 99999999999999999999d;
                proxy_send_timeout 99999999999999999999999999999999999999;
                client_max_body_size 99999999999999999999999999999g;
                server { listen 99999999999999999999; location / { proxy_pass http://b:99999999999999999999; proxy_connect_timeout 9223372036854775807ms; } }
            }
            """)
        #expect(Self.syntax(report).isEmpty)
        #expect(report.loaded?.model != nil)
    }

    // MARK: - Includes

    @Test func selfIncludeAndCyclesEndWithSIO000() throws {
        let selfInclude = try LintHarness.lint("events {}\nhttp { include nginx.conf; }\n")
        #expect(Self.syntax(selfInclude).count == 1)
        let cycle = try LintHarness.lint("events {}\nhttp { include a.conf; }\n",
                                         files: ["/virtual/a.conf": "include b.conf;\n", "/virtual/b.conf": "include a.conf;\n"])
        #expect(Self.syntax(cycle).count == 1)
        #expect(Self.syntax(cycle).first?.message.contains("include cycle") == true)
        let globbed = try LintHarness.lint("events {}\nhttp { include *.conf; }\n", files: ["/virtual/x.conf": "server { listen 1; }\n"])
        #expect(Self.syntax(globbed).count == 1, "the glob matches nginx.conf itself")
    }

    /// An include tree that doubles at every level (a DAG, no cycle) stops at the include budget
    /// instead of expanding 2^40 files.
    @Test func exponentialIncludeFanOutIsBounded() throws {
        var files: [String: String] = [:]
        for level in 0..<40 { files["/virtual/l\(level).conf"] = "include l\(level + 1).conf; include l\(level + 1).conf;\n" }
        files["/virtual/l40.conf"] = "server { listen 80; }\n"
        let report = try LintHarness.lint("events {}\nhttp { include l0.conf; }\n", files: files)
        #expect(Self.syntax(report).contains { $0.message.contains("too many included files") })
    }

    @Test func symlinkLoops() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/a.conf", withDestinationPath: "b.conf")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/b.conf", withDestinationPath: "a.conf")
        try FileManager.default.createDirectory(atPath: dir.path + "/tree/sub", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/tree/sub/loop", withDestinationPath: "..")
        try dir.write("tree/site.conf", "server { listen 80; }\n")
        try dir.write("nginx.conf", "events {}\nhttp { include a.conf; include tree/*/*/*/*/*.conf; }\n")

        let direct = Self.lintDisk(["a.conf"], in: dir)
        #expect(direct.failures.count == 1)
        #expect(direct.failures.first?.contains("a.conf") == true)

        let included = Self.lintDisk(["nginx.conf"], in: dir)
        #expect(included.failures.isEmpty)
        let findings = included.reports.flatMap(\.findings)
        #expect(findings.contains { $0.ruleID == "SIO001" && $0.message.contains("a.conf") })

        let walked = Self.lintDisk(["tree"], in: dir)
        #expect(walked.failures.isEmpty)
        #expect(walked.reports.count == 1, "tree/site.conf once, not once per trip around the loop")
    }

    @Test func globMatchingTenThousandFiles() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        for i in 0..<10_000 { try dir.write("conf.d/site\(i).conf", "server { listen \(10_000 + i); server_name s\(i); location / { proxy_pass http://b\(i); } }\n") }
        try dir.write("nginx.conf", "events {}\nhttp { include conf.d/*.conf; }\n")
        let result = Self.lintDisk(["nginx.conf"], in: dir)
        #expect(result.failures.isEmpty)
        let report = try #require(result.reports.first)
        #expect(Self.syntax(report).isEmpty)
        #expect(report.loaded?.parsed.files.count == 10_001)
        #expect(report.loaded?.model?.virtualServers.count == 10_000)
    }

    // MARK: - Things that are not readable files

    @Test func unreadableFileIsAFailureNamingIt() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("locked.conf", "events {}\n")
        chmod(path, 0)
        let result = Self.lintDisk(["locked.conf"], in: dir)
        if geteuid() == 0 {
            // root reads through chmod 000; the unreadable case then needs a file the kernel refuses.
            #expect(result.failures.isEmpty)
            #expect(Self.syntax(result.reports[0]).isEmpty)
        } else {
            #expect(result.failures.count == 1)
            #expect(result.failures.first?.contains("locked.conf") == true)
        }
        // /proc/self/mem is a regular file whose first page is unmapped: read(2) fails with EIO, even for root.
        if FileManager.default.fileExists(atPath: "/proc/self/mem") {
            let proc = Self.lintDisk(["/proc/self/mem"], in: dir)
            #expect(proc.failures.count == 1)
            #expect(proc.failures.first?.contains("/proc/self/mem") == true)
        }
        // The same file as an include is an SIO000 at the include, not a silent skip.
        try dir.write("nginx.conf", "events {}\nhttp { include /proc/self/mem; }\n")
        let included = Self.lintDisk(["nginx.conf"], in: dir)
        #expect(Self.syntax(included.reports[0]).contains { $0.message.contains("/proc/self/mem") })
    }

    @Test func directoryAndFIFOAsInput() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try FileManager.default.createDirectory(atPath: dir.path + "/empty", withIntermediateDirectories: true)
        let empty = Self.lintDisk(["empty"], in: dir)
        #expect(empty.failures == ["empty: no configuration files found in this directory"])

        let fifo = dir.path + "/pipe.conf"
        #expect(mkfifo(fifo, 0o644) == 0)
        let piped = Self.lintDisk(["pipe.conf"], in: dir)
        #expect(piped.failures.count == 1)
        #expect(piped.failures.first?.contains("pipe.conf") == true)
        #expect(piped.failures.first?.contains("not a regular file") == true)

        // A directory handed straight to the linter (not through the collector), and as an include.
        let direct = Linter.lint(LintInput(paths: [dir.path + "/empty"]), options: LintOptions(), provider: DiskFileProvider(workingDirectory: dir.path))
        #expect(direct.failure?.contains("empty") == true)
        try dir.write("nginx.conf", "events {}\nhttp { include pipe.conf; include empty; }\n")
        let included = Self.lintDisk(["nginx.conf"], in: dir)
        #expect(included.failures.isEmpty)
        let problems = included.reports[0].findings.map(\.message)
        #expect(problems.contains { $0.contains("pipe.conf") })
        #expect(problems.contains { $0.contains("empty") })
    }

    // MARK: - Inputs stay untouched

    @Test func lintingNeverWritesToItsInputs() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("nginx.conf", "events {}\nhttp { include conf.d/*.conf; include missing.conf; }\n")
        try dir.write("conf.d/a.conf", "server { listen 80; location /socket.io/ { proxy_pass http://b; } }\n")
        try dir.write("conf.d/b.conf", "server { listen 81 \n")
        try dir.write("bad.conf", bytes: [0x66, 0xFF, 0x00])
        let old = Date(timeIntervalSince1970: 1_000_000_000)
        var before: [String: (Data, Date)] = [:]
        for file in ["nginx.conf", "conf.d/a.conf", "conf.d/b.conf", "bad.conf"] {
            let path = dir.path + "/" + file
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: path)
            before[file] = (try Data(contentsOf: URL(fileURLWithPath: path)), old)
        }
        _ = Self.lintDisk(["nginx.conf", "bad.conf", "conf.d"], in: dir)
        for (file, (data, date)) in before {
            let path = dir.path + "/" + file
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == data, "\(file) changed")
            let mtime = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
            #expect(mtime == date, "\(file) modification time changed")
        }
        let listing = try FileManager.default.subpathsOfDirectory(atPath: dir.path).sorted()
        #expect(listing == ["bad.conf", "conf.d", "conf.d/a.conf", "conf.d/b.conf", "nginx.conf"], "no file created next to the inputs")
    }
}
