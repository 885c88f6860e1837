/// A server- or virtual-host-context mod_rewrite rule set as a `RewriteProgram`, run the way
/// `apply_rewrite_list` (modules/mappers/mod_rewrite.c) runs it:
/// - each rule's pattern is matched against the path as the rules before it rewrote it, and
///   `$N` refers to that match; `%{REQUEST_URI}` in a RewriteCond stays the client's path;
/// - a matching rule with `[P]`, `[F]`, `[G]` or `[R]` ends the rule set with its own answer;
/// - `[L]`, `[END]` and `[PT]` end it, `[N]` starts it again, `[S=n]` skips the next n rules;
/// - a rule with `[C]` that does not match skips every rule chained to it (up to and including
///   the first rule without `[C]`).
struct ApacheRewriteProgram {
    let rules: [ApacheRewriteRule]
    let program: RewriteProgram
    /// The rewrite each rule applies to the path when it matches, `nil` for none (`-`, and the
    /// rules that end the rule set with their own answer).
    let rewrites: [PathRewrite.Operation?]

    init(_ rules: [ApacheRewriteRule]) {
        self.rules = rules
        var rewrites: [PathRewrite.Operation?] = []
        var steps: [RewriteProgram.Step] = []
        for (index, rule) in rules.enumerated() {
            let rewrite = rule.takesRoute ? nil : rule.internalRewrite
            rewrites.append(rewrite)
            steps.append(RewriteProgram.Step(condition: rule.stepCondition, rewrite: rewrite,
                                             onMatch: rule.flowOnMatch, onMiss: Self.flowOnMiss(index, rules)))
        }
        self.rewrites = rewrites
        program = RewriteProgram(steps: steps)
    }

    /// A rule that does not match: with `[C]`, the rules chained to it are skipped too.
    private static func flowOnMiss(_ index: Int, _ rules: [ApacheRewriteRule]) -> RewriteProgram.Flow {
        guard rules[index].chains else { return .next }
        var last = index
        while last < rules.count, rules[last].chains { last += 1 }
        return .skip(last - index)
    }

    /// The internal rewrites of the other rules, each under the condition that the run applied it
    /// (before rule `index` took the request): what makes the path rule `index` proxies.
    func rewritesBefore(_ index: Int) -> [PathRewrite] {
        rewrites.enumerated().compactMap { other, rewrite in
            guard other != index, let rewrite else { return nil }
            return PathRewrite(rewrite, directive: DirectiveReference(rules[other].rule), condition: .program(program, .applied(step: other)))
        }
    }
}

extension ApacheRewriteRule {
    var chains: Bool { flags.contains(.chain) }

    /// A redirect: `[R]`, or a substitution that is an absolute URL without `[P]`.
    var redirects: Bool { flags.contains(.redirect) || (!proxies && substitution.containsBytes("://")) }

    /// Whether a match ends the rule set with this rule's own answer (proxy, status, redirect).
    /// A redirect without `[L]` lets later rules look at the URL in httpd; siolint ends there.
    var takesRoute: Bool { proxies || flags.contains(.forbidden) || flags.contains(.gone) || redirects }

    var flowOnMatch: RewriteProgram.Flow {
        if takesRoute { return .takeRoute }
        if flags.contains(.passThrough) || flags.contains(.last) || flags.contains(.end) { return .finish }
        if flags.contains(.next) { return .restart }
        if let skip = flags.skipValue.flatMap({ Int($0) }), skip > 0 { return .skip(skip) }
        return .next
    }

    /// The pattern (on the current path) and the RewriteConds.
    var stepCondition: RequestCondition {
        // A negated pattern is already part of `condition`.
        let condition = self.condition
        if negated { return condition }
        let match = RequestCondition.test(RequestTest(.path, .matches(RegexPattern(pattern, caseInsensitive: caseInsensitive))))
        return condition == .always ? match : .all([match, condition])
    }

    /// What a substitution without `[P]` does to the path: `nil` for `-`.
    var internalRewrite: PathRewrite.Operation? {
        guard substitution != "-" else { return nil }
        var path = substitution
        if let q = path.firstIndex(of: "?") { path = String(path[..<q]) }
        if path.containsBytes("%") || path.containsBytes("${") || !path.hasBytePrefix("/") {
            return .unknown("`\(rule.sourceText)`: the substitution uses values siolint does not evaluate")
        }
        return .substitute(negated ? RegexPattern(".*") : RegexPattern(pattern, caseInsensitive: caseInsensitive), with: path)
    }
}
