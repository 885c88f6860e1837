import Testing
@testable import SiolintCore

/// `Route.labelContains` answers from the label's words; it must agree with searching the label
/// itself, with and without quoted arguments, for every needle (spaces and quotes included).
struct RouteLabelTests {
    static let here = SourceRange(at: SourceLocation(fileID: 0, offset: 0))

    static func route(_ head: String, _ words: [(String, QuoteStyle)], quoting: Bool) -> Route {
        let arguments = WordList(words.map { Word($0.0, quote: $0.1, range: here) })
        // Only the label is read here; the details are never resolved.
        return Route(labelledBy: head, arguments, quoting: quoting, declaration: here) { fatalError("details are not read") }
    }

    @Test func agreesWithTheLabelOnGeneratedRoutes() {
        let pieces = ["/", "socket", ".io", "/socket.io", " ", "\"", "~*", "a", "ws"]
        let heads = ["location", "ProxyPass", "use_backend"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(bound))
        }
        func text(_ maxPieces: Int) -> String {
            (0..<next(maxPieces)).map { _ in pieces[next(pieces.count)] }.joined()
        }
        for _ in 0..<3_000 {
            let words = (0..<next(4)).map { _ in (text(4), [QuoteStyle.none, .double, .single][next(3)]) }
            let route = Self.route(heads[next(heads.count)], words, quoting: next(2) == 0)
            let needle = text(3)
            #expect(route.labelContains(needle) == route.label.containsBytes(needle), "\(route.label) / \(needle)")
        }
    }

    @Test func findsThePathInALocation() {
        let route = Self.route("location", [("/socket.io/", .none)], quoting: false)
        #expect(route.label == "location /socket.io/")
        #expect(route.labelContains("/socket.io"))
        #expect(!route.labelContains("/socket.io/x"))
        #expect(route.labelContains("n /so"))
    }
}
