import Foundation

/// Translates the condition of an nginx `if` into a request condition: comparisons of request
/// headers, the method and the URI with `=`, `!=`, `~`, `~*`, `!~`, `!~*`. File tests and other
/// variables cannot be evaluated here.
enum NginxIfCondition {
    static func translate(_ arguments: [String], lookups: Set<String>) -> RequestCondition {
        var args = arguments
        if let first = args.first, first.hasBytePrefix("(") { args[0] = String(first.dropFirst()) }
        if let last = args.last, last.hasSuffix(")") { args[args.count - 1] = String(last.dropLast()) }
        args = args.filter { !$0.isEmpty }
        let written = "if (" + arguments.joined(separator: " ") + ")"
        guard let variable = args.first, variable.hasBytePrefix("$") else { return .unknown(description: written) }
        guard let subject = subject(String(variable.dropFirst()), lookups: lookups) else { return .unknown(description: written) }
        if args.count == 1 {
            // `if ($var)` is true when the value is neither empty nor "0".
            return .all([.test(RequestTest(subject, .exists)),
                         .not(.test(RequestTest(subject, .equals("")))), .not(.test(RequestTest(subject, .equals("0"))))])
        }
        guard args.count == 3 else { return .unknown(description: written) }
        let value = args[2]
        switch args[1] {
        case "=": return .test(RequestTest(subject, .equals(value)))
        case "!=": return .not(.test(RequestTest(subject, .equals(value))))
        case "~": return .test(RequestTest(subject, .matches(RegexPattern(value))))
        case "~*": return .test(RequestTest(subject, .matches(RegexPattern(value, caseInsensitive: true))))
        case "!~": return .not(.test(RequestTest(subject, .matches(RegexPattern(value)))))
        case "!~*": return .not(.test(RequestTest(subject, .matches(RegexPattern(value, caseInsensitive: true)))))
        default: return .unknown(description: written)
        }
    }

    private static func subject(_ name: String, lookups: Set<String>) -> RequestTest.Subject? {
        if lookups.contains(name) { return nil }
        if name.hasBytePrefix("http_") { return .header(NginxValues.headerName(fromVariable: name.dropFirst(5))) }
        switch name {
        case "request_method": return .method
        case "uri", "document_uri": return .path
        case "request_uri": return .uri
        case "host": return .header("host")
        default: return nil
        }
    }
}
