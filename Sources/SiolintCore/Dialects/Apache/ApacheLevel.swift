/// One configuration level of httpd's merge chain for a request (main server → `<VirtualHost>` →
/// matching `<Location>` sections), with the simple directives written directly at it. The
/// contents of `<If>`/`<ElseIf>`/`<Else>` count as written at the level: their expressions are
/// not evaluated, so both branches are taken as possible.
struct ApacheLevel {
    /// "main server", "<VirtualHost *:80>", "<Location /socket.io/>".
    let name: String
    /// The directives the model builder reads (those with a `levelSlot`), in configuration order:
    /// a level kept every directive and a dictionary of index arrays by lower-cased name, a tenth
    /// of the peak memory on large files.
    private let entries: [Entry]
    /// Per `ApacheDirectiveName.levelSlot`, the index of the last entry with that name, -1 for none.
    private let lastEntry: [Int32]

    private struct Entry {
        var directive: Directive
        var slot: UInt8
        /// The previous entry with the same name, -1 for none.
        var previous: Int32
    }

    init(name: String, block: [Directive]) {
        self.name = name
        var entries: [Entry] = []
        // At most one entry per directive: growing the array from empty reallocated it several
        // times for every virtual host.
        entries.reserveCapacity(block.count)
        var lastEntry = [Int32](repeating: -1, count: ApacheDirectiveName.levelSlots)
        // Only `<If>` sections nest the directives of a level: most blocks have none.
        var pending: [(list: [Directive], index: Int)] = [(block, 0)]
        while let (list, start) = pending.popLast() {
            // Field by field through the list's buffer: an array subscript copies the element
            // (retaining and releasing all it holds), and most directives are not kept here.
            let inner: (index: Int, block: [Directive])? = list.withUnsafeBufferPointer { buffer in
                for index in start..<buffer.count {
                    let name = ApacheDirectiveName(in: buffer, at: index)
                    if buffer[index].hasBlock {
                        guard name == .if || name == .elseIf || name == .else, let block = buffer[index].block else { continue }
                        return (index, block)
                    }
                    guard let slot = name?.levelSlot else { continue }
                    entries.append(Entry(directive: buffer[index], slot: UInt8(slot), previous: lastEntry[slot]))
                    lastEntry[slot] = Int32(entries.count - 1)
                }
                return nil
            }
            if let inner {
                pending.append((list, inner.index + 1))
                pending.append((inner.block, 0))
            }
        }
        self.entries = entries
        self.lastEntry = lastEntry
    }

    private init(name: String, entries: [Entry], lastEntry: [Int32]) {
        self.name = name
        self.entries = entries
        self.lastEntry = lastEntry
    }

    /// This level with only the settings routes read when they are resolved: routes hold their
    /// levels, and most of what a level keeps is only read while the model is built.
    var routeSettings: ApacheLevel {
        var linked: [Entry] = []
        var lastEntry = [Int32](repeating: -1, count: ApacheDirectiveName.levelSlots)
        // Field by field through the buffer, each kept entry copied once: filtering copied every
        // entry, and linking the kept ones copied them again.
        entries.withUnsafeBufferPointer { buffer in
            for index in buffer.indices {
                let slot = Int(buffer[index].slot)
                guard slot < ApacheDirectiveName.routeSettingSlots else { continue }
                linked.append(Entry(directive: buffer[index].directive, slot: buffer[index].slot, previous: lastEntry[slot]))
                lastEntry[slot] = Int32(linked.count - 1)
            }
        }
        return ApacheLevel(name: name, entries: linked, lastEntry: lastEntry)
    }

    func last(_ name: ApacheDirectiveName) -> Directive? {
        let index = lastEntry[ApacheLevel.slot(name)]
        return index < 0 ? nil : entries[Int(index)].directive
    }

    func all(_ name: ApacheDirectiveName) -> [Directive] {
        guard has(name) else { return [] }
        return indices(name).map { entries[$0].directive }
    }

    /// Whether a directive of this name is written at this level.
    func has(_ name: ApacheDirectiveName) -> Bool {
        lastEntry[ApacheLevel.slot(name)] >= 0
    }

    /// A set of names levels keep, made once: an array of names per call was an allocation.
    struct Names {
        fileprivate let slots: UInt64

        init(_ names: [ApacheDirectiveName]) {
            var slots: UInt64 = 0
            for name in names { slots |= 1 << UInt64(ApacheLevel.slot(name)) }
            self.slots = slots
        }
    }

    /// The directives with any of these names for which `include` holds, in configuration order.
    func all(anyOf names: Names, where include: (Directive) -> Bool = { _ in true }) -> [Directive] {
        // One pass over the entries in order (a level keeps a few dozen): gathering each name's
        // chain and sorting the indices cost several thousand instructions per level.
        var result: [Directive] = []
        for entry in entries where names.slots & (1 << UInt64(entry.slot)) != 0 && include(entry.directive) { result.append(entry.directive) }
        return result
    }

    private func indices(_ name: ApacheDirectiveName) -> [Int] {
        var result: [Int] = []
        var index = lastEntry[ApacheLevel.slot(name)]
        while index >= 0 {
            result.append(Int(index))
            index = entries[Int(index)].previous
        }
        return result.reversed()
    }

    private static func slot(_ name: ApacheDirectiveName) -> Int {
        guard let slot = name.levelSlot else { preconditionFailure("levels keep no \(name.rawValue) directives") }
        return slot
    }
}

/// The chain of levels for one route, outermost first; answers "which directive applies here"
/// the way httpd merges per-server and per-location configuration (the innermost wins).
struct ApacheLevelChain {
    var levels: [ApacheLevel]

    /// The innermost directive of this name and the level it was inherited from (`nil` for the
    /// route's own level).
    func effective(_ name: ApacheDirectiveName) -> (Directive, inheritedFrom: String?)? {
        for (index, level) in levels.enumerated().reversed() {
            if let directive = level.last(name) {
                return (directive, index == levels.count - 1 ? nil : level.name)
            }
        }
        return nil
    }

    /// Every directive of this name, outermost first, with the level it comes from.
    func all(_ name: ApacheDirectiveName) -> [(Directive, inheritedFrom: String?)] {
        // Most names are written at no level of a chain: their (empty) lists were built level by level.
        guard levels.contains(where: { $0.has(name) }) else { return [] }
        return levels.enumerated().flatMap { index, level in
            level.all(name).map { ($0, inheritedFrom: index == levels.count - 1 ? nil : level.name) }
        }
    }

    func appending(_ level: ApacheLevel) -> ApacheLevelChain {
        ApacheLevelChain(levels: levels + [level])
    }
}

/// How sections read in messages: `<VirtualHost *:80>`.
enum ApacheText {
    static func header(_ section: Directive) -> String {
        var text = "<" + section.sourceText
        text.append(">")
        return text
    }

    static func reference(_ directive: Directive) -> DirectiveReference {
        // A simple directive's reference makes its one-line text only when a message shows it.
        directive.hasBlock ? DirectiveReference(text: header(directive), range: directive.range) : DirectiveReference(directive)
    }
}
