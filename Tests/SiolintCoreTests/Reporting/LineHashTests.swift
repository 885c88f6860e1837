import Foundation
import Testing
@testable import SiolintCore

/// The port of GitHub's primaryLocationLineHash against the official codeql-action vectors.
struct LineHashTests {
    struct Vector: Decodable, Sendable {
        var input: String
        var hashes: [String]
    }

    struct Vectors: Decodable {
        var official: [Vector]
        var siolint_sample: Vector
    }

    static let vectors: [Vector] = {
        guard let data = try? RepositoryLayout.read("Tests/Fixtures/primaryLocationLineHash-vectors.json"),
              let v = try? JSONDecoder().decode(Vectors.self, from: data) else { return [] }
        return v.official + [v.siolint_sample]
    }()

    @Test func vectorsAreLoaded() {
        #expect(LineHashTests.vectors.count == 8)
    }

    @Test(arguments: vectors)
    func matchesVector(_ vector: Vector) {
        #expect(LineHash.hashes(vector.input) == vector.hashes)
    }

    @Test func cacheLooksUpLinesOfAFile() {
        let v = LineHashTests.vectors.last!
        let file = SourceFile(path: "nginx.conf", text: v.input)
        var cache = LineHashCache()
        #expect(cache.hash(file: file, line: 20) == "65aa7bd1c51e2406:1")
        #expect(cache.hash(file: file, line: 1) == v.hashes[0])
        #expect(cache.hash(file: file, line: 999) == nil)
    }
}
