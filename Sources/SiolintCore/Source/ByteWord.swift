/// Tests on 8 bytes at once, for the scans that run over every byte of a file.
enum ByteWord {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether some byte of `word` is zero (the classic "haszero" bit trick: exact, no false positives).
    @inline(__always) static func hasZeroByte(_ word: UInt64) -> Bool {
        (word &- ones) & ~word & highBits != 0
    }

    /// The high bit of every byte of `word` that equals `byte`, and possibly of bytes after (more
    /// significant than) one that does: the lowest bit set always marks the first match.
    @inline(__always) static func matches(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highBits
    }

    /// Whether every byte is ASCII and none is NUL.
    @inline(__always) static func isPlainASCII(_ word: UInt64) -> Bool {
        word & highBits == 0 && !hasZeroByte(word)
    }
}
