import Testing
@testable import SiolintCore

/// `# siolint disable…` comments: what they cover, what they report, and how they are turned off.
struct SuppressionTests {
    /// A location with a 20s read timeout: SIO101 and SIO102 at `proxy_read_timeout`.
    static func config(before: String = "", sameLine: String = "", top: String = "") -> String {
        """
        \(top)http {
          server {
            listen 80;
            \(before)
            location /socket.io/ {
              proxy_pass http://127.0.0.1:3000;
              proxy_http_version 1.1;
              proxy_set_header Upgrade $http_upgrade;
              proxy_set_header Connection upgrade;
              proxy_read_timeout 20s;\(sameLine)
            }
          }
        }

        """
    }

    func ids(_ findings: [Finding]) -> [String] { findings.map(\.ruleID).sorted() }

    @Test func unsuppressedBaseline() throws {
        let report = try LintHarness.lint(Self.config())
        #expect(ids(report.findings) == ["SIO101", "SIO102"])
        #expect(report.suppressed.isEmpty)
        #expect(report.failing)
    }

    @Test func ownLineCoversTheWholeBlock() throws {
        let report = try LintHarness.lint(Self.config(before: "# siolint disable=SIO101 -- idle clients are rare here"))
        #expect(ids(report.findings) == ["SIO102"])
        #expect(ids(report.suppressed) == ["SIO101"])
        #expect(report.suppressed[0].suppression?.justification == "idle clients are rare here")
    }

    @Test func sameLineCoversItsDirective() throws {
        let report = try LintHarness.lint(Self.config(sameLine: "  # siolint disable=SIO101,SIO102 -- short-lived test box"))
        #expect(report.findings.isEmpty)
        #expect(ids(report.suppressed) == ["SIO101", "SIO102"])
        #expect(!report.failing)
    }

    @Test func fileWideSuppression() throws {
        let report = try LintHarness.lint(Self.config(top: "# siolint disable-file=SIO102 -- polling is off in production\n"))
        #expect(ids(report.findings) == ["SIO101"])
    }

    @Test func rulesNamedByNameWork() throws {
        let report = try LintHarness.lint(Self.config(before: "# siolint disable=websocket-idle-timeout -- by name"))
        #expect(ids(report.findings) == ["SIO102"])
    }

    @Test func ownLineBeforeAnotherDirectiveDoesNotReachTheBlock() throws {
        let text = Self.config(before: "# siolint disable=SIO101 -- wrong place\n    server_name example.com;")
        let report = try LintHarness.lint(text)
        #expect(ids(report.findings) == ["SIO101", "SIO102", "SIO900"])
        let unused = report.findings.first { $0.ruleID == "SIO900" }!
        #expect(unused.range.start.line == 4)
        #expect(unused.message.contains("SIO101"))
    }

    @Test func missingReasonStillSuppressesButIsReported() throws {
        let report = try LintHarness.lint(Self.config(before: "# siolint disable=SIO101,SIO102"))
        #expect(ids(report.findings) == ["SIO901"])
        #expect(report.findings[0].severity == .info)
        #expect(ids(report.suppressed) == ["SIO101", "SIO102"])
    }

    @Test func unknownRuleIsReported() throws {
        let report = try LintHarness.lint(Self.config(before: "# siolint disable=SIO999 -- typo"))
        #expect(ids(report.findings) == ["SIO101", "SIO102", "SIO900"])
        #expect(report.findings.contains { $0.message.contains("SIO999") })
    }

    @Test func noInlineSuppressionsIgnoresComments() throws {
        let report = try LintHarness.lint(Self.config(before: "# siolint disable=SIO101 -- x"), arguments: ["--no-inline-suppressions"])
        #expect(ids(report.findings) == ["SIO101", "SIO102"])
        #expect(report.suppressed.isEmpty)
    }

    @Test func ordinaryCommentsAreNotSuppressions() throws {
        let report = try LintHarness.lint(Self.config(before: "# siolint: checked by CI\n    # siolint disabled nothing here; siolint disable-filed"))
        #expect(ids(report.findings) == ["SIO101", "SIO102"])
    }

    @Test func suppressionBeforeAnIncludeCoversTheIncludedFile() throws {
        let main = """
        http {
          server {
            listen 80;
            # siolint disable=SIO101,SIO102 -- timeouts are handled in sio.conf's owner team
            include /virtual/sio.conf;
          }
        }
        """
        let included = """
        location /socket.io/ {
          proxy_pass http://127.0.0.1:3000; proxy_http_version 1.1;
          proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection upgrade;
          proxy_read_timeout 20s;
        }
        """
        let report = try LintHarness.lint(main, files: ["/virtual/sio.conf": included])
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message))")
        #expect(ids(report.suppressed) == ["SIO101", "SIO102"])
    }

    @Test func malformedSuppressionIsReported() throws {
        let report = try LintHarness.lint(Self.config(before: "# siolint disable SIO101 -- forgot the ="))
        #expect(ids(report.findings) == ["SIO101", "SIO102", "SIO900"])
    }

    @Test func noUnusedReportWhenASyntaxErrorStoppedTheChecks() throws {
        let report = try LintHarness.lint("# siolint disable=SIO101 -- x\nhttp { server { listen 80 } }\n")
        #expect(ids(report.findings) == ["SIO000"])
    }

    @Test func policyAppliesAfterSuppressions() throws {
        // An ignored rule's suppression is still "used": no false SIO900.
        let report = try LintHarness.lint(Self.config(before: "# siolint disable=SIO101 -- x"), arguments: ["--ignore", "SIO101,SIO102"])
        #expect(report.findings.isEmpty)
    }

    // MARK: - Dialect-neutral coverage, on hand-built trees

    static func range(_ file: String, _ line: Int, _ start: Int, _ end: Int) -> SourceRange {
        SourceRange(start: SourceLocation(file: file, line: line, column: 1, offset: start),
                    end: SourceLocation(file: file, line: line, column: 1 + end - start, offset: end))
    }

    static func directive(_ name: String, line: Int, _ start: Int, _ end: Int, block: [Directive]? = nil) -> Directive {
        Directive(name: Word(name, range: range("f.cfg", line, start, start + name.count)), arguments: [], block: block,
                  range: range("f.cfg", line, start, end))
    }

    static func finding(_ id: String, line: Int, at offset: Int) -> Finding {
        Finding(ruleID: id, ruleName: id, severity: .error, message: "m", range: range("f.cfg", line, offset, offset + 1))
    }

    /// HAProxy-like sections: no closing token, no `blockEnd`; the children's ranges define the block.
    @Test func blockWithoutEndIsCoveredThroughItsChildren() {
        let backend = Self.directive("backend", line: 2, 20, 31, block: [
            Self.directive("balance", line: 3, 32, 50),
            Self.directive("server", line: 4, 51, 80),
        ])
        let parsed = ParsedConfiguration(
            directives: [Self.directive("frontend", line: 1, 0, 10), backend, Self.directive("listen", line: 6, 90, 99)],
            comments: ["f.cfg": [Comment(text: " siolint disable=SIO401 -- one server", range: Self.range("f.cfg", 1, 11, 19), ownLine: true)]])
        let outcome = SuppressionApplier.apply([Self.finding("SIO401", line: 4, at: 60), Self.finding("SIO401", line: 6, at: 92)],
                                               parsed: parsed, server: .haproxy, checkUnused: true)
        #expect(outcome.suppressed.map(\.range.start.offset) == [60])
        #expect(outcome.findings.map(\.range.start.offset) == [92])
    }

    /// Apache forbids comments after a directive: such a comment covers nothing and is reported.
    @Test func apacheSameLineIsReportedNotApplied() {
        let parsed = ParsedConfiguration(
            directives: [Self.directive("ProxyTimeout", line: 1, 0, 15)],
            comments: ["f.cfg": [Comment(text: " siolint disable=SIO101 -- x", range: Self.range("f.cfg", 1, 16, 40), ownLine: false)]])
        let outcome = SuppressionApplier.apply([Self.finding("SIO101", line: 1, at: 0)], parsed: parsed, server: .apache, checkUnused: true)
        #expect(outcome.suppressed.isEmpty)
        #expect(outcome.findings.map(\.ruleID).sorted() == ["SIO101", "SIO900"])
        #expect(outcome.findings.first { $0.ruleID == "SIO900" }!.message.contains("Apache"))
    }
}
