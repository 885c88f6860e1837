extension NginxParser {
    /// Files smaller than this are parsed in one piece: a second thread costs more than it saves.
    static let halvesThreshold = 512 << 10

    /// Parses a large file in two halves at once, one per core: the head up to a line break near
    /// the middle, the tail from there on, as if inside blocks it cannot see. The tail's result is
    /// then spliced into the blocks the head left open.
    ///
    /// The split is a guess that the head proves: when the head ends between two directives with
    /// no error, the sequential parser would have been in exactly that state there (the lexer looks
    /// at most one byte ahead, and the byte before the split is a line break). Otherwise — the
    /// split fell inside a string, a Lua block or a directive, either half met an error, or the
    /// splice does not fit — this returns `nil` and the file is parsed in one piece, so the result
    /// and every error are always those of the sequential parse.
    static func parseInHalves(_ file: SourceFile) -> Result? {
        guard file.bytes.count >= halvesThreshold, LargeStack.hasSecondCore,
              let split = splitPoint(file.bytes) else { return nil }
        return parseInHalves(file, at: split)
    }

    /// The parse in halves split at `split`, which must follow a line feed.
    static func parseInHalves(_ file: SourceFile, at split: Int) -> Result? {
        precondition(split > 0 && file.bytes[split - 1] == UInt8(ascii: "\n"))
        let (head, tail) = LargeStack.both({
            NginxLexer.withLexer(file, upTo: split) { lexer -> (State, [Comment])? in
                var state = State(file: file, text: lexer.tokenText, isTail: false)
                guard state.read(&lexer) == nil, state.words.isEmpty else { return nil }
                return (state, lexer.comments)
            }
        }, {
            NginxLexer.withLexer(file, from: split) { lexer -> (State, [Comment])? in
                var state = State(file: file, text: lexer.tokenText, isTail: true)
                guard state.read(&lexer) == nil, state.endOfFile() == nil else { return nil }
                return (state, lexer.comments)
            }
        })
        guard var (state, comments) = head, let (rest, restComments) = tail,
              state.adopt(rest), state.stack.isEmpty else { return nil }
        comments += restComments
        return Result(directives: state.root, comments: comments, problem: nil)
    }

    /// Just after the first line break at or after the middle of the file that follows a `}` or
    /// a `;` (most likely between two directives), `nil` when there is none.
    static func splitPoint(_ bytes: [UInt8]) -> Int? {
        var index = bytes.count / 2
        while index < bytes.count - 1 {
            if bytes[index] == UInt8(ascii: "\n") {
                var before = index - 1
                while before > 0, bytes[before] == UInt8(ascii: " ") || bytes[before] == UInt8(ascii: "\t") || bytes[before] == UInt8(ascii: "\r") {
                    before -= 1
                }
                if bytes[before] == UInt8(ascii: "}") || bytes[before] == UInt8(ascii: ";") { return index + 1 }
            }
            index += 1
        }
        return nil
    }
}

extension NginxParser.State {
    /// Splices in a tail read after this state's last token: its outermost directives go into the
    /// blocks open here, and its outer closes close them. False when the result would differ
    /// from a sequential parse (a `{` inside a line-handler block, nesting past the limit, a `}`
    /// with nothing open): the caller then parses the file in one piece, which reports it.
    mutating func adopt(_ tail: consuming NginxParser.State) -> Bool {
        guard stack.count + tail.deepest < NginxParser.maximumDepth else { return false }
        var taken = 0
        func place(upTo end: Int, opensBlock: Bool) -> Bool {
            if opensBlock, let parent = stack.last, NginxParser.lineHandlerBlocks.contains(parent.name.value) { return false }
            while taken < end {
                append(tail.root[taken])
                taken += 1
            }
            return true
        }
        for close in tail.outerCloses {
            guard place(upTo: close.rootCount, opensBlock: close.opensBlockBefore), let frame = stack.popLast() else { return false }
            self.close(frame, blockEnd: close.blockEnd)
        }
        return place(upTo: tail.root.count, opensBlock: tail.opensAtOuterLevel)
    }
}
