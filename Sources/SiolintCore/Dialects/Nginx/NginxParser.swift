/// Parses one nginx file into directives. Iterative (an explicit stack), so nesting depth cannot
/// overflow the call stack; stops at the first error, as nginx does, and reports it where it is.
struct NginxParser {
    /// Deeper nesting than this is reported instead of parsed.
    static let maximumDepth = 1000
    /// Blocks whose contents nginx hands to the directive's own line handler (`cf->handler`) rather
    /// than to ngx_conf_parse's directive table: a `{` inside them is `unexpected "{"`.
    static let lineHandlerBlocks: NameSet = ["map", "geo", "split_clients", "types", "charset_map"]

    typealias Result = FileParseResult

    private struct Frame {
        var name: Word
        var nameCode: UInt16
        var arguments: WordList
        var start: Int
        var headerEnd: Int
        /// `start..<headerEnd` as a range, made while the line search is there.
        var header: SourceRange
        /// Where this block's children start in `pending`.
        var childStart: Int
    }

    static func parse(_ file: SourceFile) -> Result {
        NginxLexer.withLexer(file) { lexer in parse(file, &lexer) }
    }

    private static func parse(_ file: SourceFile, _ lexer: inout NginxLexer) -> Result {
        var stack: [Frame] = []
        // The top level is the outermost open block: its directives are taken out at the end.
        let pending = OpenBlockChildren()
        // The words of the directive being read are the first `wordCount` of `words`: emptying an
        // array per directive (`removeAll(keepingCapacity:)`) cost a call to a generic replace each.
        var words: [NginxToken] = []
        var wordCount = 0
        var current: ArraySlice<NginxToken> { words[..<wordCount] }
        var argumentLists = WordList.Builder()

        let text = lexer.tokenText
        // Read once: `shared` is a lazily made global, and every access went through its once-check.
        let table = NginxDirectiveLookup.shared
        let includeCode = NginxDirectiveKey.include.code
        // Set when a directive is named `include`: the loader searches the tree for them otherwise.
        var sawInclude = false
        func word(_ t: NginxToken) -> Word {
            Word(text.value(of: t), quote: t.quote, range: file.range(t.start, t.end))
        }
        // A directive name the table knows takes the table's string: no allocation for the long
        // ones (`proxy_set_header`), no UTF-8 validation for any.
        // Its table code goes into the directive, so later passes need not look the name up again.
        func name(_ t: NginxToken) -> (Word, code: UInt16) {
            if t.quote == .none, !t.escaped, t.kind == .word,
               let known = text.withBytes(t, table.known) {
                if known.code == includeCode { sawInclude = true }
                return (Word(known.name, quote: .none, range: file.range(t.start, t.end)), known.code)
            }
            let unknown = word(t)
            if unknown.is("include") { sawInclude = true }
            return (unknown, 0)
        }
        func children(from start: Int) -> [Directive] { pending.take(from: start) }
        // Kept out of line (it runs once per file at most): inlined at its ten call sites, it left the parse loop
        // too large for the lexer's and the token text's helpers to be inlined into it (15 M instructions on 125k lines).
        @inline(never) func fail(_ message: String, _ start: Int, _ end: Int, related: [RelatedLocation] = []) -> Result {
            // Close what is open so the partial tree stays usable for tracing.
            while let frame = stack.popLast() {
                pending.append(Directive(name: frame.name, nameCode: frame.nameCode, arguments: frame.arguments,
                                         block: children(from: frame.childStart), range: frame.header))
            }
            return Result(directives: pending.take(from: 0), comments: lexer.comments,
                          problem: SyntaxProblem(.syntax, message, at: file.range(start, end), related: related), mayInclude: sawInclude)
        }

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
            guard let token else { break }
            switch token.kind {
            case .word, .rawBlock:
                if wordCount < words.count { words[wordCount] = token } else { words.append(token) }
                wordCount += 1
            case .semicolon:
                guard let first = current.first else {
                    return fail("unexpected \";\" without a directive", token.start, token.end)
                }
                let (name, code) = name(first)
                let arguments = argumentLists.list(current.dropFirst(), word)
                pending.append(Directive(name: name, nameCode: code, arguments: arguments, range: file.range(first.start, token.end)))
                wordCount = 0
            case .openBrace:
                guard let first = current.first else {
                    return fail("unexpected \"{\" without a directive name", token.start, token.end)
                }
                let (head, code) = name(first)
                if head.value.hasSuffix("_by_lua_block") || head.is("lua_block") {
                    let body: NginxToken
                    do {
                        body = try lexer.rawBlock(openedAt: token.start)
                    } catch {
                        return fail("unexpected end of file: the Lua block opened here is never closed", token.start, token.end)
                    }
                    var arguments = current.dropFirst().map(word)
                    arguments.append(Word(text.value(of: body), quote: .none, range: file.range(body.start, body.end)))
                    pending.append(Directive(name: head, nameCode: code, arguments: WordList(arguments),
                                             range: file.range(first.start, lexer.position)))
                    wordCount = 0
                    continue
                }
                // The parent's name read in place: `stack.last` copied its whole frame for every block.
                if !stack.isEmpty, lineHandlerBlocks.contains(stack[stack.count - 1].name.value) {
                    let parent = stack[stack.count - 1]
                    return fail("unexpected \"{\": a \"\(parent.name.value)\" block holds only lines ending in \";\"", token.start, token.end,
                                related: [RelatedLocation(parent.name.range, "the \"\(parent.name.value)\" block starts here")])
                }
                if stack.count >= maximumDepth {
                    return fail("blocks nested deeper than \(maximumDepth) levels; siolint stops reading here", first.start, token.end)
                }
                let arguments = argumentLists.list(current.dropFirst(), word)
                stack.append(Frame(name: head, nameCode: code, arguments: arguments, start: first.start, headerEnd: token.end,
                                   header: file.range(first.start, token.end), childStart: pending.count))
                wordCount = 0
            case .closeBrace:
                if let first = current.first {
                    return fail("directive \"\(text.value(of: first))\" is not terminated by \";\"", first.start, current.last!.end,
                                related: [RelatedLocation(file.range(token.start, token.end), "the block closes here")])
                }
                guard let frame = stack.popLast() else {
                    return fail("unexpected \"}\": no block is open here", token.start, token.end)
                }
                pending.append(Directive(name: frame.name, nameCode: frame.nameCode, arguments: frame.arguments,
                                         block: children(from: frame.childStart), range: frame.header,
                                         blockEnd: file.location(at: token.end)))
            }
        }
        let end = file.bytes.count
        if let first = current.first {
            return fail("unexpected end of file: directive \"\(text.value(of: first))\" is not terminated by \";\"", first.start, current.last!.end)
        }
        if let open = stack.last {
            return fail("unexpected end of file: the \"\(open.name.value)\" block opened here is never closed", open.start, open.headerEnd,
                        related: [RelatedLocation(file.range(end, end), "the file ends here")])
        }
        return Result(directives: pending.take(from: 0), comments: lexer.comments, problem: nil, mayInclude: sawInclude)
    }
}
