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
}

/// One comparison against a part of the request.
public struct RequestTest: Sendable, Hashable {
    public enum Subject: Sendable, Hashable {
        case path
        /// Path and query string, as sent.
        case uri
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
