import Foundation
import Testing
@testable import SiolintCore

/// The CI formats on one known configuration.
struct ReporterTests {
    static let text = """
    http {
      upstream app { server 127.0.0.1:3000; server 127.0.0.1:3001; }
      server { listen 80;
        location /socket.io/ { proxy_pass http://app; proxy_http_version 1.1;
          proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection upgrade;
          proxy_read_timeout 20s;  # siolint disable=SIO102 -- polling disabled: "websocket" only, 100% sure
        }
      }
    }

    """

    static func report(includeSuppressed: Bool = false, failures: [String] = []) throws -> LintReport {
        let r = try LintHarness.lint(text, path: "/repo/deploy/nginx.conf")
        let findings = includeSuppressed ? (r.findings + r.suppressed).sorted(by: Finding.ordered) : r.findings
        var sources: [String: SourceFile] = [:]
        for f in r.loaded?.parsed.files ?? [] { sources[f.path] = f }
        return LintReport(findings: findings, sources: sources, failures: failures, inputCount: 1, exitCode: failures.isEmpty ? 1 : 2,
                          includesSuppressed: includeSuppressed, paths: RepositoryPaths(workingDirectory: "/virtual", root: "/repo"))
    }

    func json(_ s: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(s.utf8)) }

    @Test func sarifHasEveryRuleAndMatchingIndexes() throws {
        let log = try json(SARIFReporter().report(try Self.report())) as! [String: Any]
        #expect(log["version"] as? String == "2.1.0")
        let run = (log["runs"] as! [[String: Any]])[0]
        let rules = ((run["tool"] as! [String: Any])["driver"] as! [String: Any])["rules"] as! [[String: Any]]
        #expect(rules.map { $0["id"] as! String } == RuleCatalog.descriptions.map(\.id))
        #expect(rules.allSatisfy { ($0["helpUri"] as! String).hasSuffix("docs/rules/\($0["id"] as! String).md") })
        let results = run["results"] as! [[String: Any]]
        #expect(results.map { $0["ruleId"] as! String } == ["SIO401", "SIO101"])
        for r in results {
            #expect(rules[r["ruleIndex"] as! Int]["id"] as? String == r["ruleId"] as? String)
            #expect(r["suppressions"] == nil)
            let location = ((r["locations"] as! [[String: Any]])[0]["physicalLocation"] as! [String: Any])
            let artifact = location["artifactLocation"] as! [String: String]
            #expect(artifact == ["uri": "deploy/nginx.conf", "uriBaseId": "%SRCROOT%"])
            #expect((r["partialFingerprints"] as! [String: String])["primaryLocationLineHash"]?.hasSuffix(":1") == true)
        }
        let sio401 = results[0]
        #expect((sio401["relatedLocations"] as! [[String: Any]]).count == 1)
        #expect((sio401["message"] as! [String: String])["text"]!.contains("[location 1](1)"))
        #expect(run["columnKind"] as? String == "utf16CodeUnits")
        #expect((run["invocations"] as! [[String: Any]])[0]["executionSuccessful"] as? Bool == true)
    }

    @Test func sarifSuppressionsOnlyWhenAsked() throws {
        let log = try json(SARIFReporter().report(try Self.report(includeSuppressed: true))) as! [String: Any]
        let results = (log["runs"] as! [[String: Any]])[0]["results"] as! [[String: Any]]
        let byRule = Dictionary(uniqueKeysWithValues: results.map { ($0["ruleId"] as! String, $0) })
        #expect((byRule["SIO401"]!["suppressions"] as! [Any]).isEmpty)
        let s = (byRule["SIO102"]!["suppressions"] as! [[String: String]])[0]
        #expect(s == ["kind": "inSource", "status": "accepted", "justification": "polling disabled: \"websocket\" only, 100% sure"])
    }

    @Test func sarifNotificationsForUnreadableInputs() throws {
        var report = try Self.report(failures: ["missing.conf: no such file"])
        report.findings = []
        report.inputCount = 1
        let log = try json(SARIFReporter().report(report)) as! [String: Any]
        let run = (log["runs"] as! [[String: Any]])[0]
        let invocation = (run["invocations"] as! [[String: Any]])[0]
        #expect(invocation["executionSuccessful"] as? Bool == false)
        #expect(invocation["exitCode"] as? Int == 2)
        #expect(((invocation["toolExecutionNotifications"] as! [[String: Any]])[0]["message"] as! [String: String])["text"] == "missing.conf: no such file")
        #expect((run["results"] as! [Any]).isEmpty)
    }

    @Test func sarifIsDeterministic() throws {
        #expect(SARIFReporter().report(try Self.report()) == SARIFReporter().report(try Self.report()))
    }

    @Test func utf16Columns() {
        let file = SourceFile(path: "f", text: "a 😀é x\n")
        // Scalars: a, space, 😀, é, space, x → x is scalar column 6, UTF-16 column 7.
        #expect(SARIFReporter.utf16Column(file, line: 1, column: 6) == 7)
        #expect(SARIFReporter.utf16Column(file, line: 1, column: 1) == 1)
        #expect(SARIFReporter.percentEncode("deploy/my site/<stdin>") == "deploy/my%20site/%3Cstdin%3E")
    }

    @Test func githubAnnotationsAreEscaped() throws {
        let out = GitHubReporter().report(try Self.report())
        let lines = out.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("::error file=deploy/nginx.conf,line=2,endLine=2,col=3,endColumn="))
        #expect(lines[0].contains(",title=siolint SIO401 (multiple-backends-without-affinity)::"))
        #expect(lines[0].contains("%0Ahelp: "))
        #expect(GitHubReporter.escapeProperty("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae")
        #expect(GitHubReporter.escapeData("50% done\r\nnext: a,b") == "50%25 done%0D%0Anext: a,b")
    }

    @Test func gitlabFingerprintsAreStableAndDistinct() throws {
        let a = try json(GitLabReporter().report(try Self.report())) as! [[String: Any]]
        let b = try json(GitLabReporter().report(try Self.report())) as! [[String: Any]]
        #expect(a.count == 2)
        let prints = a.map { $0["fingerprint"] as! String }
        #expect(Set(prints).count == 2)
        #expect(prints == b.map { $0["fingerprint"] as! String })
        #expect(a.map { $0["severity"] as! String } == ["critical", "critical"])
        #expect(a.map { ($0["location"] as! [String: Any])["path"] as! String } == ["deploy/nginx.conf", "deploy/nginx.conf"])
    }

    @Test func checkstyleEscapesXML() throws {
        let out = CheckstyleReporter().report(try Self.report())
        #expect(out.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n  <file name=\"deploy/nginx.conf\">\n"))
        #expect(out.contains("source=\"siolint.SIO101\""))
        #expect(CheckstyleReporter.escape("a<b & \"c\" 'd'\n\u{1}") == "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&#10;\u{FFFD}")
        #expect(out.components(separatedBy: "<error ").count == 3)
    }

    @Test func conciseIsOneLinePerFinding() throws {
        let out = ConciseReporter().report(try Self.report(includeSuppressed: true))
        let lines = out.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("/repo/deploy/nginx.conf:2:3: error: ") || lines[0].hasPrefix("deploy/nginx.conf:2:3: error: "))
        #expect(lines.contains { $0.hasSuffix("[SIO102] (suppressed: polling disabled: \"websocket\" only, 100% sure)") })
    }

    @Test func jsonMarksSuppressedOnlyWhenAsked() throws {
        let plain = try json(JSONReporter().report(try Self.report().findings)) as! [String: Any]
        #expect((plain["findings"] as! [[String: Any]]).allSatisfy { $0["suppressed"] == nil })
        let r = try Self.report(includeSuppressed: true)
        let marked = try json(JSONReporter().report(r.findings, includesSuppressed: true)) as! [String: Any]
        let items = marked["findings"] as! [[String: Any]]
        #expect(items.map { $0["suppressed"] as! Bool } == [false, false, true])
        #expect((marked["summary"] as! [String: Int])["errors"] == 2)
    }

    @Test func everyFormatRenders() throws {
        let report = try Self.report()
        for format in OutputFormat.allCases {
            #expect(!format.render(report).isEmpty, "\(format)")
        }
    }
}
