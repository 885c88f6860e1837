/// The heartbeat thresholds both timeout rules apply: a limit at or below pingInterval cuts
/// healthy sessions (error); one below pingInterval + pingTimeout is what Socket.IO's docs warn
/// against (warning).
enum TimeoutThresholds {
    static func severity(of limit: Duration, _ socketIO: SocketIOSettings) -> Severity? {
        if limit <= socketIO.pingInterval { return .error }
        if limit < socketIO.heartbeatDeadline { return .warning }
        return nil
    }

    /// "`proxy_read_timeout 20s`" or "the default proxy_read_timeout 60s".
    static func describe(_ setting: Setting<TimeLimit>) -> String {
        switch setting.provenance {
        case .directive(let reference, let level):
            return "`\(reference.text)`" + (level.map { " (inherited from \($0))" } ?? "")
        case .defaultValue(let description, _, _):
            return "the default \(description)"
        case .combined(let description, _):
            return description
        }
    }

    /// A related location for the group's queue timeout, when one is written: users often take
    /// it for the backend timeout (Apache `ProxySet timeout=` on a balancer).
    static func queueTimeoutNote(_ route: Route, _ context: RuleContext) -> [RelatedLocation] {
        guard let group = context.upstream(of: route), let queue = group.queueTimeout, let directive = queue.provenance.directive else { return [] }
        return [RelatedLocation(directive.range, "`\(directive.text)`: this timeout (\(queue.value)) is how long a request may wait for a free server of \(group.name), not a timeout on the backend connection")]
    }
}
