/// The Apache httpd dialect: loads `httpd.conf`/`apache2.conf` (with its includes), a single
/// `<VirtualHost>` file or a virtual host body, and builds the model.
public enum ApacheFrontend: DialectFrontend {
    public static let server = ServerKind.apache

    public static func load(_ paths: [String], provider: FileProvider, options: LintOptions) -> LoadedConfiguration {
        guard let path = paths.first else { return LoadedConfiguration(parsed: ParsedConfiguration(), model: nil) }
        var timer = StageTimer(enabled: options.measuresStages)
        var loader = ApacheLoader(provider: provider, mainFile: path, options: options)
        let (parsed, facts) = loader.load(mainFile: path)
        timer.finish("parse")
        let blocking = parsed.problems.contains { $0.kind.blocksModel }
        let model = blocking ? nil : ApacheModelBuilder.build(parsed, facts: facts, mainFile: provider.displayPath(path), options: options)
        timer.finish("model")
        return LoadedConfiguration(parsed: parsed, model: model, notes: facts.notes, stageTimes: timer.times)
    }
}
