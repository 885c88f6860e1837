import Foundation
import Testing
@testable import SiolintCore

/// `--timings`: which stages each dialect times, that nothing is timed without the flag, and the
/// table's layout.
struct StageTimesTests {
    static let ruleIDs = RuleCatalog.modelRules.map { $0.description.id }

    static func lint(_ sample: String, _ server: ServerKind, timed: Bool) -> ConfigurationReport {
        var options = LintOptions()
        options.dialect = server
        options.measuresStages = timed
        let path = RepositoryLayout.root + "/Samples/" + sample
        return Linter.lint(LintInput(paths: [path]), options: options, provider: DiskFileProvider(workingDirectory: RepositoryLayout.root))
    }

    @Test(arguments: [("nginx/canonical.conf", ServerKind.nginx, ["parse", "check", "model"]),
                      ("apache/canonical.conf", .apache, ["parse", "model"]),
                      ("haproxy/canonical.cfg", .haproxy, ["parse", "model"])])
    func everyStageIsTimedInOrder(sample: String, server: ServerKind, dialectStages: [String]) {
        let report = Self.lint(sample, server, timed: true)
        #expect(report.failure == nil)
        #expect(report.stageTimes.map(\.stage) == ["read"] + dialectStages + ["comments", "route", "rule context"] + Self.ruleIDs + ["suppressions"])
        #expect(report.stageTimes.allSatisfy { $0.duration >= .zero })
        #expect(report.stageTimes.contains { $0.duration > .zero })
    }

    @Test func nothingIsTimedWithoutTheFlag() {
        let report = Self.lint("nginx/canonical.conf", .nginx, timed: false)
        #expect(report.stageTimes.isEmpty)
        // The findings do not depend on timing.
        #expect(report.findings.map(\.ruleID) == Self.lint("nginx/canonical.conf", .nginx, timed: true).findings.map(\.ruleID))
    }

    @Test func tableShowsEachStageItsShareAndTheTotal() {
        var report = ConfigurationReport(input: LintInput(paths: ["/repo/site.conf"]), server: .nginx, loaded: nil, probes: [], findings: [])
        report.stageTimes = [StageTime("parse", .milliseconds(3)), StageTime("SIO101", .microseconds(1_250))]
        let table = StageTimesReporter.report([report], displayPath: { $0.replacingOccurrences(of: "/repo/", with: "") })
        #expect(table == """
            timings for site.conf (nginx), wall clock (process start and output not included):
              parse              3.00 ms  70.6%
              SIO101             1.25 ms  29.4%
              total              4.25 ms

            """)
        // A report that was not timed has no table.
        report.stageTimes = []
        #expect(StageTimesReporter.report([report], displayPath: { $0 }).isEmpty)
    }

    @Test func invocationReadsTheFlag() throws {
        #expect(try Invocation.parse(["--timings", "a.conf"]).timings)
        #expect(try !Invocation.parse(["a.conf"]).timings)
    }
}
