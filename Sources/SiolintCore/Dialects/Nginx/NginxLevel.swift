/// One configuration level of nginx's inheritance chain (http → server → location → nested
/// location), with the simple directives written directly at it.
struct NginxLevel {
    /// "http", "server example.com", "location /socket.io/".
    var name: String
    var directives: [Directive]

    init(name: String, block: [Directive]) {
        self.name = name
        self.directives = block.filter { $0.block == nil }
    }

    func last(_ key: String) -> Directive? {
        directives.last { $0.name.value == key }
    }

    func all(_ key: String) -> [Directive] {
        directives.filter { $0.name.value == key }
    }
}

/// The chain of levels for one route, outermost first; answers "which directive applies here"
/// the way nginx merges configurations.
struct NginxLevelChain {
    var levels: [NginxLevel]

    /// The innermost directive of this name and the level it was found at (`nil` for the route's own level).
    func effective(_ key: String) -> (Directive, inheritedFrom: String?)? {
        for (index, level) in levels.enumerated().reversed() {
            if let directive = level.last(key) {
                return (directive, index == levels.count - 1 ? nil : level.name)
            }
        }
        return nil
    }

    /// Array-like directives (`proxy_set_header`): inherited from the nearest level that has any,
    /// all or nothing. Returns the applying ones and the nearest outer level's ones that do not apply.
    func allOrNothing(_ key: String) -> (applying: [(Directive, inheritedFrom: String?)], shadowed: [(Directive, level: String)]) {
        var applyingIndex: Int?
        for index in levels.indices.reversed() where !levels[index].all(key).isEmpty {
            applyingIndex = index
            break
        }
        guard let index = applyingIndex else { return ([], []) }
        let inherited = index == levels.count - 1 ? nil : levels[index].name
        let applying = levels[index].all(key).map { ($0, inheritedFrom: inherited) }
        var shadowed: [(Directive, level: String)] = []
        for outer in levels[..<index].reversed() where !outer.all(key).isEmpty {
            shadowed = outer.all(key).map { ($0, level: outer.name) }
            break
        }
        return (applying, shadowed)
    }

    /// An include that could not be read and stands at or inside the level that sets `key` (or
    /// anywhere, when no level sets it): the value may come from that file.
    func unreadInclude(before key: String) -> Directive? {
        for level in levels.reversed() {
            if let include = level.last("include") { return include }
            if level.last(key) != nil { return nil }
        }
        return nil
    }

    func appending(_ level: NginxLevel) -> NginxLevelChain {
        NginxLevelChain(levels: levels + [level])
    }
}
