import Foundation

/// Translates HAProxy conditions (`if`/`unless` followed by named ACLs, `!`, `||`/`or`, and
/// anonymous `{ … }` ACLs) into the common `RequestCondition`. Criteria on the path, URL,
/// query, method and request headers are translated; anything else (`src`, `ssl_fc`, variables,
/// maps, integer comparisons, the Host header) becomes `.unknown`, so routing treats it as
/// possibly true either way.
struct HAProxyConditions {
    /// False in `mode tcp`, where HTTP criteria are not read unless the content is inspected.
    let httpMode: Bool
    /// The proxy's named ACLs, each translated once: rules name the same ACLs again and again.
    private var acls: NamedACLs

    private struct NamedACL {
        let name: String
        /// Each line's words after the name (criterion, flags, values), on the line's own words:
        /// an array of them was made and freed for every ACL of every frontend.
        var definitions: Definitions
        var condition: RequestCondition
    }

    /// The definitions of one named ACL, in order: the first kept inline, an array only for the
    /// others (most ACLs have one line, and an array per ACL was made and freed for every
    /// frontend).
    struct Definitions: RandomAccessCollection {
        private var first: Slice<WordList>?
        private var more: [Slice<WordList>] = []

        init() {}

        init(_ first: Slice<WordList>) { self.first = first }

        mutating func append(_ definition: Slice<WordList>) {
            if first == nil { first = definition } else { more.append(definition) }
        }

        var startIndex: Int { 0 }
        var endIndex: Int { first == nil ? 0 : 1 + more.count }

        subscript(index: Int) -> Slice<WordList> {
            index == 0 ? first! : more[index - 1]
        }
    }

    /// The ACLs in the order they are first defined, found by comparing names: a proxy names a
    /// few, and hashing a name cost more than comparing it with each (rules and labels look up
    /// every word they hold). Past `NamedACLs.largest` names a dictionary finds them.
    private struct NamedACLs {
        static let largest = 16
        var entries: [NamedACL] = []
        var indexByName: [String: Int]?

        func index(of name: String) -> Int? {
            if let indexByName { return indexByName[name] }
            let count = name.utf8.count
            for index in entries.indices where entries[index].name.utf8.count == count && entries[index].name == name {
                return index
            }
            return nil
        }

        mutating func add(_ name: String, definition: Slice<WordList>) {
            if let index = index(of: name) {
                entries[index].definitions.append(definition)
                return
            }
            entries.append(NamedACL(name: name, definitions: Definitions(definition), condition: .always))
            if let _ = indexByName {
                indexByName![name] = entries.count - 1
            } else if entries.count > NamedACLs.largest {
                indexByName = Dictionary(uniqueKeysWithValues: entries.indices.map { (entries[$0].name, $0) })
            }
        }
    }

    /// - Parameter translations: definitions translated for other proxies of the configuration.
    init(proxy: borrowing HAProxyProxy, httpMode: Bool, translations: HAProxyACLTranslations? = nil) {
        self.httpMode = httpMode
        // `criterion` is a method: every stored property must be set before it can run.
        self.acls = NamedACLs()
        var acls = NamedACLs()
        // By index: a loop over the lines copied every directive.
        let lines = proxy.lines
        // Sized first: grown from empty, the array was copied twice for four ACLs.
        var aclLines = 0
        for index in lines.indices where lines[index].name.is("acl") { aclLines += 1 }
        guard aclLines > 0 else { return }
        acls.entries.reserveCapacity(aclLines)
        for index in lines.indices where lines[index].name.is("acl") && lines[index].arguments.count >= 2 {
            let arguments = lines[index].arguments
            acls.add(arguments[0].value, definition: arguments.dropFirst())
        }
        guard !acls.entries.isEmpty else { return }
        var position = 0
        for index in acls.entries.indices {
            let definitions = acls.entries[index].definitions
            if definitions.count == 1 {
                acls.entries[index].condition = translate(definitions[0], translations, position: position)
                position += 1
            } else {
                var conditions: [RequestCondition] = []
                conditions.reserveCapacity(definitions.count)
                for definition in definitions {
                    conditions.append(translate(definition, translations, position: position))
                    position += 1
                }
                acls.entries[index].condition = .any(conditions)
            }
        }
        self.acls = acls
    }

    private func translate(_ words: Slice<WordList>, _ translations: HAProxyACLTranslations?, position: Int) -> RequestCondition {
        guard let translations else { return criterion(words) }
        return translations.translation(of: words, httpMode: httpMode, position: position) { criterion($0, subjects: translations) }
    }

    /// Whether the proxy names any ACL.
    var hasNamedACLs: Bool { !acls.entries.isEmpty }

    /// The condition of a rule line: the words after the action, starting at `if`/`unless`;
    /// `.always` when there is none.
    func condition(ofRuleArguments words: Slice<WordList>) -> RequestCondition {
        guard let index = words.firstIndex(where: { $0.is("if") || $0.is("unless") }) else { return .always }
        // On the rule's words: an array of the words after `if` was made for every rule.
        let parsed = condition(words[(index + 1)...])
        return words[index].is("unless") ? .not(parsed) : parsed
    }

    /// The terms of one group (AND), kept without an array while there is one: most conditions
    /// are a single named ACL or two.
    private struct Conjunction {
        private var first: RequestCondition?
        /// Every term once there are two.
        private var all: [RequestCondition] = []

        mutating func append(_ term: RequestCondition) {
            if let first {
                if all.isEmpty { all = [first, term] } else { all.append(term) }
            } else {
                first = term
            }
        }

        /// The group as one condition, and the group emptied.
        mutating func take() -> RequestCondition {
            defer { first = nil; all = [] }
            guard let first else { return .all([]) }
            return all.isEmpty ? first : .all(all)
        }
    }

    /// The condition made of terms, AND within a group and OR between groups.
    func condition(_ words: Slice<WordList>) -> RequestCondition {
        var groups: [RequestCondition] = []
        var terms = Conjunction()
        var negate = false
        var i = words.startIndex
        func add(_ c: RequestCondition) {
            terms.append(negate ? .not(c) : c)
            negate = false
        }
        while i < words.endIndex {
            let w = words[i].value
            // Most words are ACL names: only these first bytes can start an operator or a brace.
            switch w.utf8.first {
            case UInt8(ascii: "|"), UInt8(ascii: "o"), UInt8(ascii: "a"), UInt8(ascii: "!"), UInt8(ascii: "{"): break
            default:
                add(named(w))
                i += 1
                continue
            }
            switch w {
            case "||", "or":
                groups.append(terms.take())
                negate = false
            case "and":
                break
            case "!":
                negate.toggle()
            case "{", "!{":
                if w == "!{" { negate.toggle() }
                var j = i + 1
                while j < words.endIndex, words[j].value != "}" { j += 1 }
                add(criterion(words[(i + 1)..<min(j, words.endIndex)]))
                i = j
            default:
                if w.hasBytePrefix("!") {
                    negate.toggle()
                    add(named(String(w.dropFirst())))
                } else {
                    add(named(w))
                }
            }
            i += 1
        }
        if groups.isEmpty { return terms.take() }
        groups.append(terms.take())
        return .any(groups)
    }

    /// Whether a named ACL or an anonymous one in `words` uses a criterion (e.g. `req.body_size`).
    func definitions(named name: String) -> Definitions { acls.index(of: name).map { acls.entries[$0].definitions } ?? Definitions() }

    private func named(_ name: String) -> RequestCondition {
        if let index = acls.index(of: name) { return acls.entries[index].condition }
        switch name {
        case "TRUE": return .always
        case "FALSE": return .not(.always)
        case "HTTP": return httpMode ? .always : .unknown(description: "ACL HTTP in tcp mode")
        case "METH_GET": return .any([.test(RequestTest(.method, .equals("GET"))), .test(RequestTest(.method, .equals("HEAD")))])
        case "METH_POST": return .test(RequestTest(.method, .equals("POST")))
        case "HTTP_URL_SLASH": return .test(RequestTest(.uri, .prefix("/")))
        default: return .unknown(description: "ACL \(name)")
        }
    }

    /// One ACL definition: `criterion[,converters] [flags] [values…]`.
    /// - Parameter subjects: fetches already read for other proxies, `nil` to read the fetch here.
    func criterion(_ words: Slice<WordList>, subjects: HAProxyACLTranslations? = nil) -> RequestCondition {
        guard let fetchWord = words.first else { return .unknown(description: "empty ACL") }
        // Only the conditions siolint cannot translate describe themselves with the text, and
        // with a note, written once at its length.
        func written(_ note: String = "") -> String {
            // Into one byte buffer, a word at a time: the slice's `indices` and a string's
            // initializing closure ran the standard library's unspecialized code, over two
            // thousand instructions per untranslatable ACL (one per frontend with a Host ACL).
            let text = HAProxyLabelText(capacity: 64)
            var first = true
            for word in words {
                if !first { text.append(byte: UInt8(ascii: " ")) }
                first = false
                text.append(word.value)
            }
            text.append(note)
            return text.text
        }
        var fetch = fetchWord.value
        var caseInsensitive = false
        // A byte search: `firstIndex(of: Character)` compares grapheme clusters and was a third of this function.
        if let comma = fetch.utf8.firstIndex(of: UInt8(ascii: ",")) {
            let converters = fetch[fetch.index(after: comma)...].split(separator: ",")
            guard converters.allSatisfy({ $0 == "lower" }) else { return .unknown(description: written()) }
            caseInsensitive = true
            fetch = String(fetch[..<comma])
        }
        var method: String?
        // Where the values start: every word after the flags is one. Their array is made only
        // for a criterion that is translated (an untranslatable one made it for nothing).
        var valuesStart = words.endIndex
        var i = words.startIndex + 1
        var flagsDone = false
        while i < words.endIndex {
            let v = words[i].value
            // More than one character: a second byte below 0x80 starts one (only a combining
            // mark, never ASCII, joins the dash's); counting characters is for the rest.
            if !flagsDone, v.hasBytePrefix("-"), v.utf8.count > 1, v.utf8[v.utf8.index(after: v.utf8.startIndex)] < 0x80 || v.count > 1 {
                switch v {
                case "-i": caseInsensitive = true
                case "-m": i += 1; method = i < words.endIndex ? words[i].value : nil
                case "-f", "-M": return .unknown(description: written(" (patterns from a file)"))
                case "-u": i += 1
                case "--": flagsDone = true
                default: break
                }
                i += 1
                continue
            }
            flagsDone = true
            if valuesStart == words.endIndex { valuesStart = i }
            i += 1
        }
        guard let (subject, defaultMethod) = subjects?.subject(fetch) ?? Self.subject(fetch) else {
            if fetch == "always_true" { return .always }
            if fetch == "always_false" { return .not(.always) }
            return .unknown(description: written())
        }
        if !httpMode {
            return .unknown(description: written(" (an HTTP criterion in mode tcp matches only when tcp-request content inspection reads the request)"))
        }
        if case .request(.header("host")) = subject {
            return .unknown(description: written(" (siolint does not know which host name Socket.IO clients use)"))
        }
        let values = words[valuesStart...].map(\.value)
        let how = method ?? defaultMethod
        if how == "found", case .request(let requestSubject) = subject { return .test(RequestTest(requestSubject, .exists)) }
        if case .query(let parameter) = subject {
            // `urlp(name) value`: the parameter's value in the query string.
            guard how == "str", !values.isEmpty else { return .unknown(description: written()) }
            return anyOf(values.map { value in
                let pattern = "[?&]" + NSRegularExpression.escapedPattern(for: parameter) + "=" + NSRegularExpression.escapedPattern(for: value) + "(&|$)"
                return .test(RequestTest(.uri, .matches(RegexPattern(pattern, caseInsensitive: caseInsensitive))))
            })
        }
        guard case .request(let requestSubject) = subject else { return .unknown(description: written()) }
        let comparisons: [RequestTest.Comparison]
        switch how {
        case "str": comparisons = values.map { .equals($0) }
        case "beg": comparisons = values.map { .prefix($0) }
        case "end": comparisons = values.map { .suffix($0) }
        case "sub": comparisons = values.map { .contains($0) }
        case "dom": comparisons = values.map { .domain($0) }
        case "reg": comparisons = values.map { .matches(RegexPattern($0, caseInsensitive: caseInsensitive)) }
        case "dir":
            comparisons = values.map { .matches(RegexPattern("(^|/)" + NSRegularExpression.escapedPattern(for: $0) + "(/|$)", caseInsensitive: caseInsensitive)) }
        default: return .unknown(description: written())
        }
        // An ACL without patterns never matches.
        if comparisons.isEmpty { return .not(.always) }
        if comparisons.contains(where: { if case .matches(let p) = $0 { return !p.isValid } else { return false } }) {
            return .unknown(description: written(" (a regular expression siolint cannot compile)"))
        }
        return anyOf(comparisons.map { .test(RequestTest(requestSubject, $0, caseInsensitive: caseInsensitive)) })
    }

    private func anyOf(_ parts: [RequestCondition]) -> RequestCondition {
        parts.count == 1 ? parts[0] : .any(parts)
    }

    enum Subject {
        case request(RequestTest.Subject)
        case query(String)
    }

    /// Fetches of a request header, `name(header)`, with their default match methods.
    private static let headerFetches: [(String, String)] = [("hdr", "str"), ("req.hdr", "str"), ("req.fhdr", "str"), ("hdr_beg", "beg"),
                                                            ("hdr_end", "end"), ("hdr_sub", "sub"), ("hdr_reg", "reg"), ("hdr_dom", "dom"),
                                                            ("hdr_dir", "dir")]

    /// The part of the request a fetch reads and its default match method.
    static func subject(_ fetch: String) -> (Subject, String)? {
        func argument(_ name: String) -> String? {
            guard fetch.hasBytePrefix(name + "("), fetch.hasSuffix(")") else { return nil }
            let inner = fetch.dropFirst(name.count + 1).dropLast()
            return String(inner.split(separator: ",").first ?? "")
        }
        // Every fetch named here starts with p, u or m: others skip fifteen string comparisons.
        if let first = fetch.utf8.first, first == UInt8(ascii: "p") || first == UInt8(ascii: "u") || first == UInt8(ascii: "m") {
            switch fetch {
            case "path": return (.request(.path), "str")
            case "path_beg": return (.request(.path), "beg")
            case "path_end": return (.request(.path), "end")
            case "path_sub": return (.request(.path), "sub")
            case "path_reg": return (.request(.path), "reg")
            case "path_dir": return (.request(.path), "dir")
            case "path_dom": return (.request(.path), "dom")
            case "url": return (.request(.uri), "str")
            case "url_beg": return (.request(.uri), "beg")
            case "url_end": return (.request(.uri), "end")
            case "url_sub": return (.request(.uri), "sub")
            case "url_reg": return (.request(.uri), "reg")
            case "url_dir": return (.request(.uri), "dir")
            case "url_dom": return (.request(.uri), "dom")
            case "method": return (.request(.method), "str")
            default: break
            }
        }
        // The rest are `name(argument)`: only a fetch whose name before the parenthesis is one of
        // them can match (building each `name(` to compare was most of this function).
        guard let open = fetch.utf8.firstIndex(of: UInt8(ascii: "(")) else { return nil }
        let head = fetch.utf8[..<open]
        for (name, method) in headerFetches where head.elementsEqual(name.utf8) {
            if let asciiHeader = asciiArgument(fetch, open: open) {
                return asciiHeader.isEmpty ? nil : (.request(.header(ASCIICase.lowercased(asciiHeader.utf8))), method)
            }
            if let header = argument(name), !header.isEmpty { return (.request(.header(header.lowercased())), method) }
        }
        for name in queryFetches where head.elementsEqual(name.utf8) {
            if let asciiParameter = asciiArgument(fetch, open: open) {
                return asciiParameter.isEmpty ? nil : (.query(String(asciiParameter)), "str")
            }
            if let parameter = argument(name), !parameter.isEmpty { return (.query(parameter), "str") }
        }
        return nil
    }

    private static let queryFetches = ["urlp", "url_param"]

    /// The first argument of `name(argument,…)` (the first non-empty one between commas), read on
    /// the bytes when the fetch is ASCII without a carriage return, where every byte is a
    /// Character; `nil` otherwise, and when the fetch does not end with `)` (then there is none).
    /// The Character-based reading cost thousands of instructions per ACL.
    private static func asciiArgument(_ fetch: String, open: String.Index) -> Substring? {
        let utf8 = fetch.utf8
        guard utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return nil }
        let close = utf8.index(before: utf8.endIndex)
        guard utf8[close] == UInt8(ascii: ")") else { return "" }
        let inner = fetch[utf8.index(after: open)..<close]
        let comma = UInt8(ascii: ",")
        guard let start = inner.utf8.firstIndex(where: { $0 != comma }) else { return "" }
        return inner[start..<(inner.utf8[start...].firstIndex(of: comma) ?? inner.endIndex)]
    }
}
