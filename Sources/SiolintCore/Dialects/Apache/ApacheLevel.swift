/// One configuration level of httpd's merge chain for a request (main server → `<VirtualHost>` →
/// matching `<Location>` sections), with the simple directives written directly at it. The
/// contents of `<If>`/`<ElseIf>`/`<Else>` count as written at the level: their expressions are
/// not evaluated, so both branches are taken as possible.
struct ApacheLevel {
    /// "main server", "<VirtualHost *:80>", "<Location /socket.io/>".
    let name: String
    let directives: [Directive]
    /// Indices into `directives` by lower-cased name, built once: names are case-insensitive, and
    /// lower-casing every name on every question was a tenth of the time on large files.
    private let indicesByKey: [String: [Int]]

    init(name: String, block: [Directive]) {
        self.name = name
        var flat: [Directive] = []
        var indicesByKey: [String: [Int]] = [:]
        Directive.walk(block) { d in
            if d.block != nil { return d.isNamed("if") || d.isNamed("elseif") || d.isNamed("else") }
            indicesByKey[d.key, default: []].append(flat.count)
            flat.append(d)
            return false
        }
        self.directives = flat
        self.indicesByKey = indicesByKey
    }

    func last(_ key: String) -> Directive? { indicesByKey[key]?.last.map { directives[$0] } }
    func all(_ key: String) -> [Directive] { indicesByKey[key]?.map { directives[$0] } ?? [] }

    /// The directives with any of these names, in configuration order.
    func all(anyOf keys: [String]) -> [Directive] {
        keys.flatMap { indicesByKey[$0] ?? [] }.sorted().map { directives[$0] }
    }
}

/// The chain of levels for one route, outermost first; answers "which directive applies here"
/// the way httpd merges per-server and per-location configuration (the innermost wins).
struct ApacheLevelChain {
    var levels: [ApacheLevel]

    /// The innermost directive of this name and the level it was inherited from (`nil` for the
    /// route's own level).
    func effective(_ key: String) -> (Directive, inheritedFrom: String?)? {
        for (index, level) in levels.enumerated().reversed() {
            if let directive = level.last(key) {
                return (directive, index == levels.count - 1 ? nil : level.name)
            }
        }
        return nil
    }

    /// Every directive of this name, outermost first, with the level it comes from.
    func all(_ key: String) -> [(Directive, inheritedFrom: String?)] {
        levels.enumerated().flatMap { index, level in
            level.all(key).map { ($0, inheritedFrom: index == levels.count - 1 ? nil : level.name) }
        }
    }

    func appending(_ level: ApacheLevel) -> ApacheLevelChain {
        ApacheLevelChain(levels: levels + [level])
    }
}

/// How sections read in messages: `<VirtualHost *:80>`.
enum ApacheText {
    static func header(_ section: Directive) -> String {
        "<" + ([section.name.value] + section.arguments.map { $0.quote == .none ? $0.value : "\"\($0.value)\"" }).joined(separator: " ") + ">"
    }

    static func reference(_ directive: Directive) -> DirectiveReference {
        DirectiveReference(text: directive.block != nil ? header(directive) : directive.sourceText, range: directive.range)
    }
}
