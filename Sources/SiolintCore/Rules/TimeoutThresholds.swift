/// The heartbeat thresholds both timeout rules apply: a limit at or below pingInterval cuts
/// healthy sessions (error); one below pingInterval + pingTimeout is what Socket.IO's docs warn
/// against (warning).
enum TimeoutThresholds {
    static func severity(of limit: Duration, _ socketIO: SocketIOSettings) -> Severity? {
        if limit <= socketIO.pingInterval { return .error }
        if limit < socketIO.heartbeatDeadline { return .warning }
        return nil
    }
}
