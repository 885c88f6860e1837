/// How an argument was written.
public enum QuoteStyle: String, Sendable, Codable {
    case none, single, double
}

/// One argument (or directive name) as written: its value with quotes and escapes removed, and
/// where it stands.
public struct Word: Hashable, Sendable {
    /// The value after removing quotes and resolving escapes.
    public var value: String
    /// The span of the word as written, quotes included.
    public var range: SourceRange
    // Last: a one-byte field before the range would pad the word by three bytes, and a directive
    // lays its next 4-byte fields right after the name's last byte.
    public var quote: QuoteStyle

    /// Whether the value is exactly `text`. Compares byte counts first: String's `==` does not,
    /// and builders compare directive names against keys many times per directive.
    @inline(__always) public func `is`(_ text: String) -> Bool {
        value.utf8.count == text.utf8.count && value == text
    }

    public init(_ value: String, quote: QuoteStyle = .none, range: SourceRange) {
        self.value = value
        self.quote = quote
        self.range = range
    }
}
