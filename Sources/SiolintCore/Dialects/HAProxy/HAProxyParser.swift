import Foundation

/// Parses one HAProxy configuration file into sections: each section header (`global`,
/// `defaults`, `frontend`, `backend`, `listen`, `peers`, …) becomes a block directive whose
/// children are its keyword lines, one directive per line. Conditional blocks are resolved
/// while reading. Like HAProxy, it reports every bad line and goes on.
struct HAProxyParser {
    /// The section keywords HAProxy knows; a line starting with one opens a section.
    static let sectionKeywords: Set<String> = ["global", "defaults", "frontend", "backend", "listen", "peers", "resolvers",
                                               "userlist", "cache", "program", "http-errors", "ring", "mailers", "fcgi-app",
                                               "log-forward", "crt-store", "traces", "acme", "namespace_list"]
    /// Sections whose header needs a name.
    static let namedSections: Set<String> = ["frontend", "backend", "listen", "peers", "resolvers", "userlist", "cache",
                                             "program", "http-errors", "ring", "mailers", "fcgi-app", "log-forward", "acme"]
    /// Beyond this many problems in one file, siolint stops reporting them.
    static let maximumProblems = 100

    struct Result {
        var sections: [Directive]
        var comments: [Comment]
        var problems: [SyntaxProblem]
        /// Conditional blocks siolint could not decide, for `trace`.
        var notes: [String]
    }


    static func parse(_ file: SourceFile, variables: HAProxyVariables, version: SoftwareVersion) -> Result {
        var sections: [Directive] = []
        var comments: [Comment] = []
        var problems: [SyntaxProblem] = []
        var notes: [String] = []
        var current: Directive?
        // The open section's lines (sections do not nest: one level).
        let pending = OpenBlockChildren()
        var argumentLists = WordList.Builder()
        var blocks = HAProxyConditionalBlocks()
        let context = HAProxyConditionExpression.Context(variables: variables, version: version)
        let bytes = file.bytes

        func problem(_ message: String, _ start: Int, _ end: Int) {
            if problems.count < maximumProblems {
                problems.append(SyntaxProblem(.syntax, message, at: file.range(start, end)))
            }
        }
        var line = HAProxyLexer.Line()
        func word(_ t: HAProxyToken) -> Word { Word(line.value(of: t, in: bytes), quote: t.quote, range: file.range(t.start, t.end)) }
        func flush() {
            let lines = pending.take(from: 0)
            // Taken out, not copied: a copy retained every reference the header holds.
            if var header = current.take() {
                header.block = lines
                sections.append(header)
            }
        }

        var lineStart = 0
        while lineStart < bytes.count {
            let lineEnd = Self.lineEnd(in: bytes, from: lineStart)
            defer { lineStart = lineEnd + 1 }
            do {
                try HAProxyLexer.lex(bytes, from: lineStart, to: lineEnd, variables: variables, into: &line)
            } catch {
                guard blocks.isActive else { continue }
                switch error {
                case .unterminatedQuote(let start, let quote):
                    problem("unmatched quote: the \(quote == UInt8(ascii: "'") ? "single" : "double") quote opened here is not closed on this line", start, start + 1)
                case .invalidHexEscape(let offset):
                    problem("invalid escape: \\x must be followed by two hexadecimal digits", offset, offset + 2)
                }
                continue
            }
            if let (start, end) = line.comment {
                comments.append(Comment(text: file.text(start, end), range: file.range(start - 1, end), ownLine: line.tokens.isEmpty))
            }
            guard let first = line.tokens.first else { continue }
            let lineRange = file.range(first.start, line.tokens.last!.end)
            // The name's word, made once: its value is the keyword every test below reads. A
            // keyword of the table is recognised on the bytes, without making a string or testing
            // it against the section keywords and the keyword syntax again.
            let known = first.cooked < 0
                ? bytes.withUnsafeBufferPointer { HAProxyKeywordNames.entry(UnsafeBufferPointer(rebasing: $0[first.start..<first.end])) } : nil
            let name = known.map { Word($0.name, quote: .none, range: file.range(first.start, first.end)) } ?? word(first)
            let keyword = name.value

            if known == nil, keyword.hasBytePrefix(".") {
                let rest = line.tokens.dropFirst()
                let text = rest.map { line.value(of: $0, in: bytes) }.joined(separator: " ")
                let unresolved = rest.contains { $0.hasUnresolvedVariables }
                func evaluate() -> Bool? {
                    switch HAProxyConditionExpression.evaluate(text, context: context, hasUnresolvedVariables: unresolved) {
                    case .value(let v):
                        if v == nil { notes.append("\(lineRange.start.description): `\(keyword) \(text)` cannot be decided here; every branch is read") }
                        return v
                    case .invalid(let message):
                        problem(message, first.start, line.tokens.last!.end)
                        return false
                    }
                }
                switch keyword {
                case ".if":
                    if blocks.depth >= HAProxyConditionalBlocks.maximumDepth {
                        problem("conditional blocks nested deeper than \(HAProxyConditionalBlocks.maximumDepth) levels", first.start, first.end)
                        continue
                    }
                    blocks.openIf(blocks.isActive ? evaluate() : false, at: lineRange)
                case ".elif":
                    // Evaluated only if it can matter; an error in a skipped .elif is still an error to HAProxy.
                    let condition = evaluate()
                    if let message = blocks.alternative(condition, isElse: false, keyword: keyword) { problem(message, first.start, first.end) }
                case ".else":
                    if let message = blocks.alternative(true, isElse: true, keyword: keyword) { problem(message, first.start, first.end) }
                case ".endif":
                    if let message = blocks.close() { problem(message, first.start, first.end) }
                case ".alert":
                    if blocks.isActive && blocks.isCertain {
                        problem("HAProxy stops here: .alert \"\(text)\"", first.start, line.tokens.last!.end)
                    } else if blocks.isActive {
                        notes.append("\(lineRange.start.description): HAProxy stops with .alert \"\(text)\" if this branch is taken")
                    }
                case ".diag", ".notice", ".warning":
                    break
                default:
                    if blocks.isActive { problem("unknown directive '\(keyword)'", first.start, first.end) }
                }
                continue
            }
            guard blocks.isActive else { continue }

            if known?.opensSection ?? (known == nil && isSectionKeyword(keyword)) {
                flush()
                let arguments = argumentLists.list(line.tokens.dropFirst(), word)
                if known?.needsName ?? namedSections.contains(keyword), arguments.first.map({ $0.value == "from" || $0.value.isEmpty }) ?? true {
                    problem("missing name for \(keyword) section", first.start, first.end)
                }
                if let from = arguments.firstIndex(where: { $0.value == "from" }), from > 0 || keyword == "defaults",
                   from + 1 >= arguments.count {
                    problem("'from' needs the name of a defaults section", arguments[from].range.start.offset, arguments[from].range.end.offset)
                }
                current = Directive(name: name, arguments: arguments, block: [], range: lineRange)
                continue
            }
            guard current != nil else {
                problem("unknown keyword '\(keyword)' out of section", first.start, first.end)
                continue
            }
            if known == nil, !isPlausibleKeyword(keyword) {
                problem("unknown keyword '\(keyword)' in '\(current!.name.value)' section", first.start, first.end)
                continue
            }
            if keyword == "no" || keyword == "default", line.tokens.count < 2 {
                problem("'\(keyword)' must be followed by the keyword it negates or resets (e.g. `no option httpclose`)", first.start, first.end)
                continue
            }
            pending.append(Directive(name: name, arguments: argumentLists.list(line.tokens.dropFirst(), word), range: lineRange))
        }
        flush()
        for opened in blocks.openLevels {
            problems.append(SyntaxProblem(.syntax, "'.if' without a matching '.endif' before the end of the file", at: opened))
        }
        return Result(sections: sections, comments: comments, problems: problems, notes: notes)
    }

    /// Where the line starting at `start` ends: the offset of its line feed, or the end of the file.
    static func lineEnd(in bytes: [UInt8], from start: Int) -> Int {
        // memchr: a loop over the array was five instructions a byte, a tenth of the parser.
        bytes.withUnsafeBufferPointer { buffer in
            guard start < buffer.count, let base = buffer.baseAddress,
                  let found = memchr(base + start, 0x0A, buffer.count - start) else { return buffer.count }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// `sectionKeywords.contains(keyword)`, asked of every line: most keywords differ from every
    /// section keyword in their first byte or their length, and the others are compared with the
    /// one or two section keywords of that first byte and length, without hashing them.
    static func isSectionKeyword(_ keyword: String) -> Bool {
        let utf8 = keyword.utf8
        guard let first = utf8.first else { return false }
        switch (first, utf8.count) {
        case (UInt8(ascii: "g"), 6): return keyword == "global"
        case (UInt8(ascii: "d"), 8): return keyword == "defaults"
        case (UInt8(ascii: "f"), 8): return keyword == "frontend" || keyword == "fcgi-app"
        case (UInt8(ascii: "b"), 7): return keyword == "backend"
        case (UInt8(ascii: "l"), 6): return keyword == "listen"
        case (UInt8(ascii: "l"), 11): return keyword == "log-forward"
        case (UInt8(ascii: "p"), 5): return keyword == "peers"
        case (UInt8(ascii: "p"), 7): return keyword == "program"
        case (UInt8(ascii: "r"), 9): return keyword == "resolvers"
        case (UInt8(ascii: "r"), 4): return keyword == "ring"
        case (UInt8(ascii: "u"), 8): return keyword == "userlist"
        case (UInt8(ascii: "c"), 5): return keyword == "cache"
        case (UInt8(ascii: "c"), 9): return keyword == "crt-store"
        case (UInt8(ascii: "h"), 11): return keyword == "http-errors"
        case (UInt8(ascii: "m"), 7): return keyword == "mailers"
        case (UInt8(ascii: "t"), 6): return keyword == "traces"
        case (UInt8(ascii: "a"), 4): return keyword == "acme"
        case (UInt8(ascii: "n"), 14): return keyword == "namespace_list"
        default: return false
        }
    }

    /// HAProxy keywords are made of letters, digits, `-`, `_` and `.`, and are never a bare number
    /// (a line reading `0` is refused, it is not a value).
    static func isPlausibleKeyword(_ keyword: String) -> Bool {
        // On the contiguous bytes: iterating the UTF-8 view of a small string decoded it byte by byte.
        keyword.utf8.withContiguousStorageIfAvailable(isPlausibleKeyword) ?? isPlausibleKeyword(Array(keyword.utf8))
    }

    private static func isPlausibleKeyword(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer(isPlausibleKeyword)
    }

    private static func isPlausibleKeyword(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var sawLetter = false
        for b in bytes {
            switch b {
            case 0x41...0x5A, 0x61...0x7A: sawLetter = true
            case 0x30...0x39, UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."): break
            default: return false
            }
        }
        return sawLetter
    }
}
