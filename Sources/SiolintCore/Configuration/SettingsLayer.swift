/// Settings as one source gives them (a configuration file, or the command line): `nil` or empty
/// means "not said here". Layers are merged with `overlaid(by:)`, flags over file, and then turned
/// into `LintOptions` by `apply(to:)`. Both steps are pure.
public struct SettingsLayer: Sendable, Hashable {
    public var pingInterval: Duration?
    public var pingTimeout: Duration?
    public var path: String?
    public var maxHTTPBufferSize: Int64?
    public var transports: Set<SocketIOSettings.Transport>?
    public var nginxVersion: SoftwareVersion?
    public var apacheVersion: SoftwareVersion?
    public var haproxyVersion: SoftwareVersion?
    public var dialect: ServerKind?
    /// Rule ids to report (replaces the lower layer's selection).
    public var select: [String]?
    /// Rule ids not to report (added to the lower layer's).
    public var ignore: [String] = []
    /// Per-rule levels (per id, the upper layer wins).
    public var levels: [String: Severity] = [:]
    /// Lowest level reported.
    public var severity: Severity?
    public var failOn: FailThreshold?
    /// Deployed directories standing for local ones (added to the lower layer's; the longest prefix wins).
    public var includePaths: [IncludePathMapping] = []
    public var inlineSuppressions: Bool?

    public init() {}

    /// This layer with `upper`'s settings taking precedence.
    public func overlaid(by upper: SettingsLayer) -> SettingsLayer {
        var m = self
        m.pingInterval = upper.pingInterval ?? pingInterval
        m.pingTimeout = upper.pingTimeout ?? pingTimeout
        m.path = upper.path ?? path
        m.maxHTTPBufferSize = upper.maxHTTPBufferSize ?? maxHTTPBufferSize
        m.transports = upper.transports ?? transports
        m.nginxVersion = upper.nginxVersion ?? nginxVersion
        m.apacheVersion = upper.apacheVersion ?? apacheVersion
        m.haproxyVersion = upper.haproxyVersion ?? haproxyVersion
        m.dialect = upper.dialect ?? dialect
        m.select = upper.select ?? select
        m.ignore = ignore + upper.ignore.filter { !ignore.contains($0) }
        m.levels = levels.merging(upper.levels) { _, new in new }
        m.severity = upper.severity ?? severity
        m.failOn = upper.failOn ?? failOn
        m.includePaths = upper.includePaths + includePaths.filter { mine in !upper.includePaths.contains { $0.deployed == mine.deployed } }
        m.inlineSuppressions = upper.inlineSuppressions ?? inlineSuppressions
        return m
    }

    /// `options` with every setting of this layer written into it.
    public func apply(to options: LintOptions) -> LintOptions {
        var o = options
        if let v = pingInterval { o.socketIO.pingInterval = v }
        if let v = pingTimeout { o.socketIO.pingTimeout = v }
        if let v = path { o.socketIO.path = SocketIOSettings.normalize(path: v) }
        if let v = maxHTTPBufferSize { o.socketIO.maxHTTPBufferSize = v }
        if let v = transports { o.socketIO.transports = v }
        if let v = nginxVersion { o.versions.nginx = v }
        if let v = apacheVersion { o.versions.apache = v }
        if let v = haproxyVersion { o.versions.haproxy = v }
        if let v = dialect { o.dialect = v }
        if let v = select { o.rules.select = Set(v) }
        o.rules.ignore.formUnion(ignore)
        o.rules.levels.merge(levels) { _, new in new }
        if let v = severity { o.rules.minimumSeverity = v }
        if let v = failOn { o.rules.failOn = v.severity }
        o.includePaths = includePaths + o.includePaths.filter { mine in !includePaths.contains { $0.deployed == mine.deployed } }
        if let v = inlineSuppressions { o.inlineSuppressions = v }
        return o
    }
}
