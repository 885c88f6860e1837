/// The request headers a route sends to its backend, beyond the client's own end-to-end headers.
public struct HeaderPolicy: Sendable {
    /// Whether the client's hop-by-hop `Upgrade`/`Connection` headers reach the backend without
    /// being set explicitly (HAProxy: yes; Apache: with `upgrade=websocket` or a `ws://` target;
    /// nginx: never).
    public var forwardsClientUpgrade: Setting<Bool>
    /// Headers set explicitly for this route, as inherited or written at its level.
    public var assignments: [HeaderAssignment]
    /// Headers written at an outer level that do not apply here because this level sets its own.
    public var notInherited: [HeaderAssignment]
    /// Something that could not be read (a missing include) and may set further headers here.
    public var unreadSource: DirectiveReference?

    public init(forwardsClientUpgrade: Setting<Bool>, assignments: [HeaderAssignment] = [], notInherited: [HeaderAssignment] = [],
                unreadSource: DirectiveReference? = nil) {
        self.forwardsClientUpgrade = forwardsClientUpgrade
        self.assignments = assignments
        self.notInherited = notInherited
        self.unreadSource = unreadSource
    }
}

/// A request header set for the backend.
public struct HeaderAssignment: Sendable, Hashable {
    /// The header name as written.
    public var name: String {
        didSet { hopByHop = HopByHopHeader(name) }
    }
    /// Which hop-by-hop header of a WebSocket upgrade `name` is, in any case; found when the name
    /// is set, not each time a probe is routed.
    public private(set) var hopByHop: HopByHopHeader?
    public var value: ValueTemplate
    public var directive: DirectiveReference
    /// The outer level it applies from ("server", "http"), `nil` when set at the route's own level.
    public var inheritedFrom: String?
    /// The request condition under which the assignment applies (HAProxy `http-request set-header
    /// … if …`); `.always` for unconditional ones.
    public var condition: RequestCondition

    public init(name: String, value: ValueTemplate, directive: DirectiveReference, inheritedFrom: String? = nil,
                condition: RequestCondition = .always) {
        self.name = name
        self.hopByHop = HopByHopHeader(name)
        self.value = value
        self.directive = directive
        self.inheritedFrom = inheritedFrom
        self.condition = condition
    }
}

/// The two hop-by-hop headers a WebSocket upgrade needs the proxy to send on (RFC 6455 §4.1),
/// by their lower-case names.
public enum HopByHopHeader: String, Sendable, Hashable {
    case upgrade, connection

    /// The header named `name` (compared ignoring case), `nil` for any other header.
    public init?(_ name: String) {
        // The usual spellings first: comparing short strings costs a few instructions, lower-casing
        // one and matching it against the cases hundreds (every route's assignments are read).
        if name == "Upgrade" || name == "upgrade" { self = .upgrade; return }
        if name == "Connection" || name == "connection" { self = .connection; return }
        let lowered = ASCIICase.lowercased(name)
        if lowered == "upgrade" {
            self = .upgrade
        } else if lowered == "connection" {
            self = .connection
        } else {
            return nil
        }
    }
}

/// A value computed per request from literal text and request data.
public struct ValueTemplate: Sendable, Hashable {
    public enum Part: Sendable, Hashable {
        case literal(String)
        /// The value of a request header (empty when absent).
        case requestHeader(String)
        /// The result of a named lookup of the configuration.
        case lookup(String)
        /// Something siolint cannot evaluate (a variable it does not model).
        case unknown(String)
    }

    public var parts: [Part]
    /// The template as written, for messages.
    public var written: String

    public init(parts: [Part], written: String) {
        self.parts = parts
        self.written = written
    }

    public static func literal(_ s: String) -> ValueTemplate { ValueTemplate(parts: [.literal(s)], written: s) }
}

/// A table that maps a request-derived value to another (nginx `map`).
public struct ValueLookup: Sendable, Hashable {
    public enum Key: Sendable, Hashable {
        case exact(String, caseInsensitive: Bool)
        case pattern(RegexPattern)
    }

    public struct Entry: Sendable, Hashable {
        public var key: Key
        public var value: ValueTemplate

        public init(key: Key, value: ValueTemplate) {
            self.key = key
            self.value = value
        }
    }

    public var name: String
    public var source: ValueTemplate
    /// Exact keys are tried first, then patterns in order, then the default.
    public var entries: [Entry]
    public var defaultValue: ValueTemplate
    public var declaration: DirectiveReference

    public init(name: String, source: ValueTemplate, entries: [Entry], defaultValue: ValueTemplate, declaration: DirectiveReference) {
        self.name = name
        self.source = source
        self.entries = entries
        self.defaultValue = defaultValue
        self.declaration = declaration
    }
}
