/// The arguments of a directive: a run of words, indexed from zero like an array.
///
/// Parsers keep the words of a whole file in a few shared chunks (`WordList.Builder`): an
/// array per directive cost a 32-byte header and an allocation each, and argument arrays were a
/// sixth of nginx's peak memory on large files. A list made from an array literal or `[Word]`
/// (synthetic directives, tests) has a chunk of its own.
public struct WordList: RandomAccessCollection, @unchecked Sendable, ExpressibleByArrayLiteral {
    /// `nil` for the empty list.
    private let chunk: WordChunk?
    private let start: UInt32
    private let length: UInt32

    public init() {
        chunk = nil
        start = 0
        length = 0
    }

    public init(_ words: some Collection<Word>) {
        guard !words.isEmpty else { self.init(); return }
        let chunk = WordChunk.make(capacity: words.count)
        for word in words { chunk.append(word) }
        self.init(chunk: chunk, start: 0, length: words.count)
    }

    public init(arrayLiteral words: Word...) {
        self.init(words)
    }

    fileprivate init(chunk: WordChunk, start: Int, length: Int) {
        self.chunk = chunk
        self.start = UInt32(start)
        self.length = UInt32(length)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { Int(length) }
    public var count: Int { Int(length) }
    public var isEmpty: Bool { length == 0 }

    public subscript(index: Int) -> Word {
        precondition(index >= 0 && index < Int(length), "WordList index out of range")
        return chunk.unsafelyUnwrapped.word(at: Int(start) + index)
    }

    /// Collects the argument lists of one file into shared chunks, each list contiguous.
    struct Builder {
        private var chunk: WordChunk?
        /// Chunks grow to this many words; a file with few directives keeps small ones.
        private static let largestChunk = 2048

        init() {}

        /// `words` as one list.
        mutating func list(_ words: some Collection<Word>) -> WordList { list(words) { $0 } }

        /// The words of `source` (mapped by `word`) as one list.
        mutating func list<S: Collection>(_ source: S, _ word: (S.Element) -> Word) -> WordList {
            let count = source.count
            guard count > 0 else { return WordList() }
            let current: WordChunk
            if let chunk, chunk.room - chunk.count >= count {
                current = chunk
            } else {
                // Doubling from the previous chunk's size: a small file wastes little at its end.
                let size = Swift.max(count, Swift.min(Builder.largestChunk, (chunk?.room ?? 8) * 2))
                current = WordChunk.make(capacity: size)
                chunk = current
            }
            let start = current.count
            for element in source { current.append(word(element)) }
            return WordList(chunk: current, start: start, length: count)
        }
    }
}

extension WordList: Hashable {
    public static func == (a: WordList, b: WordList) -> Bool { a.elementsEqual(b) }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for word in self { hasher.combine(word) }
    }
}

/// Storage for words appended once and then only read: the elements live in the object itself.
/// Immutable once its lists are handed out, so it may be shared between threads.
final class WordChunk: ManagedBuffer<WordChunk.Header, Word>, @unchecked Sendable {
    struct Header {
        var count: Int
        /// Kept here: `ManagedBuffer.capacity` asks the allocator every time.
        var room: Int
    }

    /// A chunk with room for `capacity` words and none in it.
    static func make(capacity: Int) -> WordChunk {
        // `create` returns the base class's type; the object is a `WordChunk`.
        unsafeDowncast(WordChunk.create(minimumCapacity: capacity) { _ in Header(count: 0, room: capacity) }, to: WordChunk.self)
    }

    var count: Int { header.count }
    var room: Int { header.room }

    func append(_ word: Word) {
        withUnsafeMutablePointers { header, words in
            precondition(header.pointee.count < header.pointee.room)
            (words + header.pointee.count).initialize(to: word)
            header.pointee.count += 1
        }
    }

    @inline(__always) func word(at index: Int) -> Word {
        withUnsafeMutablePointerToElements { $0[index] }
    }

    deinit {
        _ = withUnsafeMutablePointers { header, words in words.deinitialize(count: header.pointee.count) }
    }
}
