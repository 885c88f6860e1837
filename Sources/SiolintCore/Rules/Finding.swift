/// How serious a finding is.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case info, warning, error

    private var rank: Int {
        switch self {
        case .info: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// One problem siolint reports: which rule, how serious, where, what breaks, and the fix.
public struct Finding: Sendable, Hashable {
    public var ruleID: String
    public var ruleName: String
    public var severity: Severity
    /// What breaks and where, one or two sentences; the first stands alone.
    public var message: String
    public var range: SourceRange
    public var related: [RelatedLocation]
    /// The fix, for the user's server.
    public var help: String?
    /// The inline suppression that silences this finding, if any (it then leaves every output).
    public var suppression: FindingSuppression?

    public init(ruleID: String, ruleName: String, severity: Severity, message: String, range: SourceRange,
                related: [RelatedLocation] = [], help: String? = nil) {
        self.ruleID = ruleID
        self.ruleName = ruleName
        self.severity = severity
        self.message = message
        self.range = range
        self.related = related
        self.help = help
    }

    /// Output order: file, line, column, rule.
    public static func ordered(_ a: Finding, _ b: Finding) -> Bool {
        let (x, y) = (a.range.start, b.range.start)
        // Locations order by file, line and column; equal ones (or the same spot in two reads of
        // one file) by rule.
        if x != y {
            if x < y { return true }
            if y < x { return false }
        }
        return (a.ruleID, a.message) < (b.ruleID, b.message)
    }
}
