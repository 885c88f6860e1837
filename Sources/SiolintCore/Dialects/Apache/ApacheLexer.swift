/// One logical line of an Apache httpd configuration: physical lines joined where a line ends in
/// `\`, with leading and trailing blanks removed, each byte remembering its offset in the file.
struct ApacheLogicalLine {
    /// The line is `start..<end` of the file's bytes, or of `joined` when it was joined from
    /// continuation lines.
    var start: Int
    var end: Int
    /// The file offset just after the last byte of the line (before its line break).
    var endOffset: Int
    /// The bytes of a line joined from continuation lines (the `\` + line break dropped) and the
    /// file offset of each; `nil` for the usual line, which is read in place in the file's bytes:
    /// a slice per line retained and released the file's buffer, and copying lines was a tenth
    /// of the time on large files.
    var joined: (bytes: [UInt8], offsets: [Int])?

    /// Calls `body` with the line's text: `fileBytes` are the bytes of the file it was read from.
    @inline(__always) func withText<R>(_ fileBytes: UnsafeBufferPointer<UInt8>, _ body: (ApacheLineText) -> R) -> R {
        guard let joined else { return body(ApacheLineText(bytes: fileBytes, offsets: nil, start: start, end: end, endOffset: endOffset)) }
        return joined.bytes.withUnsafeBufferPointer { bytes in
            joined.offsets.withUnsafeBufferPointer { offsets in
                body(ApacheLineText(bytes: bytes, offsets: offsets, start: start, end: end, endOffset: endOffset))
            }
        }
    }
}

/// The bytes of a logical line while it is parsed: `bytes[start..<end]`, indexed like the buffer.
struct ApacheLineText {
    let bytes: UnsafeBufferPointer<UInt8>
    /// The file offset of each byte of a joined line; `nil` when `bytes` are the file's, whose
    /// indices are the offsets.
    let offsets: UnsafeBufferPointer<Int>?
    let start: Int
    let end: Int
    let endOffset: Int

    /// The file offset of the byte at `index`, or the end of the line.
    @inline(__always) func offset(_ index: Int) -> Int {
        guard index < end else { return endOffset }
        return offsets?[index] ?? index
    }

    @inline(__always) subscript(index: Int) -> UInt8 { bytes[index] }
}

/// Splits httpd configuration bytes into logical lines, as `ap_cfg_getline` does: a `\` as the
/// very last byte of a line continues it on the next one (`\\` does not, and keeps one `\`);
/// blanks around the line are dropped; a line whose first non-blank byte is `#` is a comment,
/// continuation lines included (httpd reads a comment that ends in `\` on into the next line).
/// Works on bytes; positions are byte offsets into the file. Lines are read one at a time
/// (`next`): an array of every line of a large file was a transient several megabytes long.
struct ApacheLexer {
    static let space: UInt8 = 0x20, tab: UInt8 = 0x09, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
    static let backslash = UInt8(ascii: "\\"), hash = UInt8(ascii: "#")

    @inline(__always) static func isBlank(_ b: UInt8) -> Bool {
        // Space, tab, LF, VT, FF, CR as one mask test: every byte of a line is tested.
        b <= space && (UInt64(1) << UInt64(b)) & blanks != 0
    }

    private static let blanks: UInt64 = 1 << 0x20 | 1 << 0x09 | 1 << 0x0A | 1 << 0x0B | 1 << 0x0C | 1 << 0x0D

    private let file: SourceFile
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    /// The comments read so far.
    private(set) var comments: [Comment] = []
    // The bytes and offsets of a line being joined from continuation lines.
    private var joined: [UInt8] = []
    private var joinedOffsets: [Int] = []

    /// A lexer for `file`, whose bytes `bytes` points to while it is used.
    init(_ file: SourceFile, bytes: UnsafeBufferPointer<UInt8>) {
        self.file = file
        self.bytes = bytes
    }

    /// The next logical line with content; comments are collected on the way.
    mutating func next() -> ApacheLogicalLine? {
        let n = bytes.count
        while position < n {
            // One physical line: [position, lineEnd) without its terminator.
            var lineEnd = position
            // Eight bytes at a time to the word holding the line break: every byte of the file is
            // looked at here.
            while lineEnd + 8 <= n {
                let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + lineEnd).loadUnaligned(as: UInt64.self))
                let stops = ByteWord.matches(word, ApacheLexer.lf) | ByteWord.matches(word, ApacheLexer.cr)
                if stops != 0 {
                    lineEnd += stops.trailingZeroBitCount >> 3
                    break
                }
                lineEnd += 8
            }
            while lineEnd < n, bytes[lineEnd] != ApacheLexer.lf, bytes[lineEnd] != ApacheLexer.cr { lineEnd += 1 }
            var next = lineEnd
            if next < n, bytes[next] == ApacheLexer.cr { next += 1 }
            if next < n, bytes[next] == ApacheLexer.lf, next == lineEnd || bytes[next - 1] == ApacheLexer.cr { next += 1 }
            var contentEnd = lineEnd
            var continues = false
            if contentEnd > position, bytes[contentEnd - 1] == ApacheLexer.backslash {
                if contentEnd - 1 > position, bytes[contentEnd - 2] == ApacheLexer.backslash {
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
                while first < last, ApacheLexer.isBlank(bytes[first]) { first += 1 }
                while last > first, ApacheLexer.isBlank(bytes[last - 1]) { last -= 1 }
                line = first < last ? ApacheLogicalLine(start: first, end: last, endOffset: last, joined: nil) : nil
            } else {
                joined.append(contentsOf: bytes[start..<contentEnd])
                joinedOffsets.append(contentsOf: start..<contentEnd)
                line = ApacheLexer.trimmed(joined, joinedOffsets)
                joined.removeAll(keepingCapacity: true)
                joinedOffsets.removeAll(keepingCapacity: true)
            }
            guard let line else { continue }
            let isComment = line.withText(bytes) { text -> Bool in
                guard text[text.start] == ApacheLexer.hash else { return false }
                comments.append(Comment(text: String(decoding: UnsafeBufferPointer(rebasing: text.bytes[(text.start + 1)..<text.end]), as: UTF8.self),
                                        range: file.range(text.offset(text.start), text.endOffset), ownLine: true))
                return true
            }
            if !isComment { return line }
        }
        return nil
    }

    /// A joined line without the blanks around it; `nil` when nothing else is left.
    private static func trimmed(_ bytes: [UInt8], _ offsets: [Int]) -> ApacheLogicalLine? {
        var start = 0
        var end = bytes.count
        while start < end, isBlank(bytes[start]) { start += 1 }
        while end > start, isBlank(bytes[end - 1]) { end -= 1 }
        guard start < end else { return nil }
        return ApacheLogicalLine(start: 0, end: end - start, endOffset: offsets[end - 1] + 1,
                                 joined: (Array(bytes[start..<end]), Array(offsets[start..<end])))
    }

    /// Splits `line[from..<to]` into words as `ap_getword_conf` does: blanks separate words;
    /// a word that starts with `"` or `'` runs to the matching quote (`\"`, `\'` and `\\` escape,
    /// an unclosed quote runs to the end), and the next word may follow the closing quote directly;
    /// `\\` becomes `\` in every word. The words replace the contents of `result`: the parser
    /// reuses one array for every line (a new one per line grew two or three times each, a tenth
    /// of the parse).
    static func words(_ line: ApacheLineText, from: Int, to: Int, file: SourceFile, into result: inout [Word]) {
        result.removeAll(keepingCapacity: true)
        let b = line.bytes
        let fileID = file.fileID
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
            let text = escaped ? String(decoding: value, as: UTF8.self) : ApacheBytes.string(b[valueStart..<valueEnd])
            let style: QuoteStyle = quote == UInt8(ascii: "\"") ? .double : quote == UInt8(ascii: "'") ? .single : .none
            // Offsets within the file's size: the clamping `SourceFile.range` does is not needed.
            let range = SourceRange(start: SourceLocation(fileID: fileID, offset: line.offset(start)),
                                    end: SourceLocation(fileID: fileID, offset: line.offset(i - 1) + 1))
            result.append(Word(text, quote: style, range: range))
        }
    }
}
