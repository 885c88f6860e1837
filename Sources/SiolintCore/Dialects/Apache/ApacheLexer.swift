/// One logical line of an Apache httpd configuration: physical lines joined where a line ends in
/// `\`, with leading and trailing blanks removed, each byte remembering its offset in the file.
struct ApacheLogicalLine {
    /// The bytes of the line after joining continuations (the `\` + line break are dropped).
    var bytes: [UInt8]
    /// The file offset of each byte in `bytes`.
    var offsets: [Int]
    /// The file offset just after the last byte of the line (before its line break).
    var endOffset: Int

    /// The file offset of byte `index`, or the end of the line.
    func offset(_ index: Int) -> Int { index < offsets.count ? offsets[index] : endOffset }
}

/// Splits httpd configuration bytes into logical lines, as `ap_cfg_getline` does: a `\` as the
/// very last byte of a line continues it on the next one (`\\` does not, and keeps one `\`);
/// blanks around the line are dropped; a line whose first non-blank byte is `#` is a comment,
/// continuation lines included (httpd reads a comment that ends in `\` on into the next line).
/// Works on bytes; positions are byte offsets into the file.
enum ApacheLexer {
    static let space: UInt8 = 0x20, tab: UInt8 = 0x09, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
    static let backslash = UInt8(ascii: "\\"), hash = UInt8(ascii: "#")

    @inline(__always) static func isBlank(_ b: UInt8) -> Bool {
        b == space || b == tab || b == cr || b == lf || b == 0x0B || b == 0x0C
    }

    /// The logical lines with content, and the comments.
    static func lines(_ file: SourceFile) -> (lines: [ApacheLogicalLine], comments: [Comment]) {
        let bytes = file.bytes
        var lines: [ApacheLogicalLine] = []
        var comments: [Comment] = []
        var current = ApacheLogicalLine(bytes: [], offsets: [], endOffset: 0)
        var position = 0
        let n = bytes.count
        while position < n {
            // One physical line: [position, lineEnd) without its terminator.
            var lineEnd = position
            while lineEnd < n, bytes[lineEnd] != lf, bytes[lineEnd] != cr { lineEnd += 1 }
            var next = lineEnd
            if next < n, bytes[next] == cr { next += 1 }
            if next < n, bytes[next] == lf, next == lineEnd || bytes[next - 1] == cr { next += 1 }
            var contentEnd = lineEnd
            var continues = false
            if contentEnd > position, bytes[contentEnd - 1] == backslash {
                if contentEnd - 1 > position, bytes[contentEnd - 2] == backslash {
                    // An escaped backslash ends the line and keeps one `\`.
                    contentEnd -= 1
                } else {
                    continues = true
                    contentEnd -= 1
                }
            }
            for i in position..<contentEnd {
                current.bytes.append(bytes[i])
                current.offsets.append(i)
            }
            current.endOffset = contentEnd
            position = next
            if continues, position < n { continue }
            if let line = trimmed(current) {
                if line.bytes[0] == hash {
                    let start = line.offsets[0]
                    comments.append(Comment(text: String(decoding: line.bytes.dropFirst(), as: UTF8.self),
                                            range: file.range(start, line.endOffset), ownLine: true))
                } else {
                    lines.append(line)
                }
            }
            current = ApacheLogicalLine(bytes: [], offsets: [], endOffset: position)
        }
        return (lines, comments)
    }

    private static func trimmed(_ line: ApacheLogicalLine) -> ApacheLogicalLine? {
        var start = 0
        var end = line.bytes.count
        while start < end, isBlank(line.bytes[start]) { start += 1 }
        while end > start, isBlank(line.bytes[end - 1]) { end -= 1 }
        guard start < end else { return nil }
        let endOffset = line.offsets[end - 1] + 1
        return ApacheLogicalLine(bytes: Array(line.bytes[start..<end]), offsets: Array(line.offsets[start..<end]), endOffset: endOffset)
    }

    /// Splits `line.bytes[from..<to]` into words as `ap_getword_conf` does: blanks separate words;
    /// a word that starts with `"` or `'` runs to the matching quote (`\"`, `\'` and `\\` escape,
    /// an unclosed quote runs to the end), and the next word may follow the closing quote directly;
    /// `\\` becomes `\` in every word.
    static func words(_ line: ApacheLogicalLine, from: Int, to: Int, file: SourceFile) -> [Word] {
        var result: [Word] = []
        let b = line.bytes
        var i = from
        while true {
            while i < to, isBlank(b[i]) { i += 1 }
            guard i < to else { break }
            let start = i
            let quote = b[i]
            var value: [UInt8] = []
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                i += 1
                while i < to, b[i] != quote {
                    if b[i] == backslash, i + 1 < to, b[i + 1] == quote || b[i + 1] == backslash {
                        value.append(b[i + 1])
                        i += 2
                        continue
                    }
                    value.append(b[i])
                    i += 1
                }
                if i < to { i += 1 }
                result.append(Word(String(decoding: value, as: UTF8.self), quote: quote == UInt8(ascii: "\"") ? .double : .single,
                                   range: file.range(line.offset(start), line.offset(i - 1) + 1)))
            } else {
                while i < to, !isBlank(b[i]) {
                    if b[i] == backslash, i + 1 < to, b[i + 1] == backslash {
                        value.append(backslash)
                        i += 2
                        continue
                    }
                    value.append(b[i])
                    i += 1
                }
                result.append(Word(String(decoding: value, as: UTF8.self), quote: .none,
                                   range: file.range(line.offset(start), line.offset(i - 1) + 1)))
            }
        }
        return result
    }
}
