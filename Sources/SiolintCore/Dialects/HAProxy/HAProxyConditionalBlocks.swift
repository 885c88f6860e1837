/// The state of HAProxy's `.if`/`.elif`/`.else`/`.endif` nesting while a file is read. A branch
/// is taken (`true`), skipped (`false`), or undecided (`nil`: siolint cannot evaluate its
/// condition). Lines of every branch that may be taken are read, so an undecided condition
/// counts every branch.
struct HAProxyConditionalBlocks {
    /// Deeper nesting than this is reported instead of followed.
    static let maximumDepth = 1000

    private struct Level {
        /// Whether the current branch of this level is taken.
        var branch: Bool?
        /// Whether the condition of an earlier branch is certainly / possibly true (then the
        /// following branches are certainly / possibly skipped).
        var certainlyTaken: Bool
        var possiblyTaken: Bool
        var sawElse: Bool
        /// Whether the enclosing levels let this level's lines be read at all.
        var enclosingActive: Bool
        var opened: SourceRange
    }

    private var levels: [Level] = []

    /// Whether lines here are read (every enclosing branch may be taken).
    var isActive: Bool { levels.last.map { $0.enclosingActive && $0.branch != false } ?? true }
    /// Whether lines here are read for certain (every enclosing branch is taken).
    var isCertain: Bool { levels.allSatisfy { $0.branch == true } }

    var depth: Int { levels.count }

    /// Where each level still open at the end of the file was opened.
    var openLevels: [SourceRange] { levels.map(\.opened) }

    mutating func openIf(_ condition: Bool?, at range: SourceRange) {
        let enclosing = isActive
        let branch: Bool? = enclosing ? condition : false
        levels.append(Level(branch: branch, certainlyTaken: branch == true, possiblyTaken: branch != false,
                            sawElse: false, enclosingActive: enclosing, opened: range))
    }

    /// `.elif` / `.else` (condition `true`). Returns an error message when out of place.
    mutating func alternative(_ condition: Bool?, isElse: Bool, keyword: String) -> String? {
        guard var level = levels.popLast() else { return "'\(keyword)' without a matching '.if'" }
        defer { levels.append(level) }
        if level.sawElse { return "'\(keyword)' after '.else'" }
        level.sawElse = isElse
        let branch: Bool?
        if !level.enclosingActive || level.certainlyTaken {
            branch = false
        } else if level.possiblyTaken {
            branch = condition == false ? false : nil
        } else {
            branch = condition
        }
        level.branch = branch
        if level.enclosingActive {
            level.certainlyTaken = level.certainlyTaken || condition == true
            level.possiblyTaken = level.possiblyTaken || condition != false
        }
        return nil
    }

    mutating func close() -> String? {
        guard levels.popLast() != nil else { return "'.endif' without a matching '.if'" }
        return nil
    }
}
