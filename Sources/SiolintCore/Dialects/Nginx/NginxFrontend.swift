import Foundation

/// The nginx dialect: loads `nginx.conf` (or an `nginx -T` dump, or a fragment) and builds the model.
public enum NginxFrontend: DialectFrontend {
    public static let server = ServerKind.nginx

    public static func load(_ paths: [String], provider: FileProvider, options: LintOptions) -> LoadedConfiguration {
        guard let path = paths.first else { return LoadedConfiguration(parsed: ParsedConfiguration(), model: nil) }
        var notes: [String] = []
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
        let (read, chosen) = loader.load(mainFile: mainPath, context: context)
        var parsed = read
        if chosen != .main {
            notes.append("\(provider.displayPath(mainPath)) is read as a fragment in the \(chosen.rawValue) context" +
                         (context == nil ? " (inferred from its directives; override with `# siolint: context=…`)" : ""))
        }
        let mainFile = provider.displayPath(mainPath)
        let parseBlocks = read.problems.contains { $0.kind.blocksModel }
        // The directive checks can refuse the file too, and then there is no model; on a large file
        // the model is built while they run and dropped if they refuse it.
        let (refusals, model) = ParallelWork.both(when: parsed.isLarge && !parseBlocks) {
            NginxDirectiveChecker.check(read, context: chosen)
        } _: {
            parseBlocks ? nil : NginxModelBuilder.build(read, mainFile: mainFile, version: options.versions.nginx)
        }
        parsed.problems += refusals
        let blocking = refusals.contains { $0.kind.blocksModel }
        return LoadedConfiguration(parsed: parsed, model: blocking ? nil : model, notes: notes)
    }
}
