import Testing
@testable import SiolintCore

/// `WebSocketUpgradeNotForwardedRule.hasToken` reads `Connection` values on bytes for ASCII; it must
/// agree with the plain reading (lower-case, split on commas and spaces, compare pieces) everywhere.
struct HeaderTokenTests {
    static func reference(_ token: String, _ value: String) -> Bool {
        value.lowercased().split(whereSeparator: { $0 == "," || $0 == " " }).contains { $0 == Substring(token) }
    }

    @Test func knownValues() {
        for (value, expected) in [("upgrade", true), ("Upgrade", true), ("keep-alive, Upgrade", true), ("UPGRADE,close", true),
                                  (" upgrade ", true), ("upgrades", false), ("upgrad", false), ("", false), (",,", false),
                                  ("close", false), ("x-upgrade", false), ("upgrade-x", false), ("Üpgrade, upgrade", true)] {
            #expect(WebSocketUpgradeNotForwardedRule.hasToken("upgrade", in: value) == expected, "\(value)")
            #expect(Self.reference("upgrade", value) == expected, "\(value)")
        }
    }

    @Test func agreesWithTheReferenceOnGeneratedValues() {
        let pieces = ["u", "p", "g", "r", "a", "d", "e", "U", "G", "upgrade", "UPGRADE", "Upgrade", ",", " ", ", ", "x", "-", "\t"]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for _ in 0..<5_000 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            var value = ""
            var bits = state
            for _ in 0..<Int(bits % 7) {
                bits /= 7
                value += pieces[Int(bits % UInt64(pieces.count))]
                bits /= UInt64(pieces.count)
            }
            #expect(WebSocketUpgradeNotForwardedRule.hasToken("upgrade", in: value) == Self.reference("upgrade", value), "\(value)")
        }
    }
}
