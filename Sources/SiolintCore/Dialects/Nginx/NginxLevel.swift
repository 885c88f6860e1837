/// One configuration level of nginx's inheritance chain (http → server → location → nested
/// location), with the simple directives written directly at it.
///
/// A class: chains share their outer levels, and lookups walk the levels of a chain many times
/// per route; a struct copy retained its three references on every step.
final class NginxLevel: Sendable {
    /// "http", "server example.com", "location /socket.io/".
    let name: String
    /// The block as parsed (shared, not copied); only its simple directives belong to the level.
    private let block: [Directive]
    /// The simple directives in `block`, in order: each one's index shifted left 16 bits, with its
    /// `nameCode` in the low 16. Lookups compare the codes here without reading the directives.
    private let simple: [UInt64]
    /// Index of the last simple `include` (one the loader could not read and kept in place).
    private let lastInclude: Int?

    init(name: String, block: [Directive]) {
        self.name = name
        self.block = block
        var simple: [UInt64] = []
        simple.reserveCapacity(block.count)
        var lastInclude: Int?
        for index in block.indices where !block[index].hasBlock {
            let code = block[index].nameCode
            simple.append(UInt64(index) << 16 | UInt64(code))
            if NginxDirectiveKey.include.matches(code: code, block[index]) { lastInclude = index }
        }
        self.simple = simple
        self.lastInclude = lastInclude
    }

    /// The last simple `include` at this level.
    var include: Directive? { lastInclude.map { block[$0] } }

    @inline(__always) private func matches(_ entry: UInt64, _ key: NginxDirectiveKey) -> Bool {
        key.matches(code: UInt16(truncatingIfNeeded: entry), block[Int(entry >> 16)])
    }

    func last(_ key: NginxDirectiveKey) -> Directive? {
        if key.code == NginxDirectiveKey.include.code { return include }
        for entry in simple.reversed() where matches(entry, key) { return block[Int(entry >> 16)] }
        return nil
    }

    func has(_ key: NginxDirectiveKey) -> Bool {
        if key.code == NginxDirectiveKey.include.code { return lastInclude != nil }
        for entry in simple where matches(entry, key) { return true }
        return false
    }

    /// Calls `body` with each simple directive named `key`, in order, without collecting them.
    func forEach(_ key: NginxDirectiveKey, _ body: (Directive) -> Void) {
        for entry in simple where matches(entry, key) { body(block[Int(entry >> 16)]) }
    }
}

/// The chain of levels for one route, outermost first; answers "which directive applies here"
/// the way nginx merges configurations.
struct NginxLevelChain: Sendable {
    var levels: [NginxLevel]

    /// The innermost directive of this name and the level it was found at (`nil` for the route's own level).
    func effective(_ key: NginxDirectiveKey) -> (Directive, inheritedFrom: String?)? {
        for index in levels.indices.reversed() {
            if let directive = levels[index].last(key) {
                return (directive, index == levels.count - 1 ? nil : levels[index].name)
            }
        }
        return nil
    }

    /// Array-like directives (`proxy_set_header`): inherited from the nearest level that has any,
    /// all or nothing. The level whose ones apply and the nearest outer level whose ones do not,
    /// as indices into `levels` (read them with `NginxLevel.forEach`).
    func allOrNothing(_ key: NginxDirectiveKey) -> (applying: Int, shadowed: Int?)? {
        var index = levels.count - 1
        while index >= 0, !levels[index].has(key) { index -= 1 }
        guard index >= 0 else { return nil }
        var outer = index - 1
        while outer >= 0, !levels[outer].has(key) { outer -= 1 }
        return (index, outer >= 0 ? outer : nil)
    }

    /// The name of the level a value at `index` is inherited from; `nil` for the route's own level.
    func inheritedFrom(_ index: Int) -> String? {
        index == levels.count - 1 ? nil : levels[index].name
    }

    /// An include that could not be read and stands at or inside the level that sets `key` (or
    /// anywhere, when no level sets it): the value may come from that file.
    func unreadInclude(before key: NginxDirectiveKey) -> Directive? {
        for level in levels.reversed() {
            if let include = level.include { return include }
            if level.has(key) { return nil }
        }
        return nil
    }

    func appending(_ level: NginxLevel) -> NginxLevelChain {
        var levels = levels
        levels.append(level)
        return NginxLevelChain(levels: levels)
    }
}
