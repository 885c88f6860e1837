import Foundation

/// `siolint rules`, `siolint explain`, and `rules.json`, all from the rule descriptions.
public enum RuleCatalogReporter {
    public static func text() -> String {
        RuleCatalog.descriptions.map { d in
            "\(d.id)  \(d.name.padding(toLength: 38, withPad: " ", startingAt: 0)) \(d.defaultSeverity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(d.summary)"
        }.joined(separator: "\n") + "\n"
    }

    struct Entry: Encodable {
        var id: String
        var name: String
        var level: String
        var summary: String
        var explanation: String
        var help: [String: String]
        var tags: [String]
    }

    /// The catalog as JSON; `rules.json` is exactly this.
    public static func json() -> String {
        let entries = RuleCatalog.descriptions.map { d in
            Entry(id: d.id, name: d.name, level: d.defaultSeverity.rawValue, summary: d.summary, explanation: d.explanation,
                  help: Dictionary(uniqueKeysWithValues: d.fixes.map { ($0.key.rawValue, $0.value) }), tags: d.tags)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(["rules": entries])) ?? Data(), as: UTF8.self) + "\n"
    }

    public static func explain(_ d: RuleDescription) -> String {
        var out = "# \(d.id) \(d.name) (\(d.defaultSeverity.rawValue))\n\n\(d.summary)\n\n\(d.explanation)\n\n## Fix\n\n"
        for server in ServerKind.allCases { if let fix = d.fixes[server] { out += "- \(server.displayName): \(fix)\n" } }
        func examples(_ title: String, _ list: [RuleExample]) {
            guard !list.isEmpty else { return }
            out += "\n## \(title)\n"
            for e in list {
                let args = e.arguments.isEmpty ? "" : " (with `\(e.arguments.joined(separator: " "))`)"
                out += "\n\(e.server.displayName)\(args)\(e.note.map { ": \($0)" } ?? ""):\n\n```\n\(e.configuration.replacingOccurrences(of: "↓", with: ""))\n```\n"
            }
        }
        examples("Reported", d.triggeringExamples)
        examples("Not reported", d.nonTriggeringExamples)
        return out
    }
}
