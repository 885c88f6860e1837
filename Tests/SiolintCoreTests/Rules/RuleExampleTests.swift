import Testing
@testable import SiolintCore

/// Every rule's examples are its tests: triggering examples report exactly at the `↓` markers,
/// non-triggering examples report nothing for that rule.
struct RuleExampleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var rule: RuleDescription
        var example: RuleExample
        var triggering: Bool
        var index: Int
        var testDescription: String { "\(rule.id) \(triggering ? "triggering" : "non-triggering") #\(index) (\(example.server.rawValue))" }
    }

    static let cases: [Case] = RuleCatalog.descriptions.flatMap { rule in
        rule.triggeringExamples.enumerated().map { Case(rule: rule, example: $1, triggering: true, index: $0) }
            + rule.nonTriggeringExamples.enumerated().map { Case(rule: rule, example: $1, triggering: false, index: $0) }
    }

    @Test(arguments: cases)
    func example(_ c: Case) throws {
        let (text, markers) = LintHarness.stripMarkers(c.example.configuration)
        let report = try LintHarness.lint(text, server: c.example.server, arguments: c.example.arguments)
        #expect(report.failure == nil)
        if c.rule.id != "SIO000" {
            let syntax = report.findings.filter { $0.ruleID == "SIO000" }
            #expect(syntax.isEmpty, "example does not parse: \(syntax.map(\.message))")
        }
        let mine = report.findings.filter { $0.ruleID == c.rule.id }
        let found = Set(mine.map { LintHarness.Position(line: $0.range.start.line, column: $0.range.start.column) })
        if c.triggering {
            #expect(!markers.isEmpty, "a triggering example needs a ↓ marker")
            #expect(found == Set(markers), "expected \(c.rule.id) at \(markers), got \(mine.map { "\($0.range.start.line):\($0.range.start.column) \($0.message)" })")
        } else {
            #expect(mine.isEmpty, "expected no \(c.rule.id), got \(mine.map(\.message))")
        }
    }

    @Test func everyRuleHasExamples() {
        for rule in RuleCatalog.descriptions where rule.id != "SIO900" {
            #expect(!rule.triggeringExamples.isEmpty, "\(rule.id) has no triggering example")
            #expect(!rule.nonTriggeringExamples.isEmpty, "\(rule.id) has no non-triggering example")
        }
    }

    @Test func idsAndNamesAreUnique() {
        let ids = RuleCatalog.descriptions.map(\.id)
        let names = RuleCatalog.descriptions.map(\.name)
        #expect(Set(ids).count == ids.count)
        #expect(Set(names).count == names.count)
    }
}
