import Foundation

/// GitLab Code Quality report: a JSON array of `{description, check_name, fingerprint, severity,
/// location: {path, lines: {begin, end}}}` (error → critical, warning → major, info → minor).
/// Fingerprints are stable across runs and differ for every finding.
public struct GitLabReporter: Sendable {
    struct Issue: Encodable {
        var type = "issue"
        var description: String
        var check_name: String
        var fingerprint: String
        var severity: String
        var location: Location
    }

    struct Location: Encodable {
        var path: String
        var lines: Lines
    }

    struct Lines: Encodable {
        var begin: Int
        var end: Int
    }

    public init() {}

    public func report(_ report: LintReport) -> String {
        var hashes = LineHashCache()
        var seen: [String: Int] = [:]
        // Suppressed findings have no place in a merge-request widget.
        let issues = report.activeFindings.map { f -> Issue in
            var fingerprint = report.fingerprint(f, lineHashes: &hashes)
            // Identical fingerprints are collapsed by GitLab; keep every finding visible.
            let n = seen[fingerprint, default: 0]
            seen[fingerprint] = n + 1
            if n > 0 { fingerprint = StableHash.hex(fingerprint + "#\(n)") }
            let severity: String
            switch f.severity {
            case .error: severity = "critical"
            case .warning: severity = "major"
            case .info: severity = "minor"
            }
            return Issue(description: "\(f.ruleID) \(f.ruleName): \(f.message)", check_name: f.ruleID, fingerprint: fingerprint,
                         severity: severity,
                         location: Location(path: report.paths.reportPath(f.range.start.file),
                                            lines: Lines(begin: f.range.start.line, end: max(f.range.start.line, f.range.end.line))))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(issues)) ?? Data("[]".utf8), as: UTF8.self) + "\n"
    }
}
