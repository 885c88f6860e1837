/// The syntax of a whole configuration after include expansion: the top-level directives, every
/// file that was read, the comments of each file, and what could not be read.
public struct ParsedConfiguration: Sendable {
    public var directives: [Directive]
    /// Every file read, main file first, in reading order.
    public var files: [SourceFile]
    /// Comments per file path.
    public var comments: [String: [Comment]]
    public var problems: [SyntaxProblem]

    public init(directives: [Directive] = [], files: [SourceFile] = [], comments: [String: [Comment]] = [:], problems: [SyntaxProblem] = []) {
        self.directives = directives
        self.files = files
        self.comments = comments
        self.problems = problems
    }
}
