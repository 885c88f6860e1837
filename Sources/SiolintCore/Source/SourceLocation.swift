/// A position in a configuration file: 1-based line and column (in Unicode scalars).
public struct SourceLocation: Hashable, Sendable, Comparable, Codable {
    public var file: String
    public var line: Int
    public var column: Int
    /// The byte offset in the file; not part of any output.
    public var offset: Int

    public init(file: String, line: Int, column: Int, offset: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }

    /// `path:line:col`, as compilers print it.
    public var description: String { "\(file):\(line):\(column)" }
}

/// A span of text in one file; `end` is exclusive.
public struct SourceRange: Hashable, Sendable, Codable {
    public var start: SourceLocation
    public var end: SourceLocation

    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    /// An empty range at a location.
    public init(at location: SourceLocation) {
        self.start = location
        self.end = location
    }

    public var file: String { start.file }
}
