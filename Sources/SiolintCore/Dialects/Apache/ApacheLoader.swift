import Foundation

/// Reads an httpd configuration the way httpd reads it, in order: `Include`/`IncludeOptional`
/// (wildcards, directories, relative to ServerRoot), `Define` and `${VAR}`, `LoadModule`, and the
/// read-time conditionals `<IfModule>`, `<IfDefine>`, `<IfVersion>` (whose false branches httpd
/// never reads). `<If>`/`<ElseIf>`/`<Else>` are request-time and stay in the tree.
struct ApacheLoader {
    /// What the loader learned besides the directives.
    struct Facts {
        /// Module identifiers loaded (`LoadModule` and built-ins), `nil` when not known.
        var loadedModules: Set<String>?
        /// Directives httpd refuses because their module is not loaded.
        var rejected: [RejectedDirective] = []
        var notes: [String] = []
        /// True when the main file is a virtual host body wrapped in an implicit `<VirtualHost>`.
        var wrappedAsVirtualHost = false
    }

    let provider: FileProvider
    let version: SoftwareVersion
    let versionGiven: Bool
    private let serverRootOverride: String?
    private var serverRoot: String
    private var defines: [String: String]
    private var loaded: Set<String> {
        didSet { lastModuleCheck = nil }
    }
    /// The last module `checkModule` looked up and whether it is loaded or built in: directives
    /// come in runs of the same module, and each lookup hashed the module's name twice.
    private var lastModuleCheck: (module: String, present: Bool)?
    private var modulesGiven: Bool
    private var sawLoadModule = false
    private var assumed: Set<String> = []
    private var unknownVariables: [String] = []
    private var facts = Facts()
    private var problems: [SyntaxProblem] = []
    private var cache: ParsedFileCache
    private var files: [SourceFile] { cache.files }
    private var comments: [String: [Comment]] { cache.comments }
    private var includeBudget = 100_000
    /// The files (by `SourceFile.fileID`) whose bytes can make a `${VAR}` reference
    /// (`mayUseVariables`): the words of every directive of the others need no search for one,
    /// which was a twentieth of the time on large files.
    private var filesWithVariables: Set<UInt32> = []
    /// How many of `files` `filesWithVariables` has looked at.
    private var filesChecked = 0

    init(provider: FileProvider, mainFile: String, options: LintOptions) {
        self.provider = provider
        self.cache = ParsedFileCache(provider: provider, parser: ApacheParser.parse)
        self.version = options.versions.apache ?? ApacheDefaults.assumedVersion
        self.versionGiven = options.versions.apache != nil
        self.serverRootOverride = options.apacheServerRoot
        self.serverRoot = options.apacheServerRoot ?? PathUtilities.directory(of: mainFile)
        self.defines = options.defines
        self.modulesGiven = options.apacheModules != nil
        self.loaded = Set((options.apacheModules ?? []).map(ApacheModules.identifier))
    }

    /// The modules are known once the configuration loaded one, or the user listed them.
    private var modulesKnown: Bool { modulesGiven || sawLoadModule }

    mutating func load(mainFile path: String) -> (ParsedConfiguration, Facts) {
        guard let result = parse(path) else {
            return (ParsedConfiguration(files: files, comments: comments, problems: problems), facts)
        }
        // A main file that loads modules itself declares them all: an <IfModule> above its
        // LoadModule lines is false in httpd, not unknown.
        if result.directives.contains(where: { ApacheDirectiveName($0) == .loadModule }) { sawLoadModule = true }
        var stack = [path]
        var directives = expand(result.directives, stack: &stack, includedFrom: [])
        if let main = files.first, ApacheLoader.isVirtualHostBody(directives, comments: result.comments) {
            let origin = main.range(0, 0)
            directives = [Directive(name: Word("VirtualHost", range: origin), arguments: [Word("*", range: origin)],
                                    block: directives, range: origin)]
            facts.wrappedAsVirtualHost = true
            facts.notes.append("\(main.path) is read as the body of a <VirtualHost> (inferred from its directives; override with `# siolint: context=main`)")
        }
        if !modulesKnown, !assumed.isEmpty {
            facts.notes.append("no LoadModule and no --apache-modules: <IfModule> assumed these modules loaded: \(assumed.sorted().joined(separator: ", "))")
        }
        if !unknownVariables.isEmpty {
            facts.notes.append("variables not defined by Define or -D stay as written (values using them cannot be evaluated): \(unknownVariables.map { "${\($0)}" }.joined(separator: ", "))")
        }
        if !versionGiven {
            facts.notes.append("httpd version not given (--apache-version): assuming \(version), the current 2.4 release")
        }
        facts.loadedModules = modulesKnown ? loaded.union(ApacheModules.builtIn) : nil
        return (ParsedConfiguration(directives: directives, files: files, comments: comments, problems: problems), facts)
    }

    /// Parses a file once; `nil` when it cannot be read at all (reported as a problem).
    private mutating func parse(_ path: String) -> ApacheParser.Result? {
        let result = cache.parse(path, problems: &problems)
        let files = files
        while filesChecked < files.count {
            if ApacheLoader.mayUseVariables(files[filesChecked].bytes) { filesWithVariables.insert(files[filesChecked].fileID) }
            filesChecked += 1
        }
        return result
    }

    /// Whether the words of directives read from `bytes` can hold `${`: a word's value is its
    /// bytes with escaping backslashes removed (each leaves a `\` or a quote after it) and
    /// continuation lines joined (a `\` dropped with the line break), so `${` in a value needs
    /// `${` or `$\` in the bytes.
    private static func mayUseVariables(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard var at = buffer.baseAddress, buffer.count > 1 else { return false }
            let end = at + buffer.count
            while let dollar = memchr(at, Int32(UInt8(ascii: "$")), end - at) {
                let next = dollar.assumingMemoryBound(to: UInt8.self) + 1
                if next < end, next.pointee == UInt8(ascii: "{") || next.pointee == UInt8(ascii: "\\") { return true }
                at = UnsafePointer(next)
            }
            return false
        }
    }

    /// Whether a directive's name or an argument has `${`.
    private func usesVariable(_ name: String, _ arguments: WordList, in file: UInt32) -> Bool {
        !filesWithVariables.isEmpty && filesWithVariables.contains(file) && ApacheLoader.usesVariable(name, arguments)
    }

    // MARK: - Expansion, in reading order

    private mutating func expand(_ directives: [Directive], stack: inout [String], includedFrom: [SourceRange]) -> [Directive] {
        expandIfChanged(directives, stack: &stack, includedFrom: includedFrom) ?? directives
    }

    /// The expansion of `directives`, `nil` when it is `directives` unchanged: a list no variable,
    /// conditional, include or include origin touches is kept as the parser made it, sharing its
    /// storage (copying every list was an eighth of the peak memory on large files, and a tenth of
    /// the time).
    private mutating func expandIfChanged(_ directives: [Directive], stack: inout [String], includedFrom: [SourceRange]) -> [Directive]? {
        var out: [Directive]?
        // By index: `enumerated()` copied each directive once more.
        for index in directives.indices {
            func changes() {
                if out == nil {
                    out = Array(directives[..<index])
                    out!.reserveCapacity(directives.count)
                }
            }
            // Most directives only have their module checked here: they are read in place (a copy
            // of each retained and released everything it holds, a twentieth of the time).
            // Field by field through the buffer: an array subscript copies the element, and so does
            // passing an element of the buffer to a call that may write memory (this one mutates `self`).
            let readInPlace = directives.withUnsafeBufferPointer { list -> Bool in
                guard includedFrom.isEmpty, list[index].includedFrom.isEmpty else { return false }
                let name = ApacheDirectiveName(in: list, at: index)
                let block = list[index].block
                guard !(block != nil ? ApacheLoader.blockReadHere(name) : ApacheLoader.lineReadHere(name)),
                      !usesVariable(list[index].name.value, list[index].arguments, in: list[index].range.start.fileID) else { return false }
                if let module = missingModule(name) { reject(list[index], module: module) }
                if let block, let expanded = expandIfChanged(block, stack: &stack, includedFrom: includedFrom) {
                    changes()
                    var directive = list[index]
                    directive.block = expanded
                    out!.append(directive)
                } else {
                    out?.append(list[index])
                }
                return true
            }
            if readInPlace { continue }
            var directive = directives[index]
            var changed = substitute(&directive)
            if !includedFrom.isEmpty || !directive.includedFrom.isEmpty {
                directive.includedFrom = includedFrom
                changed = true
            }
            let name = ApacheDirectiveName(directive)
            if let block = directive.block {
                switch name {
                case .ifModule, .ifDefine, .ifVersion:
                    changes()
                    if evaluate(directive, name: name) {
                        out! += expand(block, stack: &stack, includedFrom: includedFrom)
                    }
                    continue
                default:
                    checkModule(directive, name: name)
                    if let expanded = expandIfChanged(block, stack: &stack, includedFrom: includedFrom) {
                        directive.block = expanded
                        changed = true
                    }
                }
            } else {
                switch name {
                case .include, .includeOptional:
                    changes()
                    out! += include(directive, optional: name == .includeOptional, stack: &stack, includedFrom: includedFrom)
                    continue
                case .define:
                    if let name = directive.firstValue {
                        defines[name] = directive.values.count > 1 ? directive.values[1] : ""
                    }
                case .undefine:
                    if let name = directive.firstValue { defines[name] = nil }
                case .loadModule:
                    if let name = directive.firstValue {
                        sawLoadModule = true
                        loaded.insert(ApacheModules.identifier(name))
                    }
                case .serverRoot:
                    if serverRootOverride == nil, let value = directive.firstValue {
                        let root = PathUtilities.absolute(value, base: serverRoot)
                        if provider.exists(root, directory: true) {
                            serverRoot = root
                        } else {
                            facts.notes.append("ServerRoot \(value) does not exist here; relative paths resolve against \(provider.displayPath(serverRoot)) (use --server-root DIR)")
                        }
                    }
                default:
                    checkModule(directive, name: name)
                }
            }
            if changed { changes() }
            out?.append(directive)
        }
        return out
    }

    /// The section names whose blocks `expandIfChanged` reads itself (read-time conditionals).
    private static func blockReadHere(_ name: ApacheDirectiveName?) -> Bool {
        name == .ifModule || name == .ifDefine || name == .ifVersion
    }

    /// The line names `expandIfChanged` acts on besides checking their module.
    private static func lineReadHere(_ name: ApacheDirectiveName?) -> Bool {
        switch name {
        case .include, .includeOptional, .define, .undefine, .loadModule, .serverRoot: return true
        default: return false
        }
    }

    /// Whether the name or an argument has `${`.
    private static func usesVariable(_ name: String, _ arguments: WordList) -> Bool {
        if usesVariable(name) { return true }
        for word in arguments where usesVariable(word.value) { return true }
        return false
    }

    /// Whether `text` has `${`. A byte search (memchr: iterating a String's UTF-8 view byte by
    /// byte was a fortieth of the time) over the bytes `withUTF8` gives (the UTF-8 view has no
    /// contiguous storage for a small string, most names and many arguments: those took the
    /// generic search, several hundred instructions each).
    private static func usesVariable(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard var at = bytes.baseAddress, bytes.count > 1 else { return false }
            let end = at + bytes.count
            while let dollar = memchr(at, Int32(UInt8(ascii: "$")), end - at) {
                let next = dollar.assumingMemoryBound(to: UInt8.self) + 1
                if next < end, next.pointee == UInt8(ascii: "{") { return true }
                at = UnsafePointer(next)
            }
            return false
        }
    }

    /// `${NAME}` replaced by its `Define`/`-D` value in the name and arguments; unknown names stay.
    /// Whether anything was replaced.
    private mutating func substitute(_ d: inout Directive) -> Bool {
        // Most lines use no variable, and a line left as it is keeps its list shared (a `$1` in a
        // RewriteRule made its whole <VirtualHost> a copy).
        guard usesVariable(d.name.value, d.arguments, in: d.range.start.fileID) else { return false }
        func resolve(_ word: inout Word) {
            guard word.value.containsBytes("${") else { return }
            var out = ""
            var rest = Substring(word.value)
            while let open = rest.byteRange(of: "${") {
                out += rest[..<open.lowerBound]
                let after = rest[open.upperBound...]
                guard let close = after.firstIndex(of: "}") else { out += rest[open.lowerBound...]; rest = ""; break }
                let name = String(after[..<close])
                if let value = defines[name] {
                    out += value
                } else {
                    out += "${\(name)}"
                    if !unknownVariables.contains(name) { unknownVariables.append(name) }
                }
                rest = after[after.index(after: close)...]
            }
            out += rest
            word.value = out
        }
        if ApacheLoader.usesVariable(d.name.value) {
            resolve(&d.name)
            d.nameCode = ApacheDirectiveName.code(d.name.value)
        }
        d.arguments = WordList(d.arguments.map { word in
            var word = word
            resolve(&word)
            return word
        })
        return true
    }

    private mutating func checkModule(_ directive: Directive, name: ApacheDirectiveName?) {
        if let module = missingModule(name) { reject(directive, module: module) }
    }

    /// The module of a directive of this name when it is known not to be loaded at this point.
    private mutating func missingModule(_ name: ApacheDirectiveName?) -> String? {
        guard modulesKnown, let module = name?.module else { return nil }
        let present: Bool
        if let last = lastModuleCheck, last.module == module {
            present = last.present
        } else {
            present = loaded.contains(module) || ApacheModules.builtIn.contains(module)
            lastModuleCheck = (module, present)
        }
        return present ? nil : module
    }

    /// httpd's refusal of a directive whose module is not loaded.
    private mutating func reject(_ directive: Directive, module: String) {
        let name = directive.hasBlock ? "<\(directive.name.value)>" : directive.name.value
        facts.rejected.append(RejectedDirective(
            directive: DirectiveReference(text: directive.hasBlock ? "<\(directive.sourceText)>" : directive.sourceText, range: directive.range),
            reason: "Invalid command '\(name)': \(ApacheModules.fileStem(module)) is not loaded at this point of the configuration",
            fix: "load it before this line: `LoadModule \(module) modules/\(ApacheModules.fileStem(module)).so` (Debian: `a2enmod \(module.dropLast("_module".count))`)"))
    }

    // MARK: - Conditionals

    private mutating func evaluate(_ section: Directive, name: ApacheDirectiveName?) -> Bool {
        guard var argument = section.firstValue else { return false }
        var negate = false
        switch name {
        case .ifModule:
            if argument.hasBytePrefix("!") { negate = true; argument.removeFirst() }
            let id = ApacheModules.identifier(argument)
            let present: Bool
            if ApacheModules.builtIn.contains(id) || loaded.contains(id) {
                present = true
            } else if modulesKnown {
                present = false
            } else {
                assumed.insert(id)
                present = true
            }
            return present != negate
        case .ifDefine:
            if argument.hasBytePrefix("!") { negate = true; argument.removeFirst() }
            return (defines[argument] != nil) != negate
        default:
            return ApacheVersionCondition.holds(section.values, version: version) ?? true
        }
    }

    // MARK: - Includes

    private mutating func include(_ directive: Directive, optional: Bool, stack: inout [String], includedFrom: [SourceRange]) -> [Directive] {
        guard let argument = directive.arguments.first else { return [] }
        let pattern = PathUtilities.absolute(argument.value, base: serverRoot)
        var paths: [String] = []
        if PathGlob.hasMagic(argument.value) {
            let matches = provider.glob(pattern)
            if matches.isEmpty, !optional {
                problems.append(SyntaxProblem(.includeNotFound, "Include \"\(argument.value)\": the wildcard matches no file (looked for \(provider.displayPath(pattern))); httpd refuses to start (IncludeOptional would not)",
                                              at: argument.range))
            }
            for match in matches {
                paths += provider.exists(match, directory: true) ? provider.filesUnder(match) : [match]
            }
        } else if provider.exists(pattern, directory: false) {
            paths = [pattern]
        } else if provider.exists(pattern, directory: true) {
            paths = provider.filesUnder(pattern)
        } else {
            if !optional {
                problems.append(SyntaxProblem(.includeNotFound, "Include file \"\(argument.value)\" not found (looked for \(provider.displayPath(pattern)))",
                                              at: argument.range))
            }
            return []
        }
        var out: [Directive] = []
        for path in paths {
            switch IncludeAdmission.check(path, stack: stack, budget: &includeBudget, at: directive.range, provider: provider) {
            case .splice: break
            case .skip(let problem): problems.append(problem); continue
            case .stop(let problem): problems.append(problem); return out
            }
            guard let result = parse(path) else { continue }
            stack.append(path)
            out += expand(result.directives, stack: &stack, includedFrom: includedFrom + [directive.range])
            stack.removeLast()
        }
        return out
    }

    // MARK: - Fragments

    private static let mainOnly: Set<ApacheDirectiveName> = [.virtualHost, .loadModule, .listen, .serverRoot, .user, .group, .pidFile, .mutex,
                                                             .startServers, .maxRequestWorkers, .serverLimit,
                                                             .threadsPerChild, .defaultRuntimeDir]
    private static let vhostOnly: Set<ApacheDirectiveName> = [.serverName, .serverAlias, .proxyPass, .proxyPassMatch, .rewriteRule, .documentRoot,
                                                              .location, .locationMatch, .proxyTimeout, .proxyPreserveHost]

    /// A file of virtual host directives (`ServerName`, `ProxyPass`, …) with nothing that only the
    /// main configuration has, or one marked `# siolint: context=vhost`.
    static func isVirtualHostBody(_ directives: [Directive], comments: [Comment]) -> Bool {
        for comment in comments {
            let text = comment.text.trimmingCharacters(in: .whitespaces)
            if text.hasBytePrefix("siolint:"), text.containsBytes("context=") {
                return text.containsBytes("context=vhost") || text.containsBytes("context=virtualhost")
            }
        }
        let names = Set(directives.compactMap(ApacheDirectiveName.init))
        return names.isDisjoint(with: mainOnly) && !names.isDisjoint(with: vhostOnly) && names.contains(.serverName)
    }
}
