/// The syntax nginx requires of an `if` condition (ngx_http_rewrite_module's
/// `ngx_http_rewrite_if_condition`): in parentheses, not empty, and one of `$variable`,
/// `$variable = | != | ~ | ~* | !~ | !~* value`, or `-f | !-f | -d | !-d | -e | !-e | -x | !-x path`.
/// The parentheses may be words of their own or stuck to the first and last words.
enum NginxIfConditionSyntax {
    /// nginx's message for a condition it refuses (`invalid condition ")"`), or `nil` when the
    /// syntax is right. Variable names and regular expressions are not checked.
    static func problem(_ arguments: [String]) -> String? {
        guard var first = arguments.first else { return nil }
        var words = arguments
        // The opening parenthesis: a word of its own, or the first character of the first word.
        guard first.hasPrefix("(") else { return "invalid condition \"\(first)\"" }
        var current: Int
        if first == "(" {
            current = 1
        } else {
            current = 0
            first.removeFirst()
            words[0] = first
        }
        var last = words.count - 1
        guard words[last].hasSuffix(")") else { return "invalid condition \"\(words[last])\"" }
        if words[last] == ")" {
            last -= 1
        } else {
            words[last].removeLast()
        }
        // nginx reads the word at `current` even when the parentheses hold nothing (`if ( )`).
        guard current < words.count else { return "invalid condition \"\(words[words.count - 1])\"" }
        let subject = words[current]
        if subject.count > 1, subject.hasPrefix("$") {
            guard current == last || current + 2 == last else { return "invalid condition \"\(subject)\"" }
            if current == last { return nil }
            current += 1
            switch words[current] {
            case "=", "!=", "~", "~*", "!~", "!~*": return nil
            default: return "unexpected \"\(words[current])\" in condition"
            }
        }
        if (subject.count == 2 && subject.hasPrefix("-")) || (subject.count == 3 && subject.hasPrefix("!-")) {
            guard current + 1 == last else { return "invalid condition \"\(subject)\"" }
            switch subject {
            case "-f", "!-f", "-d", "!-d", "-e", "!-e", "-x", "!-x": return nil
            default: return "invalid condition \"\(subject)\""
            }
        }
        return "invalid condition \"\(subject)\""
    }

    /// The regular expression of a condition `problem` accepts (`$variable ~ | ~* | !~ | !~* regex`):
    /// the argument that holds it, the pattern without the `)` nginx strips from a last word, and
    /// whether it ignores case; `nil` for other conditions.
    static func regex(_ arguments: [String]) -> (argument: Int, pattern: String, caseInsensitive: Bool)? {
        guard let first = arguments.first, var last = arguments.indices.last else { return nil }
        let current = first == "(" ? 1 : 0
        if arguments[last] == ")" { last -= 1 }
        guard current + 2 == last else { return nil }
        let caseInsensitive: Bool
        switch arguments[current + 1] {
        case "~", "!~": caseInsensitive = false
        case "~*", "!~*": caseInsensitive = true
        default: return nil
        }
        var pattern = arguments[last]
        if last == arguments.count - 1 {
            guard pattern.hasSuffix(")") else { return nil }
            pattern.removeLast()
        }
        return (last, pattern, caseInsensitive)
    }
}
