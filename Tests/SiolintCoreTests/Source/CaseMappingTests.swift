import Testing
@testable import SiolintCore

/// Case mapping: ASCIICase maps case exactly as `String.lowercased()` does (a shortcut only for
/// ASCII), and hop-by-hop header names are recognised in any case.
struct CaseMappingTests {
    @Test func lowercasedMatchesTheStandardLibrary() {
        for text in ["", "upgrade", "Upgrade", "CONNECTION", "X-Forwarded-For", "İstanbul", "ÄrGER", "\u{212A}eep-Alive"] {
            #expect(ASCIICase.lowercased(text) == text.lowercased(), "\(text)")
        }
    }

    @Test func hopByHopHeadersAreRecognisedInAnyCase() {
        let cases: [(String, HopByHopHeader?)] = [
            ("upgrade", .upgrade), ("Upgrade", .upgrade), ("UPGRADE", .upgrade), ("Connection", .connection),
            ("connection", .connection), ("Host", nil), ("upgrades", nil), ("", nil), ("upgráde", nil), ("Keep-Alive", nil),
        ]
        for (name, expected) in cases {
            #expect(HopByHopHeader(name) == expected, "\(name)")
        }
    }

    @Test func anAssignmentRenamedIsClassifiedAgain() {
        let here = SourceRange(at: SourceLocation(file: "site.conf", line: 1, column: 1))
        let directive = Directive(name: Word("proxy_set_header", range: here), arguments: [], range: here)
        var assignment = HeaderAssignment(name: "Host", value: ValueTemplate(parts: [.literal("x")], written: "x"),
                                          directive: DirectiveReference(directive))
        #expect(assignment.hopByHop == nil)
        assignment.name = "CONNECTION"
        #expect(assignment.hopByHop == .connection)
    }
}
