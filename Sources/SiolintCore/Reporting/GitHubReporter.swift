/// GitHub Actions workflow commands, one annotation per finding:
/// `::error file=…,line=…,endLine=…,col=…,endColumn=…,title=siolint SIO101 (websocket-idle-timeout)::message`.
/// Data is escaped as the actions toolkit does (`%`, CR, LF), property values also `:` and `,`.
public struct GitHubReporter: Sendable {
    public init() {}

    public func report(_ report: LintReport) -> String {
        var out = ""
        for f in report.findings {
            let command: String
            switch f.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .info: command = "notice"
            }
            let start = f.range.start
            let end = (f.range.end.line, f.range.end.column) < (start.line, start.column) ? start : f.range.end
            let properties = [
                ("file", report.paths.reportPath(start.file)),
                ("line", "\(start.line)"),
                ("endLine", "\(end.line)"),
                ("col", "\(start.column)"),
                ("endColumn", "\(end.column)"),
                ("title", "siolint \(f.ruleID) (\(f.ruleName))" + (f.suppression != nil ? " [suppressed]" : "")),
            ].map { "\($0.0)=\(GitHubReporter.escapeProperty($0.1))" }.joined(separator: ",")
            var message = f.message
            if let help = f.help { message += "\nhelp: \(help)" }
            if let s = f.suppression { message += "\nsuppressed: \(s.justification ?? "no reason given")" }
            out += "::\(command) \(properties)::\(GitHubReporter.escapeData(message))\n"
        }
        for failure in report.failures {
            out += "::error title=siolint::\(GitHubReporter.escapeData(failure))\n"
        }
        return out
    }

    static func escapeData(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func escapeProperty(_ s: String) -> String {
        var out = ""
        for scalar in escapeData(s).unicodeScalars {
            switch scalar {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
