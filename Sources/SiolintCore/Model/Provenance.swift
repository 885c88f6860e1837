/// Where an effective value came from.
public enum Provenance: Sendable, Hashable {
    /// Set by a directive. `inheritedFrom` names the outer level it was inherited from
    /// (e.g. "http", "server", "defaults"), `nil` when set at the route's own level.
    case directive(DirectiveReference, inheritedFrom: String?)
    /// Not set anywhere: the server's documented default. `dependsOn` says what it varies with
    /// (e.g. "nginx ≥ 1.29.7"), `source` where it is documented.
    // Indirect: its three strings (48 bytes) made every `Provenance` 48 bytes and every `Setting`
    // 80, and a large configuration holds settings by the ten thousand (routes, upstream groups);
    // boxed, a provenance is as wide as the directive case (24 bytes), and most defaults are
    // shared `static let`s whose box is retained, not copied.
    indirect case defaultValue(description: String, dependsOn: String?, source: String)
    /// Several settings combine into this value (e.g. the shorter of two timeouts).
    indirect case combined(description: String, parts: [Provenance])

    /// The directive behind the value, if one was written.
    public var directive: DirectiveReference? {
        switch self {
        case .directive(let reference, _): return reference
        case .defaultValue: return nil
        case .combined(_, let parts): return parts.lazy.compactMap(\.directive).first
        }
    }

    /// For messages that already point at the directive: "`proxy_read_timeout 20s` (inherited from
    /// server)", or "the default proxy_read_timeout 60s".
    public var brief: String {
        switch self {
        case .directive(let reference, let level):
            return "`\(reference.text)`" + (level.map { " (inherited from \($0))" } ?? "")
        case .defaultValue(let description, _, _):
            return "the default \(description)"
        case .combined(let description, _):
            return description
        }
    }

    /// A short human description: "proxy_read_timeout 20s at nginx.conf:12:5 (inherited from server)".
    public var explanation: String {
        switch self {
        case .directive(let reference, let level):
            let inherited = level.map { " (inherited from \($0))" } ?? ""
            return "`\(reference.text)` at \(reference.range.start.description)\(inherited)"
        case .defaultValue(let description, let dependsOn, let source):
            let dependency = dependsOn.map { ", depends on \($0)" } ?? ""
            return "default \(description)\(dependency) [\(source)]"
        case .combined(let description, let parts):
            return description + ": " + parts.map(\.explanation).joined(separator: "; ")
        }
    }
}

/// A pointer to the directive that set a value.
///
/// One reference wide: settings, rewrites and header assignments all carry one, and routes are
/// copied into every routed probe.
public struct DirectiveReference: Sendable, Hashable {
    private final class Storage: Sendable {
        let range: SourceRange
        /// The directive's name (its arguments follow in `arguments`), or the whole text when
        /// the reference was made from text: the one-line text is only built when a message
        /// needs it. Not the name's `Word`: its range repeats `range`, and a reference is made
        /// for every setting, server and time literal of the configuration.
        let head: String
        let arguments: WordList

        init(range: SourceRange, head: String, arguments: WordList) {
            self.range = range
            self.head = head
            self.arguments = arguments
        }
    }

    private let storage: Storage

    public init(text: String, range: SourceRange) {
        self.storage = Storage(range: range, head: text, arguments: [])
    }

    public init(_ directive: Directive) {
        self.storage = Storage(range: directive.range, head: directive.name.value, arguments: directive.arguments)
    }

    public var range: SourceRange { storage.range }

    /// The directive as written, one line: `proxy_read_timeout 20s`.
    public var text: String {
        storage.arguments.isEmpty ? storage.head : Directive.text(storage.head, storage.arguments, quoting: true)
    }

    public static func == (a: DirectiveReference, b: DirectiveReference) -> Bool {
        a.storage === b.storage || (a.range == b.range && a.text == b.text)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(range)
    }
}

/// An effective value and where it came from.
public struct Setting<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var provenance: Provenance

    public init(_ value: Value, _ provenance: Provenance) {
        self.value = value
        self.provenance = provenance
    }

    /// The range to report a finding about this value at: its directive, or `fallback` for defaults.
    public func reportRange(fallback: SourceRange) -> SourceRange {
        provenance.directive?.range ?? fallback
    }
}
