import Foundation

/// Names found by their UTF-8 bytes, without making a string: an open-addressing hash table
/// (FNV-1a over a short name's bytes; a long one's length and first and last eight bytes) built
/// once. Parsers recognise directive and keyword names with it; hashing a `String` for a
/// `Dictionary` costs hundreds of instructions, this a few dozen.
///
/// A table made `ignoringASCIICase` finds a name whatever the case of its ASCII letters (`NC`,
/// `nc` and `Nc` alike), as httpd compares its flag and parameter names; other bytes, non-ASCII
/// letters included, must match exactly.
///
/// A name's index is its position in the list the table was made from; a name listed twice is
/// found at its first position.
final class ByteNameTable: Sendable {
    /// The names' bytes one after the other (ASCII letters lower-cased when the table ignores case).
    private let bytes: [UInt8]
    /// Where each name starts in `bytes`, and one more for the end of the last.
    private let starts: [Int32]
    /// Name index + 1, or 0 for an empty slot; a power of two at least twice the names.
    private let slots: [Int32]
    private let ignoresASCIICase: Bool

    init(_ names: [String], ignoringASCIICase: Bool = false) {
        var bytes: [UInt8] = [], starts: [Int32] = []
        for name in names {
            starts.append(Int32(bytes.count))
            if ignoringASCIICase { bytes += name.utf8.map(ASCIICase.lowered) } else { bytes += name.utf8 }
        }
        starts.append(Int32(bytes.count))
        var capacity = 1
        while capacity < names.count * 2 { capacity <<= 1 }
        var slots = [Int32](repeating: 0, count: capacity)
        bytes.withUnsafeBufferPointer { all in
            for index in names.indices {
                // Stored folded already: the exact comparison is the folding one here.
                let name = UnsafeBufferPointer(rebasing: all[Int(starts[index])..<Int(starts[index + 1])])
                var slot = Int(ByteNameTable.hash(name, folding: ignoringASCIICase)) & (capacity - 1)
                var listed = false
                while slots[slot] != 0 {
                    if ByteNameTable.equal(all, starts, Int(slots[slot]) - 1, name, folding: false) { listed = true; break }
                    slot = (slot + 1) & (capacity - 1)
                }
                if !listed { slots[slot] = Int32(index + 1) }
            }
        }
        (self.bytes, self.starts, self.slots, ignoresASCIICase) = (bytes, starts, slots, ignoringASCIICase)
    }

    @inline(__always) private static func hash(_ name: UnsafeBufferPointer<UInt8>, folding: Bool) -> UInt32 {
        // Folding sets every byte's 0x20 bit: the two cases of a letter hash alike, and so do a few
        // other pairs (`_` and DEL), which `equal` then tells apart.
        let count = name.count
        guard count >= 8 else {
            // FNV-1a over the bytes: for a short name as cheap as loading it into a word.
            let fold: UInt8 = folding ? 0x20 : 0
            var hash: UInt32 = 2_166_136_261
            for byte in name { hash = (hash ^ UInt32(byte | fold)) &* 16_777_619 }
            return hash
        }
        // The length and the first and last eight bytes, read as two words and mixed: a few
        // instructions for a long name, where hashing byte by byte cost four per byte. Names that
        // differ only in between collide and are told apart by `equal`.
        let fold: UInt64 = folding ? 0x2020_2020_2020_2020 : 0
        let base = UnsafeRawPointer(name.baseAddress!)
        let first = UInt64(littleEndian: base.loadUnaligned(as: UInt64.self))
        let last = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
        var mixed = UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15
        mixed ^= (first | fold) &* 0xC2B2_AE3D_27D4_EB4F
        mixed = (mixed << 31) | (mixed >> 33)
        mixed ^= (last | fold) &* 0x1656_67B1_9E37_79F9
        return UInt32(truncatingIfNeeded: mixed ^ (mixed >> 29))
    }

    @inline(__always)
    private static func equal(_ all: UnsafeBufferPointer<UInt8>, _ starts: [Int32], _ index: Int, _ name: UnsafeBufferPointer<UInt8>,
                              folding: Bool) -> Bool {
        let start = Int(starts[index])
        guard Int(starts[index + 1]) - start == name.count else { return false }
        if name.isEmpty || memcmp(all.baseAddress! + start, name.baseAddress!, name.count) == 0 { return true }
        guard folding else { return false }
        // Most names are written in the case they are stored in, and memcmp compares a word at a
        // time: folding byte by byte only after it finds a difference.
        for offset in 0..<name.count where ASCIICase.lowered(name[offset]) != all[start + offset] { return false }
        return true
    }

    /// The index of the name written in `name`, `nil` when the table does not hold it.
    @inline(__always) func index(of name: UnsafeBufferPointer<UInt8>) -> Int? {
        // Two copies of the search, each with its comparison fixed, rather than a test per byte;
        // the folding one out of line, so that the parsers' exact lookups stay small enough to inline.
        ignoresASCIICase ? foldingIndex(of: name) : search(name, folding: false)
    }

    @inline(never) private func foldingIndex(of name: UnsafeBufferPointer<UInt8>) -> Int? {
        search(name, folding: true)
    }

    @inline(__always) private func search(_ name: UnsafeBufferPointer<UInt8>, folding: Bool) -> Int? {
        let capacity = slots.count
        var slot = Int(ByteNameTable.hash(name, folding: folding)) & (capacity - 1)
        return bytes.withUnsafeBufferPointer { all in
            while true {
                let stored = Int(slots[slot])
                if stored == 0 { return nil }
                if ByteNameTable.equal(all, starts, stored - 1, name, folding: folding) { return stored - 1 }
                slot = (slot + 1) & (capacity - 1)
            }
        }
    }
}
