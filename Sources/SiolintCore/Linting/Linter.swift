import Foundation

/// One configuration to lint: its files (several for HAProxy's `-f a -f b`), or standard input.
public struct LintInput: Sendable {
    /// Absolute paths.
    public var paths: [String]
    /// Contents given directly (standard input), with the name to show.
    public var contents: [UInt8]?

    public init(paths: [String], contents: [UInt8]? = nil) {
        self.paths = paths
        self.contents = contents
    }
}

/// The outcome of linting one configuration.
public struct ConfigurationReport: Sendable {
    public var input: LintInput
    public var server: ServerKind?
    /// The configuration as read: its files, comments, problems, notes and model. The syntax tree
    /// (`parsed.directives`) is empty: the linter releases it once the model is built
    /// (`SyntaxTreeDumper` reads a configuration's tree on its own).
    public var loaded: LoadedConfiguration?
    public var probes: [VirtualServerProbes]
    /// Reported findings (after suppressions and the rule policy).
    public var findings: [Finding]
    /// Why the input could not be linted at all (exit 2).
    public var failure: String?
    /// Findings silenced by `# siolint disable…` comments (shown only with `--include-suppressed`).
    public var suppressed: [Finding] = []
    /// Whether a reported finding is at or above the fail-on level of this input's options.
    public var failing = false
    /// How long each stage took, in the order they ran; empty unless `LintOptions.measuresStages`.
    public var stageTimes: [StageTime] = []
}

/// The outcome of a whole run.
public struct LintResult: Sendable {
    public var reports: [ConfigurationReport]

    public init(reports: [ConfigurationReport]) { self.reports = reports }

    /// Every finding, in output order.
    public var findings: [Finding] { reports.flatMap(\.findings).sorted(by: Finding.ordered) }
    /// Every suppressed finding, in output order.
    public var suppressedFindings: [Finding] { reports.flatMap(\.suppressed).sorted(by: Finding.ordered) }
    /// Whether any input has a finding that fails the run.
    public var failing: Bool { reports.contains(where: \.failing) }
    /// Every file read, by display path (for source excerpts).
    public var sources: [String: SourceFile] {
        var map: [String: SourceFile] = [:]
        for report in reports { for file in report.loaded?.parsed.files ?? [] { map[file.path] = file } }
        return map
    }
    public var failures: [String] { reports.compactMap(\.failure) }
}

/// Files → dialect → parse → model → route the probes → rules → findings. Pure apart from reading
/// the inputs through the provider.
public enum Linter {
    public static func lint(_ inputs: [LintInput], options: LintOptions, provider: FileProvider) -> LintResult {
        lint(inputs, options: Array(repeating: options, count: inputs.count), provider: provider)
    }

    /// Lints each input with its own options (each may have its own configuration file).
    public static func lint(_ inputs: [LintInput], options: [LintOptions], provider: FileProvider) -> LintResult {
        precondition(inputs.count == options.count)
        let slots = ReportSlots(count: inputs.count)
        LargeStack.forEach(inputs.count, threads: LargeStack.threadsForIndependentWork) { index in
            slots.store(lintOnThisThread(inputs[index], options: options[index], provider: provider), at: index)
        }
        return LintResult(reports: slots.reports)
    }

    public static func lint(_ input: LintInput, options: LintOptions, provider: FileProvider) -> ConfigurationReport {
        LargeStack.run { lintOnThisThread(input, options: options, provider: provider) }
    }

    private static func lintOnThisThread(_ input: LintInput, options: LintOptions, provider: FileProvider) -> ConfigurationReport {
        var timer = StageTimer(enabled: options.measuresStages)
        var provider = provider
        if let contents = input.contents, let path = input.paths.first, let disk = provider as? DiskFileProvider {
            // Includes of standard input still come from the disk.
            provider = OverlayFileProvider(overlay: InMemoryFileProvider(files: [path: contents], workingDirectory: disk.workingDirectory), base: disk)
        }
        if !options.includePaths.isEmpty {
            provider = MappedFileProvider(base: provider, mappings: options.includePaths)
        }
        provider = ReadOnceFileProvider(base: provider)
        guard let first = input.paths.first else {
            return ConfigurationReport(input: input, server: nil, loaded: nil, probes: [], findings: [], failure: "no input")
        }
        let bytes: [UInt8]
        switch provider.read(first) {
        case .failure(let failure):
            return ConfigurationReport(input: input, server: nil, loaded: nil, probes: [], findings: [],
                                       failure: "\(provider.displayPath(failure.path)): \(failure.reason)")
        case .success(let b):
            bytes = b
        }
        // nginx is what a bare `siolint site.conf` most often means.
        let server = options.dialect ?? DialectDetector.detect(path: first, bytes: bytes) ?? .nginx
        guard let frontend = Dialects.frontend(for: server) else {
            return ConfigurationReport(input: input, server: server, loaded: nil, probes: [], findings: [],
                                       failure: "\(provider.displayPath(first)): \(server.displayName) configurations are not supported yet")
        }
        timer.finish("read")
        var loaded = frontend.load(input.paths, provider: provider, options: options)
        timer.finish(timedElsewhere: loaded.stageTimes)
        let collected = options.inlineSuppressions ? SuppressionApplier.collect(loaded.parsed) : nil
        timer.finish("comments")
        // Past this point only the model, the files and the comments are read. The syntax tree is
        // most of a large configuration's memory: what the model does not hold (nginx's lazily
        // resolved locations hold their blocks) is released now, and routing reuses the memory.
        loaded.parsed.directives = []
        var findings = loaded.parsed.problems.map { problem -> Finding in
            switch problem.kind {
            case .includeNotFound: return IncludeNotFoundRule.finding(for: problem, server: server)
            case .syntax, .includeCycle: return ConfigSyntaxErrorRule.finding(for: problem, server: server)
            case .unknownDirective: return UnknownDirectiveRule.finding(for: problem, server: server)
            }
        }
        var probes: [VirtualServerProbes] = []
        if let model = loaded.model {
            probes = ProbeRouter(configuration: model, settings: options.socketIO, recordsDecisions: options.recordsDecisions).routeAll()
            timer.finish("route")
            let context = RuleContext(configuration: model, probes: probes, socketIO: options.socketIO, versions: options.versions)
            timer.finish("rule context")
            for rule in RuleCatalog.modelRules {
                findings += rule.init().check(context)
                timer.finish(rule.description.id)
            }
        }
        var suppressed: [Finding] = []
        if let collected {
            let outcome = SuppressionApplier.apply(findings, collected: collected, server: server, checkUnused: loaded.model != nil)
            findings = outcome.findings
            suppressed = options.rules.apply(outcome.suppressed)
        }
        findings = options.rules.apply(findings)
        findings.sort(by: Finding.ordered)
        timer.finish("suppressions")
        return ConfigurationReport(input: input, server: server, loaded: loaded, probes: probes, findings: findings, failure: nil,
                                   suppressed: suppressed, failing: findings.contains(where: options.rules.fails), stageTimes: timer.times)
    }
}

/// Reads from an in-memory overlay first, then from a base provider.
struct OverlayFileProvider: FileProvider {
    let overlay: InMemoryFileProvider
    let base: DiskFileProvider

    func read(_ path: String) -> Result<[UInt8], ReadFailure> {
        if let bytes = overlay.files[path] { return .success(bytes) }
        return base.read(path)
    }
    func exists(_ path: String, directory: Bool) -> Bool { overlay.exists(path, directory: directory) || base.exists(path, directory: directory) }
    func glob(_ pattern: String) -> [String] { Array(Set(overlay.glob(pattern) + base.glob(pattern))).sorted() }
    func filesUnder(_ directory: String) -> [String] { Array(Set(overlay.filesUnder(directory) + base.filesUnder(directory))).sorted() }
    func displayPath(_ path: String) -> String { base.displayPath(path) }
}

/// Result slots filled from several threads, one slot per input.
private final class ReportSlots: @unchecked Sendable {
    // Guarded by `lock`; each index is written once.
    private var slots: [ConfigurationReport?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ report: ConfigurationReport, at index: Int) {
        lock.lock()
        slots[index] = report
        lock.unlock()
    }

    var reports: [ConfigurationReport] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}
