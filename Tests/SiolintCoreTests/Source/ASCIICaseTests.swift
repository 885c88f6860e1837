import Testing
@testable import SiolintCore

/// ASCIICase maps case exactly as `String.lowercased()` does, taking a shortcut only for ASCII.
struct ASCIICaseTests {
    @Test func lowercasedMatchesTheStandardLibrary() {
        for text in ["", "upgrade", "Upgrade", "CONNECTION", "X-Forwarded-For", "İstanbul", "ÄrGER", "\u{212A}eep-Alive"] {
            #expect(ASCIICase.lowercased(text) == text.lowercased(), "\(text)")
        }
    }

    @Test func equalsIgnoringCaseMatchesComparingLowerCasedText() {
        let cases: [(String, Bool)] = [
            ("upgrade", true), ("Upgrade", true), ("UPGRADE", true), ("UpGrAdE", true),
            ("upgrades", false), ("upgrad", false), ("", false), ("upgrade ", false), ("upgráde", false),
        ]
        for (text, expected) in cases {
            #expect(ASCIICase.equalsIgnoringCase(text, lowercased: "upgrade") == expected, "\(text)")
            #expect(ASCIICase.equalsIgnoringCase(text, lowercased: "upgrade") == (text.lowercased() == "upgrade"), "\(text)")
        }
    }

    @Test func nonASCIIThatLowerCasesToASCIIIsFollowed() {
        // U+212A KELVIN SIGN lower-cases to the ASCII letter k: the byte shortcut alone would miss it.
        let kelvin = "\u{212A}eep-alive"
        #expect(kelvin.lowercased() == "keep-alive")
        #expect(ASCIICase.equalsIgnoringCase(kelvin, lowercased: "keep-alive"))
    }
}
