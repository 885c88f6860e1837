import Testing
@testable import SiolintCore

/// The word-at-a-time scans (UTF-8 check, line table, byte prefixes) agree with plain
/// byte-by-byte versions on inputs built to put every interesting byte at every offset of a word.
struct ByteScanTests {
    /// Deterministic pseudo-random bytes (xorshift), so a failure can be replayed.
    struct Bytes {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
    }

    @Test func wordTestsMatchBytewiseTests() {
        var random = Bytes(state: 0x9E37_79B9_7F4A_7C15)
        let special: [UInt8] = [0x00, 0x0A, 0x0D, 0x7F, 0x80, 0xFF, 0x01, 0x61]
        for _ in 0..<20_000 {
            var bytes = (0..<8).map { _ in UInt8(truncatingIfNeeded: random.next() % 0x7E + 1) }
            bytes[Int(random.next() % 8)] = special[Int(random.next() % UInt64(special.count))]
            let word = bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
            #expect(ByteWord.hasZeroByte(word) == bytes.contains(0))
            for byte: UInt8 in [0x0A, 0x0D] {
                // The lowest bit set marks the first match (later bits may be borrows).
                let matches = ByteWord.matches(word, byte)
                #expect((matches == 0 ? nil : matches.trailingZeroBitCount >> 3) == bytes.firstIndex(of: byte))
            }
            #expect(ByteWord.isPlainASCII(word) == bytes.allSatisfy { $0 != 0 && $0 < 0x80 })
        }
    }

    static func referenceProblemOffset(_ bytes: [UInt8]) -> Int? {
        if let nul = bytes.firstIndex(of: 0) {
            let before = Array(bytes[..<nul])
            return String(validating: before, as: UTF8.self) == nil ? referenceProblemOffset(before) ?? nul : nul
        }
        guard String(validating: bytes, as: UTF8.self) == nil else { return nil }
        // The first offset at which a valid prefix can no longer be extended to valid text.
        var valid = 0
        var i = 0
        while i < bytes.count {
            var length = 1
            while length <= 4, i + length <= bytes.count, String(validating: bytes[i..<(i + length)], as: UTF8.self) == nil { length += 1 }
            if length > 4 || i + length > bytes.count { return i }
            i += length
            valid = i
        }
        return valid
    }

    @Test func utf8CheckFindsTheSameFirstProblemAsAByteWalk() {
        var random = Bytes(state: 42)
        let pieces: [[UInt8]] = [Array("location /socket.io/ {".utf8), [0x0A], Array("é".utf8), Array("€".utf8),
                                 Array("😀".utf8), [0xC3], [0xE2, 0x82], [0xFF], [0x00], [0xED, 0xA0, 0x80], [0xC0, 0xAF]]
        for _ in 0..<3_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(random.next() % 12) {
                let pick = random.next() % 100
                // Mostly valid pieces, so problems land at varied offsets within and across words.
                let piece = pick < 70 ? pieces[Int(pick % 5)] : pieces[Int(random.next() % UInt64(pieces.count))]
                bytes += piece
            }
            #expect(TextDecoding.firstProblem(in: bytes)?.offset == Self.referenceProblemOffset(bytes), "\(bytes)")
        }
    }

    @Test func lineTableMatchesAByteWalk() {
        var random = Bytes(state: 7)
        let alphabet: [UInt8] = Array("abc {};#".utf8) + [0x0A, 0x0D, 0xC3, 0xA9]
        for _ in 0..<2_000 {
            let bytes = (0..<Int(random.next() % 80)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            var starts = [0]
            for (i, b) in bytes.enumerated() where b == 0x0A || (b == 0x0D && (i + 1 == bytes.count || bytes[i + 1] != 0x0A)) {
                starts.append(i + 1)
            }
            let file = SourceFile(path: "t.conf", bytes: bytes)
            #expect(file.lineStarts == starts)
            for (index, start) in starts.enumerated() {
                let end = index + 1 < starts.count ? starts[index + 1] : bytes.count
                #expect(file.asciiLines[index] == bytes[start..<end].allSatisfy { $0 < 0x80 })
            }
        }
    }

    /// A location holds an offset; the line and column it shows, worked out from the line table,
    /// are those of a plain count from the start of the file (with line ends, CR, CRLF, non-ASCII
    /// lines, the end of the file and a numbering offset).
    @Test func lineAndColumnFollowFromTheOffset() {
        var random = Bytes(state: 11)
        let alphabet: [UInt8] = Array("ab {};#".utf8) + [0x0A, 0x0D, 0xC3, 0xA9]
        for round in 0..<2_000 {
            let bytes = (0..<Int(random.next() % 80)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            let firstLine = round % 3 == 0 ? 40 : 1
            let file = SourceFile(path: "t.conf", bytes: bytes, firstLine: firstLine)
            var line = firstLine, column = 1
            for offset in 0...bytes.count {
                let location = file.location(at: offset)
                #expect(location.offset == offset)
                #expect(location.line == line && location.column == column, "\(bytes) at \(offset)")
                guard offset < bytes.count else { break }
                let b = bytes[offset]
                if b == 0x0A || (b == 0x0D && (offset + 1 == bytes.count || bytes[offset + 1] != 0x0A)) {
                    line += 1
                    column = 1
                } else if b & 0xC0 != 0x80 || b < 0x80 {
                    column += 1
                }
            }
            #expect(file.range(bytes.count, bytes.count).end == file.location(at: bytes.count))
        }
    }

    @Test func bytePrefixAndSearchCompareBytes() {
        let text = "location /socket.io/ é /socket.io/"
        #expect(text.hasBytePrefix("location /"))
        #expect(!text.hasBytePrefix("location /x"))
        #expect(text.hasBytePrefix(""))
        #expect(!"lo".hasBytePrefix("location"))
        let tail = text.dropFirst(9)
        #expect(tail.hasBytePrefix("/socket.io/"))
        #expect(tail.byteRange(of: "é").map { String(tail[$0]) } == "é")
        #expect(text.byteRange(of: "/socket.io/").map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) } == 9)
        #expect(text.containsBytes("io/ é"))
        #expect(!text.containsBytes("socket.io/x"))
        #expect(text.byteRange(of: "")?.isEmpty == true)
        // Canonically equivalent but different bytes: servers compare bytes, and so does siolint.
        #expect(!"caf\u{E9}".containsBytes("cafe\u{301}"))
    }
}
