import Testing
@testable import SiolintCore

/// The CI-facing flags: formats, outputs, rule selection and levels.
struct InvocationTests {
    @Test func parsesTheGateFlags() throws {
        let inv = try Invocation.parse(["--format", "sarif", "--output", "out.sarif", "--sarif-output", "x.sarif",
                                        "--severity", "warning", "--select", "SIO101,websocket-upgrade-not-forwarded", "--select", "SIO401",
                                        "--ignore", "sio202", "--level", "SIO103=error", "--exit-zero", "--include-suppressed",
                                        "--config", "c.json", "conf/"])
        #expect(inv.format == .sarif)
        #expect(inv.output == "out.sarif")
        #expect(inv.sarifOutput == "x.sarif")
        #expect(inv.overrides.severity == .warning)
        #expect(inv.overrides.select == ["SIO101", "SIO201", "SIO401"])
        #expect(inv.overrides.ignore == ["SIO202"])
        #expect(inv.overrides.levels == ["SIO103": .error])
        #expect(inv.overrides.failOn == .never)
        #expect(inv.includeSuppressed)
        #expect(inv.configFile == "c.json")
    }

    @Test(arguments: [
        (["--select", "SIO999", "a"], "--select: unknown rule \"SIO999\"; see `siolint rules`"),
        (["--ignore", "nope", "a"], "--ignore: unknown rule \"nope\"; see `siolint rules`"),
        (["--level", "SIO101", "a"], "--level takes ID=LEVEL, e.g. SIO103=error (levels: error, warning, info)"),
        (["--level", "SIO101=fatal", "a"], "--level takes ID=LEVEL, e.g. SIO103=error (levels: error, warning, info)"),
        (["--severity", "style", "a"], "--severity takes error, warning or info"),
        (["--format", "xml", "a"], "unknown format \"xml\" (text, concise, json, sarif, github, gitlab, checkstyle)"),
        (["--config", "a.json", "--no-config", "a"], "--config and --no-config exclude each other"),
        (["rules", "--format", "sarif"], "`siolint rules` prints text or json"),
    ])
    func rejects(_ arguments: [String], _ message: String) {
        #expect(throws: Invocation.UsageError(message)) { try Invocation.parse(arguments) }
    }

    @Test func failOnNoneAndLevels() throws {
        #expect(try Invocation.parse(["--fail-on", "none", "a"]).overrides.failOn == FailThreshold.never)
        #expect(try Invocation.parse(["--fail-on", "warning", "a"]).lintOptions(file: nil).rules.failOn == .warning)
        #expect(try Invocation.parse(["a"]).lintOptions(file: nil).rules.failOn == .info)
    }
}
