/// Why a finding is silenced: the `# siolint disable…` comment that covers it and its reason.
public struct FindingSuppression: Sendable, Hashable {
    /// The text after `--`, `nil` when the comment gives none.
    public var justification: String?
    /// Where the suppression comment is.
    public var range: SourceRange

    public init(justification: String?, range: SourceRange) {
        self.justification = justification
        self.range = range
    }
}
