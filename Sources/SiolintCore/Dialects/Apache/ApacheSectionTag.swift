/// What the first word of a line that starts with `<` is: a section opening (`<Name` or
/// `<Name>`), a closing tag (`</Name>`), a malformed closing tag, or just `<` (an ordinary
/// directive name).
enum ApacheSectionTag {
    /// `<Name>` (`closed`) or `<Name` with the arguments after it.
    case open(name: String, closed: Bool)
    /// `</Name>`.
    case close(name: String)
    /// `</Name` without its `>` (or `</>`), as written.
    case malformedClose(rawName: String)
    /// A lone `<`.
    case notATag

    /// Reads the word `bytes` (from its `<` up to the first blank). Compares characters as
    /// `String` does; ASCII words (nearly all) are read byte by byte, without building and
    /// slicing a string per section line.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !bytes.contains(where: { $0 >= 0x80 }) else { self.init(text: String(decoding: bytes, as: UTF8.self)); return }
        let count = bytes.count
        let endsWithBracket = bytes[count - 1] == UInt8(ascii: ">")
        if count >= 2, bytes[1] == UInt8(ascii: "/") {
            guard endsWithBracket, count > 3 else { self = .malformedClose(rawName: String(decoding: bytes, as: UTF8.self)); return }
            self = .close(name: String(decoding: UnsafeBufferPointer(rebasing: bytes[2..<(count - 1)]), as: UTF8.self))
            return
        }
        guard count > 1 else { self = .notATag; return }
        self = .open(name: String(decoding: UnsafeBufferPointer(rebasing: bytes[1..<(endsWithBracket ? count - 1 : count)]), as: UTF8.self),
                     closed: endsWithBracket)
    }

    /// The same reading on characters, for words with non-ASCII bytes.
    private init(text rawName: String) {
        if rawName.hasBytePrefix("</") {
            guard rawName.hasSuffix(">"), rawName.count > 3 else { self = .malformedClose(rawName: rawName); return }
            self = .close(name: String(rawName.dropFirst(2).dropLast()))
            return
        }
        guard rawName.count > 1 else { self = .notATag; return }
        var name = String(rawName.dropFirst())
        let closed = name.hasSuffix(">")
        if closed { name.removeLast() }
        self = .open(name: name, closed: closed)
    }

    /// Whether a closing tag's name closes a section of this name (httpd ignores case).
    static func sameName(_ a: String, _ b: String) -> Bool {
        ApacheBytes.equalIgnoringASCIICase(a, b) ?? (a.lowercased() == b.lowercased())
    }
}
