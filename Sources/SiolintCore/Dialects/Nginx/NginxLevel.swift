/// One configuration level of nginx's inheritance chain (http → server → location → nested
/// location), with the simple directives written directly at it.
struct NginxLevel: Sendable {
    /// "http", "server example.com", "location /socket.io/".
    var name: String
    /// The block as parsed (shared, not copied); only its simple directives belong to the level.
    private let block: [Directive]
    /// Indices of the simple directives in `block`, in order.
    private let simple: [Int]
    /// Index of the last simple `include` (one the loader could not read and kept in place).
    private let lastInclude: Int?

    init(name: String, block: [Directive]) {
        self.name = name
        self.block = block
        var simple: [Int] = []
        simple.reserveCapacity(block.count)
        var lastInclude: Int?
        for index in block.indices where block[index].block == nil {
            simple.append(index)
            if block[index].name.is("include") { lastInclude = index }
        }
        self.simple = simple
        self.lastInclude = lastInclude
    }

    /// The last simple `include` at this level.
    var include: Directive? { lastInclude.map { block[$0] } }

    func last(_ key: String) -> Directive? {
        if key == "include" { return include }
        for index in simple.reversed() where block[index].name.is(key) { return block[index] }
        return nil
    }

    func has(_ key: String) -> Bool {
        if key == "include" { return lastInclude != nil }
        for index in simple where block[index].name.is(key) { return true }
        return false
    }

    func all(_ key: String) -> [Directive] {
        var found: [Directive] = []
        for index in simple where block[index].name.is(key) { found.append(block[index]) }
        return found
    }
}

/// The chain of levels for one route, outermost first; answers "which directive applies here"
/// the way nginx merges configurations.
struct NginxLevelChain: Sendable {
    var levels: [NginxLevel]

    /// The innermost directive of this name and the level it was found at (`nil` for the route's own level).
    func effective(_ key: String) -> (Directive, inheritedFrom: String?)? {
        for index in levels.indices.reversed() {
            if let directive = levels[index].last(key) {
                return (directive, index == levels.count - 1 ? nil : levels[index].name)
            }
        }
        return nil
    }

    /// Array-like directives (`proxy_set_header`): inherited from the nearest level that has any,
    /// all or nothing. Returns the applying ones and the nearest outer level's ones that do not apply.
    func allOrNothing(_ key: String) -> (applying: [(Directive, inheritedFrom: String?)], shadowed: [(Directive, level: String)]) {
        guard let index = levels.indices.reversed().first(where: { levels[$0].has(key) }) else { return ([], []) }
        let inherited = index == levels.count - 1 ? nil : levels[index].name
        let applying = levels[index].all(key).map { ($0, inheritedFrom: inherited) }
        var shadowed: [(Directive, level: String)] = []
        if let outer = levels[..<index].indices.reversed().first(where: { levels[$0].has(key) }) {
            shadowed = levels[outer].all(key).map { ($0, level: levels[outer].name) }
        }
        return (applying, shadowed)
    }

    /// An include that could not be read and stands at or inside the level that sets `key` (or
    /// anywhere, when no level sets it): the value may come from that file.
    func unreadInclude(before key: String) -> Directive? {
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
