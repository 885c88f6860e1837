import Foundation

/// A `# siolint disable=…` comment, parsed.
///
/// - `# siolint disable=SIO401,SIO101 -- reason` on its own line covers the next directive (a block
///   directive with everything inside it);
/// - the same text after a directive on its line covers that directive (not in Apache httpd, which
///   forbids comments after a directive);
/// - `# siolint disable-file=SIO202 -- reason` covers the whole file it is written in.
public struct SuppressionComment: Sendable, Hashable {
    public enum Scope: Sendable, Hashable {
        /// Own line: the next directive or block.
        case nextDirective
        /// After a directive on the same line: that directive.
        case sameLine
        /// The whole file.
        case file
    }

    public var scope: Scope
    /// Rule ids (normalized, `SIO101`), in the order written.
    public var ruleIDs: [String]
    /// Ids or names that match no rule, as written.
    public var unknownIDs: [String]
    /// The text after `--`, trimmed; `nil` when absent or empty.
    public var reason: String?
    public var range: SourceRange

    /// Parses a comment; `nil` when it is not a siolint suppression. A comment that starts with
    /// `siolint disable` but is malformed yields a suppression with no ids (reported as unused).
    public static func parse(_ comment: Comment) -> SuppressionComment? {
        var text = Substring(comment.text).drop { $0 == " " || $0 == "\t" }
        guard text.hasPrefix("siolint") else { return nil }
        text = text.dropFirst("siolint".count)
        guard let first = text.first, first == " " || first == "\t" else { return nil }
        text = text.drop { $0 == " " || $0 == "\t" }
        let scope: Scope
        if text.hasPrefix("disable-file") {
            scope = .file
            text = text.dropFirst("disable-file".count)
        } else if text.hasPrefix("disable") {
            scope = comment.ownLine ? .nextDirective : .sameLine
            text = text.dropFirst("disable".count)
        } else {
            return nil
        }
        // `# siolint disabled …` is prose, not a suppression.
        if let next = text.first, next.isLetter || next.isNumber || next == "-" || next == "_" { return nil }
        var reason: String?
        var list = text
        if let dashes = text.range(of: "--") {
            list = text[..<dashes.lowerBound]
            let r = text[dashes.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
            reason = r.isEmpty ? nil : r
        }
        var ids: [String] = []
        var unknown: [String] = []
        let trimmed = list.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("=") {
            for part in trimmed.dropFirst().split(separator: ",") {
                let name = part.trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else { continue }
                if let rule = RuleCatalog.description(id: name.uppercased()) ?? RuleCatalog.description(id: name.lowercased()) {
                    if !ids.contains(rule.id) { ids.append(rule.id) }
                } else {
                    unknown.append(name)
                }
            }
        } else {
            unknown.append(trimmed.isEmpty ? "(no rule ids: write disable=SIO101)" : trimmed)
        }
        return SuppressionComment(scope: scope, ruleIDs: ids, unknownIDs: unknown, reason: reason, range: comment.range)
    }
}
