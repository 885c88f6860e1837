/// The formats siolint writes (`--format`). Every format ends with the same exit status.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Compiler-style with source excerpts and help (the default).
    case text
    /// One line per finding.
    case concise
    /// siolint's own stable JSON document.
    case json
    /// SARIF 2.1.0 (GitHub code scanning).
    case sarif
    /// GitHub Actions annotations.
    case github
    /// GitLab Code Quality.
    case gitlab
    /// Checkstyle XML.
    case checkstyle

    /// Whether the format may use ANSI colors (only on a terminal, decided by the caller).
    public var allowsColor: Bool {
        switch self {
        case .text: return true
        case .concise, .json, .sarif, .github, .gitlab, .checkstyle: return false
        }
    }

    public func render(_ report: LintReport, color: Bool = false) -> String {
        switch self {
        case .text: return TextReporter(color: color && allowsColor).report(report.findings, sources: report.sources)
        case .concise: return ConciseReporter().report(report)
        case .json: return JSONReporter().report(report.findings, includesSuppressed: report.includesSuppressed)
        case .sarif: return SARIFReporter().report(report)
        case .github: return GitHubReporter().report(report)
        case .gitlab: return GitLabReporter().report(report)
        case .checkstyle: return CheckstyleReporter().report(report)
        }
    }
}
