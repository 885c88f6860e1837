import Foundation

/// Names found by their UTF-8 bytes, without making a string: an open-addressing hash table
/// (FNV-1a over the bytes) built once. Parsers recognise directive and keyword names with it;
/// hashing a `String` for a `Dictionary` costs hundreds of instructions, this a few dozen.
///
/// A name's index is its position in the list the table was made from; a name listed twice is
/// found at its first position.
final class ByteNameTable: Sendable {
    /// The names' bytes one after the other.
    private let bytes: [UInt8]
    /// Where each name starts in `bytes`, and one more for the end of the last.
    private let starts: [Int32]
    /// Name index + 1, or 0 for an empty slot; a power of two at least twice the names.
    private let slots: [Int32]

    init(_ names: [String]) {
        var bytes: [UInt8] = [], starts: [Int32] = []
        for name in names {
            starts.append(Int32(bytes.count))
            bytes += name.utf8
        }
        starts.append(Int32(bytes.count))
        var capacity = 1
        while capacity < names.count * 2 { capacity <<= 1 }
        var slots = [Int32](repeating: 0, count: capacity)
        bytes.withUnsafeBufferPointer { all in
            for index in names.indices {
                let name = UnsafeBufferPointer(rebasing: all[Int(starts[index])..<Int(starts[index + 1])])
                var slot = Int(ByteNameTable.hash(name)) & (capacity - 1)
                var listed = false
                while slots[slot] != 0 {
                    if ByteNameTable.equal(all, starts, Int(slots[slot]) - 1, name) { listed = true; break }
                    slot = (slot + 1) & (capacity - 1)
                }
                if !listed { slots[slot] = Int32(index + 1) }
            }
        }
        (self.bytes, self.starts, self.slots) = (bytes, starts, slots)
    }

    @inline(__always) private static func hash(_ name: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in name { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return hash
    }

    @inline(__always)
    private static func equal(_ all: UnsafeBufferPointer<UInt8>, _ starts: [Int32], _ index: Int, _ name: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(starts[index])
        guard Int(starts[index + 1]) - start == name.count else { return false }
        return name.isEmpty || memcmp(all.baseAddress! + start, name.baseAddress!, name.count) == 0
    }

    /// The index of the name written in `name`, `nil` when the table does not hold it.
    func index(of name: UnsafeBufferPointer<UInt8>) -> Int? {
        let capacity = slots.count
        var slot = Int(ByteNameTable.hash(name)) & (capacity - 1)
        return bytes.withUnsafeBufferPointer { all in
            while true {
                let stored = Int(slots[slot])
                if stored == 0 { return nil }
                if ByteNameTable.equal(all, starts, stored - 1, name) { return stored - 1 }
                slot = (slot + 1) & (capacity - 1)
            }
        }
    }
}
