import Foundation

/// Reads an nginx configuration: the main file, every `include` (globs, resolved against the
/// prefix as nginx does), or the files of an `nginx -T` dump; splices included directives in
/// place, and wraps fragments in the context they were written for.
public struct NginxLoader {
    public enum Context: String, Sendable, CaseIterable {
        case main, http, server, location
    }

    let provider: FileProvider
    /// The directory relative include paths are resolved against (nginx's conf prefix).
    let prefix: String

    private var problems: [SyntaxProblem] = []
    /// A file included from two places is expanded twice; its problems are reported once.
    private var reported: Set<ProblemSpot> = []

    private struct ProblemSpot: Hashable {
        var kind: SyntaxProblem.Kind
        var range: SourceRange
    }
    private var cache: ParsedFileCache
    private var files: [SourceFile] { cache.files }
    private var comments: [String: [Comment]] { cache.comments }
    private var includeBudget = 200_000

    public init(provider: FileProvider, prefix: String) {
        self.provider = provider
        self.cache = ParsedFileCache(provider: provider, parser: NginxParser.parse)
        self.prefix = prefix
    }

    /// Loads the configuration whose main file is at an absolute path.
    /// - Parameter context: the context the main file is written for; inferred when `nil`.
    public mutating func load(mainFile path: String, context: Context? = nil) -> (ParsedConfiguration, Context) {
        guard let result = parse(path) else {
            return (ParsedConfiguration(files: files, comments: comments, problems: problems), .main)
        }
        let main = files.first!
        var stack = [path]
        let directives = result.mayInclude ? expand(result.directives, stack: &stack, includedFrom: []) : result.directives
        let chosen = context ?? NginxLoader.declaredContext(result.comments) ?? NginxLoader.inferContext(result.directives)
        let wrapped = NginxLoader.wrap(directives, in: chosen, file: main)
        return (ParsedConfiguration(directives: wrapped, files: files, comments: comments, problems: problems), chosen)
    }

    /// Parses a file once; `nil` when it cannot be read at all (reported as a problem).
    private mutating func parse(_ path: String) -> NginxParser.Result? {
        cache.parse(path, problems: &problems)
    }

    private mutating func expand(_ directives: [Directive], stack: inout [String], includedFrom: [SourceRange]) -> [Directive] {
        // Nothing to splice or mark: share the parsed tree instead of copying it (a second copy
        // of a large file's tree would double the peak memory).
        if includedFrom.isEmpty, !NginxLoader.containsInclude(directives) { return directives }
        var out: [Directive] = []
        out.reserveCapacity(directives.count)
        for var directive in directives {
            directive.includedFrom = includedFrom
            if directive.name.is("include"), !directive.hasBlock, directive.arguments.count == 1 {
                out += include(directive, stack: &stack, includedFrom: includedFrom)
                continue
            }
            if let block = directive.block {
                directive.block = expand(block, stack: &stack, includedFrom: includedFrom)
            }
            out.append(directive)
        }
        return out
    }

    /// Whether an `include` that `expand` would splice stands anywhere in the tree.
    private static func containsInclude(_ directives: [Directive]) -> Bool {
        var pending: [[Directive]] = [directives]
        while let list = pending.popLast() {
            for index in list.indices {
                if list[index].name.is("include") { return true }
                if let block = list[index].block { pending.append(block) }
            }
        }
        return false
    }

    private mutating func include(_ directive: Directive, stack: inout [String], includedFrom: [SourceRange]) -> [Directive] {
        let argument = directive.arguments[0]
        let pattern = PathUtilities.absolute(argument.value, base: prefix)
        let paths: [String]
        if PathGlob.hasMagic(argument.value) {
            // A pattern that matches nothing is fine for nginx.
            paths = provider.glob(pattern).filter { provider.exists($0, directory: false) }
        } else if provider.exists(pattern, directory: false) {
            paths = [pattern]
        } else {
            report(SyntaxProblem(.includeNotFound, "include file \"\(argument.value)\" not found (looked for \(provider.displayPath(pattern)))",
                                 at: argument.range))
            // Kept in place: the model builder must know that values at this level may come from it.
            return [directive]
        }
        var out: [Directive] = []
        for path in paths {
            switch IncludeAdmission.check(path, stack: stack, budget: &includeBudget, at: directive.range, provider: provider) {
            case .splice: break
            case .skip(let problem): report(problem); continue
            case .stop(let problem): report(problem); return out
            }
            guard let result = parse(path) else { continue }
            stack.append(path)
            out += expand(result.directives, stack: &stack, includedFrom: includedFrom + [directive.range])
            stack.removeLast()
        }
        return out
    }

    private mutating func report(_ problem: SyntaxProblem) {
        if reported.insert(ProblemSpot(kind: problem.kind, range: problem.range)).inserted { problems.append(problem) }
    }

    // MARK: - Fragments

    /// `# siolint: context=server` in the file.
    static func declaredContext(_ comments: [Comment]) -> Context? {
        for comment in comments {
            let text = comment.text.trimmingCharacters(in: .whitespaces)
            guard text.hasBytePrefix("siolint:") else { continue }
            let rest = text.dropFirst("siolint:".count).trimmingCharacters(in: .whitespaces)
            if rest.hasBytePrefix("context="), let context = Context(rawValue: String(rest.dropFirst("context=".count).prefix { $0.isLetter })) {
                return context
            }
        }
        return nil
    }

    private static let mainOnly: Set<String> = ["http", "events", "stream", "mail", "worker_processes", "user", "pid", "load_module",
                                                "worker_rlimit_nofile", "daemon", "master_process", "env", "thread_pool", "worker_cpu_affinity"]
    private static let httpOnly: Set<String> = ["server", "upstream", "map", "geo", "split_clients", "proxy_cache_path", "log_format",
                                                "limit_req_zone", "limit_conn_zone", "types_hash_max_size", "server_names_hash_bucket_size",
                                                "variables_hash_max_size", "lua_package_path", "init_by_lua_block"]
    private static let serverOnly: Set<String> = ["location", "listen", "server_name"]

    /// The context a file's top-level directives belong in.
    static func inferContext(_ directives: [Directive]) -> Context {
        let names = Set(directives.map(\.name.value))
        if !names.isDisjoint(with: mainOnly) || names.isEmpty { return .main }
        if !names.isDisjoint(with: httpOnly) { return .http }
        if !names.isDisjoint(with: serverOnly) { return .server }
        if names.contains(where: { $0.hasBytePrefix("proxy_") || $0 == "rewrite" || $0 == "return" || $0 == "client_max_body_size" }) {
            return .location
        }
        return .main
    }

    /// Wraps a fragment's directives in implicit blocks up to the main context.
    static func wrap(_ directives: [Directive], in context: Context, file: SourceFile) -> [Directive] {
        let origin = file.range(0, 0)
        func block(_ name: String, _ args: [String], _ children: [Directive]) -> Directive {
            Directive(name: Word(name, range: origin), arguments: WordList(args.map { Word($0, range: origin) }), block: children, range: origin)
        }
        switch context {
        case .main: return directives
        case .http: return [block("http", [], directives)]
        case .server: return [block("http", [], [block("server", [], directives)])]
        case .location: return [block("http", [], [block("server", [], [block("location", ["/"], directives)])])]
        }
    }
}
