/// Where one probe request ends up in one virtual server, and what the backend receives.
///
/// A class: rules collect, group and pass routed probes around; a copy is one reference.
public final class EffectiveRoute: Sendable {
    public let probe: ProbeRequest
    public let route: Route
    /// True when a condition siolint could not evaluate decided between this route and others.
    public let uncertain: Bool
    /// How the route was chosen, step by step, for `siolint trace`.
    public let decisions: [String]
    /// Other routes whose path matcher matched the request but lost to this one.
    public let outmatched: [Route]
    /// The path the backend receives, `nil` when a rewrite cannot be evaluated.
    public let forwardedPath: String?
    /// The `Upgrade` and `Connection` headers the backend receives (lower-case names), with the
    /// assignment that produced each; absent headers are missing.
    public let forwardedHopHeaders: HopHeaders

    public init(probe: ProbeRequest, route: Route, uncertain: Bool, decisions: [String], outmatched: [Route],
                forwardedPath: String?, forwardedHopHeaders: HopHeaders) {
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
    public let value: String?
    // The assignment is one of the proxy target's own: the target and its index (12 bytes)
    // instead of a 72-byte copy in both headers of every routed probe.
    private let target: ProxyTarget?
    private let index: UInt32

    /// The client's own header, passed through.
    init(passedThrough value: String) {
        self.value = value
        target = nil
        index = 0
    }

    /// The header as `target.headers.assignments[index]` sets it.
    init(value: String?, assignedBy target: ProxyTarget, at index: Int) {
        self.value = value
        self.target = target
        self.index = UInt32(index)
    }

    /// The assignment that set it; `nil` when the client's own header passed through.
    public var assignment: HeaderAssignment? { target.map { $0.headers.assignments[Int(index)] } }

    public static func == (a: ForwardedHeader, b: ForwardedHeader) -> Bool {
        a.value == b.value && a.assignment == b.assignment
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(value)
        hasher.combine(assignment)
    }
}

/// The hop-by-hop headers a backend receives for an upgrade, by lower-case name: only `upgrade`
/// and `connection` are kept (a dictionary per routed probe was a tenth of the peak memory).
public struct HopHeaders: Sendable {
    public var upgrade: ForwardedHeader?
    public var connection: ForwardedHeader?

    public init(upgrade: ForwardedHeader? = nil, connection: ForwardedHeader? = nil) {
        self.upgrade = upgrade
        self.connection = connection
    }

    /// `upgrade` or `connection`; any other name is never kept.
    public subscript(name: String) -> ForwardedHeader? {
        get {
            switch name {
            case "upgrade": return upgrade
            case "connection": return connection
            default: return nil
            }
        }
        set {
            switch name {
            case "upgrade": upgrade = newValue
            case "connection": connection = newValue
            default: break
            }
        }
    }
}

/// The routes each probe kind can take in one virtual server.
public struct ProbeRoutes: Sendable {
    private var pollingGet: [EffectiveRoute]?
    private var pollingPost: [EffectiveRoute]?
    private var webSocketUpgrade: [EffectiveRoute]?

    public init() {}

    public subscript(kind: ProbeRequest.Kind) -> [EffectiveRoute]? {
        get {
            switch kind {
            case .pollingGet: return pollingGet
            case .pollingPost: return pollingPost
            case .webSocketUpgrade: return webSocketUpgrade
            }
        }
        set {
            switch kind {
            case .pollingGet: pollingGet = newValue
            case .pollingPost: pollingPost = newValue
            case .webSocketUpgrade: webSocketUpgrade = newValue
            }
        }
    }
}

/// The routes of the three probes in one virtual server.
public struct VirtualServerProbes: Sendable {
    public var server: VirtualServer
    /// The routes each probe can take (normally one each).
    public let routes: ProbeRoutes
    /// A server is in scope when its route for the Socket.IO path proxies to a backend.
    public let inScope: Bool

    public init(server: VirtualServer, routes: ProbeRoutes) {
        self.server = server
        self.routes = routes
        self.inScope = (routes[.pollingGet] ?? []).contains { $0.route.proxyTarget != nil }
            || (routes[.webSocketUpgrade] ?? []).contains { $0.route.proxyTarget != nil }
    }
}
