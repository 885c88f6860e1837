/// Compiler-style text: `path:line:col: error: message [SIO101 websocket-idle-timeout]`, the
/// source line with a caret, `note:` lines for related locations, and a `help:` line.
public struct TextReporter: Sendable {
    public var color: Bool

    public init(color: Bool) { self.color = color }

    public func report(_ findings: [Finding], sources: [String: SourceFile]) -> String {
        var out = ""
        for finding in findings {
            out += render(finding, sources: sources)
        }
        return out
    }

    func render(_ finding: Finding, sources: [String: SourceFile]) -> String {
        let start = finding.range.start
        var out = paint("\(start.file):\(start.line):\(start.column): ", .bold)
        out += paint("\(finding.severity.rawValue):", severityStyle(finding.severity))
        out += paint(" \(finding.message)", .bold) + " [\(finding.ruleID) \(finding.ruleName)]\n"
        out += excerpt(finding.range, sources: sources)
        for related in finding.related {
            let l = related.range.start
            out += paint("\(l.file):\(l.line):\(l.column): ", .bold) + paint("note:", .cyan) + " \(related.message)\n"
            out += excerpt(related.range, sources: sources)
        }
        if let help = finding.help {
            out += "  " + paint("help:", .green) + " \(help)\n"
        }
        if let suppression = finding.suppression {
            out += "  " + paint("suppressed:", .cyan) + " \(suppression.justification ?? "no reason given") (\(suppression.range.start.description))\n"
        }
        return out
    }

    private func excerpt(_ range: SourceRange, sources: [String: SourceFile]) -> String {
        guard let file = sources[range.file] else { return "" }
        let line = file.lineText(range.start.line)
        guard !line.isEmpty else { return "" }
        let number = String(range.start.line)
        let gutter = String(repeating: " ", count: number.count)
        let prefix = line.unicodeScalars.prefix(max(0, range.start.column - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
        let width: Int
        if range.end.line == range.start.line, range.end.column > range.start.column {
            width = range.end.column - range.start.column
        } else {
            width = max(1, line.unicodeScalars.count - (range.start.column - 1))
        }
        let marker = "^" + String(repeating: "~", count: max(0, width - 1))
        return " \(number) | \(line)\n \(gutter) | \(prefix)\(paint(marker, .green))\n"
    }

    enum Style { case bold, red, yellow, cyan, green, blue }

    private func severityStyle(_ s: Severity) -> Style {
        switch s {
        case .error: return .red
        case .warning: return .yellow
        case .info: return .blue
        }
    }

    private func paint(_ text: String, _ style: Style) -> String {
        guard color else { return text }
        let code: String
        switch style {
        case .bold: code = "1"
        case .red: code = "1;31"
        case .yellow: code = "1;33"
        case .cyan: code = "1;36"
        case .green: code = "1;32"
        case .blue: code = "1;34"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}
