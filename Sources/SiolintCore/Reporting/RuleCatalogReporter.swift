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

    /// `siolint explain ID`: the rule's documentation page.
    public static func explain(_ d: RuleDescription) -> String {
        RuleDocumentation.markdown(d)
    }
}
