/// Finds the configuration file for a linted file: the nearest `.siolint.json` walking up from
/// the file's directory, stopping at the repository root (the directory holding `.git`, a
/// directory or a worktree's file); else the user's `$XDG_CONFIG_HOME/siolint/config.json`
/// (`~/.config/siolint/config.json`). Only the file found is used; files are not merged.
public struct ConfigurationDiscovery: Sendable {
    let provider: FileProvider
    /// The user's configuration file, if one exists.
    let userFile: String?

    public init(provider: FileProvider, environment: [String: String]) {
        self.provider = provider
        let user = ConfigurationDiscovery.userPath(environment: environment)
        self.userFile = user.flatMap { provider.exists($0, directory: false) ? $0 : nil }
    }

    /// `$XDG_CONFIG_HOME/siolint/config.json`, or `$HOME/.config/siolint/config.json`.
    public static func userPath(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return PathUtilities.normalize(xdg) + "/siolint/config.json" }
        if let home = environment["HOME"], home.hasPrefix("/") { return PathUtilities.normalize(home) + "/.config/siolint/config.json" }
        return nil
    }

    /// The configuration file for a file at an absolute path, or `nil`.
    public func configuration(forFileAt path: String) -> String? {
        var directory = PathUtilities.directory(of: PathUtilities.normalize(path))
        while true {
            let candidate = (directory == "/" ? "" : directory) + "/" + ConfigurationFile.projectFileName
            if provider.exists(candidate, directory: false) { return candidate }
            let git = (directory == "/" ? "" : directory) + "/.git"
            if directory == "/" || provider.exists(git, directory: true) || provider.exists(git, directory: false) { break }
            directory = PathUtilities.directory(of: directory)
        }
        return userFile
    }
}

/// The options for each input: its configuration file (found, given with `--config`, or none
/// with `--no-config`) overlaid by the command-line flags.
public enum ConfigurationResolver {
    public enum Source: Sendable, Equatable {
        /// Discover per input.
        case discover(environment: [String: String])
        /// `--config FILE` for every input.
        case file(String)
        /// `--no-config`.
        case none
    }

    public static func options(for inputs: [LintInput], source: Source, flags: SettingsLayer, base: LintOptions,
                               provider: FileProvider) throws(ConfigurationError) -> [LintOptions] {
        var cache: [String: ConfigurationFile] = [:]
        func load(_ path: String) throws(ConfigurationError) -> ConfigurationFile {
            if let c = cache[path] { return c }
            switch provider.read(path) {
            case .failure(let failure):
                throw ConfigurationError("\(provider.displayPath(path)): configuration file \(failure.reason)")
            case .success(let bytes):
                let c = try ConfigurationFile.parse(bytes, path: path, displayPath: provider.displayPath(path))
                cache[path] = c
                return c
            }
        }
        let discovery: ConfigurationDiscovery?
        if case .discover(let environment) = source {
            discovery = ConfigurationDiscovery(provider: provider, environment: environment)
        } else {
            discovery = nil
        }
        var result: [LintOptions] = []
        for input in inputs {
            var file: ConfigurationFile?
            switch source {
            case .none: file = nil
            case .file(let path): file = try load(path)
            case .discover:
                if let first = input.paths.first, let path = discovery?.configuration(forFileAt: first) { file = try load(path) }
            }
            result.append(merge(file: file?.settings, flags: flags, base: base))
        }
        return result
    }

    /// Flags over the configuration file over `base` (the defaults and flag-only options).
    public static func merge(file: SettingsLayer?, flags: SettingsLayer, base: LintOptions) -> LintOptions {
        (file ?? SettingsLayer()).overlaid(by: flags).apply(to: base)
    }
}
