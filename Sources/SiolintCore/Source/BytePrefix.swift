import Foundation

extension StringProtocol {
    /// Whether the UTF-8 bytes start with `prefix`'s bytes. Servers compare configuration text
    /// byte by byte, and this is several times cheaper than `hasPrefix`, which compares
    /// Characters (canonical equivalence) and showed up in profiles of large files.
    @inline(__always) func hasBytePrefix(_ prefix: String) -> Bool {
        let compared = utf8.withContiguousStorageIfAvailable { mine in
            prefix.utf8.withContiguousStorageIfAvailable { theirs in
                mine.count >= theirs.count && (theirs.isEmpty || memcmp(mine.baseAddress!, theirs.baseAddress!, theirs.count) == 0)
            }
        }
        // Native strings and their substrings always have contiguous UTF-8; bridged ones may not.
        if let compared, let compared { return compared }
        return utf8.starts(with: prefix.utf8)
    }
}

extension StringProtocol {
    /// Where `needle` first occurs, comparing UTF-8 bytes (a plain byte search, as servers do;
    /// Foundation's `range(of:)` went through NSString and dominated profiles of large files).
    func byteRange(of needle: String) -> Range<Index>? {
        let offset = utf8.withContiguousStorageIfAvailable { haystack in
            needle.utf8.withContiguousStorageIfAvailable { pattern in ByteSearch.firstOffset(of: pattern, in: haystack) }
        }
        let found: Int?
        if let offset, let offset { found = offset } else { found = ByteSearch.firstOffset(of: Array(needle.utf8), in: Array(utf8)) }
        guard let found else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: found)
        return start..<utf8.index(start, offsetBy: needle.utf8.count)
    }

    /// Whether `needle` occurs, comparing UTF-8 bytes.
    func containsBytes(_ needle: String) -> Bool { byteRange(of: needle) != nil }
}

/// Byte searches shared by the string helpers above.
enum ByteSearch {
    /// The offset of the first occurrence of `pattern` in `haystack`.
    static func firstOffset<P: Collection<UInt8>, H: RandomAccessCollection<UInt8>>(of pattern: P, in haystack: H) -> Int?
    where H.Index == Int {
        guard let first = pattern.first else { return 0 }
        let count = pattern.count
        var i = haystack.startIndex
        let last = haystack.endIndex - count
        while i <= last {
            if haystack[i] == first, haystack[i..<(i + count)].elementsEqual(pattern) { return i - haystack.startIndex }
            i += 1
        }
        return nil
    }
}
