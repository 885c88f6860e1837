import Foundation

/// A position in a configuration file: 1-based line and column (in Unicode scalars).
///
/// Sixteen bytes with no references: the file is an id into `SourcePathTable`, so copying a
/// location (every token, directive and setting carries two) is a plain copy, not a retain.
public struct SourceLocation: Hashable, Sendable, Comparable, Codable {
    /// The file, interned: equal ids are equal paths.
    public let fileID: UInt32
    private var storedLine: UInt32
    private var storedColumn: UInt32
    private var storedOffset: UInt32

    public init(file: String, line: Int, column: Int, offset: Int = 0) {
        self.init(fileID: SourcePathTable.shared.id(for: file), line: line, column: column, offset: offset)
    }

    public init(fileID: UInt32, line: Int, column: Int, offset: Int = 0) {
        self.fileID = fileID
        self.storedLine = UInt32(clamping: line)
        self.storedColumn = UInt32(clamping: column)
        self.storedOffset = UInt32(clamping: offset)
    }

    /// The path shown to users.
    public var file: String { SourcePathTable.shared.path(fileID) }
    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = UInt32(clamping: newValue) }
    }
    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = UInt32(clamping: newValue) }
    }
    /// The byte offset in the file; not part of any output.
    public var offset: Int {
        get { Int(storedOffset) }
        set { storedOffset = UInt32(clamping: newValue) }
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        if a.fileID != b.fileID { return a.file < b.file }
        return (a.storedLine, a.storedColumn) < (b.storedLine, b.storedColumn)
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
        try c.encode(file, forKey: .file)
        try c.encode(line, forKey: .line)
        try c.encode(column, forKey: .column)
        try c.encode(offset, forKey: .offset)
    }
}

/// A span of text in one file; `end` is exclusive.
///
/// Twenty-eight bytes: the end shares the start's file, so it is kept as line, column and
/// offset only (every word of the parse tree carries a range).
public struct SourceRange: Hashable, Sendable, Codable {
    public var start: SourceLocation
    private var endLine: UInt32
    private var endColumn: UInt32
    private var endOffset: UInt32

    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.endLine = UInt32(clamping: end.line)
        self.endColumn = UInt32(clamping: end.column)
        self.endOffset = UInt32(clamping: end.offset)
    }

    /// An empty range at a location.
    public init(at location: SourceLocation) {
        self.init(start: location, end: location)
    }

    public var end: SourceLocation {
        get { SourceLocation(fileID: start.fileID, line: Int(endLine), column: Int(endColumn), offset: Int(endOffset)) }
        set {
            endLine = UInt32(clamping: newValue.line)
            endColumn = UInt32(clamping: newValue.column)
            endOffset = UInt32(clamping: newValue.offset)
        }
    }

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

/// The paths of every file a location points into, interned once per process so a location
/// holds a 4-byte id. Paths are only ever added; lookups by id happen when reporting.
public final class SourcePathTable: @unchecked Sendable {
    public static let shared = SourcePathTable()

    private let lock = NSLock()
    private var ids: [String: UInt32] = [:]
    private var paths: [String] = []

    /// The id of a path, registering it on first use.
    public func id(for path: String) -> UInt32 {
        lock.lock()
        defer { lock.unlock() }
        if let id = ids[path] { return id }
        let id = UInt32(paths.count)
        paths.append(path)
        ids[path] = id
        return id
    }

    /// The path behind an id handed out by `id(for:)`.
    public func path(_ id: UInt32) -> String {
        lock.lock()
        defer { lock.unlock() }
        return Int(id) < paths.count ? paths[Int(id)] : "?"
    }
}
