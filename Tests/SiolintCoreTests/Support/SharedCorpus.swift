import Foundation
@testable import SiolintCore

/// The shared config corpus (`<package root>/../shared/corpus`), when it is present.
enum SharedCorpus {
    /// The corpus directory, or `nil` when this checkout has none (tests then skip with a message).
    static let root: String? = {
        // …/Tests/SiolintCoreTests/Support/SharedCorpus.swift → package root is three folders up.
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        let corpus = url.deletingLastPathComponent().appendingPathComponent("shared/corpus").standardizedFileURL.path
        return FileManager.default.fileExists(atPath: corpus) ? corpus : nil
    }()

    static let missingMessage = "no ../shared/corpus next to the package: corpus tests skipped"

    /// Every regular file under a corpus folder, sorted, as paths relative to the corpus root.
    static func files(under folder: String) -> [String] {
        guard let root else { return [] }
        let base = root + "/" + folder
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
        var out: [String] = []
        while let relative = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
                out.append(folder + "/" + relative)
            }
        }
        return out.sorted()
    }

    /// The nginx files of the corpus: every file of parser-torture/nginx (but go-crossplane's
    /// expected-output `.golden` files), the nginx files of socketio-real and socketio-examples, and large/.
    static func nginxFiles() -> [String] {
        var out = files(under: "parser-torture/nginx").filter { !$0.hasSuffix(".golden") }
        for folder in ["socketio-real", "socketio-examples"] {
            out += files(under: folder).filter { path in
                let name = path.lowercased()
                return !(name.hasSuffix(".cfg") || name.hasSuffix(".yml") || name.hasSuffix(".md") || name.contains("apache") || name.contains("httpd"))
            }
        }
        out += files(under: "large").filter { $0.hasSuffix("nginx.conf") }
        return out
    }

    /// The bytes to lint for a corpus file: tailhook's `errors/*.txt` hold the input, a line `---`
    /// and the expected message; only the input is configuration.
    static func configurationBytes(_ relative: String) -> [UInt8]? {
        guard let root, let data = FileManager.default.contents(atPath: root + "/" + relative) else { return nil }
        var bytes = [UInt8](data)
        if relative.contains("tailhook-nginx-config/errors/"), let cut = findSeparator(bytes) { bytes = Array(bytes[..<cut]) }
        return bytes
    }

    private static func findSeparator(_ bytes: [UInt8]) -> Int? {
        let marker = Array("\n---\n".utf8)
        guard bytes.count >= marker.count else { return nil }
        for i in 0...(bytes.count - marker.count) where bytes[i..<i + marker.count].elementsEqual(marker) { return i + 1 }
        return nil
    }

    /// Lints one corpus file as the CLI would (`siolint --dialect nginx FILE`), includes read from the disk.
    static func lint(_ relative: String, server: ServerKind) -> ConfigurationReport? {
        guard let root, let bytes = configurationBytes(relative) else { return nil }
        let path = root + "/" + relative
        var options = LintOptions()
        options.dialect = server
        return Linter.lint(LintInput(paths: [path], contents: bytes), options: options,
                           provider: DiskFileProvider(workingDirectory: root))
    }
}
