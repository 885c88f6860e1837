/// What a rule is: its stable id and name, level, what it checks, how a user sees the breakage,
/// the fix per server, and examples that are its tests and its documentation.
public struct RuleDescription: Sendable {
    /// Stable id, never reused: `SIO101`.
    public var id: String
    /// kebab-case name: `websocket-idle-timeout`.
    public var name: String
    public var defaultSeverity: Severity
    /// One sentence.
    public var summary: String
    /// What the user sees when it ships, and why; a paragraph.
    public var explanation: String
    /// The fix, per server.
    public var fixes: [ServerKind: String]
    /// Configurations where the rule must report; `↓` marks where each finding starts.
    public var triggeringExamples: [RuleExample]
    /// Configurations where the rule must stay quiet.
    public var nonTriggeringExamples: [RuleExample]
    /// Short tags for catalogs and SARIF.
    public var tags: [String]

    public init(id: String, name: String, defaultSeverity: Severity, summary: String, explanation: String,
                fixes: [ServerKind: String] = [:], triggeringExamples: [RuleExample] = [],
                nonTriggeringExamples: [RuleExample] = [], tags: [String] = []) {
        self.id = id
        self.name = name
        self.defaultSeverity = defaultSeverity
        self.summary = summary
        self.explanation = explanation
        self.fixes = fixes
        self.triggeringExamples = triggeringExamples
        self.nonTriggeringExamples = nonTriggeringExamples
        self.tags = tags
    }

    /// The fix line for a server, or the first one written.
    public func fix(for server: ServerKind) -> String? {
        fixes[server] ?? ServerKind.allCases.lazy.compactMap { fixes[$0] }.first
    }
}

/// A configuration snippet in a rule's documentation, used as a test.
public struct RuleExample: Sendable {
    public var server: ServerKind
    /// The configuration; `↓` (not part of the config) marks where a finding must start.
    public var configuration: String
    /// Extra command-line style settings for this example (`--ping-interval 10s`).
    public var arguments: [String]
    /// What the example shows, for the docs.
    public var note: String?

    public init(_ server: ServerKind, _ configuration: String, arguments: [String] = [], note: String? = nil) {
        self.server = server
        self.configuration = configuration
        self.arguments = arguments
        self.note = note
    }
}
