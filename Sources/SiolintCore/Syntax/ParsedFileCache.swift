/// What a block-structured dialect parser (nginx, Apache) returns for one file: the directives,
/// the comments, and the first syntax problem, where it stopped.
struct FileParseResult {
    var directives: [Directive]
    var comments: [Comment]
    var problem: SyntaxProblem?
    /// Whether a directive named like the dialect's include (nginx `include`) stands anywhere in
    /// the file; `true` when the parser does not track it. A loader skips its search for includes
    /// when the parser saw none.
    var mayInclude = true
}

/// Reads each configuration file once through a provider and parses it, collecting the files
/// and comments of a `ParsedConfiguration`. Loaders that include the same file twice get the
/// cached result; a file that cannot be read is a problem at its first line.
struct ParsedFileCache {
    let provider: FileProvider
    let parser: (SourceFile) -> FileParseResult
    /// Every file read, in reading order.
    private(set) var files: [SourceFile] = []
    private(set) var comments: [String: [Comment]] = [:]
    private var parsed: [String: FileParseResult?] = [:]

    init(provider: FileProvider, parser: @escaping (SourceFile) -> FileParseResult) {
        self.provider = provider
        self.parser = parser
    }

    /// The parse of the file at an absolute path, `nil` when it cannot be read as text; new
    /// problems go to `problems` (only the first time a file is read).
    mutating func parse(_ path: String, problems: inout [SyntaxProblem]) -> FileParseResult? {
        if let cached = parsed[path] { return cached }
        var result: FileParseResult?
        switch SourceReader.read(path, provider: provider) {
        case .unreadable(let failure):
            problems.append(SyntaxProblem(.syntax, "cannot read \(provider.displayPath(failure.path)): \(failure.reason)",
                                          at: SourceRange(at: SourceLocation(file: provider.displayPath(path), line: 1, column: 1))))
        case .notText(let file, let problem):
            files.append(file)
            problems.append(problem)
        case .text(let file):
            files.append(file)
            let r = parser(file)
            comments[file.path] = r.comments
            if let problem = r.problem { problems.append(problem) }
            result = r
        }
        parsed[path] = .some(result)
        return result
    }
}
