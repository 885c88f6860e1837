import Foundation

/// A parsed command line. Parsing is pure so it can be tested; the executable only prints and exits.
public struct Invocation: Sendable {
    public enum Command: Sendable, Equatable {
        case lint
        case trace
        case rules
        case explain(String)
        case help
        case version
    }

    public enum ColorChoice: String, Sendable {
        case auto, always, never
    }

    public var command: Command = .lint
    public var paths: [String] = []
    public var stdinFilename: String?
    public var format: OutputFormat = .text
    public var color: ColorChoice = .auto
    /// Options only the command line sets (dialect loading details); see `lintOptions(file:)`.
    public var options = LintOptions()
    /// Settings given as flags; they override the configuration file's.
    public var overrides = SettingsLayer()
    /// `--output FILE`: the report goes there instead of standard output.
    public var output: String?
    /// `--sarif-output FILE`: SARIF goes there as well.
    public var sarifOutput: String?
    /// `--include-suppressed`: show suppressed findings, marked.
    public var includeSuppressed = false
    /// `--config FILE` / `--no-config`; discovered per input otherwise.
    public var configFile: String?
    public var noConfig = false
    /// `--timings`: after the report, how long each stage took, on standard error.
    public var timings = false

    /// The options for one input: flags over its configuration file.
    public func lintOptions(file: SettingsLayer?) -> LintOptions {
        ConfigurationResolver.merge(file: file, flags: overrides, base: options)
    }

    public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
        public init(_ d: String) { description = d }
    }

    public init() {}

    /// Parses arguments (without the program name).
    public static func parse(_ arguments: [String]) throws(UsageError) -> Invocation {
        var inv = Invocation()
        var args = arguments[...]
        if let first = args.first {
            switch first {
            case "trace": inv.command = .trace; args = args.dropFirst()
            case "rules": inv.command = .rules; args = args.dropFirst()
            case "explain":
                args = args.dropFirst()
                guard let id = args.first, !id.hasPrefix("-") else { throw UsageError("explain needs a rule id, e.g. `siolint explain SIO101`") }
                inv.command = .explain(id)
                args = args.dropFirst()
            default: break
            }
        }
        func value(_ flag: String) throws(UsageError) -> String {
            guard let v = args.first else { throw UsageError("\(flag) needs a value") }
            args = args.dropFirst()
            return v
        }
        var onlyPaths = false
        while let arg = args.first {
            args = args.dropFirst()
            if onlyPaths || arg == "-" || !arg.hasPrefix("-") {
                inv.paths.append(arg)
                continue
            }
            var flag = arg
            if let eq = arg.firstIndex(of: "="), arg.hasPrefix("--") {
                flag = String(arg[..<eq])
                args = [String(arg[arg.index(after: eq)...])] + args
            }
            switch flag {
            case "--": onlyPaths = true
            case "-h", "--help": inv.command = .help
            case "-V", "--version": inv.command = .version
            case "-f", "--format":
                let v = try value(flag)
                guard let f = OutputFormat(rawValue: v) else {
                    throw UsageError("unknown format \"\(v)\" (\(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                inv.format = f
            case "--color":
                let v = try value(flag)
                guard let c = ColorChoice(rawValue: v) else { throw UsageError("--color takes auto, always or never") }
                inv.color = c
            case "--no-color": inv.color = .never
            case "--fail-on":
                guard let t = FailThreshold(try value(flag)) else { throw UsageError("--fail-on takes error, warning, info or none") }
                inv.overrides.failOn = t
            case "--exit-zero": inv.overrides.failOn = .never
            case "--severity":
                guard let s = Severity(rawValue: try value(flag)) else { throw UsageError("--severity takes error, warning or info") }
                inv.overrides.severity = s
            case "--select": inv.overrides.select = (inv.overrides.select ?? []) + (try ruleIDs(try value(flag), flag))
            case "--ignore": inv.overrides.ignore += try ruleIDs(try value(flag), flag)
            case "--level":
                let v = try value(flag)
                guard let eq = v.firstIndex(of: "="), let level = Severity(rawValue: String(v[v.index(after: eq)...])) else {
                    throw UsageError("--level takes ID=LEVEL, e.g. SIO103=error (levels: error, warning, info)")
                }
                for id in try ruleIDs(String(v[..<eq]), flag) { inv.overrides.levels[id] = level }
            case "-o", "--output": inv.output = try value(flag)
            case "--sarif-output": inv.sarifOutput = try value(flag)
            case "--include-suppressed": inv.includeSuppressed = true
            case "--no-inline-suppressions": inv.overrides.inlineSuppressions = false
            case "--config": inv.configFile = try value(flag)
            case "--no-config": inv.noConfig = true
            case "--timings": inv.timings = true
            case "--dialect":
                let v = try value(flag)
                if v == "auto" { inv.overrides.dialect = nil } else {
                    guard let d = ServerKind(rawValue: v) else { throw UsageError("--dialect takes auto, nginx, apache or haproxy") }
                    inv.overrides.dialect = d
                }
            case "--stdin-filename": inv.stdinFilename = try value(flag)
            case "--ping-interval": inv.overrides.pingInterval = try duration(try value(flag), flag)
            case "--ping-timeout": inv.overrides.pingTimeout = try duration(try value(flag), flag)
            case "--path":
                let v = try value(flag)
                guard !v.isEmpty, !v.contains("?") else { throw UsageError("--path takes a path such as /socket.io/") }
                inv.overrides.path = SocketIOSettings.normalize(path: v)
            case "--max-http-buffer-size":
                let v = try value(flag)
                guard let n = Double(v), n >= 0, n < 9e18, n == n.rounded() else { throw UsageError("--max-http-buffer-size takes a number of bytes (e.g. 1e6)") }
                inv.overrides.maxHTTPBufferSize = Int64(n)
            case "--transports":
                let v = try value(flag)
                var set = Set<SocketIOSettings.Transport>()
                for part in v.split(separator: ",") {
                    guard let t = SocketIOSettings.Transport(rawValue: part.trimmingCharacters(in: .whitespaces)) else {
                        throw UsageError("--transports takes polling, websocket or both (polling,websocket)")
                    }
                    set.insert(t)
                }
                guard !set.isEmpty else { throw UsageError("--transports needs at least one transport") }
                inv.overrides.transports = set
            case "--nginx-version": inv.overrides.nginxVersion = try version(try value(flag), flag)
            case "--apache-version": inv.overrides.apacheVersion = try version(try value(flag), flag)
            case "--haproxy-version": inv.overrides.haproxyVersion = try version(try value(flag), flag)
            case "--prefix": inv.options.nginxPrefix = try absolute(try value(flag))
            case "--context":
                let v = try value(flag)
                guard ["main", "http", "server", "location"].contains(v) else { throw UsageError("--context takes main, http, server or location") }
                inv.options.nginxContext = v
            case "--server-root": inv.options.apacheServerRoot = try absolute(try value(flag))
            case "--apache-modules":
                inv.options.apacheModules = try value(flag).split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            case "-D", "--define":
                let v = try value(flag)
                if let eq = v.firstIndex(of: "=") {
                    inv.options.defines[String(v[..<eq])] = String(v[v.index(after: eq)...])
                } else {
                    inv.options.defines[v] = ""
                }
            default:
                throw UsageError("unknown option \(arg); see `siolint --help`")
            }
        }
        if inv.command == .lint || inv.command == .trace, inv.paths.isEmpty {
            throw UsageError("no input: give a configuration file, a directory, or - for standard input")
        }
        if inv.command == .rules, inv.format != .text, inv.format != .json {
            throw UsageError("`siolint rules` prints text or json")
        }
        if inv.configFile != nil, inv.noConfig {
            throw UsageError("--config and --no-config exclude each other")
        }
        if inv.includeSuppressed, inv.overrides.inlineSuppressions == false {
            throw UsageError("--include-suppressed has nothing to show with --no-inline-suppressions")
        }
        return inv
    }

    /// Rule ids or names, comma-separated, as ids; an unknown one is a usage error.
    static func ruleIDs(_ text: String, _ flag: String) throws(UsageError) -> [String] {
        var ids: [String] = []
        for part in text.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let rule = RuleCatalog.description(id: name.uppercased()) ?? RuleCatalog.description(id: name.lowercased()) else {
                throw UsageError("\(flag): unknown rule \"\(name)\"; see `siolint rules`")
            }
            ids.append(rule.id)
        }
        guard !ids.isEmpty else { throw UsageError("\(flag) needs rule ids, e.g. SIO101,SIO202") }
        return ids
    }

    /// `45s`, `1500ms`, `2m`, or a bare number of milliseconds.
    public static func duration(_ text: String, _ flag: String) throws(UsageError) -> Duration {
        let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            let number = text.dropLast(suffix.count)
            if let n = Double(number), n >= 0, n * Double(factor) < 9e15 {
                return Duration(milliseconds: Int64((n * Double(factor)).rounded()))
            }
        }
        if let n = Int64(text), n >= 0 { return Duration(milliseconds: n) }
        throw UsageError("\(flag) takes a duration such as 25s, 1500ms, 1m or a number of milliseconds")
    }

    static func version(_ text: String, _ flag: String) throws(UsageError) -> SoftwareVersion {
        guard let v = SoftwareVersion(text) else { throw UsageError("\(flag) takes a version such as 1.22.1") }
        return v
    }

    static func absolute(_ path: String) throws(UsageError) -> String {
        PathUtilities.absolute(path, base: FileManager.default.currentDirectoryPath)
    }
}
