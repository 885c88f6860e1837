import Foundation
import Testing
@testable import SiolintCore

/// Every HAProxy file of the shared corpus (`<package root>/../shared/corpus`) lints without a
/// crash; the parser-torture files their projects accept give no SIO000, the `*_fail*` ones do.
/// Skipped, saying so, when the corpus is not there.
struct HAProxyCorpusTests {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("../shared/corpus").standardized.path
    }()
    static let available = FileManager.default.fileExists(atPath: root + "/parser-torture/haproxy")

    static func files(_ sub: String, suffix: String) -> [String] {
        DiskFileProvider().filesUnder(root + "/" + sub).filter { $0.hasSuffix(suffix) }
    }

    static func lint(_ path: String) -> ConfigurationReport {
        var options = LintOptions()
        options.dialect = .haproxy
        return Linter.lint(LintInput(paths: [path]), options: options, provider: DiskFileProvider(workingDirectory: root))
    }

    @Test(.enabled(if: available, "the shared corpus (../shared/corpus) is not there; skipped"))
    func everyHAProxyFileLints() {
        let paths = Self.files("parser-torture/haproxy", suffix: ".cfg") + Self.files("parser-torture/haproxy", suffix: ".txt")
            + Self.files("socketio-real", suffix: ".cfg") + Self.files("socketio-examples", suffix: ".cfg")
        #expect(paths.count > 100)
        for path in paths {
            let report = Self.lint(path)
            #expect(report.failure == nil, "\(path): \(report.failure ?? "")")
        }
    }

    @Test(.enabled(if: available, "the shared corpus (../shared/corpus) is not there; skipped"))
    func tortureFilesAgreeWithTheirProjects() {
        let all = Self.files("parser-torture/haproxy", suffix: ".cfg")
        let failing = all.filter { $0.contains("_fail") || $0.hasSuffix("/unsupported/nonesens.cfg") }
        let valid = all.filter { !failing.contains($0) }
        #expect(failing.count == 5)
        #expect(valid.count > 80)
        for path in valid {
            let errors = Self.lint(path).findings.filter { $0.ruleID == "SIO000" }
            #expect(errors.isEmpty, "\(path): \(errors.map { "\($0.range.start.description) \($0.message)" })")
        }
        for path in failing {
            #expect(Self.lint(path).findings.contains { $0.ruleID == "SIO000" }, "\(path) must not parse")
        }
    }
}
