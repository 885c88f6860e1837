import Foundation

/// Turns command-line paths into lint inputs. A file is one configuration; a directory holding a
/// main file (`nginx.conf`, `apache2.conf`, `httpd.conf`, `haproxy.cfg`) is that configuration;
/// any other directory contributes each configuration-looking file under it. Files of a dialect
/// whose frontend reads several files as one configuration (HAProxy's `-f a -f b`) are grouped:
/// the file arguments in their order, and a directory's files in name order.
public enum InputCollector {
    static let mainNames = ["nginx.conf", "apache2.conf", "httpd.conf", "haproxy.cfg"]

    public static func collect(_ paths: [String], provider: DiskFileProvider, dialect: ServerKind? = nil) -> (inputs: [LintInput], failures: [String]) {
        var inputs: [LintInput] = []
        var failures: [String] = []
        // Index in `inputs` of the grouped input of each dialect given as file arguments.
        var groupedArguments: [ServerKind: Int] = [:]
        for path in paths {
            let absolute = PathUtilities.absolute(path, base: provider.workingDirectory)
            if provider.exists(absolute, directory: true) {
                if let main = mainNames.map({ absolute + "/" + $0 }).first(where: { provider.exists($0, directory: false) }) {
                    inputs.append(LintInput(paths: [main]))
                    continue
                }
                let files = provider.filesUnder(absolute).filter(looksLikeConfiguration)
                if files.isEmpty { failures.append("\(path): no configuration files found in this directory") }
                var groupedInDirectory: [String: Int] = [:]
                let kinds = combiningDialects(files, provider: provider, forced: dialect)
                for (file, kind) in zip(files, kinds) {
                    guard let kind else {
                        inputs.append(LintInput(paths: [file]))
                        continue
                    }
                    let key = kind.rawValue + "\u{0}" + PathUtilities.directory(of: file)
                    if let index = groupedInDirectory[key] {
                        inputs[index].paths.append(file)
                    } else {
                        groupedInDirectory[key] = inputs.count
                        inputs.append(LintInput(paths: [file]))
                    }
                }
            } else if let kind = combiningDialect(absolute, provider: provider, forced: dialect) {
                if let index = groupedArguments[kind] {
                    inputs[index].paths.append(absolute)
                } else {
                    groupedArguments[kind] = inputs.count
                    inputs.append(LintInput(paths: [absolute]))
                }
            } else {
                inputs.append(LintInput(paths: [absolute]))
            }
        }
        return (inputs, failures)
    }

    /// `combiningDialect` of each file, read on every core: on a large tree, reading each file's
    /// first bytes one after the other was a sixth of the run, with the other cores idle.
    static func combiningDialects(_ paths: [String], provider: DiskFileProvider, forced: ServerKind?) -> [ServerKind?] {
        var kinds = [ServerKind?](repeating: nil, count: paths.count)
        kinds.withUnsafeMutableBufferPointer { kinds in
            // Each index is written by one iteration only.
            nonisolated(unsafe) let kinds = kinds
            LargeStack.forEach(paths.count, threads: LargeStack.threadsForIndependentWork) { index in
                kinds[index] = combiningDialect(paths[index], provider: provider, forced: forced)
            }
        }
        return kinds
    }

    /// The file's dialect when its frontend reads several files as one configuration.
    static func combiningDialect(_ path: String, provider: DiskFileProvider, forced: ServerKind?) -> ServerKind? {
        let kind: ServerKind?
        if let forced {
            kind = forced
        } else if let byName = DialectDetector.byName(path) {
            kind = byName
        } else if case .success(let bytes) = provider.read(path, upTo: DialectDetector.contentPrefix) {
            kind = DialectDetector.byContent(bytes)
        } else {
            kind = nil
        }
        guard let kind, Dialects.frontend(for: kind)?.filesFormOneConfiguration == true else { return nil }
        return kind
    }

    static func looksLikeConfiguration(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if name.hasSuffix(".conf") || name.hasSuffix(".cfg") || name.hasSuffix(".vhost") { return true }
        return path.contains("/sites-enabled/") || path.contains("/sites-available/")
    }
}
