/// Resolves what the routes of one frontend (or `listen` section) do and the settings that apply
/// to them: the path rewrites and Upgrade/Connection header changes of the `http-request` rules a
/// request passes through, timeouts and body limit, each with its provenance. Routes call it on
/// first use (see `Route`): a large configuration has thousands of `use_backend` lines, and only
/// those a probe selects are read. A class shared by the frontend's routes: capturing the
/// proxies in every route made the model larger than the details it defers.
///
/// What every route of the frontend shares is read once, when the resolver is made; it holds no
/// section of the syntax tree, so the tree is released once the model is built.
final class HAProxyRouteResolver: Sendable {
    static let docs = HAProxyModelBuilder.docs

    /// The frontend's name and kind: a `listen` section is its own backend.
    private let frontendName: String
    private let frontendKind: HAProxyProxy.Kind
    let httpMode: Bool
    /// What routes read of each backend of the configuration, by name.
    private let backends: [String: HAProxyBackendRouting]

    /// The frontend's path rewrites in order (HTTP mode only).
    let frontendRewrites: [PathRewrite]
    /// The frontend's path rewrites as a program, `nil` when there are none: HAProxy runs the
    /// frontend's `http-request` rules before it evaluates `use_backend`, so every rule and
    /// `use_backend` that tests the path sees it as the rewrites before it left it.
    let frontendProgram: RewriteProgram?
    /// The frontend's Upgrade/Connection header changes (HTTP mode only).
    private let frontendAssignments: [HeaderAssignment]
    private let frontendSettings: FrontendSettings
    private var clientTimeout: Setting<TimeLimit> { frontendSettings.client }
    /// The smallest body limit of the frontend's rules.
    private var frontendBodyLimit: Setting<ByteLimit>? { frontendSettings.bodyLimit }
    /// The settings of the routes on which HAProxy answers by itself.
    private var localSettings: RouteSettings { frontendSettings.localSettings }

    /// The frontend's timeouts, body limit and mode, and the settings of its routes on which
    /// HAProxy answers by itself: one object for the frontends where they are equal (those that
    /// take them all from one defaults section), instead of about 300 bytes in every resolver.
    final class FrontendSettings: Sendable {
        let client: Setting<TimeLimit>
        let server: Setting<TimeLimit>
        let tunnel: Setting<TimeLimit>?
        let bodyLimit: Setting<ByteLimit>?
        let httpMode: Bool
        let localSettings: RouteSettings

        init(client: Setting<TimeLimit>, server: Setting<TimeLimit>, tunnel: Setting<TimeLimit>?, bodyLimit: Setting<ByteLimit>?, httpMode: Bool) {
            self.client = client
            self.server = server
            self.tunnel = tunnel
            self.bodyLimit = bodyLimit
            self.httpMode = httpMode
            // Without a backend section, the frontend's own timeout server and tunnel apply.
            localSettings = HAProxyRouteResolver.settings(client: client, server: server, tunnel: tunnel, httpMode: httpMode, bodyLimit: bodyLimit)
        }

        /// These settings if they are made of the same values, otherwise new ones.
        func reused(client: Setting<TimeLimit>, server: Setting<TimeLimit>, tunnel: Setting<TimeLimit>?, bodyLimit: Setting<ByteLimit>?,
                    httpMode: Bool) -> FrontendSettings {
            if self.httpMode == httpMode, self.client == client, self.server == server, self.tunnel == tunnel, self.bodyLimit == bodyLimit {
                return self
            }
            return FrontendSettings(client: client, server: server, tunnel: tunnel, bodyLimit: bodyLimit, httpMode: httpMode)
        }
    }

    /// - Parameters:
    ///   - httpRequestRules: `frontend.rules("http-request")`.
    ///   - previousSettings: the settings of the frontend before, taken when equal and replaced by this one's.
    init(frontend: borrowing HAProxyProxy, httpMode: Bool, conditions: HAProxyConditions, backends: [String: HAProxyBackendRouting],
         httpRequestRules: [(directive: Directive, inheritedFrom: String?)], previousSettings: inout FrontendSettings?) {
        frontendName = frontend.name
        frontendKind = frontend.kind
        self.httpMode = httpMode
        self.backends = backends
        let rewrites = httpMode ? httpRequestRules.compactMap { Self.pathRewrite($0.directive, conditions) } : []
        frontendRewrites = rewrites
        frontendProgram = Self.program(rewrites)
        frontendAssignments = httpMode
            ? httpRequestRules.compactMap { Self.headerAssignment($0.directive, conditions, inheritedFrom: $0.inheritedFrom) } : []
        let client = Self.timeout(frontend, .client), server = Self.timeout(frontend, .server), tunnel = Self.optionalTimeout(frontend, .tunnel)
        let bodyLimit = Self.smallestBodyLimit(httpRequestRules, conditions)
        let settings = previousSettings?.reused(client: client, server: server, tunnel: tunnel, bodyLimit: bodyLimit, httpMode: httpMode)
            ?? FrontendSettings(client: client, server: server, tunnel: tunnel, bodyLimit: bodyLimit, httpMode: httpMode)
        frontendSettings = settings
        previousSettings = settings
    }

    /// `condition` as HAProxy tests it once the frontend's first `rewrites` path rewrites have run
    /// (all of them for `use_backend`).
    func afterFrontendRewrites(_ condition: RequestCondition, rewrites: Int? = nil) -> RequestCondition {
        guard let frontendProgram else { return condition }
        let step = min(rewrites ?? frontendRewrites.count, frontendRewrites.count)
        guard step > 0, condition.readsPath else { return condition }
        return .afterSteps(frontendProgram, step: step, condition)
    }

    /// Rewrites that run in order, each when its condition holds on the path the ones before it left.
    private static func program(_ rewrites: [PathRewrite]) -> RewriteProgram? {
        rewrites.isEmpty ? nil : RewriteProgram(steps: rewrites.map { RewriteProgram.Step(condition: $0.condition, rewrite: $0.operation) })
    }

    /// The rewrites with each condition tested on the path the rewrites before it left.
    private static func sequenced(_ rewrites: [PathRewrite]) -> [PathRewrite] {
        guard rewrites.count > 1, let program = program(rewrites) else { return rewrites }
        return rewrites.enumerated().map { index, rewrite in
            guard index > 0, rewrite.condition.readsPath else { return rewrite }
            var sequenced = rewrite
            sequenced.condition = .afterSteps(program, step: index, rewrite.condition)
            return sequenced
        }
    }

    /// A route on which HAProxy answers by itself, for the reason given.
    func local(_ reason: String) -> RouteDetails {
        RouteDetails(action: .local(reason), settings: localSettings)
    }

    /// What a route does that forwards to `backendName` through the directive `reference` names
    /// (`use_backend`, `default_backend`, or a `listen` section's own header), and its settings.
    /// - Parameter dynamic: whether the backend name is an expression (`%[…]`) evaluated at run time.
    func proxy(reference: DirectiveReference, backendName: String, dynamic: Bool) -> RouteDetails {
        let backend = dynamic ? nil : backends[backendName]
        // A `listen` section's own rules were read as the frontend's.
        let separateBackend = backend.flatMap { backendName == frontendName && $0.kind == frontendKind ? nil : $0 }
        var rewrites: [PathRewrite] = frontendRewrites
        var assignments: [HeaderAssignment] = frontendAssignments
        var bodyLimit = frontendBodyLimit
        if let separateBackend, let backendRules = separateBackend.requestRules {
            let backendConditions = backendRules.conditions
            if httpMode {
                for (rule, level) in backendRules.rules {
                    if let rewrite = Self.pathRewrite(rule, backendConditions) { rewrites.append(rewrite) }
                    if let assignment = Self.headerAssignment(rule, backendConditions, inheritedFrom: level ?? separateBackend.label(name: backendName)) {
                        assignments.append(assignment)
                    }
                }
            }
            // The backend's rules after the frontend's: a smaller limit wins, the first of equal ones.
            bodyLimit = Self.smallestBodyLimit(backendRules.rules, backendConditions, startingFrom: bodyLimit)
        }
        if httpMode {
            // The backend's rules run after the frontend's, on the path those left.
            rewrites = Self.sequenced(rewrites)
        }
        let upstream: UpstreamReference = dynamic ? .unknown(backendName) : .group(backendName)
        let target = ProxyTarget(directive: reference, upstream: upstream, pathRewrites: rewrites,
                                 headers: HeaderPolicy(forwardsClientUpgrade: httpMode ? Self.forwardsInHTTPMode : Self.forwardsInTCPMode,
                                                       assignments: assignments))
        let settings: RouteSettings
        if dynamic {
            let unknown = Setting(TimeLimit.unknown(expression: "the backend is chosen at run time (\(backendName))"),
                                  Provenance.defaultValue(description: "backend chosen at run time", dependsOn: nil, source: Self.docs))
            settings = Self.settings(client: clientTimeout, server: unknown, tunnel: unknown, httpMode: httpMode, bodyLimit: bodyLimit)
        } else if let backend {
            settings = Self.settings(client: clientTimeout, server: backend.timeouts.server, tunnel: backend.timeouts.tunnel,
                                     httpMode: httpMode, bodyLimit: bodyLimit)
        } else {
            settings = localSettings
        }
        return RouteDetails(action: .proxy(target), settings: settings)
    }

    // Every route shares them; building them per route was measurable.
    private static let forwardsInHTTPMode = Setting(true, .defaultValue(
        description: "HAProxy passes the client's Upgrade and Connection headers with an upgrade request (option http-server-close/httpclose leave them alone in 2.x)",
        dependsOn: nil, source: "HAProxy src/mux_h1.c h1_update_req_conn_value; \(docs)#4"))
    private static let forwardsInTCPMode = Setting(true, .defaultValue(
        description: "mode tcp: HAProxy forwards the client's bytes unchanged",
        dependsOn: nil, source: "HAProxy src/mux_h1.c h1_update_req_conn_value; \(docs)#4"))

    // MARK: - http-request rules

    private static func pathRewrite(_ rule: Directive, _ conditions: HAProxyConditions) -> PathRewrite? {
        // A switch, not an array literal's `contains`: this runs for every http-request rule.
        guard let action = rule.firstValue else { return nil }
        switch action {
        case "set-path", "set-pathq", "set-uri", "replace-path", "replace-pathq", "replace-uri": break
        default: return nil
        }
        let values = rule.values
        let reference = DirectiveReference(rule)
        let condition = conditions.condition(ofRuleArguments: rule.arguments[...])
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
        default:
            guard values.count >= 3 else { return nil }
            let replacement = values[2]
            guard !replacement.containsBytes("%") else { return PathRewrite(.unknown(rule.sourceText), directive: reference, condition: condition) }
            // HAProxy replaces the whole path with the expansion when the regex matches anywhere.
            let pattern = RegexPattern("^(?s:.*?)(?:" + values[1] + ")(?s:.*)$")
            guard pattern.isValid else { return PathRewrite(.unknown(rule.sourceText), directive: reference, condition: condition) }
            return PathRewrite(.regexReplace(pattern, with: replacement), directive: reference, condition: condition)
        }
    }

    private static func headerAssignment(_ rule: Directive, _ conditions: HAProxyConditions, inheritedFrom: String?) -> HeaderAssignment? {
        let arguments = rule.arguments
        guard arguments.count >= 2 else { return nil }
        let action = arguments[0].value
        let name = arguments[1].value
        // Only a name of either length can be one of them: most rules set other headers.
        let length = name.utf8.count
        guard length == 7 || length == 10, ["upgrade", "connection"].contains(name.lowercased()) else { return nil }
        let condition = conditions.condition(ofRuleArguments: arguments[...])
        let reference = DirectiveReference(rule)
        switch action {
        case "del-header":
            return HeaderAssignment(name: name, value: .literal(""), directive: reference, inheritedFrom: inheritedFrom, condition: condition)
        case "set-header":
            guard arguments.count >= 3 else { return nil }
            return HeaderAssignment(name: name, value: template(arguments[2].value), directive: reference, inheritedFrom: inheritedFrom, condition: condition)
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
    static func bodyLimit(_ rule: Directive, _ conditions: HAProxyConditions) -> Int64? {
        guard let action = rule.firstValue, action == "deny" || action == "reject" else { return nil }
        // On the words: the rule's values as an array, and the words after `if` as another, were
        // built for every deny rule, twice per frontend.
        let arguments = rule.arguments
        guard let index = arguments.firstIndex(where: { $0.is("if") }), index + 1 < arguments.count else { return nil }
        let condition = arguments[(index + 1)...]
        let criterion: [String]
        if condition.first!.is("{"), condition.last!.is("}") {
            criterion = condition.dropFirst().dropLast().map(\.value)
        } else if condition.count == 1, let definitions = Optional(conditions.definitions(named: condition.first!.value)), definitions.count == 1 {
            criterion = definitions[0].map(\.value)
        } else {
            guard condition.count == 3 else { return nil }
            criterion = condition.map(\.value)
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

    private static func settings(client: Setting<TimeLimit>, server: Setting<TimeLimit>, tunnel: Setting<TimeLimit>?, httpMode: Bool,
                                 bodyLimit: Setting<ByteLimit>?) -> RouteSettings {
        // The shorter of the two only without a tunnel timeout: made for every resolved route, its
        // combined provenance was built and released for nothing on every backend with one.
        let idle = tunnel ?? shorter(client, server, description: "the shorter of timeout client and timeout server (no timeout tunnel)")
        // In HTTP mode a held response waits on the server side only; in TCP mode the whole
        // connection is a tunnel from the start.
        let response = httpMode ? server : idle
        return RouteSettings(upgradedIdleTimeout: idle, responseTimeout: response, requestBodyLimit: bodyLimit ?? noBodyLimit,
                             upstreamProtocol: http11)
    }

    // Every route shares it; building it per route was measurable.
    private static let http11 = Setting(UpstreamProtocol.http11, .defaultValue(description: "HAProxy speaks HTTP/1.1 to servers", dependsOn: nil, source: docs))

    /// The timeouts routes read.
    enum Timeout: Int, CaseIterable {
        case client, server, tunnel

        var key: HAProxyDefaults.KeyPattern {
            switch self {
            case .client: return .timeoutClient
            case .server: return .timeoutServer
            case .tunnel: return .timeoutTunnel
            }
        }

        var name: String {
            switch self {
            case .client: return "client"
            case .server: return "server"
            case .tunnel: return "tunnel"
            }
        }

        /// The setting when no level sets it; one for every proxy instead of one each.
        var unset: Setting<TimeLimit> {
            switch self {
            case .client: return Timeout.unsetClient
            case .server: return Timeout.unsetServer
            case .tunnel: return Timeout.unsetTunnel
            }
        }

        private static let unsetClient = unsetSetting("client")
        private static let unsetServer = unsetSetting("server")
        private static let unsetTunnel = unsetSetting("tunnel")

        private static func unsetSetting(_ name: String) -> Setting<TimeLimit> {
            Setting(.unlimited, .defaultValue(description: "no timeout \(name) (infinite; HAProxy warns about missing timeouts at start)",
                                              dependsOn: nil, source: docs + "#4-timeout%20" + name))
        }
    }

    /// The timeout as inherited, `nil` when no level sets it.
    static func optionalTimeout(_ proxy: HAProxyProxy, _ which: Timeout) -> Setting<TimeLimit>? {
        proxy.timeout(which)
    }

    static func timeout(_ proxy: HAProxyProxy, _ which: Timeout) -> Setting<TimeLimit> {
        proxy.timeout(which) ?? which.unset
    }

    /// The timeout `line` sets, inherited from the level named `level`.
    static func timeout(_ line: Directive, inheritedFrom level: String?, _ which: Timeout) -> Setting<TimeLimit> {
        guard line.arguments.count >= 2 else { return which.unset }
        let provenance = Provenance.directive(DirectiveReference(line), inheritedFrom: level)
        let value = line.arguments[1].value
        if value.containsBytes("${") { return Setting(.unknown(expression: value), provenance) }
        guard let (duration, _) = HAProxyValues.parseTime(value) else { return Setting(.unknown(expression: "invalid value \"\(value)\""), provenance) }
        return Setting(duration.milliseconds == 0 ? .unlimited : .after(duration), provenance)
    }

    private static func shorter(_ a: Setting<TimeLimit>, _ b: Setting<TimeLimit>, description: String) -> Setting<TimeLimit> {
        let provenance = Provenance.combined(description: description, parts: [a.provenance, b.provenance])
        switch (a.value, b.value) {
        case (.unknown(let e), _), (_, .unknown(let e)): return Setting(.unknown(expression: e), provenance)
        case (.after(let x), .after(let y)): return Setting(.after(min(x, y)), provenance)
        case (.after(let x), .unlimited), (.unlimited, .after(let x)): return Setting(.after(x), provenance)
        case (.unlimited, .unlimited): return Setting(.unlimited, provenance)
        }
    }

    /// The first of the smallest body limits among `best` and those the rules set (see
    /// `bodyLimit`), `nil` when there is none.
    private static func smallestBodyLimit(_ rules: [(directive: Directive, inheritedFrom: String?)], _ conditions: HAProxyConditions,
                                          startingFrom start: Setting<ByteLimit>? = nil) -> Setting<ByteLimit>? {
        var best = start
        for (rule, level) in rules {
            guard let limit = bodyLimit(rule, conditions) else { continue }
            if case .bytes(let current)? = best?.value, current <= limit { continue }
            best = Setting(.bytes(limit), .directive(DirectiveReference(rule), inheritedFrom: level))
        }
        return best
    }

    private static let noBodyLimit = Setting(ByteLimit.unlimited, .defaultValue(description: "no request body limit (HAProxy forwards bodies of any size)",
                                                                                  dependsOn: nil, source: docs))
}
