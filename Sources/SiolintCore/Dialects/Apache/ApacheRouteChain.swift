/// The chain of levels every route of one virtual server resolves its settings through, with
/// the settings that depend on the chain alone worked out once, when the first of its routes is
/// resolved. Each route derived them again before (Timeout, ProxyTimeout, LimitRequestBody and
/// their provenance texts): most of the time of resolving a route, and a copy of each per route.
final class ApacheRouteChain: Sendable {
    let levels: ApacheLevelChain
    private let shared: OnceCell<ApacheChainSettings>

    init(_ levels: ApacheLevelChain) {
        self.levels = levels
        self.shared = OnceCell()
    }

    /// The shared settings, made by `make` from the levels the first time they are asked for.
    func settings(_ make: (ApacheLevelChain) -> ApacheChainSettings) -> ApacheChainSettings {
        shared.value { make(levels) }
    }
}

/// The settings a chain of levels gives every route on it (see `ApacheSettingsBuilder.shared`).
final class ApacheChainSettings: Sendable {
    /// `Timeout`.
    let timeout: Setting<TimeLimit>
    /// `ProxyTimeout`, or `Timeout` when not set.
    let proxyTimeout: Setting<TimeLimit>
    /// `LimitRequestBody`, and what it means for a proxied request.
    let bodyLimit: Setting<ByteLimit>
    let proxiedBodyLimit: Setting<ByteLimit>
    /// The `SetEnv force-proxy-request-1.0` that applies, if any.
    let forcedHTTP10: (DirectiveReference, inheritedFrom: String?)?
    let upstreamProtocol: Setting<UpstreamProtocol>
    /// `RequestHeader` lines that set or unset `Upgrade` or `Connection`.
    let upgradeHeaders: [HeaderAssignment]

    init(timeout: Setting<TimeLimit>, proxyTimeout: Setting<TimeLimit>, bodyLimit: Setting<ByteLimit>, proxiedBodyLimit: Setting<ByteLimit>,
         forcedHTTP10: (DirectiveReference, inheritedFrom: String?)?, upstreamProtocol: Setting<UpstreamProtocol>,
         upgradeHeaders: [HeaderAssignment]) {
        self.timeout = timeout
        self.proxyTimeout = proxyTimeout
        self.bodyLimit = bodyLimit
        self.proxiedBodyLimit = proxiedBodyLimit
        self.forcedHTTP10 = forcedHTTP10
        self.upstreamProtocol = upstreamProtocol
        self.upgradeHeaders = upgradeHeaders
    }

    /// The settings of a route on which httpd answers by itself.
    var local: RouteSettings {
        RouteSettings(upgradedIdleTimeout: proxyTimeout, responseTimeout: proxyTimeout, requestBodyLimit: bodyLimit, upstreamProtocol: upstreamProtocol)
    }
}
