/// Checkstyle XML, as hadolint, ShellCheck and Jenkins' warnings plugin read it:
/// `<checkstyle version="4.3"><file name="…"><error line column severity message source="siolint.SIO101"/>`.
public struct CheckstyleReporter: Sendable {
    public init() {}

    public func report(_ report: LintReport) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n"
        var byFile: [String: [Finding]] = [:]
        for f in report.activeFindings { byFile[report.paths.reportPath(f.range.start.file), default: []].append(f) }
        for file in byFile.keys.sorted() {
            out += "  <file name=\"\(CheckstyleReporter.escape(file))\">\n"
            for f in byFile[file]! {
                var message = f.message
                if let help = f.help { message += " (help: \(help))" }
                out += "    <error line=\"\(f.range.start.line)\" column=\"\(f.range.start.column)\" severity=\"\(f.severity.rawValue)\""
                out += " message=\"\(CheckstyleReporter.escape(message))\" source=\"siolint.\(f.ruleID)\"/>\n"
            }
            out += "  </file>\n"
        }
        return out + "</checkstyle>\n"
    }

    /// Escapes text for an XML 1.0 attribute; characters XML 1.0 cannot hold become U+FFFD.
    static func escape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default:
                let v = scalar.value
                if v < 0x20 || (v >= 0xFFFE && v <= 0xFFFF) { out += "\u{FFFD}" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
