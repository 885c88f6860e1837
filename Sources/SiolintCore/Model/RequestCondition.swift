/// A condition on the request, beyond the path: what a server tests before taking a route
/// (HAProxy ACLs, Apache `RewriteCond`, …).
public indirect enum RequestCondition: Sendable, Hashable {
    case always
    case test(RequestTest)
    case not(RequestCondition)
    case all([RequestCondition])
    case any([RequestCondition])
    /// Something siolint cannot evaluate; routing then treats the entry as possibly taken.
    case unknown(description: String)
    /// The condition tested on the request as it stands when a run of the program first reaches
    /// the step at `step` (`steps.count`: after the last step); false when the run ends before.
    case afterSteps(RewriteProgram, step: Int, RequestCondition)
    /// How a run of the program on the request goes.
    case program(RewriteProgram, RewriteProgram.Outcome)

    /// Whether the condition reads the request's path, directly or through a program.
    public var readsPath: Bool {
        switch self {
        case .always, .unknown: return false
        case .test(let test): return test.subject == .path || test.subject == .uri || test.subject == .requestedPath
        case .not(let inner): return inner.readsPath
        case .all(let parts), .any(let parts): return parts.contains { $0.readsPath }
        case .afterSteps, .program: return true
        }
    }
}

/// One comparison against a part of the request.
public struct RequestTest: Sendable, Hashable {
    public enum Subject: Sendable, Hashable {
        /// The path as the steps of a `RewriteProgram` being run have left it (otherwise as sent).
        case path
        /// Path and query string.
        case uri
        /// The path as the client sent it, even while a program rewrites it (Apache's
        /// `%{REQUEST_URI}` in server context, which mod_rewrite's rules do not change).
        case requestedPath
        case method
        case header(String)
    }

    public enum Comparison: Sendable, Hashable {
        case equals(String)
        case prefix(String)
        case suffix(String)
        case contains(String)
        /// The value contains the word as a `,`/`;`/space delimited token (HAProxy `hdr_sub`-like, Connection tokens).
        case domain(String)
        case matches(RegexPattern)
        case exists
    }

    public var subject: Subject
    public var comparison: Comparison
    public var caseInsensitive: Bool

    public init(_ subject: Subject, _ comparison: Comparison, caseInsensitive: Bool = false) {
        self.subject = subject
        self.comparison = comparison
        self.caseInsensitive = caseInsensitive
    }
}
