/// The one walk over a loaded nginx configuration: every directive is checked against nginx's
/// table (`NginxDirectiveChecker`) and gives what the model needs from it wherever it stands
/// (`NginxWholeFileFacts`). One pass, not one per concern: on a large configuration a pass over
/// the tree costs little work but all of the tree's memory traffic.
enum NginxTreeWalk {
    struct Result {
        var problems: [SyntaxProblem]
        var facts: NginxWholeFileFacts
    }

    /// Walks a configuration whose main file was read in `context` (the loader's choice: declared,
    /// inferred or `.main`). Nothing is checked when it has syntax errors already: no model is built then.
    static func run(_ parsed: ParsedConfiguration, context: NginxLoader.Context, version: SoftwareVersion?) -> Result {
        var facts = NginxWholeFileFacts(version: version)
        guard !parsed.problems.contains(where: { $0.kind.blocksModel }) else { return Result(problems: [], facts: facts) }
        var checker = NginxDirectiveChecker(unknownModule: NginxDirectiveChecker.unknownModule(in: parsed.directives))
        // The blocks `NginxLoader.wrap` put around a fragment hold only the fragment, and allow a URI in proxy_pass.
        let fragment = NginxDirectiveChecker.unwrap(parsed.directives, context)
        // Children are checked in the contexts their block gives them (`nil`: not checked); every
        // block is walked for its facts, in the same order, so both lists come out in tree order.
        var pending: [(list: [Directive], contexts: NginxDirectiveMask?, forbidsURI: Bool)] =
            [(fragment, NginxDirectiveChecker.possibleContexts(of: fragment, context), false)]
        while let (list, contexts, forbidsURI) = pending.popLast() {
            // Through the list's buffer: a field of an array element handed to a function was
            // copied first, retaining what it holds (a directive's word chunk, on every directive).
            list.withUnsafeBufferPointer { directives in
                for index in directives.indices {
                    let childContexts = contexts.flatMap { checker.visit(directives, index, in: $0) }
                    if let block = directives[index].block {
                        pending.append((block, childContexts,
                                        NginxWholeFileFacts.forbidsURI(inside: directives, index, outerForbids: forbidsURI)))
                    } else {
                        facts.visit(directives, index, insideRegexLocation: forbidsURI)
                    }
                }
            }
        }
        return Result(problems: checker.problems, facts: facts)
    }
}
