/// The heartbeat thresholds both timeout rules apply: a limit at or below pingInterval cuts
/// healthy sessions (error); one below pingInterval + pingTimeout is what Socket.IO's docs warn
/// against (warning).
enum TimeoutThresholds {
    static func severity(of limit: Duration, _ socketIO: SocketIOSettings) -> Severity? {
        if limit <= socketIO.pingInterval { return .error }
        if limit < socketIO.heartbeatDeadline { return .warning }
        return nil
    }

    /// Checks one timeout setting on every proxied route a probe kind takes.
    /// - Parameters:
    ///   - describe: the finding's message for a route, its limit, the setting, and the severity.
    ///   - unknown: the info message when the value cannot be evaluated.
    ///   - unlimitedByDefault: the info message when no directive sets a limit and the server's
    ///     default is none at all (HAProxy without `timeout client`/`server`, which it warns about
    ///     at start); a limit switched off explicitly is not reported.
    static func check<R: ModelRule>(_ rule: R, _ context: RuleContext, probe: ProbeRequest.Kind,
                                    setting: KeyPath<RouteSettings, Setting<TimeLimit>>,
                                    describe: (Route, Duration, Setting<TimeLimit>, Severity) -> String,
                                    unknown: (Route, String) -> String,
                                    unlimitedByDefault: (Route, Setting<TimeLimit>) -> String) -> [Finding] {
        context.proxiedRoutes(probe).compactMap { routed in
            let value = routed.route.settings[keyPath: setting]
            let at = value.reportRange(fallback: routed.route.declaration)
            switch value.value {
            case .after(let limit):
                guard let severity = severity(of: limit, context.socketIO) else { return nil }
                return rule.finding(describe(routed.route, limit, value, severity), at: at, severity: severity,
                                    related: queueTimeoutNote(routed.route, context), context: context)
            case .unknown(let expression):
                return rule.finding(unknown(routed.route, expression), at: at, severity: .info, context: context)
            case .unlimited:
                guard value.provenance.directive == nil else { return nil }
                return rule.finding(unlimitedByDefault(routed.route, value), at: at, severity: .info, context: context)
            }
        }
    }

    /// A related location for the group's queue timeout, when one is written: users often take
    /// it for the backend timeout (Apache `ProxySet timeout=` on a balancer).
    static func queueTimeoutNote(_ route: Route, _ context: RuleContext) -> [RelatedLocation] {
        guard let group = context.upstream(of: route), let queue = group.queueTimeout, let directive = queue.provenance.directive else { return [] }
        return [RelatedLocation(directive.range, "`\(directive.text)`: this timeout (\(queue.value)) is how long a request may wait for a free server of \(group.name), not a timeout on the backend connection")]
    }
}
