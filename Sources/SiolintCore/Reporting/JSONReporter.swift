import Foundation

/// The stable JSON document of `--format json` (documented in the README):
/// `{"version":1,"findings":[…],"summary":{"errors":n,"warnings":n,"infos":n}}`. With
/// `--include-suppressed` each finding also has `suppressed` (and `justification` when given);
/// the summary counts only findings that are not suppressed.
public struct JSONReporter: Sendable {
    struct Document: Encodable {
        var version = 1
        var findings: [Item]
        var summary: Summary
    }

    struct Item: Encodable {
        var rule: String
        var name: String
        var level: String
        var file: String
        var line: Int
        var column: Int
        var endLine: Int
        var endColumn: Int
        var message: String
        var help: String?
        var related: [Related]
        /// Present only with `--include-suppressed`.
        var suppressed: Bool?
        var justification: String?
    }

    struct Related: Encodable {
        var file: String
        var line: Int
        var column: Int
        var message: String
    }

    struct Summary: Encodable {
        var errors: Int
        var warnings: Int
        var infos: Int
    }

    public init() {}

    public func report(_ findings: [Finding], includesSuppressed: Bool = false) -> String {
        let items = findings.map { f in
            Item(rule: f.ruleID, name: f.ruleName, level: f.severity.rawValue, file: f.range.start.file,
                 line: f.range.start.line, column: f.range.start.column, endLine: f.range.end.line, endColumn: f.range.end.column,
                 message: f.message, help: f.help,
                 related: f.related.map { Related(file: $0.range.start.file, line: $0.range.start.line, column: $0.range.start.column, message: $0.message) },
                 suppressed: includesSuppressed ? f.suppression != nil : nil,
                 justification: f.suppression?.justification)
        }
        let document = Document(findings: items, summary: JSONReporter.summary(findings.filter { $0.suppression == nil }))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(document)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func summary(_ findings: [Finding]) -> Summary {
        Summary(errors: findings.filter { $0.severity == .error }.count,
                warnings: findings.filter { $0.severity == .warning }.count,
                infos: findings.filter { $0.severity == .info }.count)
    }
}
