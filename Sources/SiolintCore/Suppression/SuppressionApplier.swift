/// Applies the `# siolint disable…` comments of a configuration to its findings: covered findings
/// are set aside (with the comment's reason), and the comments themselves are checked
/// (SIO900 unused or malformed, SIO901 without a reason).
public enum SuppressionApplier {
    public struct Outcome: Sendable {
        /// Findings still reported, including SIO900/SIO901 about the comments.
        public var findings: [Finding]
        /// Findings a comment silenced, each with its `suppression` set.
        public var suppressed: [Finding]
    }

    /// The suppression comments of a configuration and the text each one covers, taken from its
    /// syntax tree: the linter collects them right after loading, so that the tree (most of a
    /// large configuration's memory) can be released before the probes are routed.
    struct Collected {
        var suppressions: [SuppressionComment]
        /// `nil` when there is no suppression comment (then no target is ever asked for).
        var targets: SuppressionTargets?
    }

    static func collect(_ parsed: ParsedConfiguration) -> Collected {
        var suppressions: [SuppressionComment] = []
        for path in parsed.comments.keys.sorted() {
            for comment in parsed.comments[path] ?? [] {
                if let s = SuppressionComment.parse(comment) { suppressions.append(s) }
            }
        }
        return Collected(suppressions: suppressions, targets: suppressions.isEmpty ? nil : SuppressionTargets(parsed.directives))
    }

    /// - Parameter checkUnused: whether every rule ran (false when a syntax error stopped the
    ///   checks: an unmatched suppression then proves nothing).
    public static func apply(_ findings: [Finding], parsed: ParsedConfiguration, server: ServerKind,
                             checkUnused: Bool) -> Outcome {
        apply(findings, collected: collect(parsed), server: server, checkUnused: checkUnused)
    }

    static func apply(_ findings: [Finding], collected: Collected, server: ServerKind, checkUnused: Bool) -> Outcome {
        guard let targets = collected.targets else { return Outcome(findings: findings, suppressed: []) }
        let suppressions = collected.suppressions

        // Apache httpd forbids comments after a directive, so such a "comment" covers nothing.
        let usable = suppressions.map { !(server == .apache && $0.scope == .sameLine) }
        let spans = suppressions.indices.map { usable[$0] ? targets.spans(for: suppressions[$0]) : [] }
        var used = Array(repeating: Set<String>(), count: suppressions.count)
        var kept: [Finding] = []
        var silenced: [Finding] = []
        for finding in findings {
            var suppression: FindingSuppression?
            for index in suppressions.indices where suppressions[index].ruleIDs.contains(finding.ruleID)
                && spans[index].contains(where: { $0.covers(finding.range.start) }) {
                used[index].insert(finding.ruleID)
                if suppression == nil {
                    suppression = FindingSuppression(justification: suppressions[index].reason, range: suppressions[index].range)
                }
            }
            if let suppression {
                var f = finding
                f.suppression = suppression
                silenced.append(f)
            } else {
                kept.append(finding)
            }
        }

        for (index, s) in suppressions.enumerated() {
            let written = "`# siolint \(s.scope == .file ? "disable-file" : "disable")=…`"
            if !usable[index] {
                kept.append(UnusedSuppressionRule.finding(
                    "\(written) after a directive suppresses nothing: Apache httpd does not allow comments on the same line as a directive; put the comment on its own line above the directive",
                    at: s.range, server: server))
                continue
            }
            for name in s.unknownIDs {
                kept.append(UnusedSuppressionRule.finding(
                    "\(written) names \(name), which is not a siolint rule (see `siolint rules`), so it suppresses nothing",
                    at: s.range, server: server))
            }
            let unused = s.ruleIDs.filter { !used[index].contains($0) }
            if checkUnused, !unused.isEmpty {
                let what: String
                switch s.scope {
                case .file: what = "in this file"
                case .nextDirective: what = spans[index].isEmpty ? "(no directive follows it)" : "in the directive or block that follows it"
                case .sameLine: what = spans[index].isEmpty ? "(no directive starts on its line)" : "in the directive on its line"
                }
                kept.append(UnusedSuppressionRule.finding(
                    "\(written) suppressed nothing: no \(unused.joined(separator: ", ")) finding \(what); remove \(unused.count == 1 ? "it" : "them")",
                    at: s.range, server: server))
            }
            if s.reason == nil, !s.ruleIDs.isEmpty {
                kept.append(SuppressionWithoutReasonRule.finding(
                    "\(written) for \(s.ruleIDs.joined(separator: ", ")) gives no reason; add one after `--` so reviewers know why the finding is acceptable",
                    at: s.range, server: server))
            }
        }
        return Outcome(findings: kept.sorted(by: Finding.ordered), suppressed: silenced.sorted(by: Finding.ordered))
    }
}
