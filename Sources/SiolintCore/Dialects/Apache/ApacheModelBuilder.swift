/// Builds the common proxy model from a loaded httpd configuration: the main server and each
/// `<VirtualHost>` (which inherits the main server's settings it does not set), each with the
/// routing stages httpd applies in its translate phase:
///
/// 1. server/vhost-context mod_rewrite rules, run as mod_rewrite runs them (chains, skips,
///    restarts, each rule on the path the earlier ones rewrote: `ApacheRewriteProgram`); the rule
///    the rule set ends on with `[P]` (or `[F]`, `[G]`, `[R]`) takes the request;
/// 2. `ProxyPass` inside `<Location>`/`<LocationMatch>`: mod_proxy checks the per-directory alias
///    first ("short way", `proxy_trans`), and the last matching section's ProxyPass is the one
///    the merged per-directory configuration holds;
/// 3. server/vhost `ProxyPass`/`ProxyPassMatch` in configuration order (main server's first when
///    inherited), first match; `!` stops proxying.
struct ApacheModelBuilder {
    let options: LintOptions
    let version: SoftwareVersion
    let modules: Set<String>?
    let workers: ApacheWorkers
    private(set) var configuration: ProxyConfiguration
    /// Routes resolve their details through it on first use.
    private let resolver: ApacheRouteResolver

    static func build(_ parsed: ParsedConfiguration, facts: ApacheLoader.Facts, mainFile: String, options: LintOptions) -> ProxyConfiguration {
        var builder = ApacheModelBuilder(parsed, facts: facts, mainFile: mainFile, options: options)
        builder.buildServers(parsed.directives)
        return builder.configuration
    }

    private init(_ parsed: ParsedConfiguration, facts: ApacheLoader.Facts, mainFile: String, options: LintOptions) {
        self.options = options
        version = options.versions.apache ?? ApacheDefaults.assumedVersion
        modules = facts.loadedModules
        let scan = ApacheConfigurationScan(parsed.directives, version: version, modules: modules)
        workers = scan.workers
        configuration = ProxyConfiguration(server: .apache, mainFile: mainFile)
        configuration.rejectedDirectives = facts.rejected + scan.availability.rejected
        configuration.timeLiterals = scan.availability.timeLiterals
        let routeCookies = scan.responseHeaders.compactMap(ApacheUpstreamBuilder.routeCookie)
        for balancer in workers.balancers.values {
            configuration.upstreams[balancer.name] = ApacheUpstreamBuilder.build(balancer, routeCookies: routeCookies)
        }
        resolver = ApacheRouteResolver(
            settings: ApacheSettingsBuilder(version: version, versionGiven: options.versions.apache != nil, modules: modules, workers: workers),
            socketIOPath: options.socketIO.path)
    }

    // MARK: - Servers

    private mutating func buildServers(_ top: [Directive]) {
        let main = ApacheLevel(name: "main server", block: top)
        let mainSettings = main.routeSettings
        let virtualHosts = top.filter { $0.hasBlock && ApacheDirectiveName($0) == .virtualHost }
        let mainRoutes = top.contains { d in
            switch ApacheDirectiveName(d) {
            case .proxyPass, .proxyPassMatch, .rewriteRule: return true
            case .location, .locationMatch: return d.hasBlock && Self.hasProxyPass(d)
            default: return false
            }
        }
        if virtualHosts.isEmpty || mainRoutes {
            let names = main.all(.serverName).compactMap(\.firstValue) + main.all(.serverAlias).flatMap(\.values)
            let label = "main server" + (names.first.map { " \($0)" } ?? "") + (virtualHosts.isEmpty ? "" : " (answers addresses no <VirtualHost> covers)")
            let declaration = top.first?.range ?? SourceRange(at: SourceLocation(file: configuration.mainFile, line: 1, column: 1))
            configuration.virtualServers.append(server(label: label, names: names, listens: main.all(.listen).compactMap(\.firstValue),
                                                       declaration: declaration, chain: ApacheLevelChain(levels: [main]),
                                                       settings: [mainSettings], ownBlock: top, mainLocations: nil))
        }
        // Found once: filtering the whole top level again for every host made 5,000 hosts quadratic.
        let mainLocations = top.filter(Self.isLocation)
        for vhost in virtualHosts {
            let block = vhost.block ?? []
            let header = ApacheText.header(vhost)
            let level = ApacheLevel(name: header, block: block)
            let names = level.all(.serverName).compactMap(\.firstValue) + level.all(.serverAlias).flatMap(\.values)
            let label = header + (names.first.map { " \($0)" } ?? "")
            configuration.virtualServers.append(server(label: label, names: names, listens: vhost.values, declaration: vhost.range,
                                                       chain: ApacheLevelChain(levels: [main, level]), settings: [mainSettings, level.routeSettings],
                                                       ownBlock: block, mainLocations: mainLocations))
        }
    }

    // Static, as the other helpers passed to `filter` and the like: a method captured the
    // builder, which was copied (its configuration and all) for every virtual host.
    private static func isLocation(_ d: Directive) -> Bool {
        guard d.hasBlock else { return false }
        let name = ApacheDirectiveName(d)
        return name == .location || name == .locationMatch
    }
    private static func hasProxyPass(_ d: Directive) -> Bool { (d.block ?? []).contains(where: Self.isProxyPass) }
    private static func isProxyPass(_ d: Directive) -> Bool {
        let name = ApacheDirectiveName(d)
        return name == .proxyPass || name == .proxyPassMatch
    }

    /// - Parameters:
    ///   - chain: the server's levels, outermost first.
    ///   - settings: the same levels with only what routes read when they are resolved (`ApacheLevel.routeSettings`).
    ///   - ownBlock: the directives of this server (the main configuration for the main server).
    ///   - mainLocations: the main server's `<Location>` sections when building a virtual host.
    private func server(label: String, names: [String], listens: [String], declaration: SourceRange,
                        chain: ApacheLevelChain, settings: [ApacheLevel], ownBlock: [Directive], mainLocations: [Directive]?) -> VirtualServer {
        let own = chain.levels.last!
        let mainLevel = chain.levels.first!
        // <Location> sections of the main server apply in virtual hosts too, before their own.
        let locations = (mainLocations ?? []) + ownBlock.filter(Self.isLocation)
        let socketIOPath = options.socketIO.path
        let probeLocations = locations.filter { section in Self.matcher(section).map { Self.matches($0, socketIOPath) } ?? false }
        let routeChain = ApacheRouteChain(ApacheLevelChain(levels: settings + probeLocations.map {
            ApacheLevel(name: ApacheText.header($0), block: $0.block ?? []).routeSettings
        }))

        var stages: [RouteTable] = []
        let rewrite = rewriteTable(chain: chain, routeChain: routeChain, own: own, main: mainLocations == nil ? nil : mainLevel)
        if !rewrite.entries.isEmpty { stages.append(rewrite) }
        let locationTable = self.locationTable(locations, routeChain: routeChain)
        if !locationTable.entries.isEmpty { stages.append(locationTable) }

        var passes = ApacheModelBuilder.proxyPasses(own)
        if mainLocations != nil, chain.effective(.proxyPassInherit)?.0.firstValue.map(ASCIICase.lowercased) != "off" {
            // ProxyPassInherit (default On) puts the main server's ProxyPass lines first.
            passes = ApacheModelBuilder.proxyPasses(mainLevel) + passes
        }
        var entries: [RouteEntry] = []
        for directive in passes {
            guard let pass = ApacheProxyPass(directive, locationPath: nil) else { continue }
            entries.append(proxyPassEntry(pass, matcher: pass.isMatch ? .pattern(RegexPattern(pass.path)) : .segmentPrefix(pass.path), routeChain: routeChain))
        }
        let fallback = localRoute(labelledBy: "no ProxyPass or RewriteRule [P] matches (httpd serves it from DocumentRoot)", declaration: declaration,
                                  { "no ProxyPass or RewriteRule [P] matches: httpd serves it locally" }, routeChain: routeChain)
        stages.append(RouteTable(policy: .firstMatch, entries: entries, fallback: fallback))
        return VirtualServer(label: label, names: names, listens: listens, declaration: declaration, stages: stages)
    }

    /// The ProxyPass lines of a level in configuration order.
    static func proxyPasses(_ level: ApacheLevel) -> [Directive] {
        level.all(anyOf: proxyPassNames, where: { $0.arguments.count >= 2 })
    }

    private static let proxyPassNames = ApacheLevel.Names([.proxyPass, .proxyPassMatch])

    // MARK: - Matching <Location>

    private static func matcher(_ section: Directive) -> PathMatcher? {
        let values = section.values
        guard let last = values.last else { return nil }
        if ApacheDirectiveName(section) == .locationMatch { return .pattern(RegexPattern(last)) }
        if values.count >= 2, values[0] == "~" { return .pattern(RegexPattern(last)) }
        return .segmentPrefix(last)
    }

    private static func matches(_ matcher: PathMatcher, _ path: String) -> Bool {
        switch matcher {
        case .segmentPrefix(let prefix): return PathMatching.segmentPrefix(prefix, matches: path)
        case .pattern(let pattern): return pattern.matches(path) ?? false
        case .any: return true
        case .exact(let s): return s == path
        case .prefix(let s, _): return path.hasBytePrefix(s)
        }
    }

    private func locationTable(_ locations: [Directive], routeChain: ApacheRouteChain) -> RouteTable {
        var entries: [RouteEntry] = []
        for section in locations {
            guard let directive = (section.block ?? []).last(where: Self.isProxyPass),
                  let matcher = Self.matcher(section) else { continue }
            let path = section.arguments.last?.value ?? "/"
            let pattern: Bool
            if case .pattern = matcher { pattern = true } else { pattern = false }
            guard let pass = ApacheProxyPass(directive, locationPath: path, pattern: pattern) else { continue }
            entries.append(proxyPassEntry(pass, matcher: matcher, routeChain: routeChain, section: section))
        }
        return RouteTable(policy: .lastMatch, entries: entries)
    }

    // MARK: - ProxyPass

    private func proxyPassEntry(_ pass: ApacheProxyPass, matcher: PathMatcher, routeChain: ApacheRouteChain, section: Directive? = nil) -> RouteEntry {
        let directive = pass.directive
        // The label is the section and the line as written, made when shown.
        let head = (section.map { ApacheText.header($0) + " " } ?? "") + directive.name.value
        let declaration = section?.range ?? directive.range
        guard let url = pass.url else {
            let (name, arguments) = (directive.name.value, directive.arguments)
            return RouteEntry(matcher: matcher, route: localRoute(labelledBy: head, directive.arguments, declaration: declaration, {
                "`\(Directive.text(name, arguments, quoting: true))` excludes this path from proxying"
            }, routeChain: routeChain))
        }
        // The closure captures the resolver, not the builder (and the model it is building).
        let resolver = resolver
        return RouteEntry(matcher: matcher, route: Route(labelledBy: head, directive.arguments, quoting: true, declaration: declaration) {
            resolver.proxyPass(pass, url: url, matcher: matcher, routeChain: routeChain)
        })
    }

    /// A route on which httpd answers by itself, labelled by `head` and `arguments` as written;
    /// its settings and the description `what` makes are resolved on first use (most routes of
    /// a large configuration are never selected, and their descriptions were a string each).
    private func localRoute(labelledBy head: String, _ arguments: WordList = [], declaration: SourceRange, _ what: @escaping @Sendable () -> String,
                            routeChain: ApacheRouteChain) -> Route {
        let resolver = resolver
        return Route(labelledBy: head, arguments, quoting: true, declaration: declaration) { resolver.local(what(), routeChain: routeChain) }
    }

    // MARK: - mod_rewrite

    private func rewriteTable(chain: ApacheLevelChain, routeChain: ApacheRouteChain, own: ApacheLevel, main: ApacheLevel?) -> RouteTable {
        guard chain.effective(.rewriteEngine)?.0.firstValue.map(ASCIICase.lowercased) == "on" else { return RouteTable(policy: .firstMatch) }
        var rules = ApacheRewriteRule.rules(own)
        if let main, let options = own.last(.rewriteOptions)?.values.map({ $0.lowercased() }) {
            if options.contains("inheritbefore") { rules = ApacheRewriteRule.rules(main) + rules }
            else if options.contains("inherit") { rules += ApacheRewriteRule.rules(main) }
        }
        let program = ApacheRewriteProgram(rules)
        var entries: [RouteEntry] = []
        for index in rules.indices {
            if let entry = rewriteEntry(index, program, routeChain: routeChain) { entries.append(entry) }
        }
        return RouteTable(policy: .firstMatch, entries: entries)
    }

    /// The route a rule gives the request when the rule set ends on it: its own answer (`[P]`,
    /// `[F]`, `[G]`, `[R]`), or an internal rewrite siolint does not follow.
    private func rewriteEntry(_ index: Int, _ program: ApacheRewriteProgram, routeChain: ApacheRouteChain) -> RouteEntry? {
        let rule = program.rules[index]
        let directive = rule.rule
        // The descriptions of local routes quote the line; they and route labels are made when shown.
        let (name, arguments) = (directive.name.value, directive.arguments)
        let local = { (condition: RequestCondition, what: @escaping @Sendable (String) -> String) in
            RouteEntry(matcher: .any, condition: condition,
                       route: localRoute(labelledBy: name, arguments, declaration: directive.range, { what(Directive.text(name, arguments, quoting: true)) },
                                         routeChain: routeChain))
        }
        guard rule.takesRoute else {
            guard program.rewrites[index] != nil else { return nil }
            return local(.all([.program(program.program, .finishedRewrittenBy(step: index)), .unknown(description: "internal rewrite")])) {
                "`\($0)` rewrites the path internally; siolint does not follow internal rewrites"
            }
        }
        let condition = RequestCondition.program(program.program, .tookRoute(step: index))
        if rule.flags.contains(.forbidden) { return local(condition) { "`\($0)` answers 403 Forbidden" } }
        if rule.flags.contains(.gone) { return local(condition) { "`\($0)` answers 410 Gone" } }
        if rule.redirects && !rule.proxies { return local(condition) { "`\($0)` redirects the client" } }
        let resolver = resolver
        let before = program.rewritesBefore(index)
        return RouteEntry(matcher: .any, condition: condition, route: Route(labelledBy: directive.name.value, directive.arguments, quoting: true,
                                                                            declaration: directive.range) {
            resolver.rewriteProxy(rule, after: before, routeChain: routeChain)
        })
    }
}
