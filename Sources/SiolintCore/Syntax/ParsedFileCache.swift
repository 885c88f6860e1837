/// What a dialect parser returns for one file.
protocol FileParseResult {
    var directives: [Directive] { get }
    var comments: [Comment] { get }
    var problem: SyntaxProblem? { get }
}

/// Reads each configuration file once through a provider and parses it, collecting the files
/// and comments of a `ParsedConfiguration`. Loaders that include the same file twice get the
/// cached result; a file that cannot be read is a problem at its first line.
struct ParsedFileCache<Result: FileParseResult> {
    let provider: FileProvider
    let parser: (SourceFile) -> Result
    /// Every file read, in reading order.
    private(set) var files: [SourceFile] = []
    private(set) var comments: [String: [Comment]] = [:]
    private var parsed: [String: Result?] = [:]

    init(provider: FileProvider, parser: @escaping (SourceFile) -> Result) {
        self.provider = provider
        self.parser = parser
    }

    /// The parse of the file at an absolute path, `nil` when it cannot be read as text; new
    /// problems go to `problems` (only the first time a file is read).
    mutating func parse(_ path: String, problems: inout [SyntaxProblem]) -> Result? {
        if let cached = parsed[path] { return cached }
        var result: Result?
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
