/// Regular expressions that PCRE2 certainly refuses, with the message nginx prints when
/// `pcre2_compile()` fails (`pcre2_compile() failed: missing closing parenthesis in "(x"`). nginx
/// compiles the regular expressions of `location ~`, `if (… ~ …)`, `rewrite` and `map`'s `~` keys
/// while it reads the configuration, so one of these stops `nginx -t`.
///
/// siolint has no PCRE, and ICU (NSRegularExpression) is not PCRE: a byte scanner (PCREScanner) looks
/// for four mistakes no PCRE2 syntax gives a meaning to — a `(` never closed, a `)` never opened, a `[`
/// never closed, a quantifier (`*` `+` `?`) with nothing to repeat (at the start, after `(` or `|`,
/// `^`, `$`, `\b`, or a quantifier and its modifier) — and gives up on whatever it does not follow
/// (`\Q…\E`, `(?#…)`, `(?x)`, verbs, callouts, `\p`, POSIX classes, relative references, anything
/// PCRE2 might stop at first with another message). A pattern is reported only when ICU refuses it
/// too: a missing finding is the price of never refusing a pattern nginx accepts.
enum NginxRegexSyntax {
    /// nginx's message for a pattern PCRE2 refuses, or `nil` when it compiles or siolint cannot tell.
    static func problem(_ pattern: String, caseInsensitive: Bool) -> String? {
        let bytes = Array(pattern.utf8)
        guard let error = firstError(bytes) else { return nil }
        guard !RegexPattern(pattern, caseInsensitive: caseInsensitive).isValid else { return nil }
        switch error {
        case .missingClosingParenthesis:
            return "pcre2_compile() failed: missing closing parenthesis in \"\(pattern)\""
        case .missingClosingBracket:
            return "pcre2_compile() failed: missing terminating ] for character class in \"\(pattern)\""
        case .unmatchedClosingParenthesis(let offset):
            return "pcre2_compile() failed: unmatched closing parenthesis in \"\(pattern)\" at \"\(rest(bytes, offset))\""
        case .nothingToRepeat(let offset):
            return "pcre2_compile() failed: quantifier does not follow a repeatable item in \"\(pattern)\" at \"\(rest(bytes, offset))\""
        }
    }

    /// The regular expression of a word nginx reads as `~regex` or `~*regex` (a one-word `location`,
    /// a `map` key), and whether it ignores case; `nil` when the word does not start with `~` or holds
    /// nothing after it.
    static func afterTilde(_ word: String) -> (pattern: String, caseInsensitive: Bool)? {
        // The first byte first: the checker asks this of every one-word `location`, and a Substring's
        // `hasPrefix` costs hundreds of instructions.
        guard word.utf8.first == UInt8(ascii: "~") else { return nil }
        var rest = Substring(word)
        rest = rest.dropFirst()
        let caseInsensitive = rest.hasPrefix("*")
        if caseInsensitive { rest = rest.dropFirst() }
        return rest.isEmpty ? nil : (String(rest), caseInsensitive)
    }

    /// The first mistake PCRE2 stops at, in PCRE2's order (it reads left to right).
    enum Mistake: Equatable {
        case missingClosingParenthesis
        case missingClosingBracket
        /// The offset of the `)`.
        case unmatchedClosingParenthesis(Int)
        /// The offset of the quantifier.
        case nothingToRepeat(Int)
    }

    /// The first mistake of `bytes`, or `nil` when there is none or the scanner is not sure of it: PCRE2
    /// might stop earlier with a message of its own.
    static func firstError(_ bytes: [UInt8]) -> Mistake? {
        var scanner = PCREScanner(bytes)
        return scanner.run()
    }

    private static func rest(_ bytes: [UInt8], _ offset: Int) -> String {
        String(decoding: bytes[offset...], as: UTF8.self)
    }
}

/// The byte scanner behind `NginxRegexSyntax`: PCRE2's first pass (`parse_regex`) for the syntax
/// without options, as far as it needs to find the four mistakes. Whatever could make PCRE2 stop
/// earlier with another message, or whose meaning depends on the PCRE2 release, ends the scan
/// without a verdict (`Stop.unsure`).
private struct PCREScanner {
    private let bytes: [UInt8]
    private var i = 0
    private var depth = 0
    private var before = Before.nothing
    private var names: Set<ArraySlice<UInt8>> = []

    /// What stands before the next byte, as far as a quantifier cares.
    private enum Before {
        /// Nothing a quantifier can repeat (the start, `(`, `|`, `^`, `$`, `\b`): PCRE2 refuses `*` `+` `?`.
        case nothing
        case item
        /// A quantifier: `?` and `+` modify it, `*` is refused.
        case quantifier
        /// A quantifier and its modifier: any further quantifier is refused.
        case modifiedQuantifier
    }

    private enum Stop: Error {
        case mistake(NginxRegexSyntax.Mistake)
        case unsure
    }

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func run() -> NginxRegexSyntax.Mistake? {
        do {
            while i < bytes.count { try step() }
            return depth > 0 ? .missingClosingParenthesis : nil
        } catch .mistake(let mistake) {
            return mistake
        } catch {
            return nil
        }
    }

    private func byte(_ offset: Int) -> UInt8 { offset < bytes.count ? bytes[offset] : 0 }

    private mutating func step() throws(Stop) {
        let b = bytes[i]
        switch b {
        case ascii("\\"):
            try escape(inClass: false)
        case ascii("["):
            try characterClass()
        case ascii("("):
            try group()
        case ascii(")"):
            if depth == 0 { throw .mistake(.unmatchedClosingParenthesis(i)) }
            depth -= 1
            before = .item
            i += 1
        case ascii("|"), ascii("^"), ascii("$"):
            before = .nothing
            i += 1
        case ascii("*"):
            guard before == .item else { throw .mistake(.nothingToRepeat(i)) }
            before = .quantifier
            i += 1
        case ascii("+"), ascii("?"):
            switch before {
            case .nothing, .modifiedQuantifier: throw .mistake(.nothingToRepeat(i))
            case .quantifier: before = .modifiedQuantifier
            case .item: before = .quantifier
            }
            i += 1
        case ascii("{"):
            try brace()
        default:
            before = .item
            i += 1
        }
    }

    /// `{n}`, `{n,}`, `{n,m}` repeat what stands before; any other `{` is a literal. PCRE2 10.43 also
    /// reads `{,m}` and white space inside as a quantifier, so those are left alone.
    private mutating func brace() throws(Stop) {
        var j = i + 1
        guard isDigit(byte(j)) else {
            if byte(j) == ascii(",") || byte(j) == ascii(" ") { throw .unsure }
            before = .item
            i += 1
            return
        }
        var numbers: [Int] = [0]
        while j < bytes.count, isDigit(bytes[j]) || bytes[j] == ascii(",") {
            if bytes[j] == ascii(",") {
                if numbers.count == 2 { break }
                numbers.append(-1)
            } else {
                numbers[numbers.count - 1] = max(numbers[numbers.count - 1], 0) * 10 + Int(bytes[j] - ascii("0"))
                if numbers[numbers.count - 1] > 65_535 { throw .unsure }
            }
            j += 1
        }
        if byte(j) != ascii("}") {
            // A literal `{`, unless white space makes it a quantifier for newer PCRE2.
            if byte(j) == ascii(" ") { throw .unsure }
            before = .item
            i += 1
            return
        }
        // A quantifier: PCRE2 refuses it after nothing, and numbers out of order; its message then is its own.
        if before != .item || (numbers.count == 2 && numbers[1] >= 0 && numbers[1] < numbers[0]) { throw .unsure }
        before = .quantifier
        i = j + 1
    }

    private mutating func escape(inClass: Bool) throws(Stop) {
        guard i + 1 < bytes.count else { throw .unsure }
        let letter = bytes[i + 1]
        let next = i + 2
        guard isLetter(letter) else {
            // A digit (back reference or octal) or a literal.
            before = .item
            i = next
            return
        }
        switch letter {
        case ascii("E"):
            // Ends nothing outside \Q…\E: PCRE2 skips it (in a class it reads it its own way).
            guard !inClass else { throw .unsure }
            i = next
        case ascii("c"):
            // Takes the next byte as it is, `(` and `[` included.
            guard byte(next) >= 0x20, byte(next) <= 0x7E else { throw .unsure }
            before = .item
            i = next + 1
        case ascii("x"), ascii("o"):
            before = .item
            guard byte(next) == ascii("{") else {
                if letter == ascii("o") { throw .unsure }
                i = next
                return
            }
            let radix = letter == ascii("x") ? 16 : 8
            var j = next + 1, value = 0
            while j < bytes.count, bytes[j] != ascii("}") {
                guard let digit = Int(String(UnicodeScalar(bytes[j])), radix: radix) else { throw .unsure }
                value = value * radix + digit
                if value > 0xFF { throw .unsure }
                j += 1
            }
            guard j < bytes.count, j > next + 1 else { throw .unsure }
            i = j + 1
        case ascii("g"), ascii("k"):
            guard !inClass else { throw .unsure }
            try reference(letter)
        case ascii("b"):
            before = inClass ? .item : .nothing
            i = next
        default:
            let classEscapes = "adDefhHnrsStvVwW".utf8
            if classEscapes.contains(letter) {
                before = .item
            } else if !inClass, "BAzZGK".utf8.contains(letter) {
                before = .nothing
            } else if !inClass, "NRXC".utf8.contains(letter) {
                // `\N{…}` is refused outside UTF mode.
                if letter == ascii("N"), byte(next) == ascii("{") { throw .unsure }
                before = .item
            } else {
                // `\Q`, `\p`, `\u`, unknown letters: PCRE2 reads or refuses them in ways not followed here.
                throw .unsure
            }
            i = next
        }
    }

    /// `\g` and `\k` with a name or an absolute number; relative numbers are checked while PCRE2 reads.
    private mutating func reference(_ letter: UInt8) throws(Stop) {
        var j = i + 2
        let closer: UInt8?
        switch byte(j) {
        case ascii("{"): closer = ascii("}")
        case ascii("<"): closer = ascii(">")
        case ascii("'"): closer = ascii("'")
        default: closer = nil
        }
        if let closer {
            j += 1
            guard let end = letter == ascii("k") ? nameEnd(from: j) : nameOrNumber(from: j), byte(end) == closer else { throw .unsure }
            j = end + 1
        } else {
            guard letter == ascii("g"), isDigit(byte(j)) else { throw .unsure }
            while isDigit(byte(j)) { j += 1 }
        }
        before = .item
        i = j
    }

    /// The offset after a group name (`[A-Za-z_][A-Za-z0-9_]*`, at most 32 bytes) or a number at `j`.
    private func nameOrNumber(from j: Int) -> Int? {
        if isDigit(byte(j)) {
            var end = j
            while isDigit(byte(end)) { end += 1 }
            return end
        }
        return nameEnd(from: j)
    }

    private func nameEnd(from j: Int) -> Int? {
        guard isLetter(byte(j)) || byte(j) == ascii("_") else { return nil }
        var end = j
        while isLetter(byte(end)) || isDigit(byte(end)) || byte(end) == ascii("_") { end += 1 }
        return end - j <= 32 ? end : nil
    }

    private mutating func characterClass() throws(Stop) {
        // `[:`, `[.`, `[=` outside a class are POSIX syntax PCRE2 refuses with a message of its own.
        if ":.=".utf8.contains(byte(i + 1)) { throw .unsure }
        var j = i + 1
        if byte(j) == ascii("^") { j += 1 }
        // A `]` first is a literal, and so is a `-` first.
        var previous: UInt8?
        if byte(j) == ascii("]") || byte(j) == ascii("-") {
            previous = bytes[j]
            j += 1
        }
        var afterRange = false
        while j < bytes.count {
            let c = bytes[j]
            switch c {
            case ascii("]"):
                before = .item
                i = j + 1
                return
            case ascii("\\"):
                let saved = (i, before)
                i = j
                try escape(inClass: true)
                j = i
                (i, before) = saved
                previous = nil
                afterRange = false
            case ascii("["):
                if ":.=".utf8.contains(byte(j + 1)) { throw .unsure }
                previous = c
                afterRange = false
                j += 1
            case ascii("-") where byte(j + 1) != ascii("]") && j + 1 < bytes.count:
                // A range: both ends plain bytes in order, or PCRE2 may refuse it first.
                let end = bytes[j + 1]
                guard let start = previous, !afterRange, end != ascii("\\"), end != ascii("["), start <= end else { throw .unsure }
                previous = nil
                afterRange = true
                j += 2
            default:
                previous = c
                afterRange = false
                j += 1
            }
        }
        throw .mistake(.missingClosingBracket)
    }

    private mutating func group() throws(Stop) {
        let next = byte(i + 1)
        // Verbs and `(*pla:…)` assertions: their names and forms vary between PCRE2 releases.
        if next == ascii("*") { throw .unsure }
        guard next == ascii("?") else {
            open(after: i + 1)
            return
        }
        let kind = byte(i + 2)
        switch kind {
        case ascii(":"), ascii("|"), ascii(">"), ascii("="), ascii("!"):
            open(after: i + 3)
        case ascii("<") where byte(i + 3) == ascii("=") || byte(i + 3) == ascii("!"):
            open(after: i + 4)
        case ascii("<"), ascii("'"):
            try namedGroup(nameAt: i + 3, closer: kind == ascii("<") ? ascii(">") : ascii("'"))
        case ascii("P"):
            switch byte(i + 3) {
            case ascii("<"): try namedGroup(nameAt: i + 4, closer: ascii(">"))
            case ascii("="), ascii(">"): try call(end: nameEnd(from: i + 4))
            default: throw .unsure
            }
        case ascii("&"):
            try call(end: nameEnd(from: i + 3))
        case ascii("R"):
            try call(end: i + 3)
        case ascii("("):
            try condition()
        default:
            if isDigit(kind) {
                var end = i + 2
                while isDigit(byte(end)) { end += 1 }
                try call(end: end)
            } else {
                try options()
            }
        }
    }

    /// A group opens at `i`; what follows starts at `after`.
    private mutating func open(after: Int) {
        depth += 1
        before = .nothing
        i = after
    }

    private mutating func namedGroup(nameAt j: Int, closer: UInt8) throws(Stop) {
        // Two groups of one name are refused while PCRE2 reads, unless (?J) or (?|…) allows them.
        guard let end = nameEnd(from: j), byte(end) == closer, names.insert(bytes[j..<end]).inserted else { throw .unsure }
        open(after: end + 1)
    }

    /// A recursion or subroutine call, `(?R)`, `(?1)`, `(?&name)`, `(?P>name)`, `(?P=name)`: an item
    /// when `)` stands at `end`. Relative numbers (`(?-1)`) are checked while PCRE2 reads: left alone.
    private mutating func call(end: Int?) throws(Stop) {
        guard let end, byte(end) == ascii(")") else { throw .unsure }
        before = .item
        i = end + 1
    }

    /// `(?(condition)…`: a number, `<name>`, `'name'`, `R`, `R1`, `R&name`, `DEFINE` or a name.
    private mutating func condition() throws(Stop) {
        let j = i + 3
        // An assertion as the condition: what may follow it differs from a group; not followed.
        if byte(j) == ascii("?") || byte(j) == ascii("*") { throw .unsure }
        var end: Int?
        switch byte(j) {
        case ascii("<"):
            if let e = nameEnd(from: j + 1), byte(e) == ascii(">") { end = e + 1 }
        case ascii("'"):
            if let e = nameEnd(from: j + 1), byte(e) == ascii("'") { end = e + 1 }
        case ascii("R"):
            var e = j + 1
            if byte(e) == ascii("&") {
                end = nameEnd(from: e + 1)
            } else {
                while isDigit(byte(e)) { e += 1 }
                end = e
            }
        default:
            end = nameOrNumber(from: j)
            // `(?(VERSION>=10.0)`: compares with the release.
            if let e = end, bytes[j..<e].elementsEqual("VERSION".utf8) { end = nil }
        }
        guard let end, byte(end) == ascii(")") else { throw .unsure }
        open(after: end + 1)
    }

    /// `(?imnsJU-imnsJU)` and `(?^imnsJU)` set options (nothing a quantifier could repeat); with `:`
    /// instead of `)` they open a group. `x` (white space and `#` comments) and
    /// options newer than PCRE2 10.42 are not followed.
    private mutating func options() throws(Stop) {
        var j = i + 2
        if byte(j) == ascii("^") { j += 1 }
        var hyphen = byte(i + 2) == ascii("^")
        while j < bytes.count {
            let c = bytes[j]
            if c == ascii("-") {
                guard !hyphen else { throw .unsure }
                hyphen = true
            } else if !"imnsJU".utf8.contains(c) {
                break
            }
            j += 1
        }
        switch byte(j) {
        case ascii(")"):
            before = .nothing
            i = j + 1
        case ascii(":"): open(after: j + 1)
        default: throw .unsure
        }
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= ascii("0") && b <= ascii("9") }

    private func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= ascii("a") && (b | 0x20) <= ascii("z") }
}

@inline(__always) private func ascii(_ character: Unicode.Scalar) -> UInt8 { UInt8(ascii: character) }
