import Foundation
import Testing
@testable import SiolintCore

/// rules.json and docs/rules/ are generated from the rule definitions (`Scripts/gen-docs`);
/// these tests fail when they drift apart.
struct RuleDocumentationDriftTests {
    @Test func rulesJSONMatchesTheDefinitions() throws {
        let committed = String(decoding: try RepositoryLayout.read("rules.json"), as: UTF8.self)
        #expect(committed == RuleCatalogReporter.json(), "rules.json is stale: run Scripts/gen-docs")
    }

    @Test func rulePagesMatchTheDefinitions() throws {
        let directory = RepositoryLayout.path("docs/rules")
        let present = Set(try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".md") })
        let expected = Set(RuleCatalog.descriptions.map(RuleDocumentation.fileName))
        #expect(present == expected, "docs/rules has pages for other rules: run Scripts/gen-docs")
        for d in RuleCatalog.descriptions {
            let page = String(decoding: try RepositoryLayout.read("docs/rules/\(RuleDocumentation.fileName(d))"), as: UTF8.self)
            #expect(page == RuleDocumentation.markdown(d), "docs/rules/\(d.id).md is stale: run Scripts/gen-docs")
        }
    }

    @Test func explainIsTheRulePage() {
        for d in RuleCatalog.descriptions {
            let page = RuleCatalogReporter.explain(d)
            #expect(page.contains("## What breaks, and why"))
            #expect(page.contains("## Fix"))
            #expect(page.contains(d.explanation))
            for fix in d.fixes.values { #expect(page.contains(fix)) }
        }
    }
}
