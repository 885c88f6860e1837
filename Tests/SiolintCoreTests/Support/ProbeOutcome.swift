@testable import SiolintCore

/// What one probe's route comes to, in terms that compare across dialects: the same setup in
/// nginx and Apache must give equal outcomes even though the models are built differently.
struct ProbeOutcome: Equatable, CustomStringConvertible {
    /// "proxy", "local", or "none" when no route was found.
    var action: String
    var forwardedPath: String?
    /// Lower-cased `Upgrade`/`Connection` values the backend receives with the WebSocket probe (nil: not sent).
    var upgrade: String?
    var connection: String?
    var idleTimeout: TimeLimit?
    var responseTimeout: TimeLimit?
    var bodyLimit: ByteLimit?
    var backendCount: Int
    /// "none", "client address", "cookie/proxy", "cookie/application", "cookie/nobody", …
    var affinity: String

    var description: String {
        "\(action) path=\(forwardedPath ?? "?") upgrade=\(upgrade ?? "-") connection=\(connection ?? "-") idle=\(idleTimeout.map(String.init(describing:)) ?? "-") response=\(responseTimeout.map(String.init(describing:)) ?? "-") body=\(bodyLimit.map(String.init(describing:)) ?? "-") backends=\(backendCount) affinity=\(affinity)"
    }

    /// The outcome of each probe kind in the first virtual server in scope (or the first server).
    static func outcomes(_ report: ConfigurationReport) -> [ProbeRequest.Kind: ProbeOutcome] {
        guard let model = report.loaded?.model,
              let server = report.probes.first(where: \.inScope) ?? report.probes.first else { return [:] }
        var result: [ProbeRequest.Kind: ProbeOutcome] = [:]
        for kind in ProbeRequest.Kind.allCases {
            guard let routed = (server.routes[kind] ?? []).first(where: { !$0.uncertain }) ?? server.routes[kind]?.first else {
                result[kind] = ProbeOutcome(action: "none", backendCount: 0, affinity: "none")
                continue
            }
            // Hop-by-hop headers matter for the upgrade only; an empty value is no header.
            func hop(_ name: String) -> String? {
                guard kind == .webSocketUpgrade, let value = routed.forwardedHopHeaders[name]?.value, !value.isEmpty else { return nil }
                return value.lowercased()
            }
            var outcome = ProbeOutcome(action: routed.route.proxyTarget == nil ? "local" : "proxy", forwardedPath: routed.forwardedPath,
                                       upgrade: hop("upgrade"), connection: hop("connection"), backendCount: 0, affinity: "none")
            if let target = routed.route.proxyTarget {
                let s = routed.route.settings
                outcome.idleTimeout = s.upgradedIdleTimeout.value
                outcome.responseTimeout = s.responseTimeout.value
                outcome.bodyLimit = s.requestBodyLimit.value
                switch target.upstream {
                case .group(let name):
                    let group = model.upstreams[name]
                    outcome.backendCount = group?.activeServers.count ?? 0
                    outcome.affinity = group.map { affinityKind($0.affinity.value) } ?? "none"
                case .address: outcome.backendCount = 1
                case .unknown: outcome.backendCount = 0
                }
            }
            result[kind] = outcome
        }
        return result
    }

    static func affinityKind(_ affinity: Affinity) -> String {
        switch affinity {
        case .none: return "none"
        case .clientAddress: return "client address"
        case .hash(_, let keeps): return keeps ? "client address" : "hash"
        case .cookie(_, .proxy): return "cookie/proxy"
        case .cookie(_, .application): return "cookie/application"
        case .cookie(_, .nobody): return "cookie/nobody"
        case .stickTable: return "stick table"
        }
    }
}
