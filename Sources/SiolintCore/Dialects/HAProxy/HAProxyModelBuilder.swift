/// Builds the common proxy model from HAProxy sections: one virtual server per `frontend` and
/// `listen` whose single first-match stage holds its `use_backend` rules in order (after any
/// `http-request` rule that answers by itself) and `default_backend` as the fallback; one
/// upstream group per `backend`/`listen`; every setting with its provenance through the
/// defaults chain.
struct HAProxyModelBuilder {
    /// The HAProxy version assumed when `--haproxy-version` is not given: the current LTS branch
    /// (3.4, released 2026-06-03).
    static let defaultVersion = SoftwareVersion([3, 4])
    static let docs = "docs.haproxy.org/2.6/configuration.html"

    let version: SoftwareVersion
    private(set) var configuration: ProxyConfiguration
    private var backends: [String: HAProxyProxy] = [:]

    static func build(_ parsed: ParsedConfiguration, mainFile: String, version: SoftwareVersion) -> ProxyConfiguration {
        var builder = HAProxyModelBuilder(version: version, configuration: ProxyConfiguration(server: .haproxy, mainFile: mainFile))
        builder.checkAll(parsed.directives)
        let (proxies, missing) = HAProxyDefaults.proxies(parsed.directives)
        for (header, name) in missing {
            builder.configuration.rejectedDirectives.append(RejectedDirective(directive: DirectiveReference(header),
                reason: "no defaults section named '\(name)' before this section", fix: "name an existing `defaults` section after `from`"))
        }
        for proxy in proxies where proxy.hasBackend {
            builder.backends[proxy.name] = proxy
            builder.configuration.upstreams[proxy.name] = HAProxyBackendBuilder.build(proxy)
        }
        for proxy in proxies where proxy.hasFrontend {
            builder.configuration.virtualServers.append(builder.virtualServer(proxy))
        }
        return builder.configuration
    }

    // MARK: - Whole-configuration checks

    private mutating func checkAll(_ sections: [Directive]) {
        for section in sections {
            if let rejection = HAProxyKeywordAvailability.rejection(of: section, version: version) {
                configuration.rejectedDirectives.append(rejection)
            }
            for line in section.block ?? [] {
                if let rejection = HAProxyKeywordAvailability.rejection(of: line, version: version) {
                    configuration.rejectedDirectives.append(rejection)
                }
                if line.name.is("timeout"), line.arguments.count >= 2 {
                    recordTime(line, line.arguments[1])
                }
            }
        }
    }

    private mutating func recordTime(_ line: Directive, _ argument: Word) {
        guard !argument.value.containsBytes("${") else { return }
        if let (duration, unitless) = HAProxyValues.parseTime(argument.value) {
            configuration.timeLiterals.append(TimeLiteral(directive: DirectiveReference(line), written: argument.value, range: argument.range,
                                                          value: duration, unitless: unitless, defaultUnit: "milliseconds"))
        } else {
            configuration.rejectedDirectives.append(RejectedDirective(directive: DirectiveReference(line),
                reason: "invalid time \"\(argument.value)\" in '\(line.name.value) \(line.firstValue ?? "")'",
                fix: "write a number with a unit: us, ms, s, m, h or d (a bare number is milliseconds)"))
        }
    }

    // MARK: - Virtual servers

    private mutating func virtualServer(_ frontend: HAProxyProxy) -> VirtualServer {
        let binds = frontend.lines.filter { $0.name.is("bind") }.compactMap(\.firstValue)
        let httpMode = Self.isHTTPMode(frontend)
        let conditions = HAProxyConditions(proxy: frontend, httpMode: httpMode)
        var entries: [RouteEntry] = []
        if httpMode {
            // http-request rules run before use_backend; those that answer by themselves come first.
            for (line, level) in frontend.rules("http-request") {
                guard let action = line.firstValue, ["deny", "reject", "tarpit", "return", "redirect", "auth", "silent-drop"].contains(action),
                      bodyLimit(line, conditions) == nil else { continue }
                let (condition, _) = conditions.condition(ofRuleArguments: line.arguments)
                let where_ = level.map { " (from \($0))" } ?? ""
                let route = Route(label: "\(frontend.label): `\(line.sourceText)`\(where_)", declaration: line.range,
                                  action: .local("HAProxy answers itself: \(line.sourceText)"),
                                  settings: settings(frontend: frontend, backend: nil, httpMode: httpMode, conditions: conditions))
                entries.append(RouteEntry(matcher: .any, condition: condition, route: route))
            }
        }
        for line in frontend.lines where line.name.is("use_backend") {
            guard let target = line.firstValue else { continue }
            let (condition, _) = conditions.condition(ofRuleArguments: Array(line.arguments.dropFirst()))
            let label = "\(frontend.label): `\(line.sourceText)`" + aclNotes(line, conditions)
            entries.append(RouteEntry(matcher: .any, condition: condition,
                                      route: route(label: label, line: line, frontend: frontend, backendName: target,
                                                   httpMode: httpMode, conditions: conditions)))
        }
        let fallback: Route
        if let (line, level) = frontend.effective("default_backend"), let target = line.firstValue {
            let label = "\(frontend.label): `\(line.sourceText)`" + (level.map { " (from \($0))" } ?? "")
            fallback = route(label: label, line: line, frontend: frontend, backendName: target, httpMode: httpMode, conditions: conditions)
        } else if frontend.kind == .listen {
            fallback = route(label: frontend.label, line: frontend.header, frontend: frontend, backendName: frontend.name,
                             httpMode: httpMode, conditions: conditions)
        } else {
            fallback = Route(label: "\(frontend.label): no backend", declaration: frontend.header.range,
                             action: .local("no use_backend matches and there is no default_backend: HAProxy answers 503"),
                             settings: settings(frontend: frontend, backend: nil, httpMode: httpMode, conditions: conditions))
        }
        let label = frontend.label + (binds.first.map { " (bind \($0))" } ?? "")
        return VirtualServer(label: label, names: [], listens: binds, declaration: frontend.header.range,
                             stages: [RouteTable(policy: .firstMatch, entries: entries, fallback: fallback)])
    }

    /// The named ACLs a rule uses, spelled out for labels: ` (acl is_sio: path_beg /socket.io/)`.
    private func aclNotes(_ line: Directive, _ conditions: HAProxyConditions) -> String {
        var notes: [String] = []
        for word in line.values {
            let name = word.hasBytePrefix("!") ? String(word.dropFirst()) : word
            for definition in conditions.definitions(named: name) {
                notes.append("acl \(name): \(definition.map(\.value).joined(separator: " "))")
            }
        }
        return notes.isEmpty ? "" : " (" + notes.joined(separator: "; ") + ")"
    }

    static func isHTTPMode(_ proxy: HAProxyProxy) -> Bool {
        proxy.effective("mode")?.directive.firstValue == "http"
    }

    private mutating func route(label: String, line: Directive, frontend: HAProxyProxy, backendName: String,
                                httpMode: Bool, conditions: HAProxyConditions) -> Route {
        let reference = DirectiveReference(line)
        let dynamic = backendName.containsBytes("%[") || backendName.containsBytes("%{")
        let backend = dynamic ? nil : backends[backendName]
        if !dynamic, backend == nil {
            configuration.rejectedDirectives.append(RejectedDirective(directive: reference,
                reason: "'\(line.name.value)' names backend '\(backendName)', which does not exist",
                fix: "declare `backend \(backendName)` or name an existing backend"))
        }
        var rewrites: [PathRewrite] = []
        var assignments: [HeaderAssignment] = []
        if httpMode {
            var levels = [frontend]
            if let backend, backend.name != frontend.name || backend.kind != frontend.kind { levels.append(backend) }
            for proxy in levels {
                let proxyConditions = proxy.name == frontend.name && proxy.kind == frontend.kind ? conditions
                    : HAProxyConditions(proxy: proxy, httpMode: httpMode)
                for (rule, level) in proxy.rules("http-request") {
                    let inherited = level ?? (proxy.name == frontend.name && proxy.kind == frontend.kind ? nil : proxy.label)
                    if let rewrite = pathRewrite(rule, proxyConditions) { rewrites.append(rewrite) }
                    if let assignment = headerAssignment(rule, proxyConditions, inheritedFrom: inherited) { assignments.append(assignment) }
                }
            }
        }
        let forwards = Setting(true, .defaultValue(
            description: httpMode
                ? "HAProxy passes the client's Upgrade and Connection headers with an upgrade request (option http-server-close/httpclose leave them alone in 2.x)"
                : "mode tcp: HAProxy forwards the client's bytes unchanged",
            dependsOn: nil, source: "HAProxy src/mux_h1.c h1_update_req_conn_value; \(Self.docs)#4"))
        let upstream: UpstreamReference = dynamic ? .unknown(backendName) : .group(backendName)
        let target = ProxyTarget(directive: reference, upstream: upstream, pathRewrites: rewrites,
                                 headers: HeaderPolicy(forwardsClientUpgrade: forwards, assignments: assignments))
        return Route(label: label, declaration: line.range, action: .proxy(target),
                     settings: settings(frontend: frontend, backend: backend, httpMode: httpMode, conditions: conditions,
                                        dynamicBackend: dynamic ? backendName : nil))
    }

    // MARK: - http-request rules

    private func pathRewrite(_ rule: Directive, _ conditions: HAProxyConditions) -> PathRewrite? {
        let values = rule.values
        guard let action = values.first else { return nil }
        let reference = DirectiveReference(rule)
        let (condition, _) = conditions.condition(ofRuleArguments: rule.arguments)
        switch action {
        case "set-path", "set-pathq", "set-uri":
            guard values.count >= 2 else { return nil }
            var format = values[1]
            if action != "set-path", let q = format.firstIndex(of: "?") { format = String(format[..<q]) }
            if action == "set-uri", let scheme = format.byteRange(of: "://") {
                // An absolute URI: the path starts at the first slash after the authority.
                let rest = format[scheme.upperBound...]
                format = rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
            }
            if !format.containsBytes("%") { return PathRewrite(.replaceAll(format), directive: reference, condition: condition) }
            if format.hasSuffix("%[path]"), !format.dropLast("%[path]".count).containsBytes("%") {
                return PathRewrite(.replacePrefix("", with: String(format.dropLast("%[path]".count))), directive: reference, condition: condition)
            }
            return PathRewrite(.unknown(rule.sourceText), directive: reference, condition: condition)
        case "replace-path", "replace-pathq", "replace-uri":
            guard values.count >= 3 else { return nil }
            let replacement = values[2]
            guard !replacement.containsBytes("%") else { return PathRewrite(.unknown(rule.sourceText), directive: reference, condition: condition) }
            // HAProxy replaces the whole path with the expansion when the regex matches anywhere.
            let pattern = RegexPattern("^(?s:.*?)(?:" + values[1] + ")(?s:.*)$")
            guard pattern.isValid else { return PathRewrite(.unknown(rule.sourceText), directive: reference, condition: condition) }
            return PathRewrite(.regexReplace(pattern, with: replacement), directive: reference, condition: condition)
        default:
            return nil
        }
    }

    private func headerAssignment(_ rule: Directive, _ conditions: HAProxyConditions, inheritedFrom: String?) -> HeaderAssignment? {
        let values = rule.values
        guard values.count >= 2 else { return nil }
        let action = values[0]
        let name = values[1]
        guard ["upgrade", "connection"].contains(name.lowercased()) else { return nil }
        let (condition, _) = conditions.condition(ofRuleArguments: rule.arguments)
        let reference = DirectiveReference(rule)
        switch action {
        case "del-header":
            return HeaderAssignment(name: name, value: .literal(""), directive: reference, inheritedFrom: inheritedFrom, condition: condition)
        case "set-header":
            guard values.count >= 3 else { return nil }
            return HeaderAssignment(name: name, value: Self.template(values[2]), directive: reference, inheritedFrom: inheritedFrom, condition: condition)
        case "replace-header", "replace-value":
            return HeaderAssignment(name: name, value: ValueTemplate(parts: [.unknown(rule.sourceText)], written: rule.sourceText),
                                    directive: reference, inheritedFrom: inheritedFrom, condition: condition)
        default:
            return nil
        }
    }

    /// A log-format string as a value template: literal text, `%[req.hdr(name)]`/`%[hdr(name)]`
    /// as the request header, anything else unknown.
    static func template(_ format: String) -> ValueTemplate {
        var parts: [ValueTemplate.Part] = []
        var rest = Substring(format)
        while let open = rest.byteRange(of: "%[") {
            if open.lowerBound > rest.startIndex { parts.append(.literal(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].firstIndex(of: "]") else {
                parts.append(.unknown(String(rest[open.lowerBound...])))
                rest = rest[rest.endIndex...]
                break
            }
            let expression = String(rest[open.upperBound..<close])
            if let (subject, _) = HAProxyConditions.subject(expression), case .request(.header(let header)) = subject {
                parts.append(.requestHeader(header))
            } else {
                parts.append(.unknown("%[" + expression + "]"))
            }
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty {
            parts.append(rest.containsBytes("%") ? .unknown(String(rest)) : .literal(String(rest)))
        }
        return ValueTemplate(parts: parts, written: format)
    }

    /// `http-request deny if { req.body_size gt N }` (or a named ACL with that one criterion):
    /// the largest body accepted.
    private func bodyLimit(_ rule: Directive, _ conditions: HAProxyConditions) -> Int64? {
        let values = rule.values
        guard values.first == "deny" || values.first == "reject",
              let index = values.firstIndex(of: "if"), index + 1 < values.count else { return nil }
        var criterion = Array(values[(index + 1)...])
        if criterion.first == "{", criterion.last == "}" {
            criterion = Array(criterion.dropFirst().dropLast())
        } else if criterion.count == 1, let definitions = Optional(conditions.definitions(named: criterion[0])), definitions.count == 1 {
            criterion = definitions[0].map(\.value)
        }
        guard criterion.count == 3, ["req.body_size", "req.body_len", "req.hdr_val(content-length)"].contains(criterion[0]),
              let n = HAProxyValues.parseSize(criterion[2]) else { return nil }
        switch criterion[1] {
        case "gt": return n
        case "ge": return n - 1
        default: return nil
        }
    }

    // MARK: - Settings

    private func settings(frontend: HAProxyProxy, backend: HAProxyProxy?, httpMode: Bool, conditions: HAProxyConditions,
                          dynamicBackend: String? = nil) -> RouteSettings {
        let client = timeout(frontend, "client")
        let server: Setting<TimeLimit>
        let tunnel: Setting<TimeLimit>?
        if let dynamicBackend {
            let unknown = Setting(TimeLimit.unknown(expression: "the backend is chosen at run time (\(dynamicBackend))"),
                                  Provenance.defaultValue(description: "backend chosen at run time", dependsOn: nil, source: Self.docs))
            server = unknown
            tunnel = unknown
        } else if let backend {
            server = timeout(backend, "server")
            tunnel = isSet(backend, "timeout tunnel") ? timeout(backend, "tunnel") : nil
        } else {
            server = timeout(frontend, "server")
            tunnel = isSet(frontend, "timeout tunnel") ? timeout(frontend, "tunnel") : nil
        }
        let eitherSide = shorter(client, server, description: "the shorter of timeout client and timeout server (no timeout tunnel)")
        let idle = tunnel ?? eitherSide
        // In HTTP mode a held response waits on the server side only; in TCP mode the whole
        // connection is a tunnel from the start.
        let response = httpMode ? server : idle
        return RouteSettings(upgradedIdleTimeout: idle, responseTimeout: response,
                             requestBodyLimit: requestBodyLimit(frontend: frontend, backend: backend, conditions: conditions),
                             upstreamProtocol: Setting(.http11, .defaultValue(description: "HAProxy speaks HTTP/1.1 to servers", dependsOn: nil, source: Self.docs)))
    }

    private func isSet(_ proxy: HAProxyProxy, _ key: String) -> Bool { proxy.effective(key) != nil }

    private func timeout(_ proxy: HAProxyProxy, _ which: String) -> Setting<TimeLimit> {
        let key = "timeout " + which
        guard let (line, level) = proxy.effective(key), line.values.count >= 2 else {
            return Setting(.unlimited, .defaultValue(description: "no \(key) (infinite; HAProxy warns about missing timeouts at start)",
                                                     dependsOn: nil, source: Self.docs + "#4-timeout%20" + which))
        }
        let provenance = Provenance.directive(DirectiveReference(line), inheritedFrom: level)
        let value = line.values[1]
        if value.containsBytes("${") { return Setting(.unknown(expression: value), provenance) }
        guard let (duration, _) = HAProxyValues.parseTime(value) else { return Setting(.unknown(expression: "invalid value \"\(value)\""), provenance) }
        return Setting(duration.milliseconds == 0 ? .unlimited : .after(duration), provenance)
    }

    private func shorter(_ a: Setting<TimeLimit>, _ b: Setting<TimeLimit>, description: String) -> Setting<TimeLimit> {
        let provenance = Provenance.combined(description: description, parts: [a.provenance, b.provenance])
        switch (a.value, b.value) {
        case (.unknown(let e), _), (_, .unknown(let e)): return Setting(.unknown(expression: e), provenance)
        case (.after(let x), .after(let y)): return Setting(.after(min(x, y)), provenance)
        case (.after(let x), .unlimited), (.unlimited, .after(let x)): return Setting(.after(x), provenance)
        case (.unlimited, .unlimited): return Setting(.unlimited, provenance)
        }
    }

    private func requestBodyLimit(frontend: HAProxyProxy, backend: HAProxyProxy?, conditions: HAProxyConditions) -> Setting<ByteLimit> {
        var proxies = [(frontend, conditions)]
        if let backend, backend.name != frontend.name || backend.kind != frontend.kind {
            proxies.append((backend, HAProxyConditions(proxy: backend, httpMode: true)))
        }
        var best: Setting<ByteLimit>?
        for (proxy, proxyConditions) in proxies {
            for (rule, level) in proxy.rules("http-request") {
                guard let limit = bodyLimit(rule, proxyConditions) else { continue }
                if case .bytes(let current)? = best?.value, current <= limit { continue }
                best = Setting(.bytes(limit), .directive(DirectiveReference(rule), inheritedFrom: level))
            }
        }
        return best ?? Setting(.unlimited, .defaultValue(description: "no request body limit (HAProxy forwards bodies of any size)", dependsOn: nil, source: Self.docs))
    }
}
