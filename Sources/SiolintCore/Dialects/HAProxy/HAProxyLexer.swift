/// One word of an HAProxy configuration line, after quotes, escapes and environment variables
/// were resolved. Holds no string: a plain word's value is its bytes as written, made into a
/// string once, when the parser makes the word (see `HAProxyLexer.Line.value(of:in:)`).
struct HAProxyToken {
    /// Byte offsets of the word as written, quotes included.
    var start: Int
    var end: Int
    /// The index of the word's value in `HAProxyLexer.Line.cooked` when quotes, escapes or
    /// variables made it differ from the bytes written; -1 for a plain word.
    var cooked: Int
    /// The first quote style used in the word (`"a"'b'` is `.double`).
    var quote: QuoteStyle
    /// Whether the word names environment variables that have no value here; they stay written as `${NAME}`.
    var hasUnresolvedVariables: Bool
}

/// The environment variables `"${NAME}"` expands to: `--define NAME=VALUE` over the process
/// environment.
struct HAProxyVariables: Sendable {
    var values: [String: String]

    func value(_ name: String) -> String? { values[name] }
}

/// Splits one HAProxy configuration line into words, as HAProxy's `parse_line()` does: blanks
/// separate words; `#` outside quotes starts a comment (even inside a word; `\#` is a hash);
/// a backslash escapes ` `, `#`, `\`, `'`, `"`, `$` and writes `\n` `\r` `\t` `\xNN` (other
/// escapes stay as written); double quotes protect blanks and expand `$NAME`/`${NAME}`/
/// `${NAME-default}`; single quotes protect everything. Works on bytes.
enum HAProxyLexer {
    struct Line {
        // Tokens hold no reference: the array is emptied for every line, and a token holding its
        // value was a string made, copied into the word and released again for every word.
        var tokens: [HAProxyToken] = []
        /// The values of the words that are not their bytes as written (`HAProxyToken.cooked`).
        var cooked: [String] = []
        /// The comment's byte range (after `#`), if the line has one.
        var comment: (start: Int, end: Int)?

        /// The value of `token`, a token of this line lexed from `bytes`.
        func value(of token: HAProxyToken, in bytes: [UInt8]) -> String {
            token.cooked >= 0 ? cooked[token.cooked] : String(decoding: bytes[token.start..<token.end], as: UTF8.self)
        }
    }

    enum LexError: Error {
        case unterminatedQuote(start: Int, quote: UInt8)
        case invalidHexEscape(offset: Int)
    }

    private static let space: UInt8 = 0x20, tab: UInt8 = 0x09, hash = UInt8(ascii: "#")
    private static let dquote = UInt8(ascii: "\""), squote = UInt8(ascii: "'"), backslash = UInt8(ascii: "\\")
    private static let dollar = UInt8(ascii: "$")

    /// Lexes the bytes `from..<to` of a file (one line, without its line break).
    static func lex(_ bytes: [UInt8], from: Int, to: Int, variables: HAProxyVariables) throws(LexError) -> Line {
        var line = Line()
        try lex(bytes, from: from, to: to, variables: variables, into: &line)
        return line
    }

    /// `lex(_:from:to:variables:)` into `line`, whose token array is reused: a parser lexes one
    /// line at a time, and a new array per line grew three times on most lines.
    static func lex(_ bytes: [UInt8], from: Int, to: Int, variables: HAProxyVariables, into line: inout Line) throws(LexError) {
        line.tokens.removeAll(keepingCapacity: true)
        if !line.cooked.isEmpty { line.cooked.removeAll(keepingCapacity: true) }
        line.comment = nil
        try lexWords(bytes, from: from, to: to, variables: variables, tokens: &line.tokens, cooked: &line.cooked, comment: &line.comment)
    }

    private static func lexWords(_ bytes: [UInt8], from: Int, to: Int, variables: HAProxyVariables, tokens: inout [HAProxyToken],
                                 cooked: inout [String], comment: inout (start: Int, end: Int)?) throws(LexError) {
        var i = from
        while i < to {
            let b = bytes[i]
            if b == space || b == tab || b == 0x0D { i += 1; continue }
            if b == hash { comment = (i + 1, to); break }
            let start = i
            // Most words have no quote, escape or variable: take their bytes as they are instead
            // of copying them one by one (lexing was a quarter of the time on large files).
            let plainEnd = Self.plainEnd(bytes, from: i, to: to)
            if plainEnd == to || bytes[plainEnd] == space || bytes[plainEnd] == tab || bytes[plainEnd] == 0x0D || bytes[plainEnd] == hash {
                tokens.append(HAProxyToken(start: start, end: plainEnd, cooked: -1, quote: .none, hasUnresolvedVariables: false))
                i = plainEnd
                if i < to, bytes[i] == hash { comment = (i + 1, to); break }
                continue
            }
            var out: [UInt8] = []
            var quote = QuoteStyle.none
            var unresolved = false
            var inDouble = false
            var inSingle = false
            var openedAt = i
            wordLoop: while i < to {
                let c = bytes[i]
                if inSingle {
                    if c == squote { inSingle = false } else { out.append(c) }
                    i += 1
                    continue
                }
                if !inDouble {
                    if c == space || c == tab || c == 0x0D { break wordLoop }
                    if c == hash { break wordLoop }
                }
                switch c {
                case squote where !inDouble:
                    inSingle = true
                    openedAt = i
                    if quote == .none { quote = .single }
                    i += 1
                case dquote:
                    inDouble.toggle()
                    if inDouble { openedAt = i }
                    if quote == .none { quote = .double }
                    i += 1
                case backslash where i + 1 < to:
                    let n = bytes[i + 1]
                    switch n {
                    case space, tab, hash, backslash, squote, dquote, dollar:
                        out.append(n); i += 2
                    case UInt8(ascii: "n"): out.append(0x0A); i += 2
                    case UInt8(ascii: "r"): out.append(0x0D); i += 2
                    case UInt8(ascii: "t"): out.append(0x09); i += 2
                    case UInt8(ascii: "x"):
                        guard let h = hexValue(bytes, i + 2, to) else { throw .invalidHexEscape(offset: i) }
                        out.append(h); i += 4
                    default:
                        out.append(c); out.append(n); i += 2
                    }
                case dollar where inDouble:
                    if let (name, fallback, next) = variable(bytes, i, to) {
                        if let value = variables.value(name) ?? fallback {
                            out += Array(value.utf8)
                        } else {
                            out += Array(bytes[i..<next])
                            unresolved = true
                        }
                        i = next
                    } else {
                        out.append(c); i += 1
                    }
                default:
                    out.append(c); i += 1
                }
            }
            if inSingle || inDouble { throw .unterminatedQuote(start: openedAt, quote: inSingle ? squote : dquote) }
            cooked.append(String(decoding: out, as: UTF8.self))
            tokens.append(HAProxyToken(start: start, end: i, cooked: cooked.count - 1, quote: quote, hasUnresolvedVariables: unresolved))
            if i < to, bytes[i] == hash { comment = (i + 1, to); break }
        }
    }

    /// Where the run of bytes from `from` that are not special ends (`to` when none is).
    @inline(__always) private static func plainEnd(_ bytes: [UInt8], from: Int, to: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            var i = from
            while i < to {
                let b = buffer[i]
                // Every special byte but the backslash is at most `'` (0x27): most bytes (letters,
                // digits, `-./:`) are told apart with two comparisons instead of seven.
                if b > squote {
                    if b == backslash { return i }
                } else if isSpecial(b) {
                    return i
                }
                i += 1
            }
            return to
        }
    }

    /// A byte that ends a word or changes how the bytes after it are read.
    @inline(__always) private static func isSpecial(_ b: UInt8) -> Bool {
        b == space || b == tab || b == 0x0D || b == hash || b == squote || b == dquote || b == backslash
    }

    private static func hexValue(_ bytes: [UInt8], _ at: Int, _ to: Int) -> UInt8? {
        guard at + 1 < to else { return nil }
        func digit(_ b: UInt8) -> UInt8? {
            switch b {
            case 0x30...0x39: return b - 0x30
            case 0x41...0x46: return b - 0x41 + 10
            case 0x61...0x66: return b - 0x61 + 10
            default: return nil
            }
        }
        guard let hi = digit(bytes[at]), let lo = digit(bytes[at + 1]) else { return nil }
        return hi << 4 | lo
    }

    private static func isNameByte(_ b: UInt8, first: Bool) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "_") || (!first && b >= 0x30 && b <= 0x39)
    }

    /// `$NAME`, `${NAME}`, `${NAME-default}`, `${NAME[*]}` (and the pseudo-variables `${.LINE}` …)
    /// starting at `at`: the name, the default, and the offset after it.
    private static func variable(_ bytes: [UInt8], _ at: Int, _ to: Int) -> (String, String?, Int)? {
        var i = at + 1
        guard i < to else { return nil }
        if bytes[i] == UInt8(ascii: "{") {
            i += 1
            let nameStart = i
            while i < to, isNameByte(bytes[i], first: i == nameStart) || bytes[i] == UInt8(ascii: ".") { i += 1 }
            let name = String(decoding: bytes[nameStart..<i], as: UTF8.self)
            var fallback: String?
            if i < to, bytes[i] == UInt8(ascii: "-") {
                let defaultStart = i + 1
                while i < to, bytes[i] != UInt8(ascii: "}") { i += 1 }
                fallback = String(decoding: bytes[defaultStart..<i], as: UTF8.self)
            } else if i + 2 < to, bytes[i] == UInt8(ascii: "["), bytes[i + 1] == UInt8(ascii: "*"), bytes[i + 2] == UInt8(ascii: "]") {
                i += 3
            }
            guard !name.isEmpty, i < to, bytes[i] == UInt8(ascii: "}") else { return nil }
            return (name, fallback, i + 1)
        }
        guard isNameByte(bytes[i], first: true) else { return nil }
        let nameStart = i
        while i < to, isNameByte(bytes[i], first: false) { i += 1 }
        return (String(decoding: bytes[nameStart..<i], as: UTF8.self), nil, i)
    }
}
