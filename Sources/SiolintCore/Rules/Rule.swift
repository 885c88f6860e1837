/// A rule of the catalog: its description is its documentation and its tests.
public protocol Rule: Sendable {
    static var description: RuleDescription { get }
}

/// A rule that checks the routed proxy model. Pure: it reads the context and returns findings.
public protocol ModelRule: Rule {
    init()
    func check(_ context: RuleContext) -> [Finding]
}

extension Rule {
    /// A finding of this rule at its default severity, with the fix for the context's server.
    public static func finding(_ message: String, at range: SourceRange, severity: Severity? = nil,
                               related: [RelatedLocation] = [], server: ServerKind, help: String? = nil) -> Finding {
        let d = description
        return Finding(ruleID: d.id, ruleName: d.name, severity: severity ?? d.defaultSeverity, message: message,
                       range: range, related: related, help: help ?? d.fix(for: server))
    }
}

extension ModelRule {
    public func finding(_ message: String, at range: SourceRange, severity: Severity? = nil,
                        related: [RelatedLocation] = [], context: RuleContext, help: String? = nil) -> Finding {
        Self.finding(message, at: range, severity: severity, related: related, server: context.configuration.server, help: help)
    }
}

/// What a rule sees: the configuration, the routed probes, and the Socket.IO and server settings.
public struct RuleContext: Sendable {
    public var configuration: ProxyConfiguration
    public var probes: [VirtualServerProbes]
    public var socketIO: SocketIOSettings
    public var versions: TargetVersions

    public init(configuration: ProxyConfiguration, probes: [VirtualServerProbes], socketIO: SocketIOSettings, versions: TargetVersions) {
        self.configuration = configuration
        self.probes = probes
        self.socketIO = socketIO
        self.versions = versions
        var byKind: [ProbeRequest.Kind: [EffectiveRoute]] = [:]
        for kind in ProbeRequest.Kind.allCases {
            // Sized for a route per server up front: growing the set rehashed it a dozen times.
            var seen = Set<SourceRange>(minimumCapacity: probes.count)
            var result: [EffectiveRoute] = []
            // By index, reading each server's routes in place: a copy of every server's probes
            // and a filtered array per server and kind were a third of this loop.
            for index in probes.indices where probes[index].inScope {
                for route in probes[index].routes[kind] ?? [] where route.route.proxyTarget != nil && seen.insert(route.route.declaration).inserted {
                    result.append(route)
                }
            }
            byKind[kind] = result
        }
        proxiedByKind = byKind
        var seenGroups = Set<String>(minimumCapacity: configuration.upstreams.count)
        var groups: [(name: String, route: EffectiveRoute)] = []
        for routed in byKind[.pollingGet] ?? [] {
            guard let group = RuleContext.upstream(of: routed.route, in: configuration),
                  group.hasSeveralActiveServers, seenGroups.insert(group.name).inserted else { continue }
            groups.append((group.name, routed))
        }
        pollingGroups = groups
    }

    /// Computed once: every rule asks for them.
    private let proxiedByKind: [ProbeRequest.Kind: [EffectiveRoute]]
    // Names, not groups: a group is a large value, and large configurations have thousands.
    private let pollingGroups: [(name: String, route: EffectiveRoute)]

    /// Virtual servers whose Socket.IO route proxies to a backend.
    public var serversInScope: [VirtualServerProbes] { probes.filter(\.inScope) }

    /// Each distinct proxied route a probe kind can take in any server in scope, once per route
    /// (several servers can share a route through includes).
    public func proxiedRoutes(_ kind: ProbeRequest.Kind) -> [EffectiveRoute] {
        proxiedByKind[kind] ?? []
    }

    /// The upstream groups with more than one active server that polling requests reach, once each,
    /// with a route that sends them there.
    public func balancedPollingGroups() -> some Sequence<(group: UpstreamGroup, route: EffectiveRoute)> {
        pollingGroups.lazy.compactMap { entry in configuration.upstreams[entry.name].map { ($0, entry.route) } }
    }

    /// The upstream group a route forwards to, if it names one.
    public func upstream(of route: Route) -> UpstreamGroup? {
        RuleContext.upstream(of: route, in: configuration)
    }

    private static func upstream(of route: Route, in configuration: ProxyConfiguration) -> UpstreamGroup? {
        guard case .group(let name)? = route.proxyTarget?.upstream else { return nil }
        return configuration.upstreams[name]
    }
}
