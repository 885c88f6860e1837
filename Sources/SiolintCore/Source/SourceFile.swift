import Foundation

/// The bytes of one configuration file, with the index needed to turn byte offsets into
/// line and column positions.
///
/// Columns count Unicode scalars (code points), 1-based, so a column stays right after
/// multi-byte characters. Lexers work on `bytes`; only diagnostics convert offsets.
public final class SourceFile: Sendable {
    /// The path shown to users (relative to the working directory when possible).
    public let path: String
    /// This file's id in `SourceTable`, which `SourceLocation`s hold.
    public let fileID: UInt32
    /// The raw contents.
    public let bytes: [UInt8]
    /// Line numbering starts at this line (non-zero for files cut out of an `nginx -T` dump).
    public let firstLine: Int
    /// Where each line starts and whether it is ASCII: worked out the first time a position is
    /// asked for. Most runs show no position of most files (a clean large file, none at all), and
    /// the scan was 2% of linting one.
    private let lines = OnceCell<LineTable>()
    private var lineTable: LineTable { lines.value { LineTable(bytes) } }
    /// Byte offsets at which each line starts.
    public var lineStarts: [Int] { lineTable.startOffsets.map(Int.init) }
    /// Whether each line holds only ASCII bytes: there a column is a subtraction, not a walk
    /// (a 5 MB line with many tokens would otherwise cost a walk of the line per token).
    var asciiLines: [Bool] { lineTable.asciiLines }

    public init(path: String, bytes: [UInt8], firstLine: Int = 1) {
        self.path = path
        self.fileID = SourceTable.shared.reserve(path: path)
        self.bytes = bytes
        self.firstLine = firstLine
        SourceTable.shared.attach(self)
    }

    public convenience init(path: String, text: String, firstLine: Int = 1) {
        self.init(path: path, bytes: Array(text.utf8), firstLine: firstLine)
    }

    /// The location of a byte offset (clamped to the file).
    public func location(at offset: Int) -> SourceLocation {
        SourceLocation(fileID: fileID, offset: max(0, min(offset, bytes.count)))
    }

    /// The range covering `start..<end` byte offsets.
    public func range(_ start: Int, _ end: Int) -> SourceRange {
        SourceRange(start: location(at: start), end: location(at: max(start, end)))
    }

    /// The offsets of the line holding `offset`: from its first byte up to the next line's first
    /// (past the end of the file on the last line, whose end offset is still on it).
    func lineBounds(containing offset: Int) -> Range<Int> {
        let table = lineTable
        let index = table.index(of: max(0, min(offset, bytes.count)))
        return table.start(index)..<(index + 1 < table.count ? table.start(index + 1) : bytes.count + 1)
    }

    /// The line and column of a byte offset: what a location shows.
    func position(at offset: Int) -> (line: Int, column: Int) {
        let clamped = max(0, min(offset, bytes.count))
        let table = lineTable
        let index = table.index(of: clamped)
        if table.asciiLines[index] { return (index + firstLine, clamped - table.start(index) + 1) }
        var column = 1
        var i = table.start(index)
        while i < clamped {
            // Continuation bytes (10xxxxxx) do not start a new code point.
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return (index + firstLine, column)
    }

    /// The text of a line (numbered as in `SourceLocation.line`), without its line break.
    public func lineText(_ line: Int) -> String {
        let table = lineTable
        let index = line - firstLine
        guard index >= 0, index < table.count else { return "" }
        let start = table.start(index)
        var end = index + 1 < table.count ? table.start(index + 1) : bytes.count
        while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The text between two byte offsets.
    public func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[max(0, start)..<min(end, bytes.count)], as: UTF8.self)
    }
}

/// Where each line of a file starts, and whether it is ASCII.
private struct LineTable: Sendable {
    /// Byte offsets at which each line starts, four bytes each (offsets are 32-bit in
    /// `SourceLocation` too): half the size of `[Int]` for a table kept all run.
    let startOffsets: [UInt32]
    let asciiLines: [Bool]

    var count: Int { startOffsets.count }

    @inline(__always) func start(_ index: Int) -> Int { Int(startOffsets[index]) }

    /// The 0-based index of the line holding `offset`.
    func index(of offset: Int) -> Int {
        var lo = 0, hi = count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if start(mid) <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    init(_ bytes: [UInt8]) {
        var starts: [UInt32] = [0]
        var ascii: [Bool] = []
        starts.reserveCapacity(bytes.count / 32 + 1)
        ascii.reserveCapacity(bytes.count / 32 + 1)
        var lineIsASCII = true
        var i = 0
        let n = bytes.count
        bytes.withUnsafeBufferPointer { bytes in
            while i < n {
                // Skip 8 bytes at a time to the first that ends a line or is not ASCII.
                while i + 8 <= n {
                    let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self))
                    let stops = word & ByteWord.highBits | ByteWord.matches(word, 0x0A) | ByteWord.matches(word, 0x0D)
                    if stops != 0 {
                        i += stops.trailingZeroBitCount >> 3
                        break
                    }
                    i += 8
                }
                guard i < n else { break }
                let b = bytes[i]
                if b == 0x0A {
                    starts.append(UInt32(clamping: i + 1))
                    ascii.append(lineIsASCII)
                    lineIsASCII = true
                } else if b == 0x0D && (i + 1 >= n || bytes[i + 1] != 0x0A) {
                    // A lone CR ends a line too, as in the editors users open the file with.
                    starts.append(UInt32(clamping: i + 1))
                    ascii.append(lineIsASCII)
                    lineIsASCII = true
                } else if b >= 0x80 {
                    lineIsASCII = false
                }
                i += 1
            }
        }
        ascii.append(lineIsASCII)
        // Kept for the whole run: copied out at their exact size (growing left up to half unused).
        self.startOffsets = starts.withUnsafeBufferPointer { Array($0) }
        self.asciiLines = ascii.withUnsafeBufferPointer { Array($0) }
    }
}
