import Foundation

/// The nginx dialect: loads `nginx.conf` (or an `nginx -T` dump, or a fragment) and builds the model.
public enum NginxFrontend: DialectFrontend {
    public static let server = ServerKind.nginx

    public static func load(_ paths: [String], provider: FileProvider, options: LintOptions) -> LoadedConfiguration {
        guard let path = paths.first else { return LoadedConfiguration(parsed: ParsedConfiguration(), model: nil) }
        var notes: [String] = []
        var timer = StageTimer(enabled: options.measuresStages)
        var provider = provider
        var mainPath = path
        if case .success(let bytes) = provider.read(path), NginxDump.isDump(bytes) {
            let files = NginxDump.split(bytes)
            if let first = files.first {
                var map: [String: [UInt8]] = [:]
                for file in files where map[file.path] == nil { map[file.path] = file.bytes }
                provider = InMemoryFileProvider(files: map, workingDirectory: FileManager.default.currentDirectoryPath)
                mainPath = first.path
                notes.append("read as an `nginx -T` dump of \(files.count) files; findings point at the original files")
            }
        }
        let prefix = options.nginxPrefix ?? PathUtilities.directory(of: mainPath)
        var loader = NginxLoader(provider: provider, prefix: prefix)
        let context = options.nginxContext.flatMap(NginxLoader.Context.init(rawValue:))
        var (parsed, chosen) = loader.load(mainFile: mainPath, context: context)
        timer.finish("parse")
        let walk = NginxTreeWalk.run(parsed, context: chosen, version: options.versions.nginx)
        parsed.problems += walk.problems
        timer.finish("check")
        if chosen != .main {
            notes.append("\(provider.displayPath(mainPath)) is read as a fragment in the \(chosen.rawValue) context" +
                         (context == nil ? " (inferred from its directives; override with `# siolint: context=…`)" : ""))
        }
        let blocking = parsed.problems.contains { $0.kind.blocksModel }
        let model = blocking ? nil : NginxModelBuilder.build(parsed, facts: walk.facts, mainFile: provider.displayPath(mainPath),
                                                                 version: options.versions.nginx)
        timer.finish("model")
        return LoadedConfiguration(parsed: parsed, model: model, notes: notes, stageTimes: timer.times)
    }
}
