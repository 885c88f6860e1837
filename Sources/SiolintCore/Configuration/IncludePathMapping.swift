/// A deployed directory standing for a directory of the repository: includes written for
/// `/etc/nginx/` are read from `deploy/nginx/`.
public struct IncludePathMapping: Sendable, Hashable {
    /// Absolute deployed prefix, with a trailing slash: `/etc/nginx/`.
    public var deployed: String
    /// Absolute local directory, with a trailing slash.
    public var local: String

    public init(deployed: String, local: String) {
        self.deployed = IncludePathMapping.directory(deployed)
        self.local = IncludePathMapping.directory(local)
    }

    static func directory(_ path: String) -> String {
        let normalized = PathUtilities.normalize(path)
        return normalized.hasSuffix("/") ? normalized : normalized + "/"
    }

    /// The local path for a deployed one, when it lies under `deployed`.
    func map(_ path: String) -> String? {
        if path.hasPrefix(deployed) { return local + path.dropFirst(deployed.count) }
        if path + "/" == deployed { return String(local.dropLast()) }
        return nil
    }
}

/// A file provider that reads deployed paths from their mapped local directories, so every
/// dialect's include resolution follows the mappings without knowing about them.
struct MappedFileProvider: FileProvider {
    let base: FileProvider
    /// Longest deployed prefix first.
    let mappings: [IncludePathMapping]

    init(base: FileProvider, mappings: [IncludePathMapping]) {
        self.base = base
        self.mappings = mappings.sorted { ($0.deployed.count, $0.deployed) > ($1.deployed.count, $1.deployed) }
    }

    func local(_ path: String) -> String {
        for mapping in mappings { if let mapped = mapping.map(path) { return mapped } }
        return path
    }

    func read(_ path: String) -> Result<[UInt8], ReadFailure> {
        switch base.read(local(path)) {
        case .success(let bytes): return .success(bytes)
        case .failure(let failure): return .failure(ReadFailure(path: failure.path, reason: failure.reason))
        }
    }
    func exists(_ path: String, directory: Bool) -> Bool { base.exists(local(path), directory: directory) }
    // Matches come back as local paths, so reading and display need no further mapping.
    func glob(_ pattern: String) -> [String] { base.glob(local(pattern)) }
    func filesUnder(_ directory: String) -> [String] { base.filesUnder(local(directory)) }
    func displayPath(_ path: String) -> String { base.displayPath(local(path)) }
}
