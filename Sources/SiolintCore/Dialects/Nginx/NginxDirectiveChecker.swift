/// Checks every directive against nginx's directive table (`NginxDirectiveTable`), as `nginx -t`
/// does while it reads the files: a directive in a context nginx refuses, the wrong number of
/// arguments, a block where `;` belongs (or the reverse), a flag that is not `on`/`off`, an `if`
/// whose condition nginx cannot read, and a regular expression PCRE2 certainly refuses (in `if`,
/// `location`, `rewrite`, a `map` key; see NginxRegexSyntax) are SIO000, in nginx's words. A name
/// nginx does not know is reported as an unknown directive (SIO002), with the nearest known name.
///
/// What is not checked: the contents of blocks that hold no directives (`map`, `geo`, `split_clients`,
/// `types`, `charset_map`) or that belong to modules the table only names (a Lua block's body is an
/// argument already); directives the table only names (newer nginx, NGINX Plus, third-party modules).
/// A fragment's top level is checked against every context it could be included in.
///
/// `NginxTreeWalk` hands it every directive of the loaded tree (`visit`), in the one walk that also
/// collects the model's whole-file facts.
struct NginxDirectiveChecker {
    /// The names of directives of modules siolint knows nothing about may stand anywhere when the
    /// configuration loads such a module: only near-misses of known names are reported then.
    private var unknownModule: String?
    private var suggestions: [String: String?] = [:]
    /// What was found, in the order the directives were visited.
    private(set) var problems: [SyntaxProblem] = []
    private var reported: Set<Spot> = []

    private struct Spot: Hashable {
        var range: SourceRange
        var message: String
    }

    init(unknownModule: String?) {
        self.unknownModule = unknownModule
    }

    /// The file's own directives, inside the blocks `NginxLoader.wrap` put around a fragment.
    static func unwrap(_ directives: [Directive], _ context: NginxLoader.Context) -> [Directive] {
        let depth: Int
        switch context {
        case .main: depth = 0
        case .http: depth = 1
        case .server: depth = 2
        case .location: depth = 3
        }
        var list = directives
        for _ in 0..<depth {
            guard list.count == 1, let block = list[0].block else { return list }
            list = block
        }
        return list
    }

    /// Where a file's top level may stand. A file read in the main context that has a directive only the
    /// main context allows (`http`, `events`, `user`, …) is a main file; any other file may be a fragment
    /// included from elsewhere, so it is checked against every context its directives suggest.
    static func possibleContexts(of directives: [Directive], _ context: NginxLoader.Context) -> NginxDirectiveMask {
        switch context {
        case .main:
            let mainOnly = directives.contains { directive in
                guard let masks = NginxDirectiveTable.checked[directive.name.value] else { return false }
                return masks.allSatisfy { NginxDirectiveMask(rawValue: $0).intersection(.allContexts) == .main }
            }
            return mainOnly ? .main : .allContexts
        case .http:
            return [.httpMain, .streamMain, .mailMain]
        case .server:
            // A file of locations may also be included inside a location.
            return [.httpServer, .httpLocation, .streamServer, .mailServer]
        case .location:
            return .allContexts
        }
    }

    /// The first `load_module` of a module the table does not cover.
    static func unknownModule(in directives: [Directive]) -> String? {
        for directive in directives where directive.name.value == "load_module" && directive.arguments.count == 1 {
            var file = Substring(directive.arguments[0].value)
            if let slash = file.lastIndex(of: "/") { file = file[file.index(after: slash)...] }
            if file.hasSuffix(".so") { file = file.dropLast(3) }
            if !NginxDirectiveTable.knownModules.contains(String(file)) { return directive.arguments[0].value }
        }
        return nil
    }

    /// Checks the directive `list[index]` standing in one of `contexts`; returns the contexts its
    /// children are checked in, `nil` when they are not checked (no block, an empty one, a refused
    /// or unknown directive, a block nginx does not read as directives).
    mutating func visit(_ list: UnsafeBufferPointer<Directive>, _ index: Int, in contexts: NginxDirectiveMask) -> NginxDirectiveMask? {
        // The verdict reads the directive in place, its name and arguments only when a check needs them:
        // handing them over retained the name and the word chunk of every directive (this runs on every one).
        switch NginxDirectiveChecker.verdict(list.baseAddress! + index, in: contexts) {
        case .accepted(let children):
            if let children, let block = list[index].block, !block.isEmpty { return children }
        case .acceptedMap:
            checkMapKeys(list[index].block ?? [])
        case .refused(let message, let argument):
            report(message, at: argument.map { list[index].arguments[$0].range } ?? list[index].name.range)
        case .unknown:
            unknown(list[index])
        }
        return nil
    }

    private enum Verdict {
        /// With the contexts of the children, when they are to be checked too.
        case accepted(children: NginxDirectiveMask?)
        /// A `map` block, whose keys may be regular expressions.
        case acceptedMap
        /// SIO000, nginx's message, at the argument of that index when there is one, else at the name.
        case refused(String, argument: Int? = nil)
        case unknown
    }

    /// The names the verdict recognises by code.
    private enum Keys {
        static let rewrite = NginxDirectiveKey("rewrite")
        static let map = NginxDirectiveKey("map")
    }

    /// What nginx's table says about the directive at `directive`, standing in one of `contexts`.
    private static func verdict(_ directive: UnsafePointer<Directive>, in contexts: NginxDirectiveMask) -> Verdict {
        let lookup = NginxDirectiveLookup.shared
        let code = directive.pointee.nameCode
        let isBlock = directive.pointee.hasBlock
        let argumentCount = directive.pointee.arguments.count
        var name: String { directive.pointee.name.value }
        var arguments: WordList { directive.pointee.arguments }
        let firstValue = { directive.pointee.arguments[0].value }
        let start: Int, count: Int, block: NginxDirectiveLookup.Block
        switch code != 0 ? lookup.kind(code: code) : lookup.kind(of: name) {
        case .unknown:
            // Names SIO601 explains better (`sticky` before 1.29.6, `proxy_set_header_inherit`) are left to it.
            return NginxDirectiveAvailability.check(named: name) != nil ? .accepted(children: nil) : .unknown
        case .namedOnly:
            return .accepted(children: nil)
        case .checked(let s, let c, let b):
            (start, count, block) = (s, c, b)
        }
        var firstFitting: NginxDirectiveMask?
        var accepted = false
        for index in start..<start + count {
            let mask = lookup.mask(index)
            guard !mask.isDisjoint(with: contexts) else { continue }
            if firstFitting == nil { firstFitting = mask }
            if mask.refusal(count: argumentCount, isBlock: isBlock, firstValue: firstValue) == nil {
                accepted = true
                break
            }
        }
        guard let firstFitting else { return .refused("\"\(name)\" directive is not allowed here") }
        if !accepted {
            // As crossplane does, the first way the directive can be written names the problem.
            switch firstFitting.refusal(count: argumentCount, isBlock: isBlock, firstValue: firstValue) {
            case .notTerminated: return .refused("directive \"\(name)\" is not terminated by \";\"")
            case .noOpeningBrace: return .refused("directive \"\(name)\" has no opening \"{\"")
            case .flagValue(let value): return .refused("invalid value \"\(value)\" in \"\(name)\" directive, it must be \"on\" or \"off\"")
            case .argumentCount, nil: return .refused("invalid number of arguments in \"\(name)\" directive")
            }
        }
        if block == .if, let message = NginxIfConditionSyntax.problem(arguments.map(\.value)) { return .refused(message) }
        if let regex = regexArgument(directive, block: block),
           let message = NginxRegexSyntax.problem(regex.pattern, caseInsensitive: regex.caseInsensitive) {
            return .refused(message, argument: regex.argument)
        }
        guard isBlock else { return .accepted(children: nil) }
        if block == .other, Keys.map.matches(code: code, directive.pointee) { return .acceptedMap }
        let children = contexts.childContexts(of: block)
        return .accepted(children: children.isEmpty ? nil : children)
    }

    /// The regular expression nginx compiles from one of the arguments of a directive the table
    /// accepts (`if` with a readable condition, `location ~`, `rewrite`), and which argument holds it.
    private static func regexArgument(_ directive: UnsafePointer<Directive>, block: NginxDirectiveLookup.Block)
        -> (argument: Int, pattern: String, caseInsensitive: Bool)? {
        var arguments: WordList { directive.pointee.arguments }
        switch block {
        case .if:
            return NginxIfConditionSyntax.regex(arguments.map(\.value))
        case .location:
            // `location ~ regex`, `location ~* regex`, or the modifier stuck to the regex (`location ~*\.php$`).
            if arguments.count == 2, arguments[0].value == "~" || arguments[0].value == "~*" {
                return (1, arguments[1].value, arguments[0].value == "~*")
            }
            guard arguments.count == 1, let regex = NginxRegexSyntax.afterTilde(arguments[0].value) else { return nil }
            return (0, regex.pattern, regex.caseInsensitive)
        case .other:
            guard Keys.rewrite.matches(code: directive.pointee.nameCode, directive.pointee), let first = arguments.first else { return nil }
            return (0, first.value, false)
        default:
            return nil
        }
    }

    /// A `map` key that starts with `~` is a regular expression nginx compiles (`~*`: ignoring case).
    private mutating func checkMapKeys(_ entries: [Directive]) {
        for entry in entries {
            guard let regex = NginxRegexSyntax.afterTilde(entry.name.value),
                  let message = NginxRegexSyntax.problem(regex.pattern, caseInsensitive: regex.caseInsensitive) else { continue }
            report(message, at: entry.name.range)
        }
    }

    private mutating func report(_ message: String, _ directive: Directive, kind: SyntaxProblem.Kind = .syntax, help: String? = nil) {
        report(message, at: directive.name.range, kind: kind, help: help)
    }

    private mutating func report(_ message: String, at range: SourceRange, kind: SyntaxProblem.Kind = .syntax, help: String? = nil) {
        guard reported.insert(Spot(range: range, message: message)).inserted else { return }
        problems.append(SyntaxProblem(kind, message, at: range, help: help))
    }

    private mutating func unknown(_ directive: Directive) {
        let name = directive.name.value
        let suggestion: String?
        if let known = suggestions[name] {
            suggestion = known
        } else {
            suggestion = NginxDirectiveChecker.nearestKnownName(to: name)
            suggestions[name] = suggestion
        }
        if let suggestion {
            report("unknown directive \"\(name)\"", directive, kind: .unknownDirective, help: "did you mean \"\(suggestion)\"?")
        } else if unknownModule == nil {
            report("unknown directive \"\(name)\"", directive, kind: .unknownDirective)
        }
    }

    /// The known directive closest to a misspelled name (edit distance, a transposition counting once),
    /// when it is close enough to be the one meant.
    static func nearestKnownName(to name: String) -> String? {
        let target = Array(name.lowercased().utf8)
        let limit = target.count <= 4 ? 1 : (target.count <= 12 ? 2 : 3)
        var best: (distance: Int, name: String)?
        func consider(_ candidate: String) {
            let bytes = Array(candidate.lowercased().utf8)
            guard abs(bytes.count - target.count) <= limit else { return }
            let distance = EditDistance.restrictedDamerauLevenshtein(target, bytes, limit: limit)
            guard distance <= limit else { return }
            if best == nil || distance < best!.distance || (distance == best!.distance && candidate < best!.name) {
                best = (distance, candidate)
            }
        }
        for candidate in NginxDirectiveTable.checked.keys { consider(candidate) }
        // Names of the official distribution first: a third-party name wins only when it is closer.
        let official = best
        for candidate in NginxDirectiveTable.namedOnly { consider(candidate) }
        if let official, let found = best, found.distance == official.distance { return official.name }
        return best?.name
    }
}
