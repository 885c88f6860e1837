/// Builds the common proxy model from parsed nginx directives: virtual servers with their
/// location trees, upstream groups, maps, and every effective setting with its provenance.
struct NginxModelBuilder {
    let version: SoftwareVersion?
    private(set) var configuration: ProxyConfiguration
    private var lookupNames: Set<String> = []

    static let timeDirectives: NameSet = ["proxy_read_timeout", "proxy_send_timeout", "proxy_connect_timeout",
                                              "send_timeout", "keepalive_timeout", "client_body_timeout", "client_header_timeout",
                                              "proxy_next_upstream_timeout", "resolver_timeout"]

    private let defaultUpstreamProtocol: Setting<UpstreamProtocol>

    init(mainFile: String, version: SoftwareVersion?) {
        self.version = version
        self.defaultUpstreamProtocol = NginxModelBuilder.defaultUpstreamProtocol(version)
        self.configuration = ProxyConfiguration(server: .nginx, mainFile: mainFile)
    }

    static func build(_ parsed: ParsedConfiguration, mainFile: String, version: SoftwareVersion?) -> ProxyConfiguration {
        var builder = NginxModelBuilder(mainFile: mainFile, version: version)
        builder.checkAll(parsed.directives, insideRegexLocation: false)
        for http in parsed.directives where http.name.is("http") {
            builder.buildHTTP(http)
        }
        return builder.configuration
    }

    // MARK: - Whole-file checks

    /// Collects time literals and directives the server would refuse, everywhere in the tree.
    private mutating func checkAll(_ directives: [Directive], insideRegexLocation: Bool) {
        var stack: [([Directive], Bool)] = [(directives, insideRegexLocation)]
        while let (list, inRegex) = stack.popLast() {
            for index in list.indices {
                let name = list[index].name.value
                if let block = list[index].block {
                    // nginx refuses a URI part in proxy_pass inside regex or named locations, `if` and `limit_except`.
                    let first = list[index].arguments.first?.value ?? ""
                    let noURI = name == "location" ? (first.hasBytePrefix("~") || first.hasBytePrefix("@"))
                        : (name == "if" || name == "limit_except" || inRegex)
                    stack.append((block, noURI))
                    continue
                }
                if NginxModelBuilder.timeDirectives.contains(name), let argument = list[index].arguments.first {
                    recordTime(list[index], argument)
                }
                if let rejection = NginxDirectiveAvailability.rejection(of: list[index], version: version, insideRegexLocation: inRegex) {
                    configuration.rejectedDirectives.append(rejection)
                }
            }
        }
    }

    private mutating func recordTime(_ directive: Directive, _ argument: Word) {
        let milliseconds = directive.name.value.hasBytePrefix("proxy_")
        guard !NginxValues.hasVariables(argument.value) else { return }
        if let (duration, unitless) = NginxValues.parseTime(argument.value, millisecondDirective: milliseconds) {
            configuration.timeLiterals.append(TimeLiteral(directive: DirectiveReference(directive), written: argument.value,
                                                          range: argument.range, value: duration, unitless: unitless,
                                                          defaultUnit: "seconds"))
        }
    }

    // MARK: - http

    private mutating func buildHTTP(_ http: Directive) {
        let block = http.block ?? []
        for map in block where map.name.is("map") && map.arguments.count == 2 {
            lookupNames.insert(String(map.arguments[1].value.drop(while: { $0 == "$" })))
        }
        for map in block where map.name.is("map") && map.arguments.count == 2 {
            buildMap(map)
        }
        for upstream in block where upstream.name.is("upstream") {
            if let group = NginxUpstreamBuilder.build(upstream, version: version) {
                configuration.upstreams[group.name] = group
            }
        }
        let chain = NginxLevelChain(levels: [NginxLevel(name: "http", block: block)])
        for server in block where server.name.is("server") && server.block != nil {
            configuration.virtualServers.append(buildServer(server, chain: chain))
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

    private func buildServer(_ server: Directive, chain outer: NginxLevelChain) -> VirtualServer {
        let block = server.block ?? []
        let names = block.filter { $0.name.is("server_name") }.flatMap(\.values)
        let listens = block.filter { $0.name.is("listen") }.compactMap(\.firstValue)
        let label = "server" + (names.first.map { " \($0)" } ?? "") + (listens.first.map { " (listen \($0))" } ?? "")
        let chain = outer.appending(NginxLevel(name: "server" + (names.first.map { " \($0)" } ?? ""), block: block))

        if let ret = block.first(where: { $0.name.is("return") }) {
            // A server-level return answers every request before any location is searched.
            let route = Route(label: "server-level \(ret.sourceText)", declaration: ret.range,
                              action: .local(ret.sourceText), settings: settings(chain))
            return VirtualServer(label: label, names: names, listens: listens, declaration: server.range,
                                 stages: [RouteTable(policy: .firstMatch, entries: [RouteEntry(matcher: .any, route: route)])])
        }
        let fallback = Route(label: "no matching location (static files)", declaration: server.range,
                             action: .local("no location matches: nginx serves files from its root"), settings: settings(chain))
        var named: [String: Route] = [:]
        for location in block where location.name.is("location") && location.firstValue?.hasBytePrefix("@") == true {
            let label = "location " + location.values.joined(separator: " ")
            let namedChain = chain.appending(NginxLevel(name: label, block: location.block ?? []))
            named[location.values[0]] = Route(label: label, declaration: location.range,
                                              action: action(location, matcher: .any, chain: namedChain), settings: settings(namedChain))
        }
        let table = locationTable(block, chain: chain, fallback: fallback, named: named)
        return VirtualServer(label: label, names: names, listens: listens, declaration: server.range, stages: [table])
    }

    private func locationTable(_ block: [Directive], chain: NginxLevelChain, fallback: Route?, named: [String: Route]) -> RouteTable {
        var entries: [RouteEntry] = []
        for location in block where location.name.is("location") && location.block != nil {
            guard let (matcher, label) = NginxModelBuilder.matcher(location) else { continue }
            let locationChain = chain.appending(NginxLevel(name: label, block: location.block ?? []))
            let route = Route(label: label, declaration: location.range,
                              action: action(location, matcher: matcher, chain: locationChain), settings: settings(locationChain),
                              refinements: ifRefinements(location.block ?? [], chain: locationChain, named: named))
            let nestedLocations = (location.block ?? []).contains { $0.name.is("location") }
            let nested = nestedLocations ? locationTable(location.block ?? [], chain: locationChain, fallback: nil, named: named) : nil
            entries.append(RouteEntry(matcher: matcher, route: route, nested: nested))
        }
        return RouteTable(policy: .bestPrefixThenPatterns, entries: entries, fallback: fallback)
    }

    /// The matcher of a `location` block; `nil` for named locations, which only internal redirects reach.
    static func matcher(_ location: Directive) -> (PathMatcher, String)? {
        let args = location.values
        guard let first = args.first else { return nil }
        let label = "location " + args.joined(separator: " ")
        if args.count >= 2 {
            switch first {
            case "=": return (.exact(args[1]), label)
            case "^~": return (.prefix(args[1], disablesPatterns: true), label)
            case "~": return (.pattern(RegexPattern(args[1])), label)
            case "~*": return (.pattern(RegexPattern(args[1], caseInsensitive: true)), label)
            default: return nil
            }
        }
        if first.hasBytePrefix("@") { return nil }
        // nginx also accepts the modifier glued to the path (`location =/x`, `location ~^/x`).
        if first.hasBytePrefix("=") { return (.exact(String(first.dropFirst())), label) }
        if first.hasBytePrefix("^~") { return (.prefix(String(first.dropFirst(2)), disablesPatterns: true), label) }
        if first.hasBytePrefix("~*") { return (.pattern(RegexPattern(String(first.dropFirst(2)), caseInsensitive: true)), label) }
        if first.hasBytePrefix("~") { return (.pattern(RegexPattern(String(first.dropFirst()))), label) }
        return (.prefix(first, disablesPatterns: false), label)
    }

    // MARK: - `if` blocks

    /// The `if` blocks of a location as refinements of its route: a block that returns a code
    /// `error_page` sends to a named location hands the request there; one with `return` answers
    /// it; one with `proxy_pass` proxies with the block's settings (it inherits the location's).
    private func ifRefinements(_ block: [Directive], chain: NginxLevelChain, named: [String: Route]) -> [RouteEntry] {
        var entries: [RouteEntry] = []
        for ifBlock in block where ifBlock.name.is("if") {
            guard let body = ifBlock.block else { continue }
            let condition = NginxIfCondition.translate(ifBlock.values, lookups: lookupNames)
            let label = "if (" + ifBlock.values.joined(separator: " ") + ")"
            let ifChain = chain.appending(NginxLevel(name: label, block: body))
            let route: Route
            if let ret = body.first(where: { $0.name.is("return") }) {
                let code = ret.firstValue ?? ""
                if let target = errorPageTarget(code, chain: chain), let namedRoute = named[target] {
                    route = Route(label: "\(namedRoute.label) (via `\(ret.sourceText)` and error_page)", declaration: namedRoute.declaration,
                                  action: namedRoute.action, settings: namedRoute.settings)
                } else {
                    route = Route(label: label, declaration: ifBlock.range, action: .local(ret.sourceText), settings: settings(ifChain))
                }
            } else if body.contains(where: { $0.name.is("proxy_pass") }) {
                route = Route(label: label, declaration: ifBlock.range, action: action(ifBlock, matcher: .any, chain: ifChain), settings: settings(ifChain))
            } else {
                continue
            }
            entries.append(RouteEntry(matcher: .any, condition: condition, route: route))
        }
        return entries
    }

    /// The named location `error_page` sends a status code to, from the innermost level that has error_page lines.
    private func errorPageTarget(_ code: String, chain: NginxLevelChain) -> String? {
        for level in chain.levels.reversed() {
            let pages = level.all("error_page")
            guard !pages.isEmpty else { continue }
            for page in pages where page.values.dropLast().contains(code) {
                if let target = page.values.last, target.hasBytePrefix("@") { return target }
            }
            return nil
        }
        return nil
    }

    // MARK: - What a location does

    private func action(_ location: Directive, matcher: PathMatcher, chain: NginxLevelChain) -> RouteAction {
        let own = location.block ?? []
        guard let pass = own.last(where: { $0.name.is("proxy_pass") && $0.block == nil }), let url = pass.firstValue else {
            let handler = own.first { ["return", "fastcgi_pass", "uwsgi_pass", "grpc_pass", "scgi_pass", "memcached_pass", "try_files", "alias", "root"].contains($0.name.value) }
            return .local(handler.map(\.sourceText) ?? "no proxy_pass: nginx serves files from its root")
        }
        let parsed = NginxProxyPass(url)
        var rewrites: [PathRewrite] = []
        var uriIgnored = false
        for rewrite in own where rewrite.name.is("rewrite") && rewrite.arguments.count >= 2 {
            let flag = rewrite.values.count >= 3 ? rewrite.values[2] : ""
            let replacement = rewrite.values[1]
            if flag == "break", !NginxValues.hasNamedVariables(replacement) {
                let path = String(replacement.prefix { $0 != "?" })
                rewrites.append(PathRewrite(.regexReplace(RegexPattern(rewrite.values[0]), with: path), directive: DirectiveReference(rewrite)))
                uriIgnored = true
            } else {
                rewrites.append(PathRewrite(.unknown("\(rewrite.sourceText) (siolint does not follow rewrite flags other than break)"),
                                            directive: DirectiveReference(rewrite)))
            }
        }
        let reference = DirectiveReference(pass)
        switch parsed.uri {
        case .none:
            break
        case .some(let uri) where !uriIgnored:
            if NginxValues.hasVariables(url) {
                rewrites.append(PathRewrite(NginxValues.hasVariables(uri) ? .unknown(url) : .replaceAll(uri), directive: reference))
            } else {
                switch matcher {
                case .prefix(let prefix, _), .exact(let prefix), .segmentPrefix(let prefix):
                    rewrites.append(PathRewrite(.replacePrefix(prefix, with: uri), directive: reference))
                case .pattern, .any:
                    break // nginx refuses a URI here; reported as a rejected directive.
                }
            }
        default:
            break
        }
        let upstream: UpstreamReference
        if NginxValues.hasVariables(parsed.host) {
            upstream = .unknown(parsed.host)
        } else if configuration.upstreams[parsed.host] != nil {
            upstream = .group(parsed.host)
        } else {
            upstream = .address(parsed.host)
        }
        return .proxy(ProxyTarget(directive: reference, upstream: upstream, pathRewrites: rewrites, headers: headerPolicy(chain)))
    }

    private static let neverForwardsUpgrade = Setting(
        false, .defaultValue(description: "nginx never passes the client's Upgrade and Connection headers (hop-by-hop)",
                             dependsOn: nil, source: "nginx.org/en/docs/http/websocket.html"))

    private func headerPolicy(_ chain: NginxLevelChain) -> HeaderPolicy {
        let (applying, shadowed) = chain.allOrNothing("proxy_set_header")
        func assignment(_ d: Directive, _ level: String?) -> HeaderAssignment? {
            guard d.arguments.count >= 2 else { return nil }
            return HeaderAssignment(name: d.values[0], value: NginxValues.template(d.values[1], lookups: lookupNames),
                                    directive: DirectiveReference(d), inheritedFrom: level)
        }
        return HeaderPolicy(forwardsClientUpgrade: NginxModelBuilder.neverForwardsUpgrade,
                            assignments: applying.compactMap { assignment($0.0, $0.inheritedFrom) },
                            notInherited: shadowed.compactMap { assignment($0.0, $0.level) },
                            unreadSource: chain.unreadInclude(before: "proxy_set_header").map(DirectiveReference.init))
    }

    // MARK: - Settings

    private func settings(_ chain: NginxLevelChain) -> RouteSettings {
        let read = readTimeout(chain)
        return RouteSettings(upgradedIdleTimeout: read, responseTimeout: read, requestBodyLimit: bodyLimit(chain),
                             upstreamProtocol: upstreamProtocol(chain))
    }

    // Every route without its own value shares these; building them per route was measurable.
    private static let defaultReadTimeout = Setting<TimeLimit>(
        .after(.seconds(60)),
        .defaultValue(description: "proxy_read_timeout 60s", dependsOn: nil,
                      source: "nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_read_timeout"))
    private static let defaultBodyLimit = Setting<ByteLimit>(
        .bytes(1 << 20),
        .defaultValue(description: "client_max_body_size 1m", dependsOn: nil,
                      source: "nginx.org/en/docs/http/ngx_http_core_module.html#client_max_body_size"))

    private func readTimeout(_ chain: NginxLevelChain) -> Setting<TimeLimit> {
        let key = "proxy_read_timeout"
        if let include = chain.unreadInclude(before: key) {
            return Setting(.unknown(expression: "\(key) may be set in \(include.firstValue ?? "an include") that was not found"),
                           .directive(DirectiveReference(include), inheritedFrom: nil))
        }
        guard let (directive, level) = chain.effective(key), let value = directive.arguments.first?.value else {
            return NginxModelBuilder.defaultReadTimeout
        }
        let provenance = Provenance.directive(DirectiveReference(directive), inheritedFrom: level)
        if NginxValues.hasVariables(value) { return Setting(.unknown(expression: value), provenance) }
        guard let (duration, _) = NginxValues.parseTime(value, millisecondDirective: true) else {
            return Setting(.unknown(expression: "invalid value \"\(value)\""), provenance)
        }
        return Setting(.after(duration), provenance)
    }

    private func bodyLimit(_ chain: NginxLevelChain) -> Setting<ByteLimit> {
        if let include = chain.unreadInclude(before: "client_max_body_size") {
            return Setting(.unknown(expression: "client_max_body_size may be set in \(include.firstValue ?? "an include") that was not found"),
                           .directive(DirectiveReference(include), inheritedFrom: nil))
        }
        guard let (directive, level) = chain.effective("client_max_body_size"), let value = directive.arguments.first?.value else {
            return NginxModelBuilder.defaultBodyLimit
        }
        let provenance = Provenance.directive(DirectiveReference(directive), inheritedFrom: level)
        guard let size = NginxValues.parseSize(value) else { return Setting(.unknown(expression: value), provenance) }
        return Setting(size == 0 ? .unlimited : .bytes(size), provenance)
    }

    private func upstreamProtocol(_ chain: NginxLevelChain) -> Setting<UpstreamProtocol> {
        if let include = chain.unreadInclude(before: "proxy_http_version") {
            return Setting(.unknown("proxy_http_version may be set in \(include.firstValue ?? "an include") that was not found"),
                           .directive(DirectiveReference(include), inheritedFrom: nil))
        }
        if let (directive, level) = chain.effective("proxy_http_version"), let value = directive.arguments.first?.value {
            let provenance = Provenance.directive(DirectiveReference(directive), inheritedFrom: level)
            switch value {
            case "1.0": return Setting(.http10, provenance)
            case "1.1": return Setting(.http11, provenance)
            default: return Setting(.versionDependent("invalid value \(value)"), provenance)
            }
        }
        return defaultUpstreamProtocol
    }

    /// The HTTP version nginx speaks to upstreams when nothing sets it, for the target version.
    private static func defaultUpstreamProtocol(_ version: SoftwareVersion?) -> Setting<UpstreamProtocol> {
        let source = "nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_http_version"
        let changed = SoftwareVersion([1, 29, 7])
        guard let version else {
            return Setting(.versionDependent("nginx before 1.29.7 uses HTTP/1.0, 1.29.7 and later HTTP/1.1"),
                           .defaultValue(description: "proxy_http_version 1.0 before 1.29.7, 1.1 since", dependsOn: "the nginx version (--nginx-version)", source: source))
        }
        if version < changed {
            return Setting(.http10, .defaultValue(description: "proxy_http_version 1.0 in nginx \(version)", dependsOn: "nginx < 1.29.7", source: source))
        }
        return Setting(.http11, .defaultValue(description: "proxy_http_version 1.1 in nginx \(version)", dependsOn: "nginx ≥ 1.29.7", source: source))
    }
}

private extension Array where Element == Directive {
    func last(where name: String) -> Directive? { last { $0.name.is(name) } }
}
