/// Parses one nginx file into directives. Iterative (an explicit stack), so nesting depth cannot
/// overflow the call stack; stops at the first error, as nginx does, and reports it where it is.
/// A large file is parsed in two halves at once (`NginxParser.parseInHalves`).
struct NginxParser {
    /// Deeper nesting than this is reported instead of parsed.
    static let maximumDepth = 1000
    /// Blocks whose contents nginx hands to the directive's own line handler (`cf->handler`) rather
    /// than to ngx_conf_parse's directive table: a `{` inside them is `unexpected "{"`.
    static let lineHandlerBlocks: NameSet = ["map", "geo", "split_clients", "types", "charset_map"]

    typealias Result = FileParseResult

    static func parse(_ file: SourceFile) -> Result {
        parseInHalves(file) ?? parseInOnePiece(file)
    }

    static func parseInOnePiece(_ file: SourceFile) -> Result {
        NginxLexer.withLexer(file) { lexer in
            var state = State(file: file, text: lexer.tokenText, isTail: false)
            let problem = state.read(&lexer) ?? state.endOfFile()
            return Result(directives: state.root, comments: lexer.comments, problem: problem)
        }
    }

    struct Frame {
        var name: Word
        var arguments: [Word]
        var start: Int
        var headerEnd: Int
        /// `start..<headerEnd` as a range, made while the line search is there.
        var header: SourceRange
        /// Where this block's children start in `pending`.
        var childStart: Int
    }

    /// A `}` in a tail that closes a block opened before the tail began.
    struct OuterClose {
        /// How many of the tail's outermost directives come before it.
        var rootCount: Int
        var blockEnd: SourceLocation
        /// Whether a block opened at the tail's outermost level since the previous outer close:
        /// its parent, opened before the tail, must not be a line-handler block.
        var opensBlockBefore: Bool
    }

    /// The parser between two tokens: the blocks open, the directives done, the words of the
    /// directive being read.
    struct State {
        let file: SourceFile
        let text: NginxTokenText
        /// Tokens come in file order: each line search starts where the previous one ended.
        var cursor: LocationCursor
        var root: [Directive] = []
        var stack: [Frame] = []
        let pending = OpenBlockChildren()
        var words: [NginxToken] = []
        /// A tail starts inside blocks it cannot see (the second half of a file parsed in two):
        /// a `}` with nothing open closes one of those, and is recorded in `outerCloses`.
        let isTail: Bool
        var outerCloses: [OuterClose] = []
        var opensAtOuterLevel = false
        /// The most blocks open at once.
        var deepest = 0

        init(file: SourceFile, text: NginxTokenText, isTail: Bool) {
            self.file = file
            self.text = text
            self.cursor = file.cursor()
            self.isTail = isTail
        }

        private mutating func word(_ t: NginxToken) -> Word {
            Word(text.value(of: t), quote: t.quote, range: cursor.range(t.start, t.end))
        }

        // A directive name the table knows takes the table's string: no allocation for the long
        // ones (`proxy_set_header`), no UTF-8 validation for any.
        private mutating func name(_ t: NginxToken) -> Word {
            if t.quote == .none, !t.escaped, t.kind == .word,
               let known = text.withBytes(t, NginxDirectiveLookup.shared.knownName) {
                return Word(known, quote: .none, range: cursor.range(t.start, t.end))
            }
            return word(t)
        }

        private mutating func arguments() -> [Word] {
            var list: [Word] = []
            list.reserveCapacity(words.count - 1)
            for index in 1..<words.count { list.append(word(words[index])) }
            return list
        }

        mutating func append(_ d: consuming Directive) {
            if stack.isEmpty { root.append(d) } else { pending.append(d) }
        }

        /// Closes the innermost open block at `blockEnd`.
        mutating func close(_ frame: Frame, blockEnd: SourceLocation?) {
            append(Directive(name: frame.name, arguments: frame.arguments, block: pending.take(from: frame.childStart),
                             range: frame.header, blockEnd: blockEnd))
        }

        private mutating func fail(_ message: String, _ start: Int, _ end: Int, related: [RelatedLocation] = []) -> SyntaxProblem {
            // Close what is open so the partial tree stays usable for tracing.
            while let frame = stack.popLast() { close(frame, blockEnd: nil) }
            return SyntaxProblem(.syntax, message, at: file.range(start, end), related: related)
        }

        /// Reads tokens to the lexer's end; the problem that stopped it, if any.
        mutating func read(_ lexer: inout NginxLexer) -> SyntaxProblem? {
            while true {
                let token: NginxToken?
                do {
                    token = try lexer.next()
                } catch {
                    switch error {
                    case .unterminatedString(let start, let quote):
                        let q = quote == UInt8(ascii: "\"") ? "\"" : "'"
                        return fail("unexpected end of file: the string opened here with \(q) is never closed", start, start + 1)
                    case .unexpectedAfterQuote(let offset):
                        let ch = file.text(offset, offset + 1)
                        return fail("unexpected \"\(ch)\" right after a quoted string (nginx wants a space, \";\" or \"{\")", offset, offset + 1)
                    case .unterminatedRawBlock(let start):
                        return fail("unexpected end of file: the block opened here is never closed", start, start + 1)
                    }
                }
                guard let token else { return nil }
                switch token.kind {
                case .word, .rawBlock:
                    words.append(token)
                case .semicolon:
                    guard let first = words.first else {
                        return fail("unexpected \";\" without a directive", token.start, token.end)
                    }
                    let name = name(first)
                    let arguments = arguments()
                    append(Directive(name: name, arguments: arguments, range: cursor.range(first.start, token.end)))
                    words.removeAll(keepingCapacity: true)
                case .openBrace:
                    guard let first = words.first else {
                        return fail("unexpected \"{\" without a directive name", token.start, token.end)
                    }
                    let head = name(first)
                    if head.value.hasSuffix("_by_lua_block") || head.is("lua_block") {
                        let body: NginxToken
                        do {
                            body = try lexer.rawBlock(openedAt: token.start)
                        } catch {
                            return fail("unexpected end of file: the Lua block opened here is never closed", token.start, token.end)
                        }
                        var arguments = arguments()
                        arguments.append(Word(text.value(of: body), quote: .none, range: file.range(body.start, body.end)))
                        append(Directive(name: head, arguments: arguments, range: file.range(first.start, lexer.position)))
                        words.removeAll(keepingCapacity: true)
                        continue
                    }
                    if let parent = stack.last, NginxParser.lineHandlerBlocks.contains(parent.name.value) {
                        return fail("unexpected \"{\": a \"\(parent.name.value)\" block holds only lines ending in \";\"", token.start, token.end,
                                    related: [RelatedLocation(parent.name.range, "the \"\(parent.name.value)\" block starts here")])
                    }
                    if stack.count >= NginxParser.maximumDepth {
                        return fail("blocks nested deeper than \(NginxParser.maximumDepth) levels; siolint stops reading here", first.start, token.end)
                    }
                    if stack.isEmpty && isTail { opensAtOuterLevel = true }
                    let arguments = arguments()
                    stack.append(Frame(name: head, arguments: arguments, start: first.start, headerEnd: token.end,
                                       header: cursor.range(first.start, token.end), childStart: pending.count))
                    deepest = max(deepest, stack.count)
                    words.removeAll(keepingCapacity: true)
                case .closeBrace:
                    if let first = words.first {
                        return fail("directive \"\(text.value(of: first))\" is not terminated by \";\"", first.start, words.last!.end,
                                    related: [RelatedLocation(file.range(token.start, token.end), "the block closes here")])
                    }
                    guard let frame = stack.popLast() else {
                        if isTail {
                            outerCloses.append(OuterClose(rootCount: root.count, blockEnd: cursor.location(at: token.end),
                                                          opensBlockBefore: opensAtOuterLevel))
                            opensAtOuterLevel = false
                            continue
                        }
                        return fail("unexpected \"}\": no block is open here", token.start, token.end)
                    }
                    close(frame, blockEnd: cursor.location(at: token.end))
                }
            }
        }

        /// The problem of a file that ends here, if any: a directive or a block left open.
        mutating func endOfFile() -> SyntaxProblem? {
            let end = file.bytes.count
            if let first = words.first {
                return fail("unexpected end of file: directive \"\(text.value(of: first))\" is not terminated by \";\"", first.start, words.last!.end)
            }
            if let open = stack.last {
                return fail("unexpected end of file: the \"\(open.name.value)\" block opened here is never closed", open.start, open.headerEnd,
                            related: [RelatedLocation(file.range(end, end), "the file ends here")])
            }
            return nil
        }
    }
}
