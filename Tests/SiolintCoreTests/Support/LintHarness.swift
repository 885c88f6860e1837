import Foundation
@testable import SiolintCore

/// Lints configuration text held in memory, as the CLI would lint a file.
enum LintHarness {
    static func defaultPath(for server: ServerKind) -> String {
        switch server {
        case .nginx: return "/virtual/nginx.conf"
        case .apache: return "/virtual/httpd.conf"
        case .haproxy: return "/virtual/haproxy.cfg"
        }
    }

    /// Options as the command line would set them from `arguments`.
    static func options(_ arguments: [String], server: ServerKind) throws -> LintOptions {
        var inv = try Invocation.parse(arguments + ["--dialect", server.rawValue, "placeholder"])
        inv.overrides.dialect = server
        var options = inv.lintOptions(file: nil)
        // Tests look at why routes were chosen, as `siolint trace` does.
        options.recordsDecisions = true
        return options
    }

    static func lint(_ text: String, server: ServerKind = .nginx, arguments: [String] = [],
                     files extra: [String: String] = [:], path: String? = nil) throws -> ConfigurationReport {
        let main = path ?? defaultPath(for: server)
        var files = [main: Array(text.utf8)]
        for (p, t) in extra { files[p] = Array(t.utf8) }
        let provider = InMemoryFileProvider(files: files, workingDirectory: "/virtual")
        return Linter.lint(LintInput(paths: [main]), options: try options(arguments, server: server), provider: provider)
    }

    /// The configuration as its dialect loads it, syntax tree included (a lint report releases the tree).
    static func load(_ text: String, server: ServerKind = .nginx) throws -> LoadedConfiguration {
        let main = defaultPath(for: server)
        let provider = InMemoryFileProvider(files: [main: Array(text.utf8)], workingDirectory: "/virtual")
        return Dialects.frontend(for: server)!.load([main], provider: provider, options: try options([], server: server))
    }

    /// Removes `↓` markers and returns the text with the (line, column) of each marker.
    static func stripMarkers(_ text: String) -> (String, [Position]) {
        var out = ""
        var positions: [Position] = []
        var line = 1, column = 1
        for scalar in text.unicodeScalars {
            if scalar == "↓" {
                positions.append(Position(line: line, column: column))
                continue
            }
            out.unicodeScalars.append(scalar)
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (out, positions)
    }

    struct Position: Hashable, CustomStringConvertible {
        var line: Int
        var column: Int
        var description: String { "\(line):\(column)" }
    }
}
