import Foundation

/// Paths of the checkout the tests run from (found from this file's location).
enum RepositoryLayout {
    /// The repository root.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        // Tests/SiolintCoreTests/Support/RepositoryLayout.swift → root
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func path(_ relative: String) -> String { root + "/" + relative }

    static func read(_ relative: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path(relative)))
    }

    /// The built `siolint` next to the test bundle (`.build/<triple>/debug/siolint`), or in `.build/debug`.
    static var binary: String? {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["SIOLINT"] { candidates.append(env) }
        let bundleDir = Bundle.main.bundleURL.deletingLastPathComponent().path
        candidates.append(Bundle.main.bundleURL.path + "/siolint")
        candidates.append(bundleDir + "/siolint")
        for bundle in Bundle.allBundles { candidates.append(bundle.bundleURL.deletingLastPathComponent().path + "/siolint") }
        candidates.append(path(".build/debug/siolint"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
