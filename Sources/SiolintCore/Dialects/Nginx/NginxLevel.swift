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

    /// Calls `body` with each simple directive named `key`, in order, without collecting them.
    func forEach(_ key: String, _ body: (Directive) -> Void) {
        for index in simple where block[index].name.is(key) { body(block[index]) }
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
    /// all or nothing. The level whose ones apply and the nearest outer level whose ones do not,
    /// as indices into `levels` (read them with `NginxLevel.forEach`).
    func allOrNothing(_ key: String) -> (applying: Int, shadowed: Int?)? {
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
