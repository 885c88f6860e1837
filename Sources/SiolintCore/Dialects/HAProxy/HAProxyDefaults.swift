/// The keyword lines of one section, as a level of settings.
struct HAProxyLevel {
    /// How messages name it when a value is inherited from it ("defaults", "defaults base"); `nil`
    /// for the proxy's own section.
    let name: String?
    let lines: [Directive]
    /// For a `defaults` section, the index of the last line that sets each setting key
    /// (`HAProxyDefaults.key(of:)`): such a section is shared by every proxy after it, and scanning
    /// its lines per question was a fifth of the time. `nil` for a proxy's own section, which only
    /// its own proxy asks: a backwards scan there costs less than building a key string for every
    /// `timeout` and `option` line.
    private let lastByKey: [String: Int]?
    /// For a `defaults` section, the timeouts routes read (by `HAProxyRouteResolver.Timeout`), read
    /// once: every proxy after the section inherits the same ones.
    private let presetTimeouts: [Setting<TimeLimit>?]?
    /// The index of the last line that sets each of the keys every proxy is asked about
    /// (`KeyPattern.wellKnown`, by slot; `-1` for none), found in one pass over the lines: a
    /// backwards scan per question matched every line against the key, and a `defaults`
    /// section's dictionary hashed the key each time.
    private let wellKnownLines: WellKnownLines

    /// One line index per well-known key slot, without an array; 32 bits each, as every proxy
    /// is copied a few times while it is read.
    private struct WellKnownLines {
        private var mode: Int32 = -1, defaultBackend: Int32 = -1, balance: Int32 = -1, cookie: Int32 = -1
        private var timeoutClient: Int32 = -1, timeoutServer: Int32 = -1, timeoutTunnel: Int32 = -1

        subscript(slot: Int) -> Int {
            switch slot {
            case 0: return Int(mode)
            case 1: return Int(defaultBackend)
            case 2: return Int(balance)
            case 3: return Int(cookie)
            case 4: return Int(timeoutClient)
            case 5: return Int(timeoutServer)
            default: return Int(timeoutTunnel)
            }
        }

        subscript(timeout: HAProxyRouteResolver.Timeout) -> Int {
            switch timeout {
            case .client: return Int(timeoutClient)
            case .server: return Int(timeoutServer)
            case .tunnel: return Int(timeoutTunnel)
            }
        }

        /// The last line of `lines` that sets each key, as `KeyPattern.matches` tells.
        init(_ lines: [Directive]) {
            for position in lines.indices {
                let index = Int32(truncatingIfNeeded: position)
                let name = lines[position].name
                // Told apart by length first: most lines set none of them.
                switch name.value.utf8.count {
                case 4: if name.is("mode") { mode = index }
                case 6: if name.is("cookie") { cookie = index }
                case 7:
                    if name.is("timeout") {
                        switch lines[position].arguments.first?.value {
                        case "client": timeoutClient = index
                        case "server": timeoutServer = index
                        case "tunnel": timeoutTunnel = index
                        default: break
                        }
                    } else if name.is("balance") {
                        balance = index
                    }
                case 15: if name.is("default_backend") { defaultBackend = index }
                default: break
                }
            }
        }
    }

    init(name: String?, lines: [Directive]) {
        self.name = name
        self.lines = lines
        wellKnownLines = WellKnownLines(lines)
        guard let name else {
            lastByKey = nil
            presetTimeouts = nil
            return
        }
        var lastByKey: [String: Int] = [:]
        for index in lines.indices {
            if let key = HAProxyDefaults.key(of: lines[index]) { lastByKey[key] = index }
        }
        self.lastByKey = lastByKey
        presetTimeouts = HAProxyRouteResolver.Timeout.allCases.map { which in
            lastByKey[which.key.key].map { HAProxyRouteResolver.timeout(lines[$0], inheritedFrom: name, which) }
        }
    }

    /// The timeout this level sets, `nil` when it sets none.
    func timeout(_ which: HAProxyRouteResolver.Timeout) -> Setting<TimeLimit>? {
        if let presetTimeouts { return presetTimeouts[which.rawValue] }
        let index = wellKnownLines[which]
        return index < 0 ? nil : HAProxyRouteResolver.timeout(lines[index], inheritedFrom: name, which)
    }

    /// The last line of this level that sets the key.
    func last(_ key: HAProxyDefaults.KeyPattern) -> Directive? {
        lastIndex(key).map { lines[$0] }
    }

    /// The index in `lines` of the last line of this level that sets the key.
    func lastIndex(_ key: HAProxyDefaults.KeyPattern) -> Int? {
        if let slot = key.slot {
            let index = wellKnownLines[slot]
            return index < 0 ? nil : index
        }
        if let lastByKey { return lastByKey[key.key] }
        // By index: a loop over the reversed lines copied every line it looked at.
        var index = lines.endIndex
        while index > lines.startIndex {
            index -= 1
            if key.matches(lines[index]) { return index }
        }
        return nil
    }
}

/// A `frontend`, `backend` or `listen` section with the chain of `defaults` sections it takes
/// its initial settings from (HAPDOC §4: the latest `defaults` before it, or the one named with
/// `from`; a `defaults` section can itself inherit with `from`).
struct HAProxyProxy {
    enum Kind: String {
        case frontend, backend, listen
    }

    var kind: Kind
    var name: String
    var header: Directive
    /// The proxy's own lines.
    var own: HAProxyLevel
    /// Each defaults section of the chain, nearest first; one array shared by every proxy with
    /// the same chain.
    var inherited: [HAProxyLevel]

    /// The proxy's own lines first, then each defaults section of the chain.
    var levels: [HAProxyLevel] { [own] + inherited }
    var hasFrontend: Bool { kind != .backend }
    var hasBackend: Bool { kind != .frontend }
    var lines: [Directive] { own.lines }

    /// The line that decides a single-valued setting (`timeout client`, `mode`, `option
    /// http-server-close`, `balance`, `cookie`, …): the last one of the nearest level that has one.
    func effective(_ key: String) -> (directive: Directive, inheritedFrom: String?)? {
        effective(HAProxyDefaults.KeyPattern(key))
    }

    /// `effective(_:)` for a key taken apart already (the keys every proxy is asked about are, once).
    func effective(_ key: HAProxyDefaults.KeyPattern) -> (directive: Directive, inheritedFrom: String?)? {
        if let line = own.last(key) { return (line, nil) }
        for level in inherited {
            if let line = level.last(key) {
                return (line, level.name)
            }
        }
        return nil
    }

    /// The first value of the line `effective(key)` finds, read in place: asked of every frontend
    /// (`mode`), where a copy of the line was made and released only to read it.
    func effectiveFirstValue(_ key: HAProxyDefaults.KeyPattern) -> String? {
        if let index = own.lastIndex(key) { return own.lines[index].firstValue }
        for level in inherited {
            if let index = level.lastIndex(key) { return level.lines[index].firstValue }
        }
        return nil
    }

    /// A timeout routes read, as inherited (`effective` and then the setting it makes); `nil` when
    /// no level sets it.
    func timeout(_ which: HAProxyRouteResolver.Timeout) -> Setting<TimeLimit>? {
        if let setting = own.timeout(which) { return setting }
        for level in inherited {
            if let setting = level.timeout(which) { return setting }
        }
        return nil
    }

    /// Every line with this keyword: those of named defaults sections first (HAProxy runs their
    /// rules before the proxy's own), then the proxy's.
    func rules(_ keyword: String) -> [(directive: Directive, inheritedFrom: String?)] {
        // Labelled like the result: an unlabelled tuple array is converted element by element.
        var out: [(directive: Directive, inheritedFrom: String?)] = []
        // By index: a loop over the lines copied every directive, most of them only to skip it.
        for level in inherited.reversed() where level.name != "defaults" {
            let lines = level.lines
            for index in lines.indices where lines[index].name.is(keyword) { out.append((lines[index], level.name)) }
        }
        let lines = own.lines
        for index in lines.indices where lines[index].name.is(keyword) { out.append((lines[index], nil)) }
        return out
    }

    /// Whether an `option` is on: `option NAME` or `no option NAME`, as inherited.
    func option(_ name: String) -> (on: Bool, directive: Directive, inheritedFrom: String?)? {
        guard let (line, level) = effective("option " + name) else { return nil }
        return (!line.name.is("no"), line, level)
    }
}

/// Builds the proxies of a configuration with their defaults chains.
enum HAProxyDefaults {
    /// The setting a line assigns, for lines that replace an inherited value; `nil` for lines
    /// that add to a list (`acl`, `server`, `http-request`, `use_backend`, …).
    static func key(of line: Directive) -> String? {
        let name = line.name.value
        let arguments = line.arguments
        switch name {
        case "timeout":
            return arguments.first.map { "timeout " + $0.value }
        case "option":
            return arguments.first.map { "option " + $0.value }
        case "no", "default":
            guard arguments.count >= 2, arguments[0].is("option") else { return nil }
            return "option " + arguments[1].value
        default:
            return settingKeywords.contains(name) ? name : nil
        }
    }

    /// A setting key taken apart once, to tell whether a line sets it without building the
    /// line's own key: `HAProxyDefaults.key(of: line) == key`.
    struct KeyPattern {
        private enum Form {
            /// `timeout NAME`: a `timeout` line whose first argument is NAME.
            case timeout(String)
            /// `option NAME`: `option NAME`, `no option NAME` or `default option NAME`.
            case option(String)
            /// A keyword that is a setting by itself (`mode`, `balance`, …).
            case keyword(String)
            /// A key no line sets.
            case none
        }

        /// The key as `key(of:)` spells it.
        let key: String
        private let form: Form
        /// The key's position in `wellKnown`, `nil` for other keys.
        let slot: Int?

        static let mode = KeyPattern("mode", slot: 0)
        static let defaultBackend = KeyPattern("default_backend", slot: 1)
        static let balance = KeyPattern("balance", slot: 2)
        static let cookie = KeyPattern("cookie", slot: 3)
        static let timeoutClient = KeyPattern("timeout client", slot: 4)
        static let timeoutServer = KeyPattern("timeout server", slot: 5)
        static let timeoutTunnel = KeyPattern("timeout tunnel", slot: 6)
        /// The keys every proxy is asked about, each at its `slot`.
        static let wellKnown = [mode, defaultBackend, balance, cookie, timeoutClient, timeoutServer, timeoutTunnel]

        init(_ key: String, slot: Int? = nil) {
            self.key = key
            self.slot = slot
            if key.hasBytePrefix("timeout ") {
                form = .timeout(String(key.utf8.dropFirst(8))!)
            } else if key.hasBytePrefix("option ") {
                form = .option(String(key.utf8.dropFirst(7))!)
            } else if HAProxyDefaults.settingKeywords.contains(key) {
                form = .keyword(key)
            } else {
                form = .none
            }
        }

        func matches(_ line: Directive) -> Bool {
            switch form {
            case .timeout(let name):
                return line.name.is("timeout") && line.arguments.first?.value == name
            case .option(let name):
                let arguments = line.arguments
                if line.name.is("option") { return arguments.first?.value == name }
                guard line.name.is("no") || line.name.is("default") else { return false }
                return arguments.count >= 2 && arguments[0].is("option") && arguments[1].value == name
            case .keyword(let keyword):
                return line.name.is(keyword)
            case .none:
                return false
            }
        }
    }

    /// The keywords that are a setting key by themselves (see `key(of:)`).
    static let settingKeywords: Set<String> = ["mode", "balance", "cookie", "default_backend", "hash-type", "maxconn", "fullconn",
                                               "http-reuse", "retries", "default-server", "log-format", "errorfile"]

    /// The proxies in order, and `from` references that name no defaults section.
    static func proxies(_ sections: [Directive]) -> (proxies: [HAProxyProxy], missing: [(Directive, String)]) {
        var proxies: [HAProxyProxy] = []
        let missing = forEachProxy(sections) { proxies.append($0) }
        return (proxies, missing)
    }

    /// Visits the proxies in order (a builder keeps only those it still needs: a proxy copies its
    /// section header, and an array of every proxy was a tenth of the peak); returns the `from`
    /// references that name no defaults section.
    /// - Parameter includes: whether to visit proxies of a kind (the others are not made); the
    ///   missing `from` references are those of every section, visited or not.
    static func forEachProxy(_ sections: [Directive], where includes: (HAProxyProxy.Kind) -> Bool = { _ in true },
                             _ visit: (HAProxyProxy) -> Void) -> [(Directive, String)] {
        struct DefaultsSection {
            var level: HAProxyLevel
            var parent: Int?
        }
        var defaults: [DefaultsSection] = []
        var byName: [String: Int] = [:]
        var latest: Int?
        var missing: [(Directive, String)] = []

        func fromName(_ header: Directive) -> String? {
            // On the words: `values` built two arrays of strings per section.
            let arguments = header.arguments
            guard let i = arguments.firstIndex(where: { $0.is("from") }), i + 1 < arguments.count else { return nil }
            return arguments[i + 1].value
        }
        func parent(of header: Directive) -> Int? {
            guard let name = fromName(header) else { return latest }
            if let index = byName[name] { return index }
            missing.append((header, name))
            return nil
        }
        // A chain depends only on where it starts: proxies after the same defaults section share one.
        var chains: [Int: [HAProxyLevel]] = [:]
        func chain(from start: Int?) -> [HAProxyLevel] {
            guard let start else { return [] }
            if let known = chains[start] { return known }
            var levels: [HAProxyLevel] = []
            var next: Int? = start
            var seen = Set<Int>()
            while let index = next, seen.insert(index).inserted {
                levels.append(defaults[index].level)
                next = defaults[index].parent
            }
            chains[start] = levels
            return levels
        }

        // By index: a loop over the sections copied every section, most of them only to skip it.
        for index in sections.indices {
            // `Word.is` compares lengths first: a `switch` on the name hashed or compared it with each case.
            let keyword = sections[index].name
            if keyword.is("defaults") {
                let section = sections[index]
                let name = section.firstValue.flatMap { $0 == "from" ? nil : $0 }
                // Only `from` makes a defaults section inherit; otherwise it resets everything.
                let parentIndex = fromName(section) != nil ? parent(of: section) : nil
                defaults.append(DefaultsSection(level: HAProxyLevel(name: name.map { "defaults \($0)" } ?? "defaults", lines: section.block ?? []),
                                                parent: parentIndex))
                latest = defaults.count - 1
                if let name { byName[name] = defaults.count - 1 }
                continue
            }
            let kind: HAProxyProxy.Kind? = keyword.is("frontend") ? .frontend : keyword.is("backend") ? .backend : keyword.is("listen") ? .listen : nil
            guard let kind, let name = sections[index].firstValue, name != "from" else { continue }
            guard includes(kind) else {
                // Not made, but its `from` reference checked all the same: a builder that skips a
                // kind still gets every section's missing reference, in order.
                _ = parent(of: sections[index])
                continue
            }
            // The section read in place: a copy of it first was a second copy per proxy.
            visit(HAProxyProxy(kind: kind, name: name, header: sections[index], own: HAProxyLevel(name: nil, lines: sections[index].block ?? []),
                               inherited: chain(from: parent(of: sections[index]))))
        }
        return missing
    }
}
