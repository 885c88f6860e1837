import Foundation

/// Where a route sends requests, as its settings need it.
struct ApacheTarget {
    var url: ApacheProxyURL
    /// The balancer, for `balancer://` URLs that have members.
    var balancer: ApacheBalancer?
    /// The URL a Socket.IO request is sent to (the worker is chosen by it), `nil` when unknown,
    /// and not worked out for a balancer that has members (they are the backends).
    var requestURL: String?
    /// The routing line (ProxyPass, RewriteRule).
    var line: Directive?
}

/// One backend worker of a target: its URL and the parameters that configure it.
struct ApacheBackend {
    var url: ApacheProxyURL
    var directive: DirectiveReference?
    var parameters: [ApacheParameter]
    /// Parameters the routing line wrote that httpd ignores (worker sharing), with the shared worker.
    var ignored: (worker: String, parameters: [ApacheParameter])?

    func parameter(_ key: String) -> ApacheParameter? { parameters.last { $0.key == key } }

    /// Why a parameter written on the routing line does not apply, as a provenance.
    func ignoredNote(_ key: String) -> Provenance? {
        guard let ignored, let p = ignored.parameters.last(where: { $0.key == key }) else { return nil }
        return .combined(description: "`\(p.word.value)` is ignored: the line shares the worker \(ignored.worker) an earlier line defined (httpd AH01146 \"Ignoring parameter … because of worker sharing\"; list the longer URL first)",
                         parts: [.directive(p.directive, inheritedFrom: nil)])
    }
}

/// Computes a route's effective settings from httpd's merge chain, each with its provenance:
/// timeouts (worker `timeout=` → ProxyTimeout → Timeout; the WebSocket tunnel's idle time per
/// httpd version), `LimitRequestBody`, the protocol towards the backend, and whether the client's
/// Upgrade headers reach it (proxy-facts.md §4).
struct ApacheSettingsBuilder {
    let version: SoftwareVersion
    let versionGiven: Bool
    /// Loaded module identifiers; `nil` when not known.
    let modules: Set<String>?
    let workers: ApacheWorkers

    /// "httpd 2.4.62", noting when the version is assumed; made once: routes' provenances
    /// quote it, and interpolating the version cost a few thousand instructions each time.
    private let versionNote: String
    /// The texts that quote a setting's value, made once per value (see `ApacheProvenanceTexts`).
    private let texts: ApacheProvenanceTexts
    /// The default `LimitRequestBody` for this version, made once: every virtual host without
    /// the directive interpolated the version note into it.
    private let defaultBodyLimit: Setting<ByteLimit>

    init(version: SoftwareVersion, versionGiven: Bool, modules: Set<String>?, workers: ApacheWorkers) {
        self.version = version
        self.versionGiven = versionGiven
        self.modules = modules
        self.workers = workers
        let versionNote = versionGiven ? "httpd \(version)" : "httpd \(version), assumed (--apache-version)"
        self.versionNote = versionNote
        texts = ApacheProvenanceTexts(versionNote: versionNote)
        let source = ApacheDefaults.coreDocs + "#limitrequestbody"
        defaultBodyLimit = version >= ApacheDefaults.bodyLimitDefault
            ? Setting(.bytes(1 << 30), .defaultValue(description: "LimitRequestBody 1073741824 (1 GiB)", dependsOn: "\(versionNote) ≥ 2.4.54", source: source))
            : Setting(.unlimited, .defaultValue(description: "LimitRequestBody 0 (unlimited)", dependsOn: "\(versionNote) < 2.4.54", source: source))
    }

    /// The settings every route on `chain` shares, worked out once per chain.
    func shared(_ chain: ApacheRouteChain) -> ApacheChainSettings {
        chain.settings { levels in
            let timeout = timeout(levels)
            let proxyTimeout = proxyTimeout(levels, timeout: timeout)
            let bodyLimit = bodyLimit(levels)
            let forcedHTTP10 = forcedHTTP10(levels)
            let upstreamProtocol = upstreamProtocol(forcedHTTP10)
            return ApacheChainSettings(timeout: timeout, proxyTimeout: proxyTimeout, bodyLimit: bodyLimit, proxiedBodyLimit: proxiedBodyLimit(bodyLimit),
                                       forcedHTTP10: forcedHTTP10, upstreamProtocol: upstreamProtocol, upgradeHeaders: upgradeHeaders(levels))
        }
    }

    /// The settings of a route to the `backends` of a target; `upgrades` is `forwardsUpgrade`'s
    /// value, which the caller has already worked out.
    func settings(_ chain: ApacheRouteChain, _ shared: ApacheChainSettings, backends: [ApacheBackend], upgrades: Bool) -> RouteSettings {
        let backend = backendTimeout(shared.proxyTimeout, backends)
        var idle = backend
        if upgrades {
            idle = upgradedIdleTimeout(chain.levels, shared.timeout, backends, backend: backend)
        }
        return RouteSettings(upgradedIdleTimeout: idle, responseTimeout: backend,
                             requestBodyLimit: shared.proxiedBodyLimit, upstreamProtocol: shared.upstreamProtocol)
    }

    // MARK: - Timeouts

    /// `Timeout` (atoi seconds; default 60).
    func timeout(_ chain: ApacheLevelChain) -> Setting<TimeLimit> {
        guard let (directive, level) = chain.effective(.timeout), let value = directive.firstValue else {
            return ApacheSettingsBuilder.defaultTimeout
        }
        return seconds(value, .directive(ApacheText.reference(directive), inheritedFrom: level))
    }

    // Made once: every virtual host without a `Timeout` built its text.
    private static let defaultTimeout = Setting(TimeLimit.after(.seconds(ApacheDefaults.timeoutSeconds)),
                                                .defaultValue(description: "Timeout \(ApacheDefaults.timeoutSeconds)", dependsOn: nil,
                                                              source: ApacheDefaults.coreDocs + "#timeout"))

    /// `ProxyTimeout`, or `timeout` (the chain's `Timeout`) when not set.
    func proxyTimeout(_ chain: ApacheLevelChain, timeout t: Setting<TimeLimit>) -> Setting<TimeLimit> {
        if let (directive, level) = chain.effective(.proxyTimeout), let value = directive.firstValue {
            return seconds(value, .directive(ApacheText.reference(directive), inheritedFrom: level))
        }
        return Setting(t.value, .combined(description: texts.proxyTimeoutFallback(t.value), parts: [t.provenance]))
    }

    private func seconds(_ value: String, _ provenance: Provenance) -> Setting<TimeLimit> {
        if value.containsBytes("${") { return Setting(.unknown(expression: value), provenance) }
        guard let (n, _) = ApacheParameters.leadingInteger(value) else {
            return Setting(.unknown(expression: "invalid value \"\(value)\""), provenance)
        }
        return Setting(.after(.seconds(n)), provenance)
    }

    /// The workers a request to `target` can use.
    func backends(_ target: ApacheTarget) -> [ApacheBackend] {
        if let balancer = target.balancer, !balancer.members.isEmpty {
            // One array, reserved: filtering and then mapping made two, grown member by member.
            var backends: [ApacheBackend] = []
            backends.reserveCapacity(balancer.members.count)
            for member in balancer.members where ApacheUpstreamBuilder.isActive(member) {
                backends.append(ApacheBackend(url: member.url, directive: member.directive, parameters: member.parameters))
            }
            if backends.isEmpty {
                for member in balancer.members {
                    backends.append(ApacheBackend(url: member.url, directive: member.directive, parameters: member.parameters))
                }
            }
            return backends
        }
        let worker = workers.worker(for: target.requestURL ?? (target.url.scheme + "://" + target.url.authority + target.url.path))
        return [ApacheBackend(url: target.url, directive: nil, parameters: worker?.parameters ?? [],
                              ignored: workers.ignored.isEmpty ? nil : target.line.flatMap { workers.ignored[$0.range] })]
    }

    /// The socket timeout towards the backend: worker `timeout=` → ProxyTimeout → Timeout; for a
    /// balancer the shortest over its members.
    func backendTimeout(_ fallback: Setting<TimeLimit>, _ backends: [ApacheBackend]) -> Setting<TimeLimit> {
        let perBackend = backends.map { backend -> Setting<TimeLimit> in
            guard let parameter = backend.parameter("timeout") else {
                if let note = backend.ignoredNote("timeout") {
                    return Setting(fallback.value, .combined(description: texts.backendTimeoutFallback(fallback.value), parts: [note, fallback.provenance]))
                }
                return fallback
            }
            return seconds(parameter.value, .directive(parameter.directive, inheritedFrom: nil))
        }
        guard var shortest = perBackend.first else { return fallback }
        for setting in perBackend.dropFirst() {
            switch (setting.value, shortest.value) {
            case (.unknown, _): shortest = setting
            case (.after(let a), .after(let b)) where a < b: shortest = setting
            default: break
            }
        }
        return shortest
    }

    /// The idle timeout of an upgraded connection.
    func upgradedIdleTimeout(_ chain: ApacheLevelChain, _ client: Setting<TimeLimit>, _ backends: [ApacheBackend],
                             backend: Setting<TimeLimit>) -> Setting<TimeLimit> {
        let webSocketScheme = backends.contains { $0.url.isWebSocket }
        if webSocketScheme, version < ApacheDefaults.proxyHTTPTunnel {
            return Setting(.unlimited, .defaultValue(description: "mod_proxy_wstunnel tunnels ws:// without an idle timeout",
                                                     dependsOn: "\(versionNote) < 2.4.47", source: ApacheDefaults.wstunnelDocs))
        }
        if webSocketScheme, version >= ApacheDefaults.fallbackDirective, modules?.contains("proxy_wstunnel_module") ?? true,
           let (directive, level) = chain.effective(.proxyWebsocketFallbackToProxyHTTP), directive.firstValue?.lowercased() == "off" {
            return Setting(.unlimited, .combined(description: "mod_proxy_wstunnel tunnels ws:// itself, without an idle timeout",
                                                 parts: [.directive(ApacheText.reference(directive), inheritedFrom: level)]))
        }
        let value: TimeLimit
        switch (client.value, backend.value) {
        case (.after(let a), .after(let b)): value = .after(max(a, b))
        case (.unknown(let e), _), (_, .unknown(let e)): value = .unknown(expression: e)
        default: value = .unlimited
        }
        return Setting(value, .combined(description: texts.tunnelIdle(client: client.value, backend: backend.value),
                                        parts: [client.provenance, backend.provenance]))
    }

    // MARK: - Upgrade forwarding

    /// Whether the client's Upgrade/Connection headers reach the backend: a worker with
    /// `upgrade=websocket` (or ANY) on 2.4.47+, or a `ws://`/`wss://` URL.
    func forwardsUpgrade(_ backends: [ApacheBackend], _ shared: ApacheChainSettings) -> Setting<Bool> {
        if let (directive, level) = shared.forcedHTTP10 {
            return Setting(false, .combined(description: "mod_proxy_http does not tunnel upgrades over HTTP/1.0",
                                            parts: [.directive(directive, inheritedFrom: level)]))
        }
        var first: Setting<Bool>?
        for backend in backends {
            let setting = forwardsUpgrade(backend)
            if !setting.value { return setting }
            first = first ?? setting
        }
        return first ?? Setting(false, .defaultValue(description: "the balancer has no members", dependsOn: nil, source: ApacheDefaults.balancerDocs))
    }

    private static let upgradeDocs = ApacheDefaults.proxyDocs + "#protocolupgrade"
    private static let wsAccepts = Provenance.defaultValue(description: "a ws:// worker accepts the WebSocket upgrade", dependsOn: nil, source: upgradeDocs)
    private static let wssAccepts = Provenance.defaultValue(description: "a wss:// worker accepts the WebSocket upgrade", dependsOn: nil, source: upgradeDocs)

    private static let noUpgrade = Setting(false, .defaultValue(
        description: "mod_proxy_http passes the client's Upgrade header only to a worker with upgrade=websocket or a ws:// URL", dependsOn: nil, source: upgradeDocs))

    private func forwardsUpgrade(_ backend: ApacheBackend) -> Setting<Bool> {
        let docs = ApacheSettingsBuilder.upgradeDocs
        let upgrade = backend.parameter("upgrade")
        if let upgrade {
            let protocols = ApacheSettingsBuilder.protocols(upgrade.value)
            let provenance = Provenance.directive(upgrade.directive, inheritedFrom: nil)
            if protocols.contains("none") { return Setting(false, provenance) }
            if protocols.contains("websocket") || protocols.contains("any") || protocols.contains("*") {
                if version < ApacheDefaults.proxyHTTPTunnel, !backend.url.isWebSocket {
                    return Setting(false, .combined(description: "upgrade= on an http:// worker needs mod_proxy_http's tunnel (httpd ≥ 2.4.47)",
                                                    parts: [provenance, .defaultValue(description: versionNote, dependsOn: "httpd < 2.4.47", source: docs)]))
                }
                return Setting(true, provenance)
            }
            if !backend.url.isWebSocket { return Setting(false, provenance) }
        }
        if !backend.url.isWebSocket, let note = backend.ignoredNote("upgrade") {
            return Setting(false, note)
        }
        if backend.url.isWebSocket {
            if version < ApacheDefaults.proxyHTTPTunnel, let modules, !modules.contains("proxy_wstunnel_module") {
                return Setting(false, .defaultValue(description: "\(backend.url.scheme):// needs mod_proxy_wstunnel before 2.4.47, and it is not loaded",
                                                    dependsOn: "\(versionNote) < 2.4.47", source: ApacheDefaults.wstunnelDocs))
            }
            let reference = backend.directive.map { Provenance.directive($0, inheritedFrom: nil) }
            // The texts of the two WebSocket schemes made once: every route to a ws:// balancer
            // interpolated them for each member.
            let secure = backend.url.scheme == "wss"
            let why = secure ? ApacheSettingsBuilder.wssAccepts : ApacheSettingsBuilder.wsAccepts
            return Setting(true, reference.map { .combined(description: secure ? "wss:// worker" : "ws:// worker", parts: [$0, why]) } ?? why)
        }
        return ApacheSettingsBuilder.noUpgrade
    }

    /// The protocols of an `upgrade=` value: lower-cased, split at commas, trimmed. ASCII values
    /// are read byte by byte (splitting and trimming substrings cost four thousand instructions
    /// a backend).
    static func protocols(_ value: String) -> [String] {
        var copy = value
        let ascii: [String]? = copy.withUTF8 { bytes in
            guard ApacheBytes.isASCII(bytes[...]) else { return nil }
            var result: [String] = []
            ApacheBytes.forEachListItem(bytes, in: 0..<bytes.count) { result.append(ApacheBytes.lowercased(bytes[$0])) }
            return result
        }
        return ascii ?? value.lowercased().split(separator: ",").map { $0.trimmingWhitespace() }
    }

    /// The `RequestHeader` lines that set or unset `Upgrade` or `Connection`.
    func upgradeHeaders(_ chain: ApacheLevelChain) -> [HeaderAssignment] {
        var assignments: [HeaderAssignment] = []
        for (directive, level) in chain.all(.requestHeader) {
            let values = directive.values
            guard values.count >= 2 else { continue }
            let name = values[1]
            guard ["upgrade", "connection"].contains(name.lowercased()) else { continue }
            let reference = DirectiveReference(directive)
            switch values[0].lowercased() {
            case "unset":
                assignments.append(HeaderAssignment(name: name, value: .literal(""), directive: reference, inheritedFrom: level))
            case "set" where values.count >= 3:
                let value: ValueTemplate = values[2].containsBytes("%{") ? ValueTemplate(parts: [.unknown(values[2])], written: values[2]) : .literal(values[2])
                assignments.append(HeaderAssignment(name: name, value: value, directive: reference, inheritedFrom: level))
            default:
                continue
            }
        }
        return assignments
    }

    // MARK: - Body and protocol

    /// The body limit of a proxied request. httpd 2.4.71 forwarded a 300 KB Content-Length body
    /// through ProxyPass with `LimitRequestBody 102400` at server, `<Location>` and `<Proxy *>`
    /// level alike (real-server suite, Tests/RealServer): the limit does not apply to bodies
    /// mod_proxy_http streams, so the configured value is kept only as the reason.
    func proxiedBodyLimit(_ configured: Setting<ByteLimit>) -> Setting<ByteLimit> {
        if case .unlimited = configured.value { return configured }
        return Setting(.unlimited, .combined(description: texts.proxiedBodyLimit(configured.value),
                                             parts: [configured.provenance]))
    }

    /// `LimitRequestBody` (bytes, 0 = unlimited); default 1 GiB since 2.4.54, unlimited before.
    func bodyLimit(_ chain: ApacheLevelChain) -> Setting<ByteLimit> {
        if let (directive, level) = chain.effective(.limitRequestBody), let value = directive.firstValue {
            let provenance = Provenance.directive(ApacheText.reference(directive), inheritedFrom: level)
            guard !value.isEmpty, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                return Setting(.unknown(expression: value), provenance)
            }
            // The first 18 digits (bytes: they are ASCII), as `Int64(value.prefix(18))` read them
            // without walking characters.
            var n: Int64 = 0
            for byte in value.utf8.prefix(18) { n = n * 10 + Int64(byte - 0x30) }
            return Setting(n == 0 ? .unlimited : .bytes(n), provenance)
        }
        return defaultBodyLimit
    }

    /// The `SetEnv force-proxy-request-1.0` that applies, if any.
    func forcedHTTP10(_ chain: ApacheLevelChain) -> (DirectiveReference, inheritedFrom: String?)? {
        chain.all(.setEnv).last { $0.0.firstValue?.lowercased() == "force-proxy-request-1.0" }.map { (DirectiveReference($0.0), $0.inheritedFrom) }
    }

    /// HTTP/1.1 unless `SetEnv force-proxy-request-1.0` applies.
    func upstreamProtocol(_ forcedHTTP10: (DirectiveReference, inheritedFrom: String?)?) -> Setting<UpstreamProtocol> {
        if let (directive, level) = forcedHTTP10 {
            return Setting(.http10, .directive(directive, inheritedFrom: level))
        }
        return ApacheSettingsBuilder.http11
    }

    // Made once: every virtual host boxed a new one.
    private static let http11 = Setting(UpstreamProtocol.http11, .defaultValue(description: "mod_proxy_http speaks HTTP/1.1 to backends", dependsOn: nil,
                                                                                source: "httpd.apache.org/docs/2.4/mod/mod_proxy_http.html"))
}
