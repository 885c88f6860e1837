/// Everything that shapes one lint run, independent of where it came from (flags or config file).
public struct LintOptions: Sendable {
    public var socketIO = SocketIOSettings()
    public var versions = TargetVersions()
    /// Force a dialect for every input; `nil` detects it per input.
    public var dialect: ServerKind?
    /// Record why each route was chosen (for `siolint trace`); costs time, so off by default.
    public var recordsDecisions = false
    /// Time each stage of the lint (`--timings`); off by default, when no clock is read.
    public var measuresStages = false
    /// nginx: the directory relative includes resolve against (default: the main file's directory).
    public var nginxPrefix: String?
    /// nginx: the context of the main file (`main`, `http`, `server`, `location`); inferred when `nil`.
    public var nginxContext: String?
    /// Apache: ServerRoot override.
    public var apacheServerRoot: String?
    /// Apache: modules known to be loaded (identifiers like `proxy_module`), when not all are in the config.
    public var apacheModules: [String]?
    /// Names defined for Apache `<IfDefine>` (`-D`) and HAProxy `.if defined()`, with values for HAProxy.
    public var defines: [String: String] = [:]
    /// What is reported, at which level, and what fails the run.
    public var rules = RulePolicy()
    /// Whether `# siolint disable…` comments are honoured (`--no-inline-suppressions` turns them off).
    public var inlineSuppressions = true
    /// Deployed directories read from local ones (`/etc/nginx/` → `deploy/nginx/`), for every include.
    public var includePaths: [IncludePathMapping] = []

    public init() {}
}
