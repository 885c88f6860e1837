import Foundation

/// A position in a configuration file: 1-based line and column (in Unicode scalars).
///
/// Eight bytes with no references: the file is an id into `SourceTable` and the position is its
/// byte offset. Line and column are worked out from the file's line table when they are read, as
/// compilers do: every word of the parse tree carries a range, and a large configuration has
/// hundreds of thousands of them, while only the few that findings name are ever shown.
public struct SourceLocation: Hashable, Sendable, Comparable, Codable {
    /// The file (one id per file read, not per path).
    public let fileID: UInt32
    private let storedOffset: UInt32

    init(fileID: UInt32, offset: Int) {
        self.fileID = fileID
        self.storedOffset = UInt32(clamping: offset)
    }

    /// A location placed by hand, outside any file read (a file that could not be read, tests):
    /// `offset` is at `line`:`column`, and further offsets stay on that line.
    public init(file: String, line: Int, column: Int, offset: Int = 0) {
        self.init(fileID: SourceTable.shared.id(placing: file, line: line, column: column, offset: offset), offset: offset)
    }

    /// The path shown to users.
    public var file: String { SourceTable.shared.path(fileID) }
    public var line: Int { position.line }
    public var column: Int { position.column }
    /// Line and column with one look-up.
    public var position: (line: Int, column: Int) { SourceTable.shared.position(fileID, offset: offset) }
    /// The byte offset in the file; not part of any output.
    public var offset: Int { Int(storedOffset) }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        // In one file, offsets are in the order of lines and columns.
        if a.fileID == b.fileID { return a.storedOffset < b.storedOffset }
        let (fileA, fileB) = (a.file, b.file)
        if fileA != fileB { return fileA < fileB }
        let (positionA, positionB) = (a.position, b.position)
        return (positionA.line, positionA.column) < (positionB.line, positionB.column)
    }

    /// `path:line:col`, as compilers print it.
    public var description: String { "\(file):\(line):\(column)" }

    private enum CodingKeys: String, CodingKey { case file, line, column, offset }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(file: try c.decode(String.self, forKey: .file), line: try c.decode(Int.self, forKey: .line),
                  column: try c.decode(Int.self, forKey: .column), offset: try c.decodeIfPresent(Int.self, forKey: .offset) ?? 0)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let position = position
        try c.encode(file, forKey: .file)
        try c.encode(position.line, forKey: .line)
        try c.encode(position.column, forKey: .column)
        try c.encode(offset, forKey: .offset)
    }
}

/// A span of text in one file; `end` is exclusive.
///
/// Twelve bytes: the end shares the start's file, so it is kept as an offset only.
public struct SourceRange: Hashable, Sendable, Codable {
    public var start: SourceLocation
    private var endOffset: UInt32

    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.endOffset = UInt32(clamping: end.offset)
    }

    /// An empty range at a location.
    public init(at location: SourceLocation) {
        self.init(start: location, end: location)
    }

    public var end: SourceLocation { SourceLocation(fileID: start.fileID, offset: Int(endOffset)) }

    public var file: String { start.file }

    private enum CodingKeys: String, CodingKey { case start, end }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(start: try c.decode(SourceLocation.self, forKey: .start), end: try c.decode(SourceLocation.self, forKey: .end))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
    }
}

/// Every file a location points into, and every location placed by hand, registered once per
/// process so that a location holds a 4-byte id. Entries are only ever added; line and column
/// are looked up here when a location is shown.
public final class SourceTable: @unchecked Sendable {
    public static let shared = SourceTable()

    private enum Entry {
        /// A file being read; its line table is attached once it is built.
        case reserved(path: String)
        case file(SourceFile)
        /// A location placed by hand: `offset` is at `line`:`column` of `path`.
        case placed(Placement)
    }

    private struct Placement: Hashable {
        var path: String
        var line: Int
        var column: Int
        var offset: Int
    }

    // Guarded by `lock`.
    private let lock = NSLock()
    private var entries: [Entry] = []
    private var placements: [Placement: UInt32] = [:]

    /// A new id for a file about to be read from `path`; `attach` gives its line table.
    func reserve(path: String) -> UInt32 {
        lock.withLock {
            entries.append(.reserved(path: path))
            return UInt32(entries.count - 1)
        }
    }

    /// Gives the id `file.fileID` its file, whose line table turns offsets into lines and columns.
    func attach(_ file: SourceFile) {
        lock.withLock { entries[Int(file.fileID)] = .file(file) }
    }

    /// The id of a location placed by hand (the same id for the same placement).
    func id(placing path: String, line: Int, column: Int, offset: Int) -> UInt32 {
        let placement = Placement(path: path, line: line, column: column, offset: offset)
        return lock.withLock {
            if let id = placements[placement] { return id }
            entries.append(.placed(placement))
            let id = UInt32(entries.count - 1)
            placements[placement] = id
            return id
        }
    }

    private func entry(_ id: UInt32) -> Entry? {
        lock.withLock { Int(id) < entries.count ? entries[Int(id)] : nil }
    }

    /// The path behind an id.
    public func path(_ id: UInt32) -> String {
        switch entry(id) {
        case .reserved(let path): return path
        case .file(let file): return file.path
        case .placed(let placement): return placement.path
        case nil: return "?"
        }
    }

    /// The offsets of the line holding a location, in the file read; `nil` for one placed by hand.
    func lineBounds(of location: SourceLocation) -> Range<Int>? {
        if case .file(let file) = entry(location.fileID) { return file.lineBounds(containing: location.offset) }
        return nil
    }

    /// The line and column of a byte offset in the file behind an id.
    public func position(_ id: UInt32, offset: Int) -> (line: Int, column: Int) {
        switch entry(id) {
        case .file(let file): return file.position(at: offset)
        case .placed(let placement): return (placement.line, max(1, placement.column + offset - placement.offset))
        case .reserved, nil: return (1, offset + 1)
        }
    }
}
