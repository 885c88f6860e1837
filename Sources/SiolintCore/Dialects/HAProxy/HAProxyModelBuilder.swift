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
    private var backends: [String: HAProxyBackendRouting] = [:]
    /// The timeouts of the last backend that inherits them all (see `HAProxyBackendRouting`).
    private var inheritedTimeouts: HAProxyBackendRouting.Timeouts?
    private let translations = HAProxyACLTranslations()
    /// The settings of the last frontend's resolver (see `HAProxyRouteResolver.FrontendSettings`).
    private var frontendSettings: HAProxyRouteResolver.FrontendSettings?

    static func build(_ parsed: ParsedConfiguration, mainFile: String, version: SoftwareVersion) -> ProxyConfiguration {
        var builder = HAProxyModelBuilder(version: version, configuration: ProxyConfiguration(server: .haproxy, mainFile: mainFile))
        builder.checkAll(parsed.directives)
        // Backends are read as they come (building one adds no rejection, so the order of the
        // rejections stays: checks, missing defaults, then routes); frontends wait for every backend,
        // read in a second walk: an array of them (each copies its section header) was 1.25 MB of a
        // large configuration's peak.
        // Sized first: both tables were rehashed every time they doubled, and the model keeps one.
        var backendCount = 0
        let sections = parsed.directives
        for index in sections.indices where sections[index].name.is("backend") || sections[index].name.is("listen") { backendCount += 1 }
        builder.backends.reserveCapacity(backendCount)
        builder.configuration.upstreams.reserveCapacity(builder.configuration.upstreams.count + backendCount)
        // Frontends are counted here and made only in the second walk: made in both, every
        // frontend's proxy (its header copied, its lines scanned for the well-known keys) was
        // built once for nothing.
        var frontendCount = 0
        for index in sections.indices where sections[index].name.is("frontend") {
            if let name = sections[index].firstValue, name != "from" { frontendCount += 1 }
        }
        let missing = HAProxyDefaults.forEachProxy(parsed.directives, where: { $0 != .frontend }) { proxy in
            if proxy.hasFrontend { frontendCount += 1 }
            if proxy.hasBackend {
                builder.backends[proxy.name] = HAProxyBackendRouting(proxy, inheritedTimeouts: &builder.inheritedTimeouts, translations: builder.translations)
                builder.configuration.upstreams[proxy.name] = HAProxyBackendBuilder.build(proxy)
            }
        }
        for (header, name) in missing {
            builder.configuration.rejectedDirectives.append(RejectedDirective(directive: DirectiveReference(header),
                reason: "no defaults section named '\(name)' before this section", fix: "name an existing `defaults` section after `from`"))
        }
        builder.configuration.virtualServers.reserveCapacity(builder.configuration.virtualServers.count + frontendCount)
        // Backends are not made again.
        _ = HAProxyDefaults.forEachProxy(parsed.directives, where: { $0 != .backend }) { proxy in
            builder.configuration.virtualServers.append(builder.virtualServer(proxy))
        }
        return builder.configuration
    }

    // MARK: - Whole-configuration checks

    private mutating func checkAll(_ sections: [Directive]) {
        // Sized first: a large configuration has a time literal per few lines, and the array
        // grown by doubling kept up to twice the room it needs for the life of the model.
        // Every loop here by index: a loop over the sections or lines copied every directive.
        var timeLines = 0
        for section in sections.indices {
            let lines = sections[section].block ?? []
            for index in lines.indices where lines[index].name.is("timeout") && lines[index].arguments.count >= 2 { timeLines += 1 }
        }
        configuration.timeLiterals.reserveCapacity(configuration.timeLiterals.count + timeLines)
        for section in sections.indices {
            if HAProxyKeywordAvailability.mayRefuse(sections[section].name),
               let rejection = HAProxyKeywordAvailability.rejection(of: sections[section], version: version) {
                configuration.rejectedDirectives.append(rejection)
            }
            // Asking about the keyword first.
            let lines = sections[section].block ?? []
            for index in lines.indices {
                if HAProxyKeywordAvailability.mayRefuse(lines[index].name),
                   let rejection = HAProxyKeywordAvailability.rejection(of: lines[index], version: version) {
                    configuration.rejectedDirectives.append(rejection)
                }
                if lines[index].name.is("timeout"), lines[index].arguments.count >= 2 {
                    recordTime(lines[index], lines[index].arguments[1])
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
        // By index: a loop over the lines copied every directive.
        let lines = frontend.lines
        var binds: [String] = []
        for index in lines.indices where lines[index].name.is("bind") {
            if let address = lines[index].firstValue { binds.append(address) }
        }
        let httpMode = Self.isHTTPMode(frontend)
        // One buffer for every label of the frontend.
        let labelText = HAProxyLabelText()
        // How messages name the section (`frontend fe0`), written once into the buffer instead of
        // interpolated.
        labelText.append(frontend.kind.rawValue)
        labelText.append(byte: UInt8(ascii: " "))
        labelText.append(frontend.name)
        let frontendLabel = labelText.text
        let conditions = HAProxyConditions(proxy: frontend, httpMode: httpMode, translations: translations)
        let httpRequestRules = frontend.rules("http-request")
        let resolver = HAProxyRouteResolver(frontend: frontend, httpMode: httpMode, conditions: conditions, backends: backends,
                                            httpRequestRules: httpRequestRules, previousSettings: &frontendSettings)
        var entries: [RouteEntry] = []
        if httpMode {
            // http-request rules run before use_backend; those that answer by themselves come first,
            // each testing the path as the rewrites before it left it.
            var rewritesBefore = 0
            for (line, level) in httpRequestRules {
                if rewritesBefore < resolver.frontendRewrites.count, resolver.frontendRewrites[rewritesBefore].directive.range == line.range {
                    rewritesBefore += 1
                }
                guard let action = line.firstValue, Self.answersItself(action), HAProxyRouteResolver.bodyLimit(line, conditions) == nil else { continue }
                let condition = resolver.afterFrontendRewrites(conditions.condition(ofRuleArguments: line.arguments[...]), rewrites: rewritesBefore)
                let (label, textRange) = ruleLabel(line, inheritedFrom: level, frontendLabel: frontendLabel, into: labelText)
                let text = labelText.text(from: textRange.lowerBound, to: textRange.upperBound)
                let route = Route(label: label, declaration: line.range) {
                    resolver.local("HAProxy answers itself: " + text)
                }
                entries.append(RouteEntry(matcher: .any, condition: condition, route: route))
            }
        }
        var useBackendLines = 0
        for index in lines.indices where lines[index].name.is("use_backend") { useBackendLines += 1 }
        // The table is kept with the model: room for exactly its entries.
        entries.reserveCapacity(entries.count + useBackendLines)
        for index in lines.indices where lines[index].name.is("use_backend") {
            let line = lines[index]
            guard let target = line.firstValue else { continue }
            // use_backend sees the path the frontend's http-request rules left.
            let condition = resolver.afterFrontendRewrites(conditions.condition(ofRuleArguments: line.arguments.dropFirst()))
            labelText.removeAll()
            labelText.append(frontendLabel)
            labelText.append(": `")
            labelText.appendSourceText(of: line)
            labelText.append(byte: UInt8(ascii: "`"))
            appendACLNotes(line, conditions, to: labelText)
            entries.append(RouteEntry(matcher: .any, condition: condition,
                                      route: route(label: labelText.text, line: line, backendName: target, resolver: resolver)))
        }
        let fallback: Route
        if let (line, level) = frontend.effective(.defaultBackend), let target = line.firstValue {
            let (label, _) = ruleLabel(line, inheritedFrom: level, frontendLabel: frontendLabel, into: labelText)
            fallback = route(label: label, line: line, backendName: target, resolver: resolver)
        } else if frontend.kind == .listen {
            fallback = route(label: frontendLabel, line: frontend.header, backendName: frontend.name, resolver: resolver)
        } else {
            fallback = Route(label: "\(frontendLabel): no backend", declaration: frontend.header.range) {
                resolver.local("no use_backend matches and there is no default_backend: HAProxy answers 503")
            }
        }
        let label: String
        if let bind = binds.first {
            labelText.removeAll()
            labelText.append(frontendLabel)
            labelText.append(" (bind ")
            labelText.append(bind)
            labelText.append(byte: UInt8(ascii: ")"))
            label = labelText.text
        } else {
            label = frontendLabel
        }
        return VirtualServer(label: label, names: [], listens: binds, declaration: frontend.header.range,
                             stages: [RouteTable(policy: .firstMatch, entries: entries, fallback: fallback)])
    }

    /// The named ACLs a rule uses, spelled out for labels: ` (acl is_sio: path_beg /socket.io/)`.
    private func appendACLNotes(_ line: Directive, _ conditions: HAProxyConditions, to label: HAProxyLabelText) {
        guard conditions.hasNamedACLs else { return }
        var noted = false
        for argument in line.arguments {
            let word = argument.value
            let name = word.hasBytePrefix("!") ? String(word.dropFirst()) : word
            for definition in conditions.definitions(named: name) {
                label.append(noted ? "; acl " : " (acl ")
                noted = true
                label.append(name)
                label.append(byte: UInt8(ascii: ":"))
                for word in definition {
                    label.append(byte: UInt8(ascii: " "))
                    label.append(word.value)
                }
            }
        }
        if noted { label.append(byte: UInt8(ascii: ")")) }
    }

    /// The label of a route a rule line makes (`frontend fe: `rule …``, with ` (from defaults x)`
    /// when inherited), written in `buffer`; and where the line's source text is in the buffer.
    private func ruleLabel(_ line: Directive, inheritedFrom level: String?, frontendLabel: String,
                           into buffer: HAProxyLabelText) -> (label: String, text: Range<Int>) {
        buffer.removeAll()
        buffer.append(frontendLabel)
        buffer.append(": `")
        let start = buffer.count
        buffer.appendSourceText(of: line)
        let end = buffer.count
        buffer.append(byte: UInt8(ascii: "`"))
        if let level {
            buffer.append(" (from ")
            buffer.append(level)
            buffer.append(byte: UInt8(ascii: ")"))
        }
        return (buffer.text, start..<end)
    }

    /// The `http-request` actions that answer the request without a backend.
    private static func answersItself(_ action: String) -> Bool {
        switch action {
        case "deny", "reject", "tarpit", "return", "redirect", "auth", "silent-drop": return true
        default: return false
        }
    }

    static func isHTTPMode(_ proxy: HAProxyProxy) -> Bool {
        proxy.effectiveFirstValue(.mode) == "http"
    }

    /// A route that forwards to `backendName`; what it does and its settings are resolved when a
    /// probe first reads them (`HAProxyRouteResolver`), the missing-backend check here and now.
    private mutating func route(label: String, line: Directive, backendName: String, resolver: HAProxyRouteResolver) -> Route {
        // Most names hold no `%`: one byte search instead of two substring searches, on the
        // contiguous bytes (the UTF-8 view's generic search was two hundred instructions a name).
        var name = backendName
        let dynamic = name.withUTF8 { $0.contains(UInt8(ascii: "%")) } && (backendName.containsBytes("%[") || backendName.containsBytes("%{"))
        if !dynamic, backends[backendName] == nil {
            configuration.rejectedDirectives.append(RejectedDirective(directive: DirectiveReference(line),
                reason: "'\(line.name.value)' names backend '\(backendName)', which does not exist",
                fix: "declare `backend \(backendName)` or name an existing backend"))
        }
        // The reference, not the directive: a closure context holding a directive is 120 bytes larger.
        let reference = DirectiveReference(line)
        return Route(label: label, declaration: line.range) { resolver.proxy(reference: reference, backendName: backendName, dynamic: dynamic) }
    }
}
