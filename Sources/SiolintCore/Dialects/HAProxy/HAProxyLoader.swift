/// Reads an HAProxy configuration made of one or more files, in order, the way
/// `haproxy -f a.cfg -f b.cfg` does: the sections of all files form one configuration, and each
/// file starts outside any section.
struct HAProxyLoader {
    let provider: FileProvider
    let variables: HAProxyVariables
    let version: SoftwareVersion

    struct Result {
        var parsed: ParsedConfiguration
        var notes: [String]
    }

    func load(_ paths: [String]) -> Result {
        var parsed = ParsedConfiguration()
        var notes: [String] = []
        for path in paths {
            switch SourceReader.read(path, provider: provider) {
            case .unreadable(let failure):
                parsed.problems.append(SyntaxProblem(.syntax, "cannot read \(provider.displayPath(failure.path)): \(failure.reason)",
                                                     at: SourceRange(at: SourceLocation(file: provider.displayPath(path), line: 1, column: 1))))
            case .notText(let file, let problem):
                parsed.files.append(file)
                parsed.problems.append(problem)
            case .text(let file):
                parsed.files.append(file)
                let result = HAProxyParser.parse(file, variables: variables, version: version)
                // The first file's sections taken as they are: appended, every section was
                // copied (its references retained) and the parser's array released after.
                if parsed.directives.isEmpty {
                    parsed.directives = result.sections
                } else {
                    parsed.directives += result.sections
                }
                parsed.comments[file.path] = result.comments
                parsed.problems += result.problems
                notes += result.notes
            }
        }
        if paths.count > 1 {
            notes.insert("\(paths.count) files read as one configuration, in this order: \(paths.map(provider.displayPath).joined(separator: ", "))", at: 0)
        }
        return Result(parsed: parsed, notes: notes)
    }
}
