import Testing
@testable import SiolintCore

@Suite struct NginxParserRegressionTests {
    /// nginx-go-crossplane/invalid-map: `nginx -t` says `unexpected "{"` for a block inside `map`
    /// (map, geo, split_clients, types and charset_map read their lines with their own handler).
    @Test(arguments: ["map $a $b", "geo $a", "split_clients $a $b", "types", "charset_map koi8-r utf-8"])
    func blockInsideLineHandlerBlockIsASyntaxError(_ header: String) throws {
        let report = try LintHarness.lint("""
            events {}
            http {
                \(header) {
                    i_am_lost {
                        return 500;
                    }
                }
            }
            """)
        let syntax = report.findings.filter { $0.ruleID == "SIO000" }
        #expect(syntax.count == 1)
        #expect(syntax.first?.range.start.line == 4)
        #expect(syntax.first?.range.start.column == 19)
    }

    @Test func lineHandlerBlocksStillParseTheirLines() throws {
        let report = try LintHarness.lint("""
            events {}
            http {
                types { text/html html htm; }
                map $http_upgrade $connection_upgrade { default upgrade; '' close; }
                server { location / { types { } } }
            }
            """)
        #expect(report.findings.filter { $0.ruleID == "SIO000" }.isEmpty)
    }
}
