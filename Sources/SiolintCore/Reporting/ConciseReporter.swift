import Foundation

/// One line per finding, for editors' problem matchers: `path:line:col: level: message [SIO101]`.
public struct ConciseReporter: Sendable {
    public init() {}

    public func report(_ report: LintReport) -> String {
        report.findings.map { f in
            let s = f.range.start
            let suppressed = f.suppression.map { " (suppressed: \($0.justification ?? "no reason given"))" } ?? ""
            return "\(s.file):\(s.line):\(s.column): \(f.severity.rawValue): \(ConciseReporter.oneLine(f.message)) [\(f.ruleID)]\(suppressed)\n"
        }.joined()
    }

    static func oneLine(_ s: String) -> String {
        s.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
    }
}
