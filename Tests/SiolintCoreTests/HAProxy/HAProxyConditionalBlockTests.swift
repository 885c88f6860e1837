import Testing
@testable import SiolintCore

/// `.if`/`.elif`/`.else`/`.endif`: decided where siolint knows enough, every branch otherwise.
struct HAProxyConditionalBlockTests {
    private let blocks = """
    .if defined(WITH_TEST)
    frontend test
      bind :81
    .elif version_before(2.5)
    frontend old
      bind :82
    .else
    frontend current
      bind :83
    .endif

    """

    private func names(_ result: HAProxyParser.Result) -> [String] { result.sections.compactMap(\.values.first) }

    @Test func definedVariableTakesOnlyItsBranch() {
        let result = HAProxyTestSupport.parse(blocks, defines: ["WITH_TEST": ""])
        #expect(result.problems.isEmpty)
        #expect(names(result) == ["test"])
    }

    @Test func undecidedConditionReadsEveryPossibleBranch() {
        let result = HAProxyTestSupport.parse(blocks)
        #expect(names(result) == ["test", "current"], "version_before(2.5) is false for 3.4")
        #expect(result.notes.count == 1)
    }

    @Test func versionsComeFromTheTargetVersion() {
        #expect(names(HAProxyTestSupport.parse(blocks, version: SoftwareVersion([2, 4]))) == ["test", "old"])
    }

    @Test func expressions() {
        let context = HAProxyConditionExpression.Context(variables: HAProxyVariables(values: ["A": "yes"]), version: SoftwareVersion([2, 6, 12]))
        func eval(_ s: String, unresolved: Bool = false) -> HAProxyConditionExpression.Outcome {
            HAProxyConditionExpression.evaluate(s, context: context, hasUnresolvedVariables: unresolved)
        }
        #expect(eval("1 && 0 || 1") == .value(true))
        #expect(eval("1 && (0 || 0)") == .value(false))
        #expect(eval("!0") == .value(true))
        #expect(eval("") == .value(false))
        #expect(eval("defined(A) && streq(yes,yes) && strneq(a,b)") == .value(true))
        #expect(eval("feature(OPENSSL)") == .value(nil))
        #expect(eval("feature(OPENSSL) || 1") == .value(true))
        #expect(eval("feature(OPENSSL) && 0") == .value(false))
        #expect(eval("version_atleast(2.6-dev3) && version_before(2.7) && !version_atleast(2.6.13)") == .value(true))
        #expect(eval("streq(${B},x)", unresolved: true) == .value(nil))
        if case .invalid = eval("foo") {} else { Issue.record("`foo` must be refused") }
        if case .invalid = eval("(1") {} else { Issue.record("`(1` must be refused") }
    }

    @Test func alertInATakenBranchStopsHAProxy() throws {
        let report = try HAProxyTestSupport.lint(".if 1\n  .alert \"no\"\n.endif\nglobal\n  maxconn 1\n")
        #expect(HAProxyTestSupport.syntaxErrors(report).first?.message.contains(".alert") == true)
        let undecided = try HAProxyTestSupport.lint(".if feature(OPENSSL)\n  .alert \"no\"\n.endif\nglobal\n  maxconn 1\n")
        #expect(HAProxyTestSupport.syntaxErrors(undecided).isEmpty)
        #expect(undecided.loaded?.notes.contains { $0.contains(".alert") } == true)
    }

    @Test func structureErrors() {
        #expect(HAProxyTestSupport.parse(".endif\n").problems.count == 1)
        #expect(HAProxyTestSupport.parse(".if 1\nglobal\n").problems.first?.message.contains("without a matching '.endif'") == true)
        #expect(HAProxyTestSupport.parse(".if 1\n.else\n.else\n.endif\n").problems.count == 1)
        #expect(HAProxyTestSupport.parse(".if 1\n.else\n.elif 1\n.endif\n").problems.count == 1)
    }

    @Test func linesOfSkippedBranchesAreNotChecked() {
        #expect(HAProxyTestSupport.parse(".if 0\nthis is ( not parsed \"\n.endif\n").problems.isEmpty)
    }
}
