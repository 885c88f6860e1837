import Foundation
import Testing
@testable import SiolintCore

/// The text and JSON output for every nginx sample, compared with files under Golden/. Run with
/// SIOLINT_UPDATE_GOLDEN=1 to rewrite them after an intended change, and review the diff.
struct GoldenOutputTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden").path

    /// Every top-level sample of each dialect, as `dialect/file`.
    static let samples: [String] = ["nginx", "apache", "haproxy"].flatMap { dialect in
        let dir = root + "/Samples/" + dialect
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
            .filter { $0.hasSuffix(".conf") || $0.hasSuffix(".cfg") }.sorted().map { dialect + "/" + $0 }
    }

    @Test func thereAreSamples() {
        #expect(Self.samples.count >= 60)
    }

    @Test(arguments: samples)
    func output(_ sample: String) throws {
        let provider = DiskFileProvider(workingDirectory: Self.root)
        var options = LintOptions()
        options.versions.nginx = SoftwareVersion([1, 22, 1])
        options.versions.apache = SoftwareVersion([2, 4, 71])
        options.versions.haproxy = SoftwareVersion([2, 6])
        let result = Linter.lint([LintInput(paths: [Self.root + "/Samples/" + sample])], options: options, provider: provider)
        let text = TextReporter(color: false).report(result.findings, sources: result.sources)
        let json = JSONReporter().report(result.findings)
        try compare(text, "\(sample).txt")
        try compare(json, "\(sample).json")
    }

    private func compare(_ actual: String, _ name: String) throws {
        let path = Self.golden + "/" + name
        if ProcessInfo.processInfo.environment["SIOLINT_UPDATE_GOLDEN"] != nil {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(actual == expected, "output differs from Golden/\(name); rerun with SIOLINT_UPDATE_GOLDEN=1 if intended")
    }
}
