/// Values of nginx tokens, read from the file's bytes. Apart from the lexer so that the parser
/// can read values while the lexer moves on (reading through the lexer copied it per word).
struct NginxTokenText {
    let bytes: UnsafeBufferPointer<UInt8>

    /// `body` applied to a token's bytes as written.
    func withBytes<R>(_ token: NginxToken, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        body(UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]))
    }

    func text(_ from: Int, _ to: Int) -> String {
        String(copyingUTF8: UnsafeBufferPointer(rebasing: bytes[from..<to]))
    }

    /// A token's value: a word without its quotes and with its escapes resolved, a raw block's
    /// text, or the punctuation.
    func value(of token: NginxToken) -> String {
        switch token.kind {
        case .semicolon: return ";"
        case .openBrace: return "{"
        case .closeBrace: return "}"
        case .rawBlock: return text(token.start, token.end)
        case .word:
            let quoted = token.quote != .none
            let from = quoted ? token.start + 1 : token.start, to = quoted ? token.end - 1 : token.end
            return token.escaped ? unescape(from, to) : text(from, to)
        }
    }

    /// nginx resolves `\"` `\'` `\\` `\t` `\r` `\n` in every word and keeps other escapes as written.
    private func unescape(_ from: Int, _ to: Int) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(to - from)
        var i = from
        while i < to {
            let b = bytes[i]
            if b == UInt8(ascii: "\\"), i + 1 < to {
                let n = bytes[i + 1]
                switch n {
                case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"): out.append(n); i += 2; continue
                case UInt8(ascii: "t"): out.append(0x09); i += 2; continue
                case UInt8(ascii: "r"): out.append(0x0D); i += 2; continue
                case UInt8(ascii: "n"): out.append(0x0A); i += 2; continue
                default: break
                }
            }
            out.append(b)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
