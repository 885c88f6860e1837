/// What a dialect provides: reading its configuration files and building the common model.
public protocol DialectFrontend: Sendable {
    static var server: ServerKind { get }
    /// Reads the configuration made of the given files (absolute paths; several files form one
    /// configuration where the server allows it) and builds the model. The model is `nil` when
    /// syntax problems make it meaningless.
    static func load(_ paths: [String], provider: FileProvider, options: LintOptions) -> LoadedConfiguration
    /// True when several input files are read together as one configuration (HAProxy's
    /// `-f a.cfg -f b.cfg`), false when each file is a configuration of its own (nginx, Apache).
    static var filesFormOneConfiguration: Bool { get }
}

extension DialectFrontend {
    public static var filesFormOneConfiguration: Bool { false }
}

/// A configuration as a dialect read it.
public struct LoadedConfiguration: Sendable {
    public var parsed: ParsedConfiguration
    public var model: ProxyConfiguration?
    /// What the loader decided that users should be able to see in `trace` (inferred context, assumptions).
    public var notes: [String]
    /// How long the dialect's own stages took, when `LintOptions.measuresStages` is on.
    public var stageTimes: [StageTime]

    public init(parsed: ParsedConfiguration, model: ProxyConfiguration?, notes: [String] = [], stageTimes: [StageTime] = []) {
        self.parsed = parsed
        self.model = model
        self.notes = notes
        self.stageTimes = stageTimes
    }
}

/// The frontends siolint knows.
public enum Dialects {
    public static func frontend(for server: ServerKind) -> (any DialectFrontend.Type)? {
        switch server {
        case .nginx: return NginxFrontend.self
        case .apache: return ApacheFrontend.self
        case .haproxy: return HAProxyFrontend.self
        }
    }
}
