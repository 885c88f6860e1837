import Foundation

/// `NginxDirectiveTable` looked up by a name's UTF-8 bytes (`ByteNameTable`), built once: the
/// parser recognises every directive of every file with it. A class: a copy of a struct of its
/// arrays retained them all on every lookup.
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

    /// The names, found by their bytes (`ByteNameTable`); an entry is a name's index there.
    private let table: ByteNameTable
    /// Per entry: the name as the table spells it (a literal: shared, never allocated).
    private let names: [String]
    /// Per entry: where its masks start, how many (0 for a named-only directive), its block kind.
    private let maskStart: [Int16]
    private let maskCount: [UInt8]
    private let blocks: [Block]
    private let masks: [UInt32]

    private init() {
        var maskStart: [Int16] = [], maskCount: [UInt8] = [], blocks: [Block] = [], masks: [UInt32] = [], names: [String] = []
        let blockNames: [String: Block] = ["events": .events, "http": .http, "stream": .stream, "mail": .mail, "server": .server,
                                           "upstream": .upstream, "location": .location, "if": .if, "limit_except": .limitExcept]
        func add(_ name: String, _ entryMasks: [UInt32]) {
            names.append(name)
            maskStart.append(Int16(masks.count))
            maskCount.append(UInt8(entryMasks.count))
            masks += entryMasks
            blocks.append(blockNames[name] ?? .other)
        }
        for (name, entryMasks) in NginxDirectiveTable.checked.sorted(by: { $0.key < $1.key }) { add(name, entryMasks) }
        for name in NginxDirectiveTable.namedOnly.sorted() { add(name, []) }
        self.table = ByteNameTable(names)
        self.names = names
        (self.maskStart, self.maskCount, self.blocks, self.masks) = (maskStart, maskCount, blocks, masks)
    }

    /// What the table says about a directive name.
    func kind(of name: String) -> Kind {
        let found = name.utf8.withContiguousStorageIfAvailable(entry(named:)) ?? Array(name.utf8).withUnsafeBufferPointer(entry(named:))
        return found.map(kind(entry:)) ?? .unknown
    }

    /// What the table says about the name it gave `code` (a `Directive.nameCode`, not 0).
    func kind(code: UInt16) -> Kind { kind(entry: Int(code) - 1) }

    private func kind(entry: Int) -> Kind {
        let count = Int(maskCount[entry])
        return count == 0 ? .namedOnly : .checked(start: Int(maskStart[entry]), count: count, block: blocks[entry])
    }

    /// The number of entries: every `Directive.nameCode` this table gives is at most this.
    var count: Int { names.count }

    /// The table's string for a directive name given as UTF-8 bytes and its code (entry + 1, for
    /// `Directive.nameCode`), `nil` for a name it does not know.
    func known(_ name: UnsafeBufferPointer<UInt8>) -> (name: String, code: UInt16)? {
        entry(named: name).map { (names[$0], UInt16($0 + 1)) }
    }

    /// The code (`Directive.nameCode`) the table gives a name, `nil` for a name it does not know.
    func code(of name: String) -> UInt16? {
        var name = name
        return name.withUTF8(known)?.code
    }

    func mask(_ index: Int) -> NginxDirectiveMask { NginxDirectiveMask(rawValue: masks[index]) }

    private func entry(named name: UnsafeBufferPointer<UInt8>) -> Int? { table.index(of: name) }
}
