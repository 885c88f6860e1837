/// Something that stops a file from being read as configuration, an include that cannot be
/// followed, or a directive the server does not know. The linter turns these into
/// `SIO000`/`SIO001`/`SIO002` findings at the exact spot.
public struct SyntaxProblem: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// The text cannot be parsed (SIO000).
        case syntax
        /// A literal include names no file (SIO001).
        case includeNotFound
        /// An include leads back to a file being included (SIO000: the server refuses it).
        case includeCycle
        /// A directive name the dialect's table does not know (SIO002).
        case unknownDirective

        /// Whether the configuration cannot be modelled with this problem (the others leave it readable).
        public var blocksModel: Bool { self == .syntax || self == .includeCycle }
    }

    public var kind: Kind
    public var message: String
    public var range: SourceRange
    /// Further places worth showing (e.g. the opening brace of an unclosed block).
    public var relatedLocations: [RelatedLocation]
    /// A help line for this problem ("did you mean …?"); the rule's fix when `nil`.
    public var help: String?

    public init(_ kind: Kind, _ message: String, at range: SourceRange, related: [RelatedLocation] = [], help: String? = nil) {
        self.kind = kind
        self.message = message
        self.range = range
        self.relatedLocations = related
        self.help = help
    }
}

/// A secondary location attached to a finding or problem.
public struct RelatedLocation: Sendable, Hashable, Codable {
    public var range: SourceRange
    public var message: String

    public init(_ range: SourceRange, _ message: String) {
        self.range = range
        self.message = message
    }
}
