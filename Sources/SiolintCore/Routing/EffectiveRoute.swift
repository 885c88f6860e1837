/// Where one probe request ends up in one virtual server, and what the backend receives.
public struct EffectiveRoute: Sendable {
    public var probe: ProbeRequest
    public var route: Route
    /// True when a condition siolint could not evaluate decided between this route and others.
    public var uncertain: Bool
    /// How the route was chosen, step by step, for `siolint trace`.
    public var decisions: [String]
    /// Other routes whose path matcher matched the request but lost to this one.
    public var outmatched: [Route]
    /// The path the backend receives, `nil` when a rewrite cannot be evaluated.
    public var forwardedPath: String?
    /// The `Upgrade` and `Connection` headers the backend receives (lower-case names), with the
    /// assignment that produced each; absent headers are missing.
    public var forwardedHopHeaders: [String: ForwardedHeader]

    public init(probe: ProbeRequest, route: Route, uncertain: Bool, decisions: [String], outmatched: [Route],
                forwardedPath: String?, forwardedHopHeaders: [String: ForwardedHeader]) {
        self.probe = probe
        self.route = route
        self.uncertain = uncertain
        self.decisions = decisions
        self.outmatched = outmatched
        self.forwardedPath = forwardedPath
        self.forwardedHopHeaders = forwardedHopHeaders
    }
}

/// A header as the backend receives it.
public struct ForwardedHeader: Sendable, Hashable {
    /// The value, `nil` when it depends on something siolint cannot evaluate.
    public var value: String?
    /// The assignment that set it; `nil` when the client's own header passed through.
    public var assignment: HeaderAssignment?
}

/// The routes of the three probes in one virtual server.
public struct VirtualServerProbes: Sendable {
    public var server: VirtualServer
    /// The routes each probe can take (normally one each).
    public var routes: [ProbeRequest.Kind: [EffectiveRoute]]

    public init(server: VirtualServer, routes: [ProbeRequest.Kind: [EffectiveRoute]]) {
        self.server = server
        self.routes = routes
    }

    /// A server is in scope when its route for the Socket.IO path proxies to a backend.
    public var inScope: Bool {
        (routes[.pollingGet] ?? []).contains { $0.route.proxyTarget != nil }
            || (routes[.webSocketUpgrade] ?? []).contains { $0.route.proxyTarget != nil }
    }

    /// Every proxied route a probe can take.
    public func proxied(_ kind: ProbeRequest.Kind) -> [EffectiveRoute] {
        (routes[kind] ?? []).filter { $0.route.proxyTarget != nil }
    }
}
