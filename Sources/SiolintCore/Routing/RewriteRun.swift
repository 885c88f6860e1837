/// What running a `RewriteProgram` on one request did: where it ended, which rewrites it applied,
/// and the path at each step it reached. Runs stop early at anything siolint cannot evaluate; what
/// was learnt before that point stays known.
struct RewriteRun {
    enum End: Equatable {
        case tookRoute(step: Int)
        case finished
    }

    /// The path when the run first reached each step (index `steps.count`: after the last step);
    /// `nil` where it did not get there.
    var pathAt: [String?]
    /// How the run ended; `nil` when a step could not be evaluated (or it never ended).
    var end: End?
    /// The first step the run could not evaluate; nothing after it is known.
    var unknownAt: Int?
    /// The steps whose rewrite was applied, in order.
    var applied: [Int] = []
    /// The step that made the last change to the path.
    var lastRewrite: Int?

    /// mod_rewrite gives up after 10,000 rounds of `[N]` (500 Internal Server Error); a loop still
    /// running after this many rounds is treated as unknown.
    static let roundLimit = 64

    /// Runs `program` on the request of `evaluator`.
    static func run(_ program: RewriteProgram, _ evaluator: RequestEvaluator) -> RewriteRun {
        let steps = program.steps
        var run = RewriteRun(pathAt: Array(repeating: nil, count: steps.count + 1))
        var path = evaluator.probe.path
        var index = 0
        var rounds = 0
        while true {
            if index >= steps.count {
                if run.pathAt[steps.count] == nil { run.pathAt[steps.count] = path }
                run.end = .finished
                return run
            }
            if run.pathAt[index] == nil { run.pathAt[index] = path }
            let step = steps[index]
            guard let matched = evaluator.at(path: path).evaluate(step.condition) else {
                run.unknownAt = index
                return run
            }
            if matched, let rewrite = step.rewrite {
                guard let rewritten = PathMatching.apply(rewrite, to: path) else {
                    run.unknownAt = index
                    return run
                }
                path = rewritten
                run.applied.append(index)
                run.lastRewrite = index
            }
            switch matched ? step.onMatch : step.onMiss {
            case .next:
                index += 1
            case .skip(let count):
                index += 1 + max(0, count)
            case .restart:
                rounds += 1
                guard rounds < roundLimit else {
                    run.unknownAt = index
                    return run
                }
                index = 0
            case .finish:
                run.end = .finished
                return run
            case .takeRoute:
                run.end = .tookRoute(step: index)
                return run
            }
        }
    }

    /// Whether the run goes as `outcome` says; `nil` when it cannot be told.
    func has(_ outcome: RewriteProgram.Outcome) -> Bool? {
        switch outcome {
        case .tookRoute(let step):
            guard let end else { return nil }
            return end == .tookRoute(step: step)
        case .finishedRewrittenBy(let step):
            guard let end else { return nil }
            return end == .finished && lastRewrite == step
        case .applied(let step):
            // Applying the applied steps in step order gives the run's path only when the run
            // applied them in that order, each once (a restart can apply a later step first).
            guard zip(applied, applied.dropFirst()).allSatisfy({ $0 < $1 }) else { return nil }
            if applied.contains(step) { return true }
            // A step not applied yet could still be applied after the point the run stopped at.
            return end == nil ? nil : false
        }
    }
}
