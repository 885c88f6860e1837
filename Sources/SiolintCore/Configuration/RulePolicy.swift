/// Which findings are reported, at which level, and which make the exit status 1.
public struct RulePolicy: Sendable, Hashable {
    /// Only these rule ids are reported; `nil` reports every rule. SIO000 (a file that cannot be
    /// parsed) is reported unless ignored explicitly, since nothing else was checked.
    public var select: Set<String>?
    public var ignore: Set<String> = []
    /// Per-rule level overrides.
    public var levels: [String: Severity] = [:]
    /// Findings below this level are not reported.
    public var minimumSeverity: Severity = .info
    /// Findings at or above this level make the exit status 1; `nil` never fails.
    public var failOn: Severity? = .info

    public init() {}

    /// The findings to report, with their levels overridden.
    public func apply(_ findings: [Finding]) -> [Finding] {
        findings.compactMap { finding in
            guard reports(finding.ruleID) else { return nil }
            var f = finding
            if let level = levels[f.ruleID] { f.severity = level }
            return f.severity >= minimumSeverity ? f : nil
        }
    }

    public func reports(_ ruleID: String) -> Bool {
        if ignore.contains(ruleID) { return false }
        guard let select else { return true }
        return select.contains(ruleID) || ruleID == ConfigSyntaxErrorRule.description.id
    }

    /// Whether a reported finding makes the run fail.
    public func fails(_ finding: Finding) -> Bool {
        guard let failOn else { return false }
        return finding.severity >= failOn
    }
}
