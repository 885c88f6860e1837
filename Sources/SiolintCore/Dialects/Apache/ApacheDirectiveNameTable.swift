/// Every `ApacheDirectiveName` in an open-addressing hash table, made once. A name is read as
/// five 8-byte words, folded to lower case all at once and hashed and compared word by word:
/// comparing it byte by byte with the known names of its length cost about 280 instructions per
/// lookup, and every pass over the configuration looks up every directive.
final class ApacheDirectiveNameTable: @unchecked Sendable {
    static let shared = ApacheDirectiveNameTable()

    enum Lookup {
        case ascii(ApacheDirectiveName?)
        /// The name has non-ASCII bytes: the caller compares its `lowercased()` form.
        case notASCII
    }

    private typealias Words = (UInt64, UInt64, UInt64, UInt64, UInt64)
    private static let longest = 40
    private static let slotCount = 256
    // Immutable after `init`, and never freed (one table for the process).
    private let slots: UnsafeMutablePointer<Int16>
    private let names: [ApacheDirectiveName]
    private let known: UnsafeMutablePointer<Words>
    private let lengths: UnsafeMutablePointer<Int>

    private init() {
        names = ApacheDirectiveName.allCases
        precondition(names.count * 2 < Self.slotCount)
        slots = .allocate(capacity: Self.slotCount)
        slots.initialize(repeating: -1, count: Self.slotCount)
        known = .allocate(capacity: names.count)
        lengths = .allocate(capacity: names.count)
        for (index, name) in names.enumerated() {
            var text = name.rawValue
            // The folding below is exact only for letters: `b | 0x20` equals a lower-case letter
            // exactly when `b` is that letter in either case.
            precondition(text.utf8.allSatisfy { $0 >= 0x61 && $0 <= 0x7A } && text.utf8.count <= Self.longest)
            let words = text.withUTF8 { Self.folded(Self.words($0)) }
            (known + index).initialize(to: words)
            lengths[index] = text.utf8.count
            var slot = Self.slot(words)
            while slots[slot] >= 0 { slot = (slot + 1) & (Self.slotCount - 1) }
            slots[slot] = Int16(index)
        }
    }

    /// The bytes (at most `longest`) as words, zero-padded.
    @inline(__always) private static func words(_ bytes: UnsafeBufferPointer<UInt8>) -> Words {
        var words: Words = (0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(bytes)) }
        return words
    }

    /// The words with the 0x20 bit of every byte set.
    @inline(__always) private static func folded(_ words: Words) -> Words {
        let f: UInt64 = 0x2020_2020_2020_2020
        return (words.0 | f, words.1 | f, words.2 | f, words.3 | f, words.4 | f)
    }

    @inline(__always) private static func slot(_ w: Words) -> Int {
        let hash = (w.0 &* 0x9E37_79B9_7F4A_7C15) ^ (w.1 &* 0xC2B2_AE3D_27D4_EB4F) ^ (w.2 &* 0x1656_67B1_9E37_79F9)
            ^ (w.3 &* 0x27D4_EB2F_1656_67C5) ^ (w.4 &* 0x94D0_49BB_1331_11EB)
        return Int(truncatingIfNeeded: hash >> 56) & (slotCount - 1)
    }

    /// The `Directive.nameCode` the parser gives a name: its entry + 1, `unknownCode` for a name
    /// not in the table, 0 (look it up by the name) for a non-ASCII name.
    func code(_ name: UnsafeBufferPointer<UInt8>) -> UInt16 {
        guard let index = index(name) else { return 0 }
        return index < 0 ? Self.unknownCode : UInt16(index + 1)
    }

    /// The `nameCode` of a name the table does not know (0 means "not given").
    static let unknownCode = UInt16.max

    /// The name a nonzero `Directive.nameCode` stands for.
    @inline(__always) func name(code: UInt16) -> ApacheDirectiveName? {
        code == Self.unknownCode ? nil : names[Int(code) - 1]
    }

    func find(_ name: UnsafeBufferPointer<UInt8>) -> Lookup {
        guard let index = index(name) else { return .notASCII }
        return .ascii(index < 0 ? nil : names[index])
    }

    /// The entry of an ASCII name, -1 when it has none; `nil` for a non-ASCII name.
    private func index(_ name: UnsafeBufferPointer<UInt8>) -> Int? {
        guard name.count <= Self.longest else {
            return name.contains { $0 >= 0x80 } ? nil : -1
        }
        let raw = Self.words(name)
        guard (raw.0 | raw.1 | raw.2 | raw.3 | raw.4) & 0x8080_8080_8080_8080 == 0 else { return nil }
        let words = Self.folded(raw)
        var slot = Self.slot(words)
        while true {
            let index = Int(slots[slot])
            if index < 0 { return -1 }
            let candidate = known[index]
            if lengths[index] == name.count, candidate.0 == words.0, candidate.1 == words.1, candidate.2 == words.2,
               candidate.3 == words.3, candidate.4 == words.4 {
                return index
            }
            slot = (slot + 1) & (Self.slotCount - 1)
        }
    }
}
