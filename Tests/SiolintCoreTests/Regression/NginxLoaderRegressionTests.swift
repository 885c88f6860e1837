import Testing
@testable import SiolintCore

/// Bugs found by the differential and hostile-input runs, each pinned here.
@Suite struct NginxLoaderRegressionTests {
    /// certbot-roundtrip/dokuwiki: a file included twice that includes a missing file gave two
    /// identical SIO001 findings at the same spot.
    @Test func missingIncludeReachedTwiceIsReportedOnce() throws {
        let report = try LintHarness.lint("""
            events {}
            http {
                server { include common.conf; }
                server { include common.conf; }
            }
            """, files: ["/virtual/common.conf": "include fastcgi_params;\n"])
        let missing = report.findings.filter { $0.ruleID == "SIO001" }
        #expect(missing.count == 1)
        #expect(missing.first?.range.start.file == "common.conf")
    }

    @Test func includeCycleReachedTwiceIsReportedOnce() throws {
        let report = try LintHarness.lint("""
            events {}
            http { include a.conf; include a.conf; }
            """, files: ["/virtual/a.conf": "include b.conf;\n", "/virtual/b.conf": "include a.conf;\n"])
        #expect(report.findings.filter { $0.ruleID == "SIO000" }.count == 1)
    }
}
