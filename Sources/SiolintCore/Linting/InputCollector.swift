/// Turns command-line paths into lint inputs: a file is one configuration; a directory holding a
/// main file (`nginx.conf`, `apache2.conf`, `httpd.conf`, `haproxy.cfg`) is that configuration;
/// any other directory contributes each configuration-looking file under it.
public enum InputCollector {
    static let mainNames = ["nginx.conf", "apache2.conf", "httpd.conf", "haproxy.cfg"]

    public static func collect(_ paths: [String], provider: DiskFileProvider) -> (inputs: [LintInput], failures: [String]) {
        var inputs: [LintInput] = []
        var failures: [String] = []
        for path in paths {
            let absolute = PathUtilities.absolute(path, base: provider.workingDirectory)
            if provider.exists(absolute, directory: true) {
                if let main = mainNames.map({ absolute + "/" + $0 }).first(where: { provider.exists($0, directory: false) }) {
                    inputs.append(LintInput(paths: [main]))
                    continue
                }
                let files = provider.filesUnder(absolute).filter(looksLikeConfiguration)
                if files.isEmpty { failures.append("\(path): no configuration files found in this directory") }
                inputs += files.map { LintInput(paths: [$0]) }
            } else {
                inputs.append(LintInput(paths: [absolute]))
            }
        }
        return (inputs, failures)
    }

    static func looksLikeConfiguration(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if name.hasSuffix(".conf") || name.hasSuffix(".cfg") || name.hasSuffix(".vhost") { return true }
        return path.contains("/sites-enabled/") || path.contains("/sites-available/")
    }
}
