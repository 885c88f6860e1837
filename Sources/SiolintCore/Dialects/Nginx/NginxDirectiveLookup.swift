import Foundation

/// `NginxDirectiveTable` as one open-addressing hash table over the names' UTF-8 bytes (FNV-1a),
/// built once. The checker looks up every directive of every file: this costs a few dozen
/// instructions where hashing a `String` for a `Dictionary` costs hundreds. A class: a copy of a
/// struct of nine arrays retained all nine on every lookup.
final class NginxDirectiveLookup: Sendable {
    /// What the table says about a name.
    enum Kind: Equatable {
        case unknown
        /// Known; arguments and contexts not checked.
        case namedOnly
        /// Checked: `masks` are `count` masks from `start`.
        case checked(start: Int, count: Int, block: Block)
    }

    /// The blocks whose children nginx reads as directives in a context of their own, plus `if`.
    enum Block: UInt8, Sendable {
        case other, events, http, stream, mail, server, upstream, location, `if`, limitExcept
    }

    static let shared = NginxDirectiveLookup()

    private let bytes: [UInt8]
    /// Per entry: the name as the table spells it (a literal: shared, never allocated).
    private let names: [String]
    /// Per entry: where its name starts in `bytes`, its length, its masks, its block kind.
    private let nameStart: [Int32]
    private let nameLength: [UInt8]
    private let maskStart: [Int16]
    /// 0 for a named-only directive.
    private let maskCount: [UInt8]
    private let blocks: [Block]
    private let masks: [UInt32]
    /// Entry index + 1, or 0 for an empty slot; a power of two at least twice the entries.
    private let slots: [Int16]

    private init() {
        var bytes: [UInt8] = [], nameStart: [Int32] = [], nameLength: [UInt8] = [], maskStart: [Int16] = []
        var maskCount: [UInt8] = [], blocks: [Block] = [], masks: [UInt32] = [], names: [String] = []
        let blockNames: [String: Block] = ["events": .events, "http": .http, "stream": .stream, "mail": .mail, "server": .server,
                                           "upstream": .upstream, "location": .location, "if": .if, "limit_except": .limitExcept]
        func add(_ name: String, _ entryMasks: [UInt32]) {
            names.append(name)
            nameStart.append(Int32(bytes.count))
            nameLength.append(UInt8(name.utf8.count))
            bytes += name.utf8
            maskStart.append(Int16(masks.count))
            maskCount.append(UInt8(entryMasks.count))
            masks += entryMasks
            blocks.append(blockNames[name] ?? .other)
        }
        for (name, entryMasks) in NginxDirectiveTable.checked.sorted(by: { $0.key < $1.key }) { add(name, entryMasks) }
        for name in NginxDirectiveTable.namedOnly.sorted() { add(name, []) }
        var capacity = 1
        while capacity < nameStart.count * 2 { capacity <<= 1 }
        var slots = [Int16](repeating: 0, count: capacity)
        for entry in nameStart.indices {
            let name = bytes[Int(nameStart[entry])..<Int(nameStart[entry]) + Int(nameLength[entry])]
            var slot = Int(NginxDirectiveLookup.hash(name)) & (capacity - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = Int16(entry + 1)
        }
        self.names = names
        (self.bytes, self.nameStart, self.nameLength, self.maskStart, self.maskCount, self.blocks, self.masks, self.slots) =
            (bytes, nameStart, nameLength, maskStart, maskCount, blocks, masks, slots)
    }

    @inline(__always)
    private static func hash<C: Collection>(_ name: C) -> UInt32 where C.Element == UInt8 {
        var hash: UInt32 = 2_166_136_261
        for byte in name { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return hash
    }

    /// What the table says about a directive: by its `nameCode` when the parser gave it one, else by its name.
    func kind(of name: String, code: UInt16 = 0) -> Kind {
        let found: Int?
        if code != 0 {
            found = Int(code) - 1
        } else {
            found = name.utf8.withContiguousStorageIfAvailable(entry(named:)) ?? Array(name.utf8).withUnsafeBufferPointer(entry(named:))
        }
        guard let found else { return .unknown }
        let count = Int(maskCount[found])
        return count == 0 ? .namedOnly : .checked(start: Int(maskStart[found]), count: count, block: blocks[found])
    }

    /// The number of entries: every `Directive.nameCode` this table gives is at most this.
    var count: Int { names.count }

    /// The table's string for a directive name given as UTF-8 bytes and its code (entry + 1, for
    /// `Directive.nameCode`), `nil` for a name it does not know.
    func known(_ name: UnsafeBufferPointer<UInt8>) -> (name: String, code: UInt16)? {
        entry(named: name).map { (names[$0], UInt16($0 + 1)) }
    }

    func mask(_ index: Int) -> NginxDirectiveMask { NginxDirectiveMask(rawValue: masks[index]) }

    private func entry(named name: UnsafeBufferPointer<UInt8>) -> Int? {
        guard name.count <= Int(UInt8.max) else { return nil }
        let capacity = slots.count
        var slot = Int(NginxDirectiveLookup.hash(name)) & (capacity - 1)
        return bytes.withUnsafeBufferPointer { all in
            while true {
                let stored = Int(slots[slot])
                if stored == 0 { return nil }
                let entry = stored - 1
                if Int(nameLength[entry]) == name.count,
                   name.isEmpty || memcmp(all.baseAddress! + Int(nameStart[entry]), name.baseAddress!, name.count) == 0 {
                    return entry
                }
                slot = (slot + 1) & (capacity - 1)
            }
        }
    }
}
