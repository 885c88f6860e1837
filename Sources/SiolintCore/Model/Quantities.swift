/// A length of time, in milliseconds.
public struct Duration: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }
    public static func seconds(_ s: Int64) -> Duration { Duration(milliseconds: s &* 1000) }
    public static func < (a: Duration, b: Duration) -> Bool { a.milliseconds < b.milliseconds }
    public static func + (a: Duration, b: Duration) -> Duration { Duration(milliseconds: a.milliseconds &+ b.milliseconds) }

    /// The shortest exact form: `45s`, `1500ms`, `2m`, `1h`.
    public var description: String {
        let ms = milliseconds
        if ms == 0 { return "0s" }
        if ms % 86_400_000 == 0 { return "\(ms / 86_400_000)d" }
        if ms % 3_600_000 == 0 { return "\(ms / 3_600_000)h" }
        if ms % 60_000 == 0 { return "\(ms / 60_000)m" }
        if ms % 1000 == 0 { return "\(ms / 1000)s" }
        return "\(ms)ms"
    }
}

/// A timeout as the proxy applies it.
public enum TimeLimit: Sendable, Hashable, CustomStringConvertible {
    /// The connection or wait is cut after this long.
    case after(Duration)
    /// No limit at all.
    case unlimited
    /// Written with something siolint cannot evaluate (a variable, an environment placeholder).
    case unknown(expression: String)

    public var description: String {
        switch self {
        case .after(let d): return d.description
        case .unlimited: return "unlimited"
        case .unknown(let e): return "unknown (\(e))"
        }
    }
}

/// A limit on a request body.
public enum ByteLimit: Sendable, Hashable, CustomStringConvertible {
    case bytes(Int64)
    case unlimited
    case unknown(expression: String)

    public var description: String {
        switch self {
        case .bytes(let n): return ByteLimit.format(n)
        case .unlimited: return "unlimited"
        case .unknown(let e): return "unknown (\(e))"
        }
    }

    static func format(_ n: Int64) -> String {
        if n >= 1 << 30, n % (1 << 30) == 0 { return "\(n >> 30) GiB (\(n) bytes)" }
        if n >= 1 << 20, n % (1 << 20) == 0 { return "\(n >> 20) MiB (\(n) bytes)" }
        if n >= 1 << 10, n % (1 << 10) == 0 { return "\(n >> 10) KiB (\(n) bytes)" }
        return "\(n) bytes"
    }
}

/// A time value as written in the configuration, kept for unit checks (`SIO103`).
public struct TimeLiteral: Sendable, Hashable {
    /// The directive that holds it.
    public var directive: DirectiveReference
    /// The argument as written.
    public var written: String
    public var range: SourceRange
    /// What the server takes it to mean.
    public var value: Duration
    /// True when no unit was written, so the server's default unit applies.
    public var unitless: Bool
    /// The server's default unit for a bare number ("seconds", "milliseconds").
    public var defaultUnit: String
    /// Set when the server ignores a unit the user wrote (Apache `timeout=500ms` is 500 seconds).
    public var ignoredUnit: String?

    public init(directive: DirectiveReference, written: String, range: SourceRange, value: Duration,
                unitless: Bool, defaultUnit: String, ignoredUnit: String? = nil) {
        self.directive = directive
        self.written = written
        self.range = range
        self.value = value
        self.unitless = unitless
        self.defaultUnit = defaultUnit
        self.ignoredUnit = ignoredUnit
    }
}
