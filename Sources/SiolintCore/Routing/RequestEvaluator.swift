/// Evaluates conditions and value templates against one probe request. Three-valued where the
/// configuration uses something siolint does not model: `nil` means "cannot tell".
struct RequestEvaluator {
    let probe: ProbeRequest
    let lookups: [String: ValueLookup]
    /// The path the client sent, when `probe` carries the path a program has rewritten it to.
    let requestedPath: String?
    /// Program runs, once per program for this request; `nil` when the configuration has no
    /// programs (a program met then is run each time, uncached).
    private let runs: RewriteRuns?

    init(probe: ProbeRequest, lookups: [String: ValueLookup], requestedPath: String? = nil, cachesProgramRuns: Bool = true) {
        self.init(probe: probe, lookups: lookups, requestedPath: requestedPath, runs: cachesProgramRuns ? RewriteRuns() : nil)
    }

    private init(probe: ProbeRequest, lookups: [String: ValueLookup], requestedPath: String?, runs: RewriteRuns?) {
        self.probe = probe
        self.lookups = lookups
        self.requestedPath = requestedPath
        self.runs = runs
    }

    /// The same request with its path rewritten to `path` (the client's path is kept for `.requestedPath`).
    func at(path: String) -> RequestEvaluator {
        var rewritten = probe
        rewritten.path = path
        return RequestEvaluator(probe: rewritten, lookups: lookups, requestedPath: requestedPath ?? probe.path,
                                cachesProgramRuns: runs != nil)
    }

    private func run(_ program: RewriteProgram) -> RewriteRun {
        guard let runs else { return RewriteRun.run(program, self) }
        let key = ObjectIdentifier(program)
        if let known = runs.byProgram[key] { return known }
        let made = RewriteRun.run(program, self)
        runs.byProgram[key] = made
        return made
    }

    func evaluate(_ condition: RequestCondition) -> Bool? {
        switch condition {
        case .always: return true
        case .unknown: return nil
        case .not(let inner): return evaluate(inner).map { !$0 }
        case .all(let parts):
            var sawUnknown = false
            for part in parts {
                switch evaluate(part) {
                case .some(false): return false
                case .none: sawUnknown = true
                default: break
                }
            }
            return sawUnknown ? nil : true
        case .any(let parts):
            var sawUnknown = false
            for part in parts {
                switch evaluate(part) {
                case .some(true): return true
                case .none: sawUnknown = true
                default: break
                }
            }
            return sawUnknown ? nil : false
        case .test(let test): return evaluate(test)
        case .afterSteps(let program, let step, let inner):
            let run = run(program)
            guard step >= 0, step < run.pathAt.count else { return false }
            if let path = run.pathAt[step] { return at(path: path).evaluate(inner) }
            // Not reached: because the run ended first, or stopped at something siolint cannot evaluate.
            if let unknown = run.unknownAt, unknown < step { return nil }
            return false
        case .program(let program, let outcome):
            return run(program).has(outcome)
        }
    }

    private func subjectValue(_ subject: RequestTest.Subject) -> String? {
        switch subject {
        case .path: return probe.path
        case .requestedPath: return requestedPath ?? probe.path
        case .uri: return probe.uri
        case .method: return probe.method
        case .header(let name): return probe.header(ASCIICase.lowercased(name))
        }
    }

    private func evaluate(_ test: RequestTest) -> Bool? {
        let raw = subjectValue(test.subject)
        if case .exists = test.comparison { return raw != nil }
        guard let value = raw else { return false }
        let fold: (String) -> String = test.caseInsensitive ? { $0.lowercased() } : { $0 }
        let v = fold(value)
        switch test.comparison {
        case .equals(let s): return v == fold(s)
        case .prefix(let s): return v.hasBytePrefix(fold(s))
        case .suffix(let s): return v.hasSuffix(fold(s))
        case .contains(let s): return v.contains(fold(s))
        case .domain(let s):
            let tokens = v.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " || $0 == "." || $0 == "/" })
            return tokens.contains { $0 == Substring(fold(s)) }
        case .matches(let pattern): return pattern.matches(value)
        case .exists: return true
        }
    }

    /// The value of a template, `nil` when part of it cannot be evaluated.
    func evaluate(_ template: ValueTemplate, depth: Int = 0) -> String? {
        var result = ""
        for part in template.parts {
            switch part {
            case .literal(let s): result += s
            case .requestHeader(let name): result += probe.header(ASCIICase.lowercased(name)) ?? ""
            case .unknown: return nil
            case .lookup(let name):
                guard depth < 16, let lookup = lookups[name], let value = evaluate(lookup, depth: depth + 1) else { return nil }
                result += value
            }
        }
        return result
    }

    private func evaluate(_ lookup: ValueLookup, depth: Int) -> String? {
        guard let input = evaluate(lookup.source, depth: depth) else { return nil }
        for entry in lookup.entries {
            if case .exact(let key, let ci) = entry.key, ci ? key.lowercased() == input.lowercased() : key == input {
                return evaluate(entry.value, depth: depth)
            }
        }
        for entry in lookup.entries {
            if case .pattern(let pattern) = entry.key {
                guard let hit = pattern.matches(input) else { return nil }
                if hit { return evaluate(entry.value, depth: depth) }
            }
        }
        return evaluate(lookup.defaultValue, depth: depth)
    }
}

/// The runs of programs for one request, shared by the copies of its evaluator.
private final class RewriteRuns {
    var byProgram: [ObjectIdentifier: RewriteRun] = [:]
}
