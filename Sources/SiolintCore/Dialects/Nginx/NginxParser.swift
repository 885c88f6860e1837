/// Parses one nginx file into directives. Iterative (an explicit stack), so nesting depth cannot
/// overflow the call stack; stops at the first error, as nginx does, and reports it where it is.
///
/// A large file is parsed in two halves at once, split between two directives of a top-level
/// block (`NginxParseSplit`); a half that meets anything unusual gives up and the file is parsed
/// again in one piece, so the result is always the one-piece parse.
struct NginxParser {
    /// Deeper nesting than this is reported instead of parsed.
    static let maximumDepth = 1000
    /// Blocks whose contents nginx hands to the directive's own line handler (`cf->handler`) rather
    /// than to ngx_conf_parse's directive table: a `{` inside them is `unexpected "{"`.
    static let lineHandlerBlocks: NameSet = ["map", "geo", "split_clients", "types", "charset_map"]
    /// Files at least this large are parsed in two halves at once.
    static let splitSize = 256 << 10

    typealias Result = FileParseResult

    /// An open block.
    struct Frame {
        var name: Word
        var arguments: [Word]
        var start: Int
        var headerEnd: Int
        /// Where this block's children start in `pending`.
        var childStart: Int
    }

    private let file: SourceFile
    private var lexer: NginxLexer
    private var root: [Directive] = []
    private var stack: [Frame] = []
    // The children of every open block, innermost last. A block's list is copied out at its
    // `}` at its exact size: growing each block's own array left up to half of it unused,
    // and the parse tree is most of siolint's memory.
    private var pending: [Directive] = []
    private var words: [NginxToken] = []
    // Tokens come in file order: each line search starts where the previous one ended.
    private var lineHint = 0

    private init(file: SourceFile, lexer: NginxLexer) {
        self.file = file
        self.lexer = lexer
    }

    static func parse(_ file: SourceFile) -> Result {
        if file.bytes.count >= splitSize, ParallelWork.cores > 1, let split = NginxParseSplit.find(in: file),
           let halves = parseHalves(file, at: split) {
            return halves
        }
        return parseInOnePiece(file)
    }

    static func parseInOnePiece(_ file: SourceFile) -> Result {
        var parser = NginxParser(file: file, lexer: NginxLexer(file: file))
        return parser.run(until: nil)
    }

    // MARK: - Two halves

    /// The first half runs up to `split.offset` and must stop there inside exactly the block the
    /// split names; the second starts there with that block open. Either half meeting a problem
    /// (or anything the split did not foresee) makes this return `nil`.
    static func parseHalves(_ file: SourceFile, at split: NginxParseSplit) -> Result? {
        let (first, second) = ParallelWork.both {
            var parser = NginxParser(file: file, lexer: NginxLexer(file: file))
            let stopped = parser.run(until: split.offset)
            return ParsedHalf(parser: parser, stoppedCleanly: stopped.problem == nil)
        } _: {
            var parser = NginxParser(file: file, lexer: NginxLexer(file: file, resumingAt: split.offset))
            // The open block's header is rebuilt from the split; the first half's own copy is the
            // one kept (its words and ranges are the parsed ones).
            parser.stack = [Frame(name: Word(split.blockName, range: SourceRange(at: file.location(at: split.blockStart))),
                                  arguments: [], start: split.blockStart, headerEnd: split.blockStart, childStart: 0)]
            parser.closesSplitBlock = true
            let result = parser.run(until: nil)
            return ParsedHalf(parser: parser, stoppedCleanly: result.problem == nil)
        }
        guard first.stoppedCleanly, second.stoppedCleanly,
              first.parser.stack.count == 1, first.parser.words.isEmpty, first.parser.lexer.position == split.offset,
              let open = first.parser.stack.first, open.name.value == split.blockName, open.start == split.blockStart,
              let closed = second.parser.splitBlockClose else { return nil }
        var children = Array(first.parser.pending[open.childStart...])
        children += closed.children
        var directives = first.parser.root
        directives.append(Directive(name: open.name, arguments: open.arguments, block: children,
                                    range: file.range(open.start, open.headerEnd), blockEnd: closed.end))
        directives += second.parser.root
        return Result(directives: directives, comments: first.parser.lexer.comments + second.parser.lexer.comments, problem: nil)
    }

    private struct ParsedHalf: @unchecked Sendable {
        // Each half is built on one thread and only read after both have finished.
        var parser: NginxParser
        var stoppedCleanly: Bool
    }

    /// Second half only: the split block's frame is synthetic, so its `}` hands over the children
    /// collected so far instead of building the directive.
    private var closesSplitBlock = false
    private var splitBlockClose: (children: [Directive], end: SourceLocation)?

    // MARK: - The parse

    private func word(_ t: NginxToken, hint: inout Int) -> Word {
        Word(lexer.value(of: t), quote: t.quote, range: file.range(t.start, t.end, hint: &hint))
    }

    private mutating func word(_ t: NginxToken) -> Word {
        word(t, hint: &lineHint)
    }

    /// A directive name the table knows takes the table's string: no allocation for the long
    /// ones (`proxy_set_header`), no UTF-8 validation for any.
    private mutating func name(_ t: NginxToken) -> Word {
        if t.quote == .none, !t.escaped, t.kind == .word,
           let known = file.bytes.withUnsafeBufferPointer({ NginxDirectiveLookup.shared.knownName(UnsafeBufferPointer(rebasing: $0[t.start..<t.end])) }) {
            return Word(known, quote: .none, range: file.range(t.start, t.end, hint: &lineHint))
        }
        return word(t)
    }

    /// The words after the first, as arguments.
    private mutating func arguments() -> [Word] {
        var hint = lineHint
        defer { lineHint = hint }
        return words.dropFirst().map { word($0, hint: &hint) }
    }

    private mutating func append(_ d: consuming Directive) {
        if stack.isEmpty { root.append(d) } else { pending.append(d) }
    }

    private mutating func children(from start: Int) -> [Directive] {
        let count = pending.count - start
        let list = pending.withUnsafeBufferPointer { all in
            [Directive](unsafeUninitializedCapacity: count) { buffer, initialized in
                _ = buffer.initialize(from: all[start...])
                initialized = count
            }
        }
        pending.removeSubrange(start...)
        return list
    }

    private mutating func fail(_ message: String, _ start: Int, _ end: Int, related: [RelatedLocation] = []) -> Result {
        // Close what is open so the partial tree stays usable for tracing.
        while let frame = stack.popLast() {
            append(Directive(name: frame.name, arguments: frame.arguments, block: children(from: frame.childStart),
                             range: file.range(frame.start, frame.headerEnd)))
        }
        return Result(directives: root, comments: lexer.comments,
                      problem: SyntaxProblem(.syntax, message, at: file.range(start, end), related: related))
    }

    /// Parses tokens until the end of the file, or until the lexer reaches `stop` (then the
    /// returned result is only a marker: the state stays in the parser).
    private mutating func run(until stop: Int?) -> Result {
        while true {
            if let stop, lexer.position >= stop { return Result(directives: [], comments: [], problem: nil) }
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
            guard let token else { break }
            switch token.kind {
            case .word, .rawBlock:
                words.append(token)
            case .semicolon:
                guard let first = words.first else {
                    return fail("unexpected \";\" without a directive", token.start, token.end)
                }
                let name = name(first)
                let arguments = arguments()
                append(Directive(name: name, arguments: arguments, range: file.range(first.start, token.end, hint: &lineHint)))
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
                    arguments.append(Word(lexer.value(of: body), quote: .none, range: file.range(body.start, body.end)))
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
                stack.append(Frame(name: head, arguments: arguments(), start: first.start, headerEnd: token.end,
                                   childStart: pending.count))
                words.removeAll(keepingCapacity: true)
            case .closeBrace:
                if let first = words.first {
                    return fail("directive \"\(lexer.value(of: first))\" is not terminated by \";\"", first.start, words.last!.end,
                                related: [RelatedLocation(file.range(token.start, token.end), "the block closes here")])
                }
                guard let frame = stack.popLast() else {
                    return fail("unexpected \"}\": no block is open here", token.start, token.end)
                }
                let blockEnd = file.location(at: token.end, hint: &lineHint)
                if closesSplitBlock, stack.isEmpty {
                    closesSplitBlock = false
                    splitBlockClose = (children(from: frame.childStart), blockEnd)
                    continue
                }
                append(Directive(name: frame.name, arguments: frame.arguments, block: children(from: frame.childStart),
                                 range: file.range(frame.start, frame.headerEnd), blockEnd: blockEnd))
            }
        }
        let end = file.bytes.count
        if let first = words.first {
            return fail("unexpected end of file: directive \"\(lexer.value(of: first))\" is not terminated by \";\"", first.start, words.last!.end)
        }
        if let open = stack.last {
            return fail("unexpected end of file: the \"\(open.name.value)\" block opened here is never closed", open.start, open.headerEnd,
                        related: [RelatedLocation(file.range(end, end), "the file ends here")])
        }
        return Result(directives: root, comments: lexer.comments, problem: nil)
    }
}
