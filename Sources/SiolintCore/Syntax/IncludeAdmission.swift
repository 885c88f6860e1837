/// Whether an included file may be spliced in, the same way in every dialect: a file already
/// being read (a cycle) is skipped, and past the budget of included files the loader stops.
enum IncludeAdmission {
    case splice
    case skip(SyntaxProblem)
    case stop(SyntaxProblem)

    /// - Parameters:
    ///   - stack: the files being read, outermost first.
    ///   - budget: included files left; one is spent when the file is admitted.
    ///   - range: the include directive, where problems are reported.
    static func check(_ path: String, stack: [String], budget: inout Int, at range: SourceRange,
                      provider: FileProvider) -> IncludeAdmission {
        if stack.contains(path) {
            return .skip(SyntaxProblem(.includeCycle, "include cycle: \(provider.displayPath(path)) includes itself through \(stack.map(provider.displayPath).joined(separator: " → "))",
                                       at: range))
        }
        guard budget > 0 else {
            return .stop(SyntaxProblem(.syntax, "too many included files; siolint stops including here", at: range))
        }
        budget -= 1
        return .splice
    }
}
