import Foundation

/// The HAProxy dialect: loads one configuration from one or more files (in order, like
/// `haproxy -f a.cfg -f b.cfg`) and builds the model.
public enum HAProxyFrontend: DialectFrontend {
    public static let server = ServerKind.haproxy
    public static let filesFormOneConfiguration = true

    public static func load(_ paths: [String], provider: FileProvider, options: LintOptions) -> LoadedConfiguration {
        guard let first = paths.first else { return LoadedConfiguration(parsed: ParsedConfiguration(), model: nil) }
        var timer = StageTimer(enabled: options.measuresStages)
        let version = options.versions.haproxy ?? HAProxyModelBuilder.defaultVersion
        let environment = ProcessInfo.processInfo.environment
        let variables = HAProxyVariables(values: environment.merging(options.defines) { $1 })
        let loaded = HAProxyLoader(provider: provider, variables: variables, version: version).load(paths)
        timer.finish("parse")
        var notes = loaded.notes
        if options.versions.haproxy == nil {
            notes.append("checked against HAProxy \(version) (the current LTS branch); set --haproxy-version to change it")
        }
        let model = loaded.parsed.problems.isEmpty
            ? HAProxyModelBuilder.build(loaded.parsed, mainFile: provider.displayPath(first), version: version) : nil
        timer.finish("model")
        return LoadedConfiguration(parsed: loaded.parsed, model: model, notes: notes, stageTimes: timer.times)
    }
}
