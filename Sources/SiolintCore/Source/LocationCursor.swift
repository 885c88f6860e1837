/// Turns byte offsets met in file order (a lexer's tokens) into locations. While offsets stay on
/// one ASCII line a location is a subtraction; only a move to another line searches the line
/// table. Parsers call this for every word: the general search cost a tenth of nginx's parse.
struct LocationCursor {
    private let file: SourceFile
    private var line = 0
    private var lineStart = 0
    /// Where the next line starts; past the end of the file on the last line (an offset equal to
    /// the file's length is its end, on the last line).
    private var nextLineStart = 0
    private var lineIsASCII = false

    init(_ file: SourceFile) {
        self.file = file
        moveTo(line: 0)
    }

    private mutating func moveTo(line index: Int) {
        line = index
        lineStart = file.lineStart(index)
        nextLineStart = index + 1 < file.lineCount ? file.lineStart(index + 1) : file.bytes.count + 1
        lineIsASCII = file.asciiLines[index]
    }

    @inline(__always)
    mutating func location(at offset: Int) -> SourceLocation {
        if lineIsASCII, offset >= lineStart, offset < nextLineStart {
            return SourceLocation(fileID: file.fileID, line: line + file.firstLine, column: offset - lineStart + 1, offset: offset)
        }
        var hint = line
        let found = file.location(at: offset, hint: &hint)
        moveTo(line: hint)
        return found
    }

    @inline(__always)
    mutating func range(_ start: Int, _ end: Int) -> SourceRange {
        let from = location(at: start)
        return SourceRange(start: from, end: location(at: max(start, end)))
    }
}
