import Foundation

/// Evaluates the condition of an HAProxy `.if`/`.elif` line (HAPDOC §2.4): `0`, a non-zero
/// integer, `defined(NAME)`, `feature(NAME)`, `streq(a,b)`, `strneq(a,b)`, `version_atleast(V)`,
/// `version_before(V)`, `!`, `&&` (binds tighter), `||`, parentheses. Three-valued: `nil` when the
/// value depends on something siolint does not know here (a compiled-in feature, an
/// environment variable without a value).
struct HAProxyConditionExpression {
    /// What the evaluation needs to know.
    struct Context {
        var variables: HAProxyVariables
        /// The HAProxy version the configuration is checked against.
        var version: SoftwareVersion
    }

    enum Outcome: Equatable {
        case value(Bool?)
        /// HAProxy refuses the expression; the message says why.
        case invalid(String)
    }

    /// Parentheses nested deeper than this are refused rather than risk the stack.
    static let maximumDepth = 64

    private let bytes: [UInt8]
    private var position = 0
    private let context: Context
    /// True when the line named a variable without a value, so string comparisons cannot be decided.
    private let hasUnresolved: Bool

    private init(_ text: String, context: Context, hasUnresolved: Bool) {
        self.bytes = Array(text.utf8)
        self.context = context
        self.hasUnresolved = hasUnresolved
    }

    static func evaluate(_ text: String, context: Context, hasUnresolvedVariables: Bool) -> Outcome {
        var parser = HAProxyConditionExpression(text, context: context, hasUnresolved: hasUnresolvedVariables)
        parser.skipBlanks()
        if parser.position == parser.bytes.count { return .value(false) }
        do throws(ExpressionError) {
            let value = try parser.orExpression(depth: 0)
            parser.skipBlanks()
            guard parser.position == parser.bytes.count else {
                throw ExpressionError("unparsable conditional expression '\(text)' at position \(parser.position + 1)")
            }
            return .value(value)
        } catch {
            return .invalid(error.message)
        }
    }

    private struct ExpressionError: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    private mutating func skipBlanks() {
        while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
    }

    private mutating func take(_ s: String) -> Bool {
        skipBlanks()
        let b = Array(s.utf8)
        guard position + b.count <= bytes.count, Array(bytes[position..<position + b.count]) == b else { return false }
        position += b.count
        return true
    }

    private mutating func orExpression(depth: Int) throws(ExpressionError) -> Bool? {
        var result = try andExpression(depth: depth)
        while take("||") {
            let rhs = try andExpression(depth: depth)
            result = Self.or(result, rhs)
        }
        return result
    }

    private mutating func andExpression(depth: Int) throws(ExpressionError) -> Bool? {
        var result = try unary(depth: depth)
        while take("&&") {
            let rhs = try unary(depth: depth)
            result = Self.and(result, rhs)
        }
        return result
    }

    private mutating func unary(depth: Int) throws(ExpressionError) -> Bool? {
        if take("!") { return try unary(depth: depth + 1).map { !$0 } }
        return try primary(depth: depth)
    }

    private mutating func primary(depth: Int) throws(ExpressionError) -> Bool? {
        guard depth < Self.maximumDepth else { throw ExpressionError("conditional expression nested too deeply") }
        skipBlanks()
        if take("(") {
            let value = try orExpression(depth: depth + 1)
            guard take(")") else { throw ExpressionError("missing ')' in conditional expression") }
            return value
        }
        let start = position
        while position < bytes.count, Self.isWordByte(bytes[position]) { position += 1 }
        let word = String(decoding: bytes[start..<position], as: UTF8.self)
        guard !word.isEmpty else { throw ExpressionError("unparsable conditional expression at position \(position + 1)") }
        if word.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) || (word.hasBytePrefix("-") && word.count > 1) {
            return (Int(word) ?? 1) != 0
        }
        guard position < bytes.count, bytes[position] == UInt8(ascii: "(") else {
            throw ExpressionError("unparsable conditional expression '\(word)'")
        }
        position += 1
        let argsStart = position
        while position < bytes.count, bytes[position] != UInt8(ascii: ")") { position += 1 }
        guard position < bytes.count else { throw ExpressionError("missing ')' after \(word)(") }
        let args = String(decoding: bytes[argsStart..<position], as: UTF8.self)
            .split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        position += 1
        return try predicate(word, args)
    }

    private func predicate(_ name: String, _ args: [String]) throws(ExpressionError) -> Bool? {
        func one() throws(ExpressionError) -> String {
            guard args.count == 1 else { throw ExpressionError("\(name)() takes one argument") }
            return args[0]
        }
        switch name {
        case "defined":
            // Unknown rather than false: the variable may be set where HAProxy runs.
            return context.variables.value(try one()) != nil ? true : nil
        case "feature":
            _ = try one()
            return nil
        case "streq", "strneq":
            guard args.count == 2 else { throw ExpressionError("\(name)() takes two arguments") }
            if hasUnresolved && (args[0].containsBytes("$") || args[1].containsBytes("$")) { return nil }
            return (args[0] == args[1]) == (name == "streq")
        case "version_atleast", "version_before":
            guard let (wanted, prerelease) = Self.version(try one()) else {
                throw ExpressionError("invalid version '\(args[0])' in \(name)()")
            }
            let current = context.version
            // A development or rc build of a branch comes before its first release.
            let atLeast = current > wanted || current == wanted || (prerelease && current.components.prefix(2) == wanted.components.prefix(2))
            return name == "version_atleast" ? atLeast : !atLeast
        default:
            throw ExpressionError("unknown predicate '\(name)' in conditional expression")
        }
    }

    /// `2.4`, `2.4.1`, `2.4-dev19`: the numbers, and whether a pre-release suffix follows.
    static func version(_ text: String) -> (SoftwareVersion, Bool)? {
        let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: " \t\""))
        let base = trimmed.prefix { $0.isNumber || $0 == "." }
        guard let version = SoftwareVersion(String(base)) else { return nil }
        return (version, base.count < trimmed.count)
    }

    private static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
    }

    static func and(_ a: Bool?, _ b: Bool?) -> Bool? {
        if a == false || b == false { return false }
        if a == nil || b == nil { return nil }
        return true
    }

    static func or(_ a: Bool?, _ b: Bool?) -> Bool? {
        if a == true || b == true { return true }
        if a == nil || b == nil { return nil }
        return false
    }
}
