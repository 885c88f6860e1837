/// Routes the probe requests through each virtual server of a configuration, the way the server
/// selects routes, and computes what the backend receives.
public struct ProbeRouter: Sendable {
    public let configuration: ProxyConfiguration
    public let settings: SocketIOSettings
    /// Whether to explain each choice (for `siolint trace`); off while linting, where it costs time.
    public let recordsDecisions: Bool

    /// The probes with an empty Host, built once; each server fills in its own name.
    private let probeTemplates: [ProbeRequest]

    public init(configuration: ProxyConfiguration, settings: SocketIOSettings, recordsDecisions: Bool = true) {
        self.configuration = configuration
        self.settings = settings
        self.recordsDecisions = recordsDecisions
        self.probeTemplates = ProbeRequest.probes(for: settings, host: "")
    }

    @inline(__always)
    private func note(_ decisions: inout [String], _ text: @autoclosure () -> String) {
        if recordsDecisions { decisions.append(text()) }
    }

    public func routeAll() -> [VirtualServerProbes] {
        configuration.virtualServers.map(route)
    }

    public func route(_ server: VirtualServer) -> VirtualServerProbes {
        let host = server.names.first(where: { !$0.isEmpty && !$0.containsBytes("*") && !$0.hasBytePrefix("~") }) ?? "localhost"
        var routes = ProbeRoutes()
        var pathSelections = PathSelections()
        for var probe in probeTemplates {
            probe.host = host
            routes[probe.kind] = route(probe, through: server, pathSelections: &pathSelections)
        }
        return VirtualServerProbes(server: server, routes: routes)
    }

    /// The routes a probe can take in a server: one normally, several when a condition could not
    /// be evaluated, none when no stage yields a route.
    public func route(_ probe: ProbeRequest, through server: VirtualServer) -> [EffectiveRoute] {
        var pathSelections = PathSelections()
        return route(probe, through: server, pathSelections: &pathSelections)
    }

    /// The selections of stages that look at the path only (nginx locations), per stage, for the
    /// probes of one server: the three probes share their path, so their location search is one.
    private struct PathSelections {
        var path: String?
        /// By stage index; servers have a few stages, so an array, not a dictionary that hashes each index.
        var byStage: [Selection?] = []

        subscript(stage: Int) -> Selection? {
            get { stage < byStage.count ? byStage[stage] : nil }
            set {
                while byStage.count <= stage { byStage.append(nil) }
                byStage[stage] = newValue
            }
        }
    }

    private func route(_ probe: ProbeRequest, through server: VirtualServer, pathSelections: inout PathSelections) -> [EffectiveRoute] {
        let evaluator = RequestEvaluator(probe: probe, lookups: configuration.lookups, cachesProgramRuns: configuration.hasRewritePrograms)
        var decisions: [String] = []
        var results: [EffectiveRoute] = []
        if pathSelections.path != probe.path { pathSelections = PathSelections(path: probe.path) }
        for (index, stage) in server.stages.enumerated() {
            let selection: Selection
            if stage.policy == .bestPrefixThenPatterns, let known = pathSelections[index] {
                selection = known
            } else {
                selection = select(in: stage, probe: probe, evaluator: evaluator)
                if stage.policy == .bestPrefixThenPatterns { pathSelections[index] = selection }
            }
            if server.stages.count > 1 { note(&decisions, "stage \(index + 1):") }
            // Only when there are some: appending an empty list to an empty one still made it unique, 400 instructions a probe.
            if !selection.decisions.isEmpty { decisions += selection.decisions }
            for candidate in selection.candidates {
                var refinedDecisions = decisions
                for refined in refine(candidate, evaluator: evaluator, decisions: &refinedDecisions) {
                    results.append(effectiveRoute(probe, refined.route, uncertain: refined.uncertain || selection.candidates.count > 1,
                                                  decisions: refinedDecisions, outmatched: selection.outmatched, evaluator: evaluator))
                }
            }
            if selection.candidates.contains(where: { !$0.uncertain }) { break }
        }
        return results
    }

    // MARK: - Selection

    /// Follows a chosen route's refinements: the first whose condition holds takes over; one that
    /// cannot be evaluated makes both outcomes possible.
    private func refine(_ candidate: Candidate, evaluator: RequestEvaluator, decisions: inout [String]) -> [Candidate] {
        var current = candidate
        var possible: [Candidate] = []
        var hops = 0
        outer: while !current.route.refinements.isEmpty, hops < 8 {
            hops += 1
            for entry in current.route.refinements {
                switch evaluator.evaluate(entry.condition) {
                case .some(true):
                    note(&decisions, "\(entry.route.label): condition holds, takes over from \(current.route.label)")
                    current = Candidate(route: entry.route, uncertain: current.uncertain)
                    continue outer
                case .some(false):
                    note(&decisions, "\(entry.route.label): condition does not hold")
                case .none:
                    note(&decisions, "\(entry.route.label): condition cannot be evaluated, counted as possible")
                    possible.append(Candidate(route: entry.route, uncertain: true))
                }
            }
            break
        }
        if !possible.isEmpty { current.uncertain = true }
        return [current] + possible
    }

    struct Candidate {
        var route: Route
        var uncertain: Bool
    }

    struct Selection {
        var candidates: [Candidate] = []
        var decisions: [String] = []
        var outmatched: [Route] = []
    }

    private func select(in table: RouteTable, probe: ProbeRequest, evaluator: RequestEvaluator) -> Selection {
        var selection: Selection
        switch table.policy {
        case .bestPrefixThenPatterns:
            selection = Selection()
            let found = findBestPrefixThenPatterns(table, path: probe.path, decisions: &selection.decisions)
            if let found {
                selection.candidates = [Candidate(route: found.route, uncertain: found.uncertain)]
            }
            var all: [Route] = []
            collectMatching(table, path: probe.path, into: &all)
            selection.outmatched = all.filter { route in !selection.candidates.contains { $0.route.declaration == route.declaration } }
        case .firstMatch, .lastMatch:
            selection = selectInOrder(table, probe: probe, evaluator: evaluator, last: table.policy == .lastMatch)
        }
        if selection.candidates.isEmpty || selection.candidates.allSatisfy(\.uncertain), let fallback = table.fallback {
            note(&selection.decisions, "no entry matched for certain: fallback \(fallback.label)")
            selection.candidates.append(Candidate(route: fallback, uncertain: !selection.candidates.isEmpty))
        }
        return selection
    }

    private func selectInOrder(_ table: RouteTable, probe: ProbeRequest, evaluator: RequestEvaluator, last: Bool) -> Selection {
        var selection = Selection()
        var winner: Route?
        for entry in table.entries {
            guard let pathHit = matches(entry.matcher, probe.path) else {
                note(&selection.decisions, "\(entry.route.label): path pattern cannot be evaluated, counted as possible")
                selection.candidates.append(Candidate(route: entry.route, uncertain: true))
                continue
            }
            guard pathHit else { continue }
            switch evaluator.evaluate(entry.condition) {
            case .some(true):
                if winner != nil, !last {
                    selection.outmatched.append(entry.route)
                    continue
                }
                if let previous = winner { selection.outmatched.append(previous) }
                winner = entry.route
                note(&selection.decisions, "\(entry.route.label): matches")
            case .some(false):
                note(&selection.decisions, "\(entry.route.label): condition false for this request")
            case .none:
                if winner == nil || last {
                    note(&selection.decisions, "\(entry.route.label): condition cannot be evaluated, counted as possible")
                    selection.candidates.append(Candidate(route: entry.route, uncertain: true))
                }
            }
        }
        if let winner {
            selection.candidates.append(Candidate(route: winner, uncertain: false))
        }
        return selection
    }

    private struct Found {
        var route: Route
        var byExactOrPattern: Bool
        var uncertain: Bool
    }

    /// The location search of `bestPrefixThenPatterns`, including nested tables.
    private func findBestPrefixThenPatterns(_ table: RouteTable, path: String, decisions: inout [String]) -> Found? {
        // By index, keeping the best one's index: a loop over the entries copied each of them.
        let entries = table.entries
        var bestIndex: Int?
        var bestLength = -1
        for index in entries.indices {
            switch entries[index].matcher {
            case .exact(let s) where s == path:
                note(&decisions, "\(entries[index].route.label): exact match, search ends")
                return Found(route: entries[index].route, byExactOrPattern: true, uncertain: false)
            case .prefix(let s, _) where path.hasBytePrefix(s) && s.utf8.count > bestLength:
                bestIndex = index
                bestLength = s.utf8.count
            case .segmentPrefix(let s) where PathMatching.segmentPrefix(s, matches: path) && s.utf8.count > bestLength:
                bestIndex = index
                bestLength = s.utf8.count
            case .any where bestLength < 0:
                bestIndex = index
                bestLength = 0
            default:
                break
            }
        }
        var current: Found?
        var patternsDisabled = false
        if let bestIndex {
            let best = entries[bestIndex]
            note(&decisions, "\(best.route.label): longest matching prefix")
            current = Found(route: best.route, byExactOrPattern: false, uncertain: false)
            if case .prefix(_, let disables) = best.matcher, disables {
                patternsDisabled = true
                note(&decisions, "\(best.route.label): the prefix stops the search for patterns")
            }
            if let nested = best.nested {
                if let inner = findBestPrefixThenPatterns(nested, path: path, decisions: &decisions) {
                    if inner.byExactOrPattern { return inner }
                    current = inner
                }
            }
        }
        if !patternsDisabled {
            for entry in table.entries {
                guard case .pattern(let pattern) = entry.matcher else { continue }
                switch pattern.matches(path) {
                case .some(true):
                    note(&decisions, "\(entry.route.label): first matching pattern, wins")
                    if let nested = entry.nested,
                       let inner = findBestPrefixThenPatterns(nested, path: path, decisions: &decisions) {
                        return Found(route: inner.route, byExactOrPattern: true, uncertain: inner.uncertain)
                    }
                    return Found(route: entry.route, byExactOrPattern: true, uncertain: false)
                case .some(false):
                    note(&decisions, "\(entry.route.label): pattern does not match")
                case .none:
                    note(&decisions, "\(entry.route.label): pattern cannot be evaluated here; assumed not to match")
                }
            }
        }
        return current
    }

    private func collectMatching(_ table: RouteTable, path: String, into result: inout [Route]) {
        let entries = table.entries
        for index in entries.indices {
            if matches(entries[index].matcher, path) == true { result.append(entries[index].route) }
            if let nested = entries[index].nested { collectMatching(nested, path: path, into: &result) }
        }
    }

    private func matches(_ matcher: PathMatcher, _ path: String) -> Bool? {
        switch matcher {
        case .any: return true
        case .exact(let s): return s == path
        case .prefix(let s, _): return path.hasBytePrefix(s)
        case .segmentPrefix(let s): return PathMatching.segmentPrefix(s, matches: path)
        case .pattern(let p): return p.matches(path)
        }
    }

    // MARK: - What the backend receives

    private func effectiveRoute(_ probe: ProbeRequest, _ route: Route, uncertain: Bool, decisions: [String],
                                outmatched: [Route], evaluator: RequestEvaluator) -> EffectiveRoute {
        var forwardedPath: String? = probe.path
        var headers = HopHeaders()
        if let target = route.proxyTarget {
            for rewrite in target.pathRewrites {
                switch evaluator.evaluate(rewrite.condition) {
                case .some(true): forwardedPath = forwardedPath.flatMap { PathMatching.apply(rewrite.operation, to: $0) }
                case .some(false): continue
                // Whether the rewrite applies cannot be told: neither path is certain.
                case .none: forwardedPath = nil
                }
            }
            if target.headers.forwardsClientUpgrade.value {
                for name in ["upgrade", "connection"] {
                    if let value = probe.header(name) { headers[name] = ForwardedHeader(passedThrough: value) }
                }
            }
            // Fields read in place: a copy of each assignment retained and released its five references.
            let assignments = target.headers.assignments
            for index in assignments.indices {
                guard let name = assignments[index].hopByHop?.rawValue else { continue }
                let applies = evaluator.evaluate(assignments[index].condition)
                if applies == false { continue }
                let value = applies == nil ? nil : evaluator.evaluate(assignments[index].value)
                if value == "" {
                    // An empty value removes the header.
                    headers[name] = ForwardedHeader(value: "", assignedBy: target, at: index)
                } else {
                    headers[name] = ForwardedHeader(value: value, assignedBy: target, at: index)
                }
            }
        }
        return EffectiveRoute(probe: probe, route: route, uncertain: uncertain, decisions: decisions, outmatched: outmatched,
                              forwardedPath: forwardedPath, forwardedHopHeaders: headers)
    }
}
