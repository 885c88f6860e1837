/// Everything a reporter may show about a run: the findings to print (suppressed ones only with
/// `--include-suppressed`, each then carrying its `suppression`), the files read, the inputs that
/// could not be linted, and the exit status the run ends with.
public struct LintReport: Sendable {
    /// In output order.
    public var findings: [Finding]
    /// Every file read, by display path.
    public var sources: [String: SourceFile]
    /// Inputs that could not be linted (unreadable, unsupported), one message each.
    public var failures: [String]
    /// How many inputs were given.
    public var inputCount: Int
    public var exitCode: Int32
    /// Whether suppressed findings are part of `findings` (then every format marks them).
    public var includesSuppressed: Bool
    public var paths: RepositoryPaths

    public init(findings: [Finding], sources: [String: SourceFile], failures: [String], inputCount: Int, exitCode: Int32,
                includesSuppressed: Bool, paths: RepositoryPaths) {
        self.findings = findings
        self.sources = sources
        self.failures = failures
        self.inputCount = inputCount
        self.exitCode = exitCode
        self.includesSuppressed = includesSuppressed
        self.paths = paths
    }

    /// The findings that count (not suppressed).
    public var activeFindings: [Finding] { findings.filter { $0.suppression == nil } }

    /// The stable identity of a finding across runs: rule, repository path, the content of its
    /// line (GitHub's line hash, so it survives lines moving), column and message.
    public func fingerprint(_ finding: Finding, lineHashes: inout LineHashCache) -> String {
        let start = finding.range.start
        let hash = lineHashes.hash(file: sources[start.file], line: start.line) ?? "line\(start.line)"
        return StableHash.hex("\(finding.ruleID)\u{0}\(paths.reportPath(start.file))\u{0}\(hash)\u{0}\(start.column)\u{0}\(finding.message)")
    }
}

/// Paths as CI systems want them: relative to the repository root, with forward slashes.
public struct RepositoryPaths: Sendable {
    /// Where display paths are relative to.
    public var workingDirectory: String
    /// The repository root (the nearest directory holding `.git`), or the working directory.
    public var root: String

    public init(workingDirectory: String, root: String) {
        self.workingDirectory = PathUtilities.normalize(workingDirectory)
        self.root = PathUtilities.normalize(root)
    }

    /// Walks up from the working directory to the directory holding `.git`.
    public static func discover(workingDirectory: String, provider: FileProvider) -> RepositoryPaths {
        var directory = PathUtilities.normalize(workingDirectory)
        while true {
            let git = (directory == "/" ? "" : directory) + "/.git"
            if provider.exists(git, directory: true) || provider.exists(git, directory: false) {
                return RepositoryPaths(workingDirectory: workingDirectory, root: directory)
            }
            if directory == "/" { return RepositoryPaths(workingDirectory: workingDirectory, root: workingDirectory) }
            directory = PathUtilities.directory(of: directory)
        }
    }

    /// The path relative to the repository root, or `nil` when the file lies outside it.
    public func repositoryRelative(_ displayPath: String) -> String? {
        let absolute = PathUtilities.absolute(displayPath, base: workingDirectory)
        if root == "/" { return String(absolute.dropFirst()) }
        let prefix = root + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : nil
    }

    /// The repository-relative path, or the absolute path for files outside the repository.
    public func reportPath(_ displayPath: String) -> String {
        repositoryRelative(displayPath) ?? PathUtilities.absolute(displayPath, base: workingDirectory)
    }
}

/// A 128-bit FNV-1a digest as 32 hex digits: stable across runs and platforms, for fingerprints
/// (not for security).
enum StableHash {
    static func hex(_ text: String) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in text.utf8 {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = b ^ (b >> 29)
        }
        return hex16(a) + hex16(b)
    }

    private static func hex16(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
