/// Byte-level pieces of httpd configuration text, for the passes that split every URL and
/// parameter of a large configuration: `Substring` slicing and `lowercased()` validated and
/// case-mapped by Unicode rules, several thousand instructions per URL.
enum ApacheBytes {
    /// The bytes as a string (they are whole UTF-8 characters: cut at ASCII bytes of valid text).
    static func string(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        String(copyingUTF8: UnsafeBufferPointer(rebasing: bytes))
    }

    /// The bytes as a lower-case string, as `lowercased()` makes it (ASCII is mapped byte by byte).
    static func lowercased(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        isASCII(bytes) ? ASCIICase.lowercased(bytes) : string(bytes).lowercased()
    }

    /// `text.uppercased()`, mapping ASCII text byte by byte.
    static func uppercased(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { bytes in isASCII(bytes[...]) ? ASCIICase.uppercased(bytes) : nil } ?? text.uppercased()
    }

    /// `text.count`: the byte count for ASCII text, where every byte is a character (a line of
    /// configuration holds no CR LF pair), without walking grapheme clusters.
    static func characterCount(_ text: String) -> Int {
        text.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D } ? text.utf8.count : text.count
    }

    /// The text up to its first `$` (all of it without one), lower-cased.
    static func lowercasedUpToDollar(_ text: String) -> String {
        asciiPrefix(of: text, upTo: UInt8(ascii: "$"), lowercased: true) ?? String(text.prefix { $0 != "$" }).lowercased()
    }

    /// The text up to its first `separator` (all of it without one); `nil` when the text is not
    /// ASCII: in other text the byte can be part of a character (a combining mark follows it).
    static func asciiPrefix(of text: String, upTo separator: UInt8, lowercased lower: Bool = false) -> String? {
        var copy = text
        return copy.withUTF8 { bytes in
            let kind = ASCIICase.content(bytes)
            guard kind != .notASCII else { return nil }
            let end = bytes.firstIndex(of: separator) ?? bytes.count
            // All of the text, already as asked: the same string.
            if end == bytes.count, !lower || kind == .lowerASCII { return text }
            return lower ? lowercased(bytes[..<end]) : string(bytes[..<end])
        }
    }

    /// Whether two ASCII texts are equal ignoring the case of letters; `nil` when either is not ASCII.
    static func equalIgnoringASCIICase(_ a: String, _ b: String) -> Bool? {
        // Over the contiguous bytes: zipping the two UTF-8 views cost over a thousand
        // instructions per comparison, and every section's closing tag is compared.
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                guard x.count == y.count else { return isASCII(x[...]) && isASCII(y[...]) ? false : nil }
                var equal = true
                for i in 0..<x.count {
                    let p = x[i], q = y[i]
                    if p >= 0x80 || q >= 0x80 { return nil }
                    if ASCIICase.lowered(p) != ASCIICase.lowered(q) { equal = false }
                }
                return equal
            }
        }
    }

    /// Whether `text.lowercased()` starts with `prefix` (lower-case ASCII), without lower-casing
    /// all of `text`: when the bytes the prefix covers are ASCII, the lowered text starts with
    /// those bytes lowered (letters are mapped one by one).
    static func hasPrefixIgnoringCase(_ text: String, _ prefix: StaticString) -> Bool {
        var copy = text
        let ascii: Bool? = copy.withUTF8 { bytes in
            prefix.withUTF8Buffer { prefix in
                var equal = bytes.count >= prefix.count
                for i in 0..<min(prefix.count, bytes.count) {
                    let a = bytes[i]
                    if a >= 0x80 { return nil }
                    if ASCIICase.lowered(a) != prefix[i] { equal = false }
                }
                return equal
            }
        }
        return ascii ?? text.lowercased().hasBytePrefix(prefix.description)
    }

    /// Calls `body` with each item of the comma-separated list in `bytes[range]` (ASCII), as
    /// `split(separator: ",")` and then trimming spaces and tabs give them: parts empty before
    /// trimming are skipped, parts of blanks only are passed, empty.
    static func forEachListItem(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>, _ body: (Range<Int>) -> Void) {
        var start = range.lowerBound
        while start < range.upperBound {
            var stop = start
            while stop < range.upperBound, bytes[stop] != UInt8(ascii: ",") { stop += 1 }
            if stop > start {
                var first = start, last = stop
                while first < last, bytes[first] == 0x20 || bytes[first] == 0x09 { first += 1 }
                while last > first, bytes[last - 1] == 0x20 || bytes[last - 1] == 0x09 { last -= 1 }
                body(first..<last)
            }
            start = stop + 1
        }
    }

    static func isASCII(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        !bytes.contains { $0 >= 0x80 }
    }

    /// Where `:` `/` `/` first occurs. Not `ByteSearch.firstOffset`: the generic search cost 1.9 M more
    /// instructions on a 10k-line configuration, where every URL is split.
    static func schemeSeparator(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count >= 3 else { return nil }
        for i in 0...(bytes.count - 3) where bytes[i] == UInt8(ascii: ":") && bytes[i + 1] == UInt8(ascii: "/") && bytes[i + 2] == UInt8(ascii: "/") {
            return i
        }
        return nil
    }
}
