/// Tests on 8 bytes at once, for the scans that run over every byte of a file.
enum ByteWord {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether some byte of `word` is zero (the classic "haszero" bit trick: exact, no false positives).
    @inline(__always) static func hasZeroByte(_ word: UInt64) -> Bool {
        (word &- ones) & ~word & highBits != 0
    }

    /// Whether some byte of `word` equals `byte`.
    @inline(__always) static func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
        hasZeroByte(word ^ (ones &* UInt64(byte)))
    }

    /// Whether every byte is ASCII and none is NUL.
    @inline(__always) static func isPlainASCII(_ word: UInt64) -> Bool {
        word & highBits == 0 && !hasZeroByte(word)
    }
}
