/// One logical line of an Apache httpd configuration: physical lines joined where a line ends in
/// `\`, with leading and trailing blanks removed, each byte remembering its offset in the file.
struct ApacheLogicalLine {
    /// The bytes of the line after joining continuations (the `\` + line break are dropped),
    /// indexed from `bytes.startIndex`. A line without continuations is a slice of the file's own
    /// bytes, indexed by file offset: copying every line was a tenth of the time on large files.
    var bytes: ArraySlice<UInt8>
    /// The file offset of each byte of a joined line (indexed from 0 like its `bytes`); `nil` when
    /// `bytes` is a slice of the file, whose indices are the offsets.
    var offsets: [Int]?
    /// The file offset just after the last byte of the line (before its line break).
    var endOffset: Int

    /// The file offset of the byte at `index` of `bytes`, or the end of the line.
    func offset(_ index: Int) -> Int {
        guard index < bytes.endIndex else { return endOffset }
        return offsets?[index] ?? index
    }
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
        // Space, tab, LF, VT, FF, CR as one mask test: every byte of a line is tested.
        b <= space && (UInt64(1) << UInt64(b)) & blanks != 0
    }

    private static let blanks: UInt64 = 1 << 0x20 | 1 << 0x09 | 1 << 0x0A | 1 << 0x0B | 1 << 0x0C | 1 << 0x0D

    /// The logical lines with content, and the comments.
    static func lines(_ file: SourceFile) -> (lines: [ApacheLogicalLine], comments: [Comment]) {
        let bytes = file.bytes
        var lines: [ApacheLogicalLine] = []
        var comments: [Comment] = []
        // The bytes and offsets of a line being joined from continuation lines.
        var joined: [UInt8] = []
        var joinedOffsets: [Int] = []
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
            let start = position
            position = next
            let line: ApacheLogicalLine?
            if continues, position < n {
                joined.append(contentsOf: bytes[start..<contentEnd])
                joinedOffsets.append(contentsOf: start..<contentEnd)
                continue
            } else if joined.isEmpty {
                var first = start, last = contentEnd
                while first < last, isBlank(bytes[first]) { first += 1 }
                while last > first, isBlank(bytes[last - 1]) { last -= 1 }
                line = first < last ? ApacheLogicalLine(bytes: bytes[first..<last], offsets: nil, endOffset: last) : nil
            } else {
                joined.append(contentsOf: bytes[start..<contentEnd])
                joinedOffsets.append(contentsOf: start..<contentEnd)
                line = trimmed(joined, joinedOffsets)
                joined.removeAll(keepingCapacity: true)
                joinedOffsets.removeAll(keepingCapacity: true)
            }
            guard let line else { continue }
            if line.bytes.first == hash {
                let start = line.offset(line.bytes.startIndex)
                comments.append(Comment(text: String(decoding: line.bytes.dropFirst(), as: UTF8.self),
                                        range: file.range(start, line.endOffset), ownLine: true))
            } else {
                lines.append(line)
            }
        }
        return (lines, comments)
    }

    /// A joined line without the blanks around it; `nil` when nothing else is left.
    private static func trimmed(_ bytes: [UInt8], _ offsets: [Int]) -> ApacheLogicalLine? {
        var start = 0
        var end = bytes.count
        while start < end, isBlank(bytes[start]) { start += 1 }
        while end > start, isBlank(bytes[end - 1]) { end -= 1 }
        guard start < end else { return nil }
        return ApacheLogicalLine(bytes: Array(bytes[start..<end])[...], offsets: Array(offsets[start..<end]), endOffset: offsets[end - 1] + 1)
    }

    /// Splits `line.bytes[from..<to]` into words as `ap_getword_conf` does: blanks separate words;
    /// a word that starts with `"` or `'` runs to the matching quote (`\"`, `\'` and `\\` escape,
    /// an unclosed quote runs to the end), and the next word may follow the closing quote directly;
    /// `\\` becomes `\` in every word. `from` and `to` are indices of `line.bytes`. The words replace the
    /// contents of `result`: the parser reuses one array for every line (a new one per line grew
    /// two or three times each, a tenth of the parse).
    static func words(_ line: ApacheLogicalLine, from: Int, to: Int, file: SourceFile, into result: inout [Word]) {
        result.removeAll(keepingCapacity: true)
        let b = line.bytes
        var i = from
        while true {
            while i < to, isBlank(b[i]) { i += 1 }
            guard i < to else { break }
            let start = i
            let quote = b[i]
            // Most words have no escape: their value is their bytes, taken without copying them one by one.
            var escaped = false
            var value: [UInt8] = []
            let valueStart: Int
            let valueEnd: Int
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                i += 1
                valueStart = i
                while i < to, b[i] != quote {
                    if b[i] == backslash, i + 1 < to, b[i + 1] == quote || b[i + 1] == backslash {
                        if !escaped { value.append(contentsOf: b[valueStart..<i]); escaped = true }
                        value.append(b[i + 1])
                        i += 2
                        continue
                    }
                    if escaped { value.append(b[i]) }
                    i += 1
                }
                valueEnd = i
                if i < to { i += 1 }
            } else {
                valueStart = i
                while i < to, !isBlank(b[i]) {
                    if b[i] == backslash, i + 1 < to, b[i + 1] == backslash {
                        if !escaped { value.append(contentsOf: b[valueStart..<i]); escaped = true }
                        value.append(backslash)
                        i += 2
                        continue
                    }
                    if escaped { value.append(b[i]) }
                    i += 1
                }
                valueEnd = i
            }
            let text = escaped ? String(decoding: value, as: UTF8.self) : String(decoding: b[valueStart..<valueEnd], as: UTF8.self)
            let style: QuoteStyle = quote == UInt8(ascii: "\"") ? .double : quote == UInt8(ascii: "'") ? .single : .none
            result.append(Word(text, quote: style, range: file.range(line.offset(start), line.offset(i - 1) + 1)))
        }
    }
}
