/// A `BalancerMember` of a balancer.
struct ApacheMember {
    var url: ApacheProxyURL
    var directive: DirectiveReference
    var parameters: [ApacheParameter]

    func parameter(_ key: String) -> ApacheParameter? { parameters.last { $0.key == key } }
}

/// A `balancer://name`: its members and balancer parameters (`ProxySet` in `<Proxy>`, or on the
/// ProxyPass that names it).
struct ApacheBalancer {
    var name: String
    /// Where it is declared: the `<Proxy>` section, or the first line naming it.
    var declaration: SourceRange
    var members: [ApacheMember] = []
    var parameters: [ApacheParameter] = []

    func parameter(_ key: String) -> ApacheParameter? { parameters.last { $0.key == key } }
}

/// A worker httpd creates for a URL (a ProxyPass target, `<Proxy "http://…">`), with its parameters.
struct ApacheWorkerDefinition {
    /// The worker's name: its URL in lower case (up to the first `$` for ProxyPassMatch).
    var name: String
    var parameters: [ApacheParameter]
}

/// The workers and balancers of a whole configuration: `<Proxy "balancer://…">` sections,
/// `BalancerMember`/`ProxySet` lines naming a balancer or URL, `<Proxy "http://…">` worker
/// settings, and the workers ProxyPass lines define. A proxied request uses the worker whose name
/// is the longest prefix of the URL it is sent to (`ap_proxy_get_worker`), whichever line routed it.
struct ApacheWorkers {
    /// Complete once `finish` has been called.
    private(set) var balancers: [String: ApacheBalancer] = [:]
    /// The balancer the latest lines added to, kept out of `balancers` while lines go on naming it
    /// (a `<Proxy>` section's members and ProxySet): each line hashed the name to find it again.
    private var open: ApacheBalancer?
    private(set) var definitions: [ApacheWorkerDefinition] = []
    /// Indices into `definitions` by the worker's `scheme://authority`.
    private var byOrigin: [String: [Int]] = [:]
    /// Parameters of ProxyPass lines httpd ignores because the line shares a worker defined
    /// earlier (AH01146 "Ignoring parameter … because of worker sharing"), by the line's range.
    private(set) var ignored: [SourceRange: (worker: String, parameters: [ApacheParameter])] = [:]

    /// Which directives of a list the workers read.
    enum Reading {
        /// Every directive (outside `<Proxy>` sections).
        case all
        /// The direct children of a `<Proxy>` section: its `BalancerMember` and `ProxySet` lines.
        case proxySection(ProxySection)
        /// None: inside a `<Proxy>` section's children.
        case none
    }

    /// A `<Proxy>` section as its children need it. A class: the reading is passed with each
    /// child, and copying the section's directive and URL retained every string they hold.
    final class ProxySection {
        let range: SourceRange
        /// The section's URL as written.
        let written: String
        let url: ApacheProxyURL
        /// The balancer's name (made once for all its members) for a `balancer://` URL.
        let balancerName: String?

        init(range: SourceRange, written: String, url: ApacheProxyURL) {
            self.range = range
            self.written = written
            self.url = url
            balancerName = url.isBalancer ? url.balancerName : nil
        }
    }

    /// Reads one directive of the configuration, in configuration order (depth first), from a
    /// list read as `reading`; returns how to read its children.
    mutating func read(_ d: Directive, _ parts: inout ApacheLineParts, _ name: ApacheDirectiveName?, as reading: Reading) -> Reading {
        switch reading {
        case .none:
            return .none
        case .proxySection(let section):
            let url = section.url
            switch name {
            case .balancerMember where url.isBalancer:
                addMember(d, &parts, to: section.balancerName ?? url.balancerName, from: 0, declaration: section.range)
            case .proxySet:
                let first = d.firstValue ?? ""
                let explicit = first.containsBytes("://")
                let parameters = parts.parameters(of: d, from: explicit ? 1 : 0)
                let target = explicit ? ApacheProxyURL(first) : url
                add(parameters, to: target, declaration: section.range, name: explicit ? first : section.written)
            default:
                break
            }
            return .none
        case .all:
            break
        }
        switch name {
        case .proxy where d.hasBlock:
            guard let target = d.firstValue else { return .none }
            return .proxySection(ProxySection(range: d.range, written: target, url: ApacheProxyURL(target)))
        case .balancerMember:
            guard let first = d.firstValue, ApacheBytes.hasPrefixIgnoringCase(first, "balancer://") else { return .none }
            addMember(d, &parts, to: ApacheProxyURL(first).balancerName, from: 1, declaration: d.range)
            return .none
        case .proxySet:
            guard let first = d.firstValue, first.containsBytes("://") else { return .none }
            add(parts.parameters(of: d, from: 1), to: ApacheProxyURL(first), declaration: d.range, name: first)
            return .none
        case .proxyPass, .proxyPassMatch:
            guard let pass = parts.proxyPass(d), let url = pass.url, pass.rawURL.containsBytes("://") else { return .none }
            add(parts.parameters(of: d, from: pass.parametersFrom), to: url, declaration: d.range, name: pass.rawURL, definesWorker: true)
            return .none
        case .location, .locationMatch:
            // Names read field by field through the block's buffer: a copy of each directive of
            // the section retained and released all it holds, and most are no ProxyPass.
            let passes: [Directive] = (d.block ?? []).withUnsafeBufferPointer { block in
                var passes: [Directive] = []
                for index in block.indices {
                    let name = ApacheDirectiveName(in: block, at: index)
                    if name == .proxyPass || name == .proxyPassMatch { passes.append(block[index]) }
                }
                return passes
            }
            for inner in passes {
                guard let pass = ApacheProxyPass(inner, locationPath: d.arguments.last?.value ?? "/"), let url = pass.url else { continue }
                add(pass.parameters, to: url, declaration: inner.range, name: pass.rawURL, definesWorker: true)
            }
            return .all
        default:
            return .all
        }
    }

    /// - Parameter name: the balancer's name (`ApacheProxyURL.balancerName`).
    private mutating func addMember(_ directive: Directive, _ parts: inout ApacheLineParts, to name: String, from: Int, declaration: SourceRange) {
        guard directive.arguments.count > from else { return }
        let parameters = parts.parameters(of: directive, from: from + 1)
        let member = ApacheMember(url: ApacheProxyURL(directive.arguments[from].value), directive: parameters.first?.directive ?? DirectiveReference(directive),
                                  parameters: parameters)
        withBalancer(name, declaration: declaration) { $0.members.append(member) }
    }

    /// Changes the balancer named `name` (made, declared at `declaration`, if there is none).
    private mutating func withBalancer(_ name: String, declaration: SourceRange, _ change: (inout ApacheBalancer) -> Void) {
        if open?.name != name {
            closeOpen()
            open = balancers.removeValue(forKey: name) ?? ApacheBalancer(name: name, declaration: declaration)
        }
        change(&open!)
    }

    private mutating func closeOpen() {
        guard let balancer = open else { return }
        open = nil
        balancers[balancer.name] = balancer
    }

    /// Puts the balancer being added to in `balancers`, after the configuration's last line.
    mutating func finish() {
        closeOpen()
    }

    /// - Parameter definesWorker: a ProxyPass line, which shares an existing worker whose name is a
    ///   prefix of its URL (and then ignores its own parameters); `ProxySet` sets parameters on it.
    private mutating func add(_ parameters: [ApacheParameter], to url: ApacheProxyURL, declaration: SourceRange, name: String,
                              definesWorker: Bool = false) {
        if url.isBalancer {
            let name = url.balancerName
            guard !parameters.isEmpty || (open?.name != name && balancers[name] == nil) else { return }
            withBalancer(name, declaration: declaration) { $0.parameters += parameters }
            return
        }
        let workerName = ApacheBytes.lowercasedUpToDollar(name)
        if let index = workerIndex(for: workerName) {
            if definesWorker {
                if !parameters.isEmpty { ignored[declaration] = (definitions[index].name, parameters) }
            } else {
                definitions[index].parameters += parameters
            }
        } else {
            definitions.append(ApacheWorkerDefinition(name: workerName, parameters: parameters))
            byOrigin[ApacheWorkers.origin(ofLowercased: workerName).origin, default: []].append(definitions.count - 1)
        }
    }

    /// The worker a request to `url` uses: the longest worker name that is a prefix of it and
    /// covers at least its scheme and authority; `nil` means httpd's default reverse-proxy worker.
    func worker(for url: String) -> ApacheWorkerDefinition? {
        workerIndex(for: url).map { definitions[$0] }
    }

    private func workerIndex(for url: String) -> Int? {
        let lower = ASCIICase.lowercased(url)
        let (origin, minimum) = ApacheWorkers.origin(ofLowercased: lower)
        // A name that is a prefix of the URL and at least as long as its scheme://authority has
        // that same scheme://authority, so only those workers are candidates (all of them were
        // scanned before: quadratic in the number of ProxyPass lines).
        guard let candidates = byOrigin[origin] else { return nil }
        // The first of the longest, as `filter` and `max(by:)` chose it, without their array.
        var best: Int?
        var bestCount = 0
        for index in candidates where lower.hasBytePrefix(definitions[index].name) {
            let count = ApacheBytes.characterCount(definitions[index].name)
            if count >= minimum, best == nil || count > bestCount {
                best = index
                bestCount = count
            }
        }
        return best
    }

    /// `scheme://authority` of a lower-cased URL (as `ApacheProxyURL` splits it) and its length in
    /// characters. ASCII URLs are cut where the path starts: the URL and its three parts were
    /// strings made for every worker and every URL looked up.
    private static func origin(ofLowercased url: String) -> (origin: String, characters: Int) {
        var text = url
        let ascii: (origin: String, characters: Int)? = text.withUTF8 { bytes in
            // A CR can join the next byte into one character; other text is split as before.
            guard !bytes.contains(where: { $0 >= 0x80 || $0 == 0x0D }) else { return nil }
            guard let separator = ApacheBytes.schemeSeparator(bytes) else {
                let end = bytes.firstIndex(of: UInt8(ascii: "/")) ?? bytes.count
                return ("://" + ApacheBytes.string(bytes[..<end]), 3 + end)
            }
            let end = bytes[(separator + 3)...].firstIndex(of: UInt8(ascii: "/")) ?? bytes.count
            return (ApacheBytes.string(bytes[..<end]), end)
        }
        if let ascii { return ascii }
        let target = ApacheProxyURL(url)
        return (target.scheme + "://" + target.authority, ApacheBytes.characterCount(target.scheme) + 3 + ApacheBytes.characterCount(target.authority))
    }
}
