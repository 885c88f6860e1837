/// Resolves what an nginx route does and which settings apply to it, from its chain of levels.
/// Routes call it on first use (see `Route`), so it holds only what is final once the `http`
/// block's upstreams and maps are known.
final class NginxRouteResolver: Sendable {
    let lookupNames: Set<String>
    let upstreamNames: Set<String>
    private let defaultUpstreamProtocol: Setting<UpstreamProtocol>
    /// Header values read as templates, by their text: the routes of a large configuration repeat
    /// the same few `proxy_set_header` values, and reading one again cost 2,300 instructions.
    private let headerTemplates = OnceTable<String, ValueTemplate>()

    init(version: SoftwareVersion?, lookupNames: Set<String>, upstreamNames: Set<String>) {
        self.lookupNames = lookupNames
        self.upstreamNames = upstreamNames
        self.defaultUpstreamProtocol = NginxRouteResolver.defaultUpstreamProtocol(version)
    }

    // MARK: - `if` blocks

    /// The `if` blocks of a location as refinements of its route: a block that returns a code
    /// `error_page` sends to a named location hands the request there; one with `return` answers
    /// it; one with `proxy_pass` proxies with the block's settings (it inherits the location's).
    func ifRefinements(_ block: [Directive], chain: NginxLevelChain, named: [String: Route]) -> [RouteEntry] {
        var entries: [RouteEntry] = []
        // By index: a loop over the elements copied every directive of the location.
        for index in block.indices where block[index].name.is("if") {
            guard let body = block[index].block else { continue }
            let ifBlock = block[index]
            let condition = NginxIfCondition.translate(ifBlock.values, lookups: lookupNames)
            let label = "if (" + ifBlock.values.joined(separator: " ") + ")"
            let ifChain = chain.appending(NginxLevel(name: label, block: body))
            let route: Route
            if let ret = body.first(where: { $0.name.is("return") }) {
                let code = ret.firstValue ?? ""
                if let target = errorPageTarget(code, chain: chain), let namedRoute = named[target] {
                    route = Route(label: "\(namedRoute.label) (via `\(ret.sourceText)` and error_page)", declaration: namedRoute.declaration) {
                        RouteDetails(action: namedRoute.action, settings: namedRoute.settings)
                    }
                } else {
                    route = Route(label: label, declaration: ifBlock.range) { [self] in
                        RouteDetails(action: .local(ret.sourceText), settings: settings(ifChain))
                    }
                }
            } else if body.contains(where: { $0.name.is("proxy_pass") }) {
                route = Route(label: label, declaration: ifBlock.range) { [self] in
                    RouteDetails(action: action(body, matcher: .any, chain: ifChain), settings: settings(ifChain))
                }
            } else {
                continue
            }
            entries.append(RouteEntry(matcher: .any, condition: condition, route: route))
        }
        return entries
    }

    /// The named location `error_page` sends a status code to, from the innermost level that has error_page lines.
    private func errorPageTarget(_ code: String, chain: NginxLevelChain) -> String? {
        guard let level = chain.levels.last(where: { $0.has(Keys.errorPage) }) else { return nil }
        var target: String?
        level.forEach(Keys.errorPage) { page in
            guard target == nil, page.values.dropLast().contains(code), let last = page.values.last, last.hasBytePrefix("@") else { return }
            target = last
        }
        return target
    }

    // MARK: - What a location does

    /// What a location (or `if` block) with the directives `own` does with a request.
    func action(_ own: [Directive], matcher: PathMatcher, chain: NginxLevelChain) -> RouteAction {
        // By index, as below: searching the elements copied each directive looked at.
        guard let passIndex = own.indices.last(where: { own[$0].name.is("proxy_pass") && !own[$0].hasBlock }),
              let url = own[passIndex].firstValue else {
            let handler = own.first { ["return", "fastcgi_pass", "uwsgi_pass", "grpc_pass", "scgi_pass", "memcached_pass", "try_files", "alias", "root"].contains($0.name.value) }
            return .local(handler.map(\.sourceText) ?? "no proxy_pass: nginx serves files from its root")
        }
        let pass = own[passIndex]
        let parsed = NginxProxyPass(url)
        var rewrites: [PathRewrite] = []
        var uriIgnored = false
        for index in own.indices where own[index].name.is("rewrite") && own[index].arguments.count >= 2 {
            let rewrite = own[index]
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
        } else if upstreamNames.contains(parsed.host) {
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
        let key = Keys.proxySetHeader
        // Read level by level into the lists, without lists of the directives in between.
        func assignments(at index: Int, inheritedFrom level: String?) -> [HeaderAssignment] {
            var found: [HeaderAssignment] = []
            chain.levels[index].forEach(key) { d in
                guard d.arguments.count >= 2 else { return }
                found.append(HeaderAssignment(name: d.arguments[0].value, value: headerTemplate(d.arguments[1].value),
                                              directive: DirectiveReference(d), inheritedFrom: level))
            }
            return found
        }
        let levels = chain.allOrNothing(key)
        return HeaderPolicy(forwardsClientUpgrade: NginxRouteResolver.neverForwardsUpgrade,
                            assignments: levels.map { assignments(at: $0.applying, inheritedFrom: chain.inheritedFrom($0.applying)) } ?? [],
                            notInherited: levels?.shadowed.map { assignments(at: $0, inheritedFrom: chain.levels[$0].name) } ?? [],
                            unreadSource: chain.unreadInclude(before: key).map(DirectiveReference.init))
    }

    private func headerTemplate(_ text: String) -> ValueTemplate {
        headerTemplates.value(for: text) { NginxValues.template(text, lookups: lookupNames) }
    }

    // MARK: - Settings

    /// The names routes look settings up by.
    private enum Keys {
        static let errorPage = NginxDirectiveKey("error_page")
        static let proxySetHeader = NginxDirectiveKey("proxy_set_header")
        static let proxyReadTimeout = NginxDirectiveKey("proxy_read_timeout")
        static let clientMaxBodySize = NginxDirectiveKey("client_max_body_size")
        static let proxyHTTPVersion = NginxDirectiveKey("proxy_http_version")
    }

    func settings(_ chain: NginxLevelChain) -> RouteSettings {
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
        let key = Keys.proxyReadTimeout
        if let include = chain.unreadInclude(before: key) {
            return Setting(.unknown(expression: "\(key.name) may be set in \(include.firstValue ?? "an include") that was not found"),
                           .directive(DirectiveReference(include), inheritedFrom: nil))
        }
        guard let (directive, level) = chain.effective(key), let value = directive.arguments.first?.value else {
            return NginxRouteResolver.defaultReadTimeout
        }
        let provenance = Provenance.directive(DirectiveReference(directive), inheritedFrom: level)
        if NginxValues.hasVariables(value) { return Setting(.unknown(expression: value), provenance) }
        guard let (duration, _) = NginxValues.parseTime(value, millisecondDirective: true) else {
            return Setting(.unknown(expression: "invalid value \"\(value)\""), provenance)
        }
        return Setting(.after(duration), provenance)
    }

    private func bodyLimit(_ chain: NginxLevelChain) -> Setting<ByteLimit> {
        if let include = chain.unreadInclude(before: Keys.clientMaxBodySize) {
            return Setting(.unknown(expression: "client_max_body_size may be set in \(include.firstValue ?? "an include") that was not found"),
                           .directive(DirectiveReference(include), inheritedFrom: nil))
        }
        guard let (directive, level) = chain.effective(Keys.clientMaxBodySize), let value = directive.arguments.first?.value else {
            return NginxRouteResolver.defaultBodyLimit
        }
        let provenance = Provenance.directive(DirectiveReference(directive), inheritedFrom: level)
        guard let size = NginxValues.parseSize(value) else { return Setting(.unknown(expression: value), provenance) }
        return Setting(size == 0 ? .unlimited : .bytes(size), provenance)
    }

    private func upstreamProtocol(_ chain: NginxLevelChain) -> Setting<UpstreamProtocol> {
        if let include = chain.unreadInclude(before: Keys.proxyHTTPVersion) {
            return Setting(.unknown("proxy_http_version may be set in \(include.firstValue ?? "an include") that was not found"),
                           .directive(DirectiveReference(include), inheritedFrom: nil))
        }
        if let (directive, level) = chain.effective(Keys.proxyHTTPVersion), let value = directive.arguments.first?.value {
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
    static func defaultUpstreamProtocol(_ version: SoftwareVersion?) -> Setting<UpstreamProtocol> {
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
