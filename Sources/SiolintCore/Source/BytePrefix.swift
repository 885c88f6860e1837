extension StringProtocol {
    /// Whether the UTF-8 bytes start with `prefix`'s bytes. Servers compare configuration text
    /// byte by byte, and this is several times cheaper than `hasPrefix`, which compares
    /// Characters (canonical equivalence) and showed up in profiles of large files.
    @inline(__always) func hasBytePrefix(_ prefix: String) -> Bool {
        utf8.starts(with: prefix.utf8)
    }
}

extension StringProtocol {
    /// Where `needle` first occurs, comparing UTF-8 bytes (a plain byte search, as servers do;
    /// Foundation's `range(of:)` went through NSString and dominated profiles of large files).
    func byteRange(of needle: String) -> Range<Index>? {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return startIndex..<startIndex }
        let bytes = utf8
        var i = bytes.startIndex
        while i != bytes.endIndex {
            if bytes[i] == first, bytes[i...].starts(with: pattern) {
                return i..<bytes.index(i, offsetBy: pattern.count)
            }
            i = bytes.index(after: i)
        }
        return nil
    }

    /// Whether `needle` occurs, comparing UTF-8 bytes.
    func containsBytes(_ needle: String) -> Bool { byteRange(of: needle) != nil }
}
