/// Checks that configuration bytes are text siolint can lex.
public enum TextDecoding {
    /// The offset of the first byte that makes the input not UTF-8 text (invalid UTF-8 or a NUL),
    /// with what is wrong; `nil` when the bytes are valid text.
    public static func firstProblem(in bytes: [UInt8]) -> (offset: Int, problem: String)? {
        bytes.withUnsafeBufferPointer { firstProblem(inBuffer: $0) }
    }

    private static func firstProblem(inBuffer bytes: UnsafeBufferPointer<UInt8>) -> (offset: Int, problem: String)? {
        var i = 0
        let n = bytes.count
        while i < n {
            // Configurations are nearly all ASCII: skip 8 bytes at a time while none is NUL or ≥ 0x80.
            while i + 8 <= n {
                let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self))
                if !ByteWord.isPlainASCII(word) { break }
                i += 8
            }
            guard i < n else { break }
            let b = bytes[i]
            if b < 0x80 {
                if b == 0 { return (i, "a NUL byte (binary file?)") }
                i += 1
                continue
            }
            var need = 0
            var minimum: UInt32 = 0
            var scalar: UInt32 = 0
            if b & 0xE0 == 0xC0 { need = 1; scalar = UInt32(b & 0x1F); minimum = 0x80 }
            else if b & 0xF0 == 0xE0 { need = 2; scalar = UInt32(b & 0x0F); minimum = 0x800 }
            else if b & 0xF8 == 0xF0 { need = 3; scalar = UInt32(b & 0x07); minimum = 0x10000 }
            else { return (i, "invalid UTF-8 (byte 0x\(String(b, radix: 16, uppercase: true)))") }
            if i + need >= n { return (i, "truncated UTF-8 sequence") }
            for k in 1...need {
                let c = bytes[i + k]
                if c & 0xC0 != 0x80 { return (i, "invalid UTF-8 (byte 0x\(String(b, radix: 16, uppercase: true)))") }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
                return (i, "invalid UTF-8 (overlong or surrogate sequence)")
            }
            i += need + 1
        }
        return nil
    }
}
