/// Case mapping of ASCII bytes, as `lowercased()`/`uppercased()` map them (only A–Z and a–z
/// change), without Unicode case tables. The callers have checked that the bytes are ASCII.
enum ASCIICase {
    @inline(__always) static func lowered(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    @inline(__always) static func uppered(_ byte: UInt8) -> UInt8 { byte >= 0x61 && byte <= 0x7A ? byte & ~0x20 : byte }

    /// The bytes lower-cased, as a string (a short one stays inline, with no allocation).
    static func lowercased(_ bytes: some Collection<UInt8>) -> String { mapped(bytes, lowered) }

    /// `text.lowercased()`: the text itself when it is ASCII without capitals (most directive names
    /// and URLs are), ASCII mapped byte by byte, anything else through Unicode case mapping.
    static func lowercased(_ text: String) -> String {
        // Through the contiguous bytes: iterating the UTF-8 view cost more per byte.
        var copy = text
        return copy.withUTF8 { bytes -> String? in
            switch content(bytes) {
            case .notASCII: return nil
            case .lowerASCII: return text
            case .mixedASCII: return lowercased(bytes)
            }
        } ?? text.lowercased()
    }

    /// What case mapping has to do with some bytes.
    enum Content {
        /// Not all ASCII: Unicode rules apply.
        case notASCII
        /// ASCII without capitals: lower-casing leaves it as it is.
        case lowerASCII
        /// ASCII with capitals.
        case mixedASCII
    }

    /// Whether the bytes are ASCII, and then whether they have capitals, in one pass.
    @inline(__always) static func content(_ bytes: some Collection<UInt8>) -> Content {
        var capitals = false
        for byte in bytes {
            if byte >= 0x80 { return .notASCII }
            if byte >= 0x41 && byte <= 0x5A { capitals = true }
        }
        return capitals ? .mixedASCII : .lowerASCII
    }

    /// The bytes upper-cased, as a string.
    static func uppercased(_ bytes: some Collection<UInt8>) -> String { mapped(bytes, uppered) }

    @inline(__always) private static func mapped(_ bytes: some Collection<UInt8>, _ map: (UInt8) -> UInt8) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { buffer in
            var count = 0
            for byte in bytes {
                buffer[count] = map(byte)
                count += 1
            }
            return count
        }
    }
}
