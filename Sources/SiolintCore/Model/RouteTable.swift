import Foundation

/// How a server picks one entry of a route table for a request.
public enum RouteSelectionPolicy: Sendable, Hashable {
    /// An exact match wins at once; otherwise the longest matching prefix is remembered, its nested
    /// table searched, and then pattern entries are tried in order (unless the prefix says
    /// `disablesPatterns`); the first pattern that matches wins, else the remembered prefix.
    /// Only the path decides (entry conditions are not consulted).
    case bestPrefixThenPatterns
    /// Entries in order; the first whose matcher and condition hold wins.
    case firstMatch
    /// Entries in order; the last whose matcher and condition hold wins.
    case lastMatch
}

/// A list of routes and how one is chosen.
public struct RouteTable: Sendable {
    public var policy: RouteSelectionPolicy
    public var entries: [RouteEntry]
    /// The route taken when no entry matches (HAProxy `default_backend`); `nil` means the stage
    /// yields nothing and the next stage decides.
    public var fallback: Route?

    public init(policy: RouteSelectionPolicy, entries: [RouteEntry] = [], fallback: Route? = nil) {
        self.policy = policy
        self.entries = entries
        self.fallback = fallback
    }
}

/// One entry of a route table.
public struct RouteEntry: Sendable {
    public var matcher: PathMatcher
    /// A further condition on the request (headers, method); `.always` when none.
    public var condition: RequestCondition
    public var route: Route
    // The nested table, and whether there is one. Not a stored `RouteTable?`: with an optional
    // of a type that holds entries of its own type, Swift built each new entry in a temporary,
    // copied it into its list and destroyed the temporary (as `Directive` explains).
    private var nestedTable: RouteTable
    private var hasNested: Bool

    /// Entries nested inside this one (nginx nested locations).
    public var nested: RouteTable? {
        get { hasNested ? nestedTable : nil }
        set {
            nestedTable = newValue ?? RouteEntry.noTable
            hasNested = newValue != nil
        }
    }

    private static let noTable = RouteTable(policy: .firstMatch)

    public init(matcher: PathMatcher, condition: RequestCondition = .always, route: Route, nested: RouteTable? = nil) {
        self.matcher = matcher
        self.condition = condition
        self.route = route
        self.nestedTable = nested ?? RouteEntry.noTable
        self.hasNested = nested != nil
    }
}

/// What a route matches on the normalized request path.
public enum PathMatcher: Sendable, Hashable {
    case any
    case exact(String)
    /// A plain string prefix. `disablesPatterns`: when this is the best prefix, pattern entries are
    /// not tried (nginx `^~`).
    case prefix(String, disablesPatterns: Bool)
    /// A prefix that matches only at a `/` boundary (`/app` matches `/app`, `/app/x`, not `/apple`).
    case segmentPrefix(String)
    case pattern(RegexPattern)

    /// The literal path text of the matcher, for messages.
    public var text: String {
        switch self {
        case .any: return "*"
        case .exact(let s), .prefix(let s, _), .segmentPrefix(let s): return s
        case .pattern(let r): return r.source
        }
    }
}

/// Where a regular expression matched a text, and its capture groups.
public struct RegexMatch: Sendable, Hashable {
    /// Index 0 is the whole match; a group that took no part is "".
    public var groups: [String]
    /// The whole match as UTF-8 offsets into the text.
    public var utf8Start: Int
    public var utf8Count: Int

    /// `text` with the matched part replaced.
    public func replacing(in text: String, with replacement: String) -> String {
        let utf8 = Array(text.utf8)
        guard utf8Start + utf8Count <= utf8.count else { return replacement }
        return String(decoding: utf8[..<utf8Start], as: UTF8.self) + replacement
            + String(decoding: utf8[(utf8Start + utf8Count)...], as: UTF8.self)
    }
}

/// A regular expression as a server would apply it, compiled once.
public struct RegexPattern: Sendable, Hashable {
    public var source: String
    public var caseInsensitive: Bool
    private let compiled: CompiledRegex

    public init(_ source: String, caseInsensitive: Bool = false) {
        self.source = source
        self.caseInsensitive = caseInsensitive
        self.compiled = CompiledRegex.shared(source, caseInsensitive: caseInsensitive)
    }

    /// Whether the pattern can be evaluated here (PCRE-only syntax may not compile).
    public var isValid: Bool { compiled.regex != nil }

    /// `true`/`false`, or `nil` when the pattern could not be compiled.
    public func matches(_ text: String) -> Bool? {
        guard compiled.regex != nil else { return nil }
        return compiled.firstMatch(in: text) != nil
    }

    /// The first match: its capture groups (index 0 is the whole match) and where it stands.
    public func firstMatch(in text: String) -> RegexMatch? {
        compiled.firstMatch(in: text)
    }

    public static func == (a: RegexPattern, b: RegexPattern) -> Bool {
        a.source == b.source && a.caseInsensitive == b.caseInsensitive
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(source)
        hasher.combine(caseInsensitive)
    }
}

final class CompiledRegex: @unchecked Sendable {
    // NSRegularExpression is immutable once built and documented thread-safe for matching.
    let regex: NSRegularExpression?

    init(_ source: String, caseInsensitive: Bool) {
        regex = try? NSRegularExpression(pattern: source, options: caseInsensitive ? [.caseInsensitive] : [])
    }

    // The probes send the same few paths to every server, and large configurations repeat the
    // same location regexes in every server: remember each subject's result (bounded).
    private let memoLock = NSLock()
    nonisolated(unsafe) private var memo: [String: RegexMatch?] = [:]
    private static let memoLimit = 4096
    // The last subject and its result, compared before the memo is hashed: every server asks
    // about the same Socket.IO path in turn.
    nonisolated(unsafe) private var last: (text: String, result: RegexMatch?)?

    /// The first match in `text`, `nil` when it does not match or the pattern did not compile.
    func firstMatch(in text: String) -> RegexMatch? {
        guard let regex else { return nil }
        if let known = memoLock.withLock({ last?.text == text ? last?.result : memo[text] }) { return known }
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        var result: RegexMatch?
        if let match = regex.firstMatch(in: text, options: [], range: range) {
            let groups = (0..<match.numberOfRanges).map { i in
                guard let r = Range(match.range(at: i), in: text) else { return "" }
                return String(text[r])
            }
            let whole = Range(match.range, in: text) ?? text.startIndex..<text.startIndex
            result = RegexMatch(groups: groups, utf8Start: text.utf8.distance(from: text.startIndex, to: whole.lowerBound),
                                utf8Count: text.utf8.distance(from: whole.lowerBound, to: whole.upperBound))
        }
        memoLock.withLock {
            if memo.count < CompiledRegex.memoLimit { memo[text] = .some(result) }
            last = (text, result)
        }
        return result
    }

    private struct Key: Hashable {
        var source: String
        var caseInsensitive: Bool
    }

    // Large configurations repeat the same few patterns thousands of times; compile each once.
    nonisolated(unsafe) private static var cache: [Key: CompiledRegex] = [:]
    private static let lock = NSLock()

    static func shared(_ source: String, caseInsensitive: Bool) -> CompiledRegex {
        let key = Key(source: source, caseInsensitive: caseInsensitive)
        if let found = lock.withLock({ cache[key] }) { return found }
        let compiled = CompiledRegex(source, caseInsensitive: caseInsensitive)
        return lock.withLock {
            if let found = cache[key] { return found }
            cache[key] = compiled
            return compiled
        }
    }
}
