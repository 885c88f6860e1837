import Foundation

/// A server- or virtual-host-context `RewriteRule` with the `RewriteCond` lines before it.
/// mod_rewrite runs these before ProxyPass (mod_proxy registers its translate hook after
/// mod_rewrite's); per-directory rules (`<Directory>`, `.htaccess`) run later and are not read.
struct ApacheRewriteRule {
    var rule: Directive
    var conditions: [Directive]
    /// The pattern without a leading `!`.
    var pattern: String
    var negated: Bool
    var substitution: String
    /// The flags siolint reads.
    var flags: ApacheRewriteFlags

    var caseInsensitive: Bool { flags.contains(.noCase) }
    var proxies: Bool { flags.contains(.proxy) }

    static func flags(_ directive: Directive, after index: Int) -> ApacheRewriteFlags {
        var result = ApacheRewriteFlags()
        guard directive.arguments.count > index, let last = directive.arguments.last?.value, last.hasBytePrefix("["), last.hasSuffix("]") else { return result }
        if let ascii = asciiFlags(last) { return ascii }
        for part in last.dropFirst().dropLast().split(separator: ",") {
            let text = part.trimmingWhitespace()
            var key: String
            var value = ""
            if let eq = text.firstIndex(ofASCII: "=") {
                key = text[..<eq].uppercased()
                value = String(text[text.index(after: eq)...])
            } else {
                key = text.uppercased()
            }
            key.withUTF8 { result.insert($0[...], value: value) }
        }
        return result
    }

    /// `flags` of an ASCII `[…]` word, read byte by byte (every byte is a character there):
    /// splitting, trimming and upper-casing substrings cost about ten thousand instructions a
    /// line. `nil` for other text.
    private static func asciiFlags(_ word: String) -> ApacheRewriteFlags? {
        var copy = word
        return copy.withUTF8 { bytes -> ApacheRewriteFlags? in
            guard ApacheBytes.isASCII(bytes[...]) else { return nil }
            var result = ApacheRewriteFlags()
            // Between the brackets; a part of blanks only stays, as an empty flag.
            ApacheBytes.forEachListItem(bytes, in: 1..<(bytes.count - 1)) { part in
                let eq = bytes[part].firstIndex(of: UInt8(ascii: "=")) ?? part.upperBound
                result.insert(bytes[part.lowerBound..<eq], value: eq < part.upperBound ? ApacheBytes.string(bytes[(eq + 1)..<part.upperBound]) : "")
            }
            return result
        }
    }

    private static let rewriteNames = ApacheLevel.Names([.rewriteCond, .rewriteRule])

    /// The rules of one level in order, each with its conditions.
    static func rules(_ level: ApacheLevel) -> [ApacheRewriteRule] {
        var result: [ApacheRewriteRule] = []
        var pending: [Directive] = []
        for d in level.all(anyOf: rewriteNames) {
            switch ApacheDirectiveName(d) {
            case .rewriteCond:
                pending.append(d)
            case .rewriteRule:
                defer { pending.removeAll() }
                guard d.arguments.count >= 2 else { continue }
                var pattern = d.arguments[0].value
                let negated = pattern.hasBytePrefix("!")
                if negated { pattern.removeFirst() }
                result.append(ApacheRewriteRule(rule: d, conditions: pending, pattern: pattern, negated: negated,
                                                substitution: d.arguments[1].value, flags: flags(d, after: 2)))
            default:
                break
            }
        }
        return result
    }

    /// The rule's pattern as a path matcher (a negated pattern becomes a condition instead).
    var matcher: PathMatcher {
        negated ? .any : .pattern(RegexPattern(pattern, caseInsensitive: caseInsensitive))
    }

    /// The conditions as one request condition: consecutive `[OR]` conditions form one group,
    /// groups must all hold (mod_rewrite's `A [OR] B C` is `(A or B) and C`).
    var condition: RequestCondition {
        var groups: [[RequestCondition]] = [[]]
        for cond in conditions {
            // Each line's flags read once, for both its test and its `[OR]`.
            let flags = ApacheRewriteRule.flags(cond, after: 2)
            groups[groups.count - 1].append(ApacheRewriteRule.condition(cond, flags: flags))
            if !flags.contains(.orNext) { groups.append([]) }
        }
        var parts = groups.filter { !$0.isEmpty }.map { $0.count == 1 ? $0[0] : .any($0) }
        if negated {
            parts.append(.not(.test(RequestTest(.path, .matches(RegexPattern(pattern, caseInsensitive: caseInsensitive))))))
        }
        switch parts.count {
        case 0: return .always
        case 1: return parts[0]
        default: return .all(parts)
        }
    }

    /// One `RewriteCond TestString CondPattern [flags]` as a request condition; `flags` are its `flags(cond, after: 2)`.
    static func condition(_ cond: Directive, flags: ApacheRewriteFlags) -> RequestCondition {
        // The two words read in place: `values` was an array of every argument.
        let words = cond.arguments
        guard words.count >= 2 else { return .unknown(description: cond.sourceText) }
        let nocase = flags.contains(.noCase)
        let subject: RequestTest.Subject
        let upperSubject = ApacheBytes.uppercased(words[0].value)
        switch upperSubject {
        // r->uri: the client's path, which the rules' substitutions do not change.
        case "%{REQUEST_URI}": subject = .requestedPath
        case "%{REQUEST_METHOD}": subject = .method
        case "%{HTTP_HOST}": subject = .header("host")
        case "%{HTTP_USER_AGENT}": subject = .header("user-agent")
        default:
            let test = words[0].value
            if upperSubject.hasBytePrefix("%{HTTP:"), test.hasSuffix("}"), case let name = headerName(test), !name.containsBytes("%") {
                subject = .header(ASCIICase.lowercased(name))
            } else {
                return .unknown(description: "`\(cond.sourceText)`: siolint does not evaluate \(test)")
            }
        }
        var pattern = words[1].value
        var negate = false
        if pattern.hasBytePrefix("!") { negate = true; pattern.removeFirst() }
        let result: RequestCondition
        if pattern.hasBytePrefix("=") {
            let literal = String(pattern.dropFirst())
            if literal.isEmpty || literal == "\"\"" {
                result = isHeader(subject) ? .not(.test(RequestTest(subject, .exists))) : .test(RequestTest(subject, .equals("")))
            } else {
                result = .test(RequestTest(subject, .equals(literal), caseInsensitive: nocase))
            }
        } else if pattern.hasBytePrefix("-") || pattern.hasBytePrefix("<") || pattern.hasBytePrefix(">") {
            return .unknown(description: "`\(cond.sourceText)`: siolint does not evaluate the test \(pattern)")
        } else {
            let regex = RegexPattern(pattern, caseInsensitive: nocase)
            let test = RequestCondition.test(RequestTest(subject, .matches(regex), caseInsensitive: nocase))
            // An absent header is the empty string to mod_rewrite.
            if isHeader(subject), regex.matches("") == true {
                result = .any([.not(.test(RequestTest(subject, .exists))), test])
            } else {
                result = test
            }
        }
        return negate ? .not(result) : result
    }

    /// The header name in `%{HTTP:name}` (the text without its first seven and last characters).
    private static func headerName(_ test: String) -> String {
        // ASCII text is cut at its bytes, each a character there: dropping characters walked them.
        var copy = test
        let ascii: String? = copy.withUTF8 { bytes in
            guard bytes.count >= 8, ApacheBytes.isASCII(bytes[...]) else { return nil }
            return ApacheBytes.string(bytes[7..<(bytes.count - 1)])
        }
        return ascii ?? String(test.dropFirst(7).dropLast())
    }

    private static func isHeader(_ subject: RequestTest.Subject) -> Bool {
        if case .header = subject { return true }
        return false
    }

    /// Whether the rule's conditions look at the Upgrade header (a rewrite meant for WebSockets).
    var testsUpgrade: Bool {
        conditions.contains { condition in
            let subject = condition.firstValue.map(ASCIICase.lowercased)
            return subject == "%{http:upgrade}" || subject == "%{http:connection}"
        }
    }
}
