/// Builds the common proxy model from parsed nginx directives: virtual servers with their
/// location trees, upstream groups, maps, and every effective setting with its provenance.
struct NginxModelBuilder {
    let version: SoftwareVersion?
    private(set) var configuration: ProxyConfiguration
    private var lookupNames: Set<String> = []

    init(mainFile: String, version: SoftwareVersion?) {
        self.version = version
        self.configuration = ProxyConfiguration(server: .nginx, mainFile: mainFile)
        // nginx rewrites are a route's own (`rewrite … break`), not programs that conditions run.
        configuration.hasRewritePrograms = false
    }

    /// The model of a loaded configuration; `facts` are what `NginxTreeWalk` collected from every directive.
    static func build(_ parsed: ParsedConfiguration, facts: NginxWholeFileFacts, mainFile: String, version: SoftwareVersion?) -> ProxyConfiguration {
        var builder = NginxModelBuilder(mainFile: mainFile, version: version)
        builder.configuration.timeLiterals = facts.timeLiterals
        builder.configuration.rejectedDirectives = facts.rejectedDirectives
        for http in parsed.directives where http.name.is("http") {
            builder.buildHTTP(http)
        }
        return builder.configuration
    }

    // MARK: - http

    private mutating func buildHTTP(_ http: Directive) {
        let block = http.block ?? []
        // By index, copying only the directives each pass uses: a loop over the block's elements
        // copied all of them (ten thousand upstreams and servers on a large file) in every pass.
        let maps = block.indices.filter { block[$0].name.is("map") && block[$0].arguments.count == 2 }
        for index in maps {
            lookupNames.insert(String(block[index].arguments[1].value.drop(while: { $0 == "$" })))
        }
        for index in maps {
            buildMap(block[index])
        }
        for index in block.indices where block[index].name.is("upstream") {
            if let group = NginxUpstreamBuilder.build(block[index], version: version) {
                configuration.upstreams[group.name] = group
            }
        }
        let resolver = NginxRouteResolver(version: version, lookupNames: lookupNames, upstreamNames: Set(configuration.upstreams.keys))
        let chain = NginxLevelChain(levels: [NginxLevel(name: "http", block: block)])
        for index in block.indices where block[index].name.is("server") && block[index].hasBlock {
            configuration.virtualServers.append(NginxModelBuilder.buildServer(block[index], chain: chain, resolver: resolver))
        }
    }

    private mutating func buildMap(_ map: Directive) {
        let name = String(map.arguments[1].value.drop(while: { $0 == "$" }))
        var entries: [ValueLookup.Entry] = []
        var defaultValue = ValueTemplate.literal("")
        for line in map.block ?? [] {
            guard line.arguments.count == 1 else { continue }
            let key = line.name.value
            let value = NginxValues.template(line.arguments[0].value, lookups: lookupNames)
            switch key {
            case "default": defaultValue = value
            case "hostnames", "volatile", "include": continue
            default:
                if line.name.quote == .none, key.hasBytePrefix("~*") {
                    entries.append(.init(key: .pattern(RegexPattern(String(key.dropFirst(2)), caseInsensitive: true)), value: value))
                } else if line.name.quote == .none, key.hasBytePrefix("~") {
                    entries.append(.init(key: .pattern(RegexPattern(String(key.dropFirst()))), value: value))
                } else {
                    let literal = key.hasBytePrefix("\\") ? String(key.dropFirst()) : key
                    entries.append(.init(key: .exact(literal, caseInsensitive: true), value: value))
                }
            }
        }
        configuration.lookups[name] = ValueLookup(name: name, source: NginxValues.template(map.arguments[0].value, lookups: lookupNames),
                                                  entries: entries, defaultValue: defaultValue, declaration: DirectiveReference(map))
    }

    // MARK: - server

    private static func buildServer(_ server: Directive, chain outer: NginxLevelChain, resolver: NginxRouteResolver) -> VirtualServer {
        let block = server.block ?? []
        // By index, without filtered copies of the block (a copy retains every directive).
        var names: [String] = [], listens: [String] = []
        for index in block.indices {
            if block[index].name.is("server_name") {
                for argument in block[index].arguments { names.append(argument.value) }
            } else if block[index].name.is("listen"), let first = block[index].firstValue {
                listens.append(first)
            }
        }
        let levelName = names.first.map { String(concatenating: "server ", $0) } ?? "server"
        let label = listens.first.map { String(concatenating: levelName, " (listen ", $0, ")") } ?? levelName
        let chain = outer.appending(NginxLevel(name: levelName, block: block))

        if let at = block.indices.first(where: { block[$0].name.is("return") }) {
            let ret = block[at]
            // A server-level return answers every request before any location is searched.
            let route = Route(label: "server-level \(ret.sourceText)", declaration: ret.range) {
                RouteDetails(action: .local(ret.sourceText), settings: resolver.settings(chain))
            }
            return VirtualServer(label: label, names: names, listens: listens, declaration: server.range,
                                 stages: [RouteTable(policy: .firstMatch, entries: [RouteEntry(matcher: .any, route: route)])])
        }
        let fallback = Route(label: "no matching location (static files)", declaration: server.range) {
            RouteDetails(action: .local("no location matches: nginx serves files from its root"), settings: resolver.settings(chain))
        }
        var named: [String: Route] = [:]
        for index in block.indices where block[index].name.is("location") && block[index].firstValue?.hasBytePrefix("@") == true {
            let location = block[index]
            let label = NginxModelBuilder.label(location.arguments)
            let body = location.block ?? []
            named[location.values[0]] = Route(label: label, declaration: location.range) {
                let namedChain = chain.appending(NginxLevel(name: label, block: body))
                return RouteDetails(action: resolver.action(body, matcher: .any, chain: namedChain), settings: resolver.settings(namedChain))
            }
        }
        let table = locationTable(block, chain: chain, fallback: fallback, named: named, resolver: resolver)
        return VirtualServer(label: label, names: names, listens: listens, declaration: server.range, stages: [table])
    }

    private static func locationTable(_ block: [Directive], chain: NginxLevelChain, fallback: Route?, named: [String: Route],
                                      resolver: NginxRouteResolver) -> RouteTable {
        var entries: [RouteEntry] = []
        // By index, reading the fields it needs: a loop over the block's elements copied every
        // directive of the server, locations or not.
        var locations = 0
        for index in block.indices where block[index].name.is("location") { locations += 1 }
        entries.reserveCapacity(locations)
        // What every location of this block resolves against, shared by their routes.
        let scope = NginxLocationScope(chain: chain, named: named, resolver: resolver)
        for index in block.indices where block[index].name.is("location") {
            let arguments = block[index].arguments
            guard let body = block[index].block, let matcher = NginxModelBuilder.matcher(arguments) else { continue }
            // Only the locations a probe selects are resolved; the rest cost their matcher.
            let route = Route(labelledBy: "location", arguments, declaration: block[index].range) {
                let locationChain = scope.chain.appending(NginxLevel(name: NginxModelBuilder.label(arguments), block: body))
                return RouteDetails(action: scope.resolver.action(body, matcher: matcher, chain: locationChain),
                                    settings: scope.resolver.settings(locationChain),
                                    refinements: scope.resolver.ifRefinements(body, chain: locationChain, named: scope.named))
            }
            var nested: RouteTable?
            if body.contains(where: { $0.name.is("location") }) {
                let locationChain = chain.appending(NginxLevel(name: NginxModelBuilder.label(arguments), block: body))
                nested = locationTable(body, chain: locationChain, fallback: nil, named: named, resolver: resolver)
            }
            entries.append(RouteEntry(matcher: matcher, route: route, nested: nested))
        }
        return RouteTable(policy: .bestPrefixThenPatterns, entries: entries, fallback: fallback)
    }

    /// "location = /socket.io/": how a location is named in messages and inheritance levels.
    static func label(_ arguments: WordList) -> String { Directive.text("location", arguments, quoting: false) }

    /// The matcher of a `location` block with these arguments; `nil` for named locations, which only
    /// internal redirects reach.
    static func matcher(_ args: WordList) -> PathMatcher? {
        guard let first = args.first?.value else { return nil }
        if args.count >= 2 {
            let second = args[1].value
            switch first {
            case "=": return .exact(second)
            case "^~": return .prefix(second, disablesPatterns: true)
            case "~": return .pattern(RegexPattern(second))
            case "~*": return .pattern(RegexPattern(second, caseInsensitive: true))
            default: return nil
            }
        }
        // A path without a modifier (most locations) needs none of the prefix tests below.
        let lead = first.utf8.first ?? 0
        guard lead == UInt8(ascii: "@") || lead == UInt8(ascii: "=") || lead == UInt8(ascii: "^") || lead == UInt8(ascii: "~") else {
            return .prefix(first, disablesPatterns: false)
        }
        if first.hasBytePrefix("@") { return nil }
        // nginx also accepts the modifier glued to the path (`location =/x`, `location ~^/x`).
        if first.hasBytePrefix("=") { return .exact(String(first.dropFirst())) }
        if first.hasBytePrefix("^~") { return .prefix(String(first.dropFirst(2)), disablesPatterns: true) }
        if first.hasBytePrefix("~*") { return .pattern(RegexPattern(String(first.dropFirst(2)), caseInsensitive: true)) }
        if first.hasBytePrefix("~") { return .pattern(RegexPattern(String(first.dropFirst()))) }
        return .prefix(first, disablesPatterns: false)
    }

}

private extension Array where Element == Directive {
    func last(where name: String) -> Directive? { last { $0.name.is(name) } }
}

/// What the locations of one block resolve against: one object per block, captured by each of
/// its lazily resolved routes instead of three values per route.
private final class NginxLocationScope: Sendable {
    let chain: NginxLevelChain
    let named: [String: Route]
    let resolver: NginxRouteResolver

    init(chain: NginxLevelChain, named: [String: Route], resolver: NginxRouteResolver) {
        self.chain = chain
        self.named = named
        self.resolver = resolver
    }
}
