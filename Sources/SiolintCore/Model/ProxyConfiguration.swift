/// A proxy configuration reduced to what matters for Socket.IO, the same for every server kind:
/// the virtual servers with their routes, the upstream groups, and the facts rules read.
public struct ProxyConfiguration: Sendable {
    public var server: ServerKind
    /// The main file (or first input) the configuration was read from.
    public var mainFile: String
    public var virtualServers: [VirtualServer]
    /// Upstream groups by name.
    public var upstreams: [String: UpstreamGroup]
    /// Named value lookups (nginx `map`, …) by the name routes refer to.
    public var lookups: [String: ValueLookup]
    /// Every time value written in a timeout-like directive.
    public var timeLiterals: [TimeLiteral]
    /// Directives the target server version refuses to start with.
    public var rejectedDirectives: [RejectedDirective]
    /// Whether a condition may run a `RewriteProgram`. Routing keeps a cache of program runs per
    /// request only then: for a configuration without programs, that was an allocation per probe.
    public var hasRewritePrograms = true

    public init(server: ServerKind, mainFile: String, virtualServers: [VirtualServer] = [],
                upstreams: [String: UpstreamGroup] = [:], lookups: [String: ValueLookup] = [:],
                timeLiterals: [TimeLiteral] = [], rejectedDirectives: [RejectedDirective] = []) {
        self.server = server
        self.mainFile = mainFile
        self.virtualServers = virtualServers
        self.upstreams = upstreams
        self.lookups = lookups
        self.timeLiterals = timeLiterals
        self.rejectedDirectives = rejectedDirectives
    }
}

/// A directive the server refuses to start with (unknown in the target version, or removed), or
/// one it accepts but cannot carry out (see `effect`).
public struct RejectedDirective: Sendable, Hashable {
    public var directive: DirectiveReference
    /// Why the server refuses it: "unknown directive in nginx 1.22 (added in 1.29.6)".
    public var reason: String
    /// What to write instead.
    public var fix: String
    /// What happens instead of a refusal to start, when the server starts but fails at request
    /// time ("WebSocket requests fail with 500"); `nil` when it refuses to start.
    public var effect: String?

    public init(directive: DirectiveReference, reason: String, fix: String, effect: String? = nil) {
        self.directive = directive
        self.reason = reason
        self.fix = fix
        self.effect = effect
    }
}
