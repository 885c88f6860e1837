import Testing
@testable import SiolintCore

@Suite struct WordListTests {
    private static func word(_ i: Int) -> Word {
        Word("w\(i)", range: SourceRange(at: SourceLocation(file: "/v/f.conf", line: i + 1, column: 1, offset: i)))
    }

    @Test func listsFromOneBuilderStayContiguousAcrossChunks() {
        var builder = WordList.Builder()
        var expected: [[Word]] = []
        var lists: [WordList] = []
        var next = 0
        // Lengths that cross every chunk boundary, a list longer than the largest chunk, and empty ones.
        for length in [0, 1, 3, 7, 8, 2, 15, 16, 31, 0, 64, 3000, 5, 1, 1, 200, 0, 9] {
            let words = (next..<next + length).map(Self.word)
            next += length
            expected.append(words)
            lists.append(builder.list(words) { $0 })
        }
        for (list, words) in zip(lists, expected) {
            #expect(list.count == words.count)
            #expect(list.isEmpty == words.isEmpty)
            #expect(Array(list) == words)
            #expect(list.first == words.first)
            #expect(list.indices == 0..<words.count)
            if words.count > 2 { #expect(list[2] == words[2]); #expect(Array(list.dropFirst()) == Array(words.dropFirst())) }
        }
    }

    @Test func equalityAndHashingFollowTheWords() {
        var builder = WordList.Builder()
        let a = builder.list([Self.word(1), Self.word(2)]) { $0 }
        let b = WordList([Self.word(1), Self.word(2)])
        let c: WordList = [Self.word(1)]
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a != c)
        #expect(WordList() == [])
        #expect(Set([a, b, c]).count == 2)
    }

    @Test func listsOutliveTheirBuilder() {
        var list: WordList
        do {
            var builder = WordList.Builder()
            _ = builder.list([Self.word(0)]) { $0 }
            list = builder.list([Self.word(1), Self.word(2)]) { $0 }
        }
        #expect(list.map(\.value) == ["w1", "w2"])
    }
}
