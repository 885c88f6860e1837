/// Byte-level pieces of httpd configuration text, for the passes that split every URL and
/// parameter of a large configuration: `Substring` slicing and `lowercased()` validated and
/// case-mapped by Unicode rules, several thousand instructions per URL.
enum ApacheBytes {
    /// The bytes as a string (they are whole UTF-8 characters: cut at ASCII bytes of valid text).
    static func string(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes), as: UTF8.self)
    }

    /// The bytes as a lower-case string, as `lowercased()` makes it (ASCII is mapped byte by byte).
    static func lowercased(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        guard isASCII(bytes) else { return string(bytes).lowercased() }
        return String(unsafeUninitializedCapacity: bytes.count) { buffer in
            var count = 0
            for byte in bytes {
                buffer[count] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                count += 1
            }
            return count
        }
    }

    static func isASCII(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        !bytes.contains { $0 >= 0x80 }
    }

    /// Where `:` `/` `/` first occurs.
    static func schemeSeparator(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count >= 3 else { return nil }
        for i in 0...(bytes.count - 3) where bytes[i] == UInt8(ascii: ":") && bytes[i + 1] == UInt8(ascii: "/") && bytes[i + 2] == UInt8(ascii: "/") {
            return i
        }
        return nil
    }
}
