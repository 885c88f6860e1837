/// `siolint trace`: for each virtual server, the route each probe takes, why, and every
/// effective value with where it came from.
public struct TraceReporter: Sendable {
    public init() {}

    public func report(_ report: ConfigurationReport) -> String {
        var out = ""
        let name = report.input.paths.first ?? "-"
        out += "\(report.loaded?.model?.mainFile ?? name): \(report.server?.displayName ?? "unknown") configuration"
        if let files = report.loaded?.parsed.files, files.count > 1 { out += ", \(files.count) files" }
        out += "\n"
        for note in report.loaded?.notes ?? [] { out += "  note: \(note)\n" }
        if let problems = report.loaded?.parsed.problems, !problems.isEmpty {
            for p in problems { out += "  problem: \(p.range.start.description): \(p.message)\n" }
        }
        guard let model = report.loaded?.model else {
            return out + "  no model: the configuration could not be parsed\n"
        }
        if report.probes.isEmpty { out += "  no virtual servers\n" }
        for server in report.probes {
            out += "\n\(server.server.label)  [\(server.server.declaration.start.description)]"
            out += server.inScope ? "\n" : "  (not in scope: its Socket.IO route does not proxy)\n"
            for kind in ProbeRequest.Kind.allCases {
                for routed in server.routes[kind] ?? [] {
                    out += describe(routed, model: model)
                }
                if (server.routes[kind] ?? []).isEmpty { out += "  \(kind.rawValue): no route\n" }
            }
        }
        return out
    }

    private func describe(_ routed: EffectiveRoute, model: ProxyConfiguration) -> String {
        let p = routed.probe
        var out = "  \(p.kind.rawValue)  \(p.method) \(p.uri)\(routed.uncertain ? "  (one of several possible routes)" : "")\n"
        out += "    route: \(routed.route.label)  [\(routed.route.declaration.start.description)]\n"
        for decision in routed.decisions { out += "      · \(decision)\n" }
        let s = routed.route.settings
        switch routed.route.action {
        case .local(let what):
            out += "    handled by the proxy itself: \(what)\n"
            return out
        case .proxy(let target):
            out += "    forwards with `\(target.directive.text)`  [\(target.directive.range.start.description)]\n"
            switch target.upstream {
            case .group(let name):
                if let g = model.upstreams[name] {
                    out += "    upstream \(name): \(g.activeServers.count) active server(s) \(g.activeServers.map(\.address).joined(separator: ", "))\n"
                    out += "      balancing: \(g.balancing.value) — \(g.balancing.provenance.explanation)\n"
                    out += "      affinity: \(g.affinity.value) — \(g.affinity.provenance.explanation)\n"
                }
            case .address(let a): out += "    backend: \(a)\n"
            case .unknown(let e): out += "    backend: cannot be evaluated (\(e))\n"
            }
            out += "    forwarded path: \(routed.forwardedPath ?? "cannot be evaluated")"
            for rewrite in target.pathRewrites { out += "  ← `\(rewrite.directive.text)` [\(rewrite.directive.range.start.description)]" }
            out += "\n"
            if p.kind == .webSocketUpgrade {
                for header in ["upgrade", "connection"] {
                    let h = routed.forwardedHopHeaders[header]
                    let value: String
                    switch h?.value {
                    case .none where h == nil: value = "(not sent)"
                    case .none: value = "(cannot be evaluated)"
                    case .some(let v): value = v.isEmpty ? "(removed: empty value)" : v
                    }
                    let source = h.map { $0.assignment.map { "`\($0.directive.text)` [\($0.directive.range.start.description)]" + ($0.inheritedFrom.map { " inherited from \($0)" } ?? "") } ?? "the client's header, passed through" } ?? target.headers.forwardsClientUpgrade.provenance.explanation
                    out += "    \(header): \(value) — \(source)\n"
                }
                for dropped in target.headers.notInherited {
                    out += "      not inherited: `\(dropped.directive.text)` [\(dropped.directive.range.start.description)] from \(dropped.inheritedFrom ?? "outer level")\n"
                }
                out += "    idle timeout: \(s.upgradedIdleTimeout.value) — \(s.upgradedIdleTimeout.provenance.explanation)\n"
                out += "    upstream protocol: \(s.upstreamProtocol.value) — \(s.upstreamProtocol.provenance.explanation)\n"
            } else {
                out += "    response timeout: \(s.responseTimeout.value) — \(s.responseTimeout.provenance.explanation)\n"
                if p.kind == .pollingPost {
                    out += "    request body limit: \(s.requestBodyLimit.value) — \(s.requestBodyLimit.provenance.explanation)\n"
                }
            }
        }
        return out
    }
}
