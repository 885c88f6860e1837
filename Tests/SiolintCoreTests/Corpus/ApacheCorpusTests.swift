import Foundation
import Testing
@testable import SiolintCore

/// Every Apache file of the shared corpus (../shared/corpus next to the package) lints without a
/// crash, and only files httpd itself refuses produce SIO000. Skipped when the corpus is absent.
struct ApacheCorpusTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static let corpus = PathUtilities.normalize(packageRoot + "/../shared/corpus")
    static let corpusExists = FileManager.default.fileExists(atPath: corpus + "/parser-torture/apache")
    static let debianTreeExists = FileManager.default.fileExists(atPath: "/etc/apache2/apache2.conf")

    /// Files httpd refuses at the syntax level, with the reason (checked against `apache2 -t`
    /// where the file is plain httpd syntax).
    static let refusedByHttpd: [String: String] = [
        "parser-torture/apache/certbot/apache-conf-files/passing/two-blocks-one-line-1693.conf":
            "`</VirtualHost> </IfModule>`: httpd ignores the second tag, so <IfModule> is never closed",
        "parser-torture/apache/certbot/testdata/debian_apache_2_4/augeas_vhosts/apache2/conf-available/bad_conf_file.conf": "unclosed <VirtualHost>",
        "parser-torture/apache/certbot/testdata/debian_apache_2_4/multiple_vhosts/apache2/conf-available/bad_conf_file.conf": "unclosed <VirtualHost>",
        "parser-torture/apache/apacheconfig-perl-config-general/include-again-test.conf": "Perl Config::General `<<include>>`, not httpd syntax",
        "parser-torture/apache/apacheconfig-perl-config-general/include-directory-test.conf": "Perl Config::General `<<include>>`",
        "parser-torture/apache/apacheconfig-perl-config-general/include-file-test.conf": "Perl Config::General `<<include>>`",
        "parser-torture/apache/apacheconfig-perl-config-general/include-glob-test.conf": "Perl Config::General `<<include>>`",
        "parser-torture/apache/apacheconfig-perl-config-general/includes/second-test.conf": "Perl Config::General `<<include>>`",
    ]

    static func apacheFiles() -> [String] {
        let provider = DiskFileProvider(workingDirectory: corpus)
        var files = provider.filesUnder(corpus + "/parser-torture/apache")
        files += provider.filesUnder(corpus + "/socketio-examples").filter { $0.hasSuffix("httpd.conf") }
        files += provider.filesUnder(corpus + "/socketio-real").filter { path in
            ["apache", "httpd", "coolwsd.conf"].contains { path.lowercased().contains($0) } && !path.contains("nginx")
        }
        return files
    }

    @Test(.enabled(if: corpusExists, "../shared/corpus is not next to the package: corpus test skipped"))
    func everyApacheFileLintsAndOnlyRefusedFilesHaveSyntaxErrors() {
        let files = Self.apacheFiles()
        #expect(files.count > 150, "expected the corpus's Apache files, found \(files.count)")
        var options = LintOptions()
        options.dialect = .apache
        let provider = DiskFileProvider(workingDirectory: Self.corpus)
        let result = Linter.lint(files.map { LintInput(paths: [$0]) }, options: options, provider: provider)
        var syntaxErrors: Set<String> = []
        for report in result.reports {
            let path = PathUtilities.relative(report.input.paths[0], to: Self.corpus)
            #expect(report.failure == nil, "\(path): \(report.failure ?? "")")
            if report.findings.contains(where: { $0.ruleID == "SIO000" && $0.range.file.hasSuffix(path) }) { syntaxErrors.insert(path) }
        }
        #expect(syntaxErrors == Set(Self.refusedByHttpd.keys), "unexpected: \(syntaxErrors.subtracting(Self.refusedByHttpd.keys).sorted()); missing: \(Set(Self.refusedByHttpd.keys).subtracting(syntaxErrors).sorted())")
    }

    @Test(.enabled(if: corpusExists, "../shared/corpus is not next to the package: corpus test skipped"))
    func socketIOClusterExampleIsClean() throws {
        var options = LintOptions()
        options.dialect = .apache
        let path = Self.corpus + "/socketio-examples/socket.io__examples__cluster-httpd__httpd.conf"
        let report = Linter.lint(LintInput(paths: [path]), options: options, provider: DiskFileProvider(workingDirectory: Self.corpus))
        #expect(report.findings.map(\.ruleID) == [])
        let model = try #require(report.loaded?.model)
        #expect(model.upstreams["balancer://nodes_ws"]?.activeServers.count == 4)
    }

    @Test(.enabled(if: debianTreeExists, "/etc/apache2 is not installed: Debian tree test skipped"))
    func debianDefaultTreeLints() throws {
        var options = LintOptions()
        options.dialect = .apache
        let report = Linter.lint(LintInput(paths: ["/etc/apache2/apache2.conf"]), options: options, provider: DiskFileProvider(workingDirectory: "/"))
        #expect(report.failure == nil)
        #expect(!report.findings.contains { $0.ruleID == "SIO000" || $0.ruleID == "SIO001" }, "\(report.findings.map(\.message))")
        #expect((report.loaded?.parsed.files.count ?? 0) > 5)
        #expect(!(report.loaded?.model?.virtualServers.isEmpty ?? true))
    }
}
