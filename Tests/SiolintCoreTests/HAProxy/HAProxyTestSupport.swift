@testable import SiolintCore

/// Helpers shared by the HAProxy tests.
enum HAProxyTestSupport {
    static let timeouts = """
    defaults
      mode http
      timeout connect 5s
      timeout client 60s
      timeout server 60s
      timeout tunnel 1h

    """

    static func lint(_ text: String, _ arguments: [String] = []) throws -> ConfigurationReport {
        try LintHarness.lint(text, server: .haproxy, arguments: arguments)
    }

    /// Lints several in-memory files as one configuration, in order.
    static func lintFiles(_ files: [(String, String)], _ arguments: [String] = []) throws -> ConfigurationReport {
        var map: [String: [UInt8]] = [:]
        for (path, text) in files { map[path] = Array(text.utf8) }
        let provider = InMemoryFileProvider(files: map, workingDirectory: "/virtual")
        return Linter.lint(LintInput(paths: files.map(\.0)), options: try LintHarness.options(arguments, server: .haproxy), provider: provider)
    }

    static func parse(_ text: String, defines: [String: String] = [:], version: SoftwareVersion = HAProxyModelBuilder.defaultVersion) -> HAProxyParser.Result {
        HAProxyParser.parse(SourceFile(path: "t.cfg", text: text), variables: HAProxyVariables(values: defines), version: version)
    }

    static func syntaxErrors(_ report: ConfigurationReport) -> [Finding] { report.findings.filter { $0.ruleID == "SIO000" } }

    /// The routes a probe takes in the first virtual server.
    static func routes(_ report: ConfigurationReport, _ kind: ProbeRequest.Kind, server index: Int = 0) -> [EffectiveRoute] {
        report.probes[index].routes[kind] ?? []
    }

    static func backendName(_ route: EffectiveRoute) -> String? {
        if case .group(let name)? = route.route.proxyTarget?.upstream { return name }
        return nil
    }
}
