/// A strict JSON reader that only finds positions: where the first syntax error is, and where
/// each value starts (by path such as `rules.levels.SIO103` or `socketio.transports[1]`), so
/// configuration errors can name a line and column. Foundation's decoder does the decoding.
/// Iterative (an explicit stack), so deep nesting cannot overflow the call stack.
struct JSONLocator {
    struct Position: Hashable, CustomStringConvertible {
        var line: Int
        var column: Int
        var description: String { "\(line):\(column)" }
    }

    struct SyntaxError: Error {
        var position: Position
        var message: String
    }

    /// Where each value starts, by path; the document itself is `""`.
    private(set) var positions: [String: Position] = [:]
    /// Where each object member's key starts, by the member's path.
    private(set) var keyPositions: [String: Position] = [:]

    private let bytes: [UInt8]
    private var offset = 0
    private var line = 1
    private var lineStart = 0

    private enum Frame {
        case object(path: String, key: String?, expectingKey: Bool, count: Int)
        case array(path: String, count: Int)

        var isObject: Bool { if case .object = self { return true } else { return false } }
    }

    init(_ bytes: [UInt8]) throws(SyntaxError) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3; lineStart = 3 }
        try scan()
    }

    /// The dotted path of a decoding error's coding path.
    static func path(_ components: [String]) -> String {
        var out = ""
        for c in components {
            if c.hasPrefix("[") { out += c } else { out += out.isEmpty ? c : "." + c }
        }
        return out
    }

    private func position(_ at: Int) -> Position {
        var column = 1
        var i = lineStart
        while i < at, i < bytes.count {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return Position(line: line, column: column)
    }

    private func fail(_ message: String) -> SyntaxError {
        SyntaxError(position: position(offset), message: offset >= bytes.count ? "unexpected end of file: \(message)" : message)
    }

    private mutating func skipSpace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x09, 0x0D: offset += 1
            case 0x0A: offset += 1; line += 1; lineStart = offset
            default: return
            }
        }
    }

    private mutating func scanString() throws(SyntaxError) -> String {
        let start = offset
        offset += 1
        var raw: [UInt8] = []
        while offset < bytes.count {
            let b = bytes[offset]
            if b == UInt8(ascii: "\"") {
                offset += 1
                return String(decoding: raw, as: UTF8.self)
            }
            if b < 0x20 {
                throw fail("control character or line break inside a string (the string starts at \(position(start)))")
            }
            if b == UInt8(ascii: "\\") {
                offset += 1
                guard offset < bytes.count else { break }
                let e = bytes[offset]
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): raw.append(e)
                case UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"): raw.append(UInt8(ascii: "?"))
                case UInt8(ascii: "u"):
                    let hex = bytes[min(offset + 1, bytes.count)..<min(offset + 5, bytes.count)]
                    guard hex.count == 4, hex.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }) else {
                        throw fail("\\u must be followed by four hex digits")
                    }
                    raw.append(UInt8(ascii: "?"))
                    offset += 4
                default:
                    throw fail("invalid escape \\\(String(decoding: [e], as: UTF8.self)) in a string")
                }
                offset += 1
                continue
            }
            raw.append(b)
            offset += 1
        }
        offset = bytes.count
        throw SyntaxError(position: position(start), message: "the string opened here is never closed")
    }

    private mutating func scanLiteral() throws(SyntaxError) {
        let start = offset
        while offset < bytes.count, !(bytes[offset] == 0x20 || bytes[offset] == 0x09 || bytes[offset] == 0x0A || bytes[offset] == 0x0D
                                       || bytes[offset] == UInt8(ascii: ",") || bytes[offset] == UInt8(ascii: "]")
                                       || bytes[offset] == UInt8(ascii: "}") || bytes[offset] == UInt8(ascii: ":")) {
            offset += 1
        }
        let word = String(decoding: bytes[start..<offset], as: UTF8.self)
        if word == "true" || word == "false" || word == "null" { return }
        if isNumber(word) { return }
        let saved = offset
        offset = start
        let closing = offset < bytes.count && (bytes[offset] == UInt8(ascii: "]") || bytes[offset] == UInt8(ascii: "}"))
        let error = fail(word.isEmpty ? (closing ? "expected a value (no trailing comma after the last element)" : "expected a value")
                         : "\"\(word)\" is not a JSON value (strings need double quotes)")
        offset = saved
        throw error
    }

    private func isNumber(_ s: String) -> Bool {
        var u = Array(s.utf8)[...]
        if u.first == UInt8(ascii: "-") { u = u.dropFirst() }
        func digits() -> Int { let n = u.prefix { $0 >= 0x30 && $0 <= 0x39 }.count; u = u.dropFirst(n); return n }
        let lead = u.first
        let intDigits = digits()
        guard intDigits > 0, !(lead == UInt8(ascii: "0") && intDigits > 1) else { return false }
        if u.first == UInt8(ascii: ".") { u = u.dropFirst(); guard digits() > 0 else { return false } }
        if u.first == UInt8(ascii: "e") || u.first == UInt8(ascii: "E") {
            u = u.dropFirst()
            if u.first == UInt8(ascii: "+") || u.first == UInt8(ascii: "-") { u = u.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return u.isEmpty
    }

    private mutating func scan() throws(SyntaxError) {
        var stack: [Frame] = []
        // The path of the value about to be read; nil when no value is expected.
        var pending: String? = ""
        while true {
            skipSpace()
            if let path = pending {
                guard offset < bytes.count else { throw fail("expected a value") }
                positions[path] = position(offset)
                pending = nil
                switch bytes[offset] {
                case UInt8(ascii: "{"):
                    offset += 1
                    stack.append(.object(path: path, key: nil, expectingKey: true, count: 0))
                    continue
                case UInt8(ascii: "["):
                    offset += 1
                    skipSpace()
                    if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
                        offset += 1
                    } else {
                        stack.append(.array(path: path, count: 0))
                        pending = path + "[0]"
                        continue
                    }
                case UInt8(ascii: "\""):
                    _ = try scanString()
                default:
                    try scanLiteral()
                }
            }
            // After a value (or inside a container waiting for its next part).
            skipSpace()
            guard let frame = stack.popLast() else {
                guard offset >= bytes.count else { throw fail("unexpected text after the end of the document") }
                return
            }
            guard offset < bytes.count else {
                throw fail(frame.isObject ? "expected \"}\" to close the object" : "expected \"]\" to close the array")
            }
            let b = bytes[offset]
            switch frame {
            case .array(let path, let count):
                if b == UInt8(ascii: ",") {
                    offset += 1
                    stack.append(.array(path: path, count: count + 1))
                    pending = "\(path)[\(count + 1)]"
                } else if b == UInt8(ascii: "]") {
                    offset += 1
                } else {
                    throw fail("expected \",\" or \"]\" after an array element")
                }
            case .object(let path, _, let expectingKey, let count):
                if expectingKey {
                    if b == UInt8(ascii: "}"), count == 0 { offset += 1; continue }
                    guard b == UInt8(ascii: "\"") else {
                        throw fail(count == 0 ? "expected a key in double quotes or \"}\"" : "expected a key in double quotes (no trailing comma after the last member)")
                    }
                    let keyPosition = position(offset)
                    let key = try scanString()
                    keyPositions[path.isEmpty ? key : path + "." + key] = keyPosition
                    skipSpace()
                    guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { throw fail("expected \":\" after the key \"\(key)\"") }
                    offset += 1
                    stack.append(.object(path: path, key: key, expectingKey: false, count: count))
                    pending = path.isEmpty ? key : path + "." + key
                } else if b == UInt8(ascii: ",") {
                    offset += 1
                    stack.append(.object(path: path, key: nil, expectingKey: true, count: count + 1))
                    skipSpace()
                    guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
                        throw fail("expected a key in double quotes (no trailing comma after the last member)")
                    }
                } else if b == UInt8(ascii: "}") {
                    offset += 1
                } else {
                    throw fail("expected \",\" or \"}\" after a member")
                }
            }
        }
    }
}
