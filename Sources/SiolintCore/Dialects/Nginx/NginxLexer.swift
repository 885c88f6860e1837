/// A token of nginx's configuration syntax.
struct NginxToken {
    enum Kind: Equatable {
        case word
        case semicolon
        case openBrace
        case closeBrace
        /// The raw body of a `*_by_lua_block { … }`, braces excluded.
        case rawBlock
    }

    var kind: Kind
    var quote: QuoteStyle
    var start: Int
    var end: Int
    /// Whether the word holds a `\` (its value needs unescaping). Values are made by
    /// `NginxLexer.value(of:)` when the parser needs them, so a directive name the table knows
    /// costs no string at all.
    var escaped = false
}

/// Splits nginx configuration bytes into tokens, as `ngx_conf_read_token` does: white space,
/// `;` and `{` end a word; `;`, `{`, `}` are tokens at the start of a word; `#` starts a comment
/// at the start of a word; quotes only open at the start of a word; `\` escapes the next byte;
/// `${` … `}` belongs to the word. Works on bytes; positions are byte offsets into the file.
struct NginxLexer {
    let file: SourceFile
    /// The file's bytes, valid only inside `withLexer`: reading through a buffer pointer drops
    /// the bounds check and array access of every byte.
    private let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position = 0
    /// Comments met so far.
    private(set) var comments: [Comment] = []
    private var lineHasContent = false

    /// `wordBreaks`, read once: a static is made lazily, and reading it checked that once per word.
    private let breaks: UnsafePointer<Bool>

    private init(file: SourceFile, bytes: UnsafeBufferPointer<UInt8>) {
        self.file = file
        self.bytes = bytes
        self.breaks = NginxLexer.wordBreaks
    }

    /// Runs `body` with a lexer at the start of `file`; the lexer must not escape it.
    static func withLexer<R>(_ file: SourceFile, _ body: (inout NginxLexer) throws -> R) rethrows -> R {
        try file.bytes.withUnsafeBufferPointer { bytes in
            var lexer = NginxLexer(file: file, bytes: bytes)
            return try body(&lexer)
        }
    }

    enum LexError: Error {
        case unterminatedString(start: Int, quote: UInt8)
        case unexpectedAfterQuote(offset: Int)
        case unterminatedRawBlock(start: Int)
    }

    private static let space: UInt8 = 0x20, tab: UInt8 = 0x09, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
    private static let semicolon = UInt8(ascii: ";"), open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
    private static let hash = UInt8(ascii: "#"), dquote = UInt8(ascii: "\""), squote = UInt8(ascii: "'")
    private static let backslash = UInt8(ascii: "\\"), dollar = UInt8(ascii: "$")
    private static let eightSpaces: UInt64 = 0x2020_2020_2020_2020

    @inline(__always) private static func isSpace(_ b: UInt8) -> Bool {
        b == space || b == tab || b == lf || b == cr
    }

    /// The next token, `nil` at end of input.
    mutating func next() throws(LexError) -> NginxToken? {
        while position < bytes.count {
            let b = bytes[position]
            if NginxLexer.isSpace(b) {
                if b == NginxLexer.lf || b == NginxLexer.cr { lineHasContent = false }
                position += 1
                // Indentation comes in runs of spaces: eight at a time while there are eight.
                while position + 8 <= bytes.count,
                      UnsafeRawPointer(bytes.baseAddress! + position).loadUnaligned(as: UInt64.self) == NginxLexer.eightSpaces {
                    position += 8
                }
                continue
            }
            if b == NginxLexer.hash {
                let start = position
                while position < bytes.count, bytes[position] != NginxLexer.lf, bytes[position] != NginxLexer.cr { position += 1 }
                comments.append(Comment(text: tokenText.text(start + 1, position), range: file.range(start, position), ownLine: !lineHasContent))
                continue
            }
            lineHasContent = true
            let start = position
            switch b {
            case NginxLexer.semicolon:
                position += 1
                return NginxToken(kind: .semicolon, quote: .none, start: start, end: position)
            case NginxLexer.open:
                position += 1
                return NginxToken(kind: .openBrace, quote: .none, start: start, end: position)
            case NginxLexer.close:
                position += 1
                return NginxToken(kind: .closeBrace, quote: .none, start: start, end: position)
            case NginxLexer.dquote, NginxLexer.squote:
                return try quoted(b)
            default:
                return bare()
            }
        }
        return nil
    }

    private mutating func quoted(_ quote: UInt8) throws(LexError) -> NginxToken {
        let start = position
        var escaped = false
        position += 1
        while position < bytes.count {
            let b = bytes[position]
            if b == NginxLexer.backslash, position + 1 < bytes.count {
                escaped = true
                position += 2
                continue
            }
            if b == quote {
                position += 1
                if position < bytes.count {
                    let after = bytes[position]
                    // nginx wants white space, `;`, `{` or `)` after a closing quote.
                    if !(NginxLexer.isSpace(after) || after == NginxLexer.semicolon || after == NginxLexer.open || after == UInt8(ascii: ")")) {
                        throw .unexpectedAfterQuote(offset: position)
                    }
                }
                return NginxToken(kind: .word, quote: quote == NginxLexer.dquote ? .double : .single, start: start, end: position,
                                  escaped: escaped)
            }
            position += 1
        }
        throw .unterminatedString(start: start, quote: quote)
    }

    /// Per byte value, whether it can end a bare word or needs a closer look there: white space,
    /// `;`, `{` and `\`. Every other byte just continues the word, with one test instead of seven.
    /// Written once when first used, then only read (hence safe to share between threads).
    nonisolated(unsafe) private static let wordBreaks: UnsafePointer<Bool> = {
        let table = UnsafeMutablePointer<Bool>.allocate(capacity: 256)
        table.initialize(repeating: false, count: 256)
        for byte in [space, tab, lf, cr, semicolon, open, backslash] { table[Int(byte)] = true }
        return UnsafePointer(table)
    }()

    private mutating func bare() -> NginxToken {
        let start = position
        var escaped = false
        // A local index, stored back once: `position` lives in the lexer, which the loop would
        // otherwise load and store on every byte.
        var at = position
        let end = bytes.count
        while at < end {
            let b = bytes[at]
            if !breaks[Int(b)] {
                at += 1
                continue
            }
            if b == NginxLexer.backslash, at + 1 < end {
                escaped = true
                at += 2
                continue
            }
            if NginxLexer.isSpace(b) || b == NginxLexer.semicolon { break }
            // `${name}` is part of the word; any other `{` ends it. A `}` inside a word is literal.
            if b == NginxLexer.open, !(at > start && bytes[at - 1] == NginxLexer.dollar) { break }
            at += 1
        }
        position = at
        return NginxToken(kind: .word, quote: .none, start: start, end: at, escaped: escaped)
    }

    /// The text of the tokens this lexer hands out.
    var tokenText: NginxTokenText { NginxTokenText(bytes: bytes) }

    /// A token's value: see `NginxTokenText.value(of:)`.
    func value(of token: NginxToken) -> String { tokenText.value(of: token) }

    /// Reads the raw body of a Lua block; `position` must be just after its `{`.
    mutating func rawBlock(openedAt open: Int) throws(LexError) -> NginxToken {
        let start = position
        var depth = 1
        while position < bytes.count {
            let b = bytes[position]
            switch b {
            case NginxLexer.open:
                depth += 1
            case NginxLexer.close:
                depth -= 1
                if depth == 0 {
                    let token = NginxToken(kind: .rawBlock, quote: .none, start: start, end: position)
                    position += 1
                    return token
                }
            case NginxLexer.dquote, NginxLexer.squote:
                position += 1
                while position < bytes.count, bytes[position] != b {
                    if bytes[position] == NginxLexer.backslash { position += 1 }
                    position += 1
                }
            case UInt8(ascii: "-") where position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "-"):
                // A Lua comment runs to the end of the line; braces in it do not count.
                while position < bytes.count, bytes[position] != NginxLexer.lf { position += 1 }
            case UInt8(ascii: "[") where position + 1 < bytes.count && (bytes[position + 1] == UInt8(ascii: "[") || bytes[position + 1] == UInt8(ascii: "=")):
                // A Lua long string [[ … ]] or [=[ … ]=].
                var level = 0
                var p = position + 1
                while p < bytes.count, bytes[p] == UInt8(ascii: "=") { level += 1; p += 1 }
                if p < bytes.count, bytes[p] == UInt8(ascii: "[") {
                    let closing = [UInt8(ascii: "]")] + Array(repeating: UInt8(ascii: "="), count: level) + [UInt8(ascii: "]")]
                    p += 1
                    while p + closing.count <= bytes.count, Array(bytes[p..<p + closing.count]) != closing { p += 1 }
                    position = min(bytes.count, p + closing.count) - 1
                }
            default:
                break
            }
            position += 1
        }
        throw .unterminatedRawBlock(start: open)
    }
}
