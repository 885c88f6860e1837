/// Resolves what an httpd route does (the backend, path rewrites and header policy of a
/// `ProxyPass` or `RewriteRule [P]`) and the settings that apply to it. Routes call it on first
/// use (see `Route`): a large configuration has thousands of routes, and only those a probe
/// selects are read. It holds only what is final once the workers and balancers are known.
final class ApacheRouteResolver: Sendable {
    let settings: ApacheSettingsBuilder
    /// The path Socket.IO requests use, for the URL a request taking a route is sent to.
    let socketIOPath: String

    private var workers: ApacheWorkers { settings.workers }

    init(settings: ApacheSettingsBuilder, socketIOPath: String) {
        self.settings = settings
        self.socketIOPath = socketIOPath
    }

    /// A route on which httpd answers by itself (or refuses to proxy), described by `what`.
    func local(_ what: String, routeChain: ApacheRouteChain) -> RouteDetails {
        RouteDetails(action: .local(what), settings: settings.shared(routeChain).local)
    }

    /// What a `ProxyPass`/`ProxyPassMatch` to `url` does on the route it matches with `matcher`.
    func proxyPass(_ pass: ApacheProxyPass, url: ApacheProxyURL, matcher: PathMatcher, routeChain: ApacheRouteChain) -> RouteDetails {
        let directive = pass.directive
        let reference = DirectiveReference(directive)
        var rewrites: [PathRewrite] = []
        if pass.rawURL.containsBytes("${") || pass.path.containsBytes("${") {
            rewrites.append(PathRewrite(.unknown("`\(directive.sourceText)` uses an undefined variable"), directive: reference))
        } else if pass.isMatch {
            let pattern: RegexPattern
            if case .pattern(let p) = matcher { pattern = p } else { pattern = RegexPattern(pass.path) }
            rewrites.append(PathRewrite(url.path.containsBytes("$") ? .substitute(pattern, with: url.path) : .replacePrefix("", with: url.path), directive: reference))
        } else {
            rewrites.append(PathRewrite(.replacePrefix(pass.path, with: url.path), directive: reference))
        }
        return proxy(url, line: directive, reference: reference, matcher: matcher, rewrites: rewrites, routeChain: routeChain)
    }

    /// What a server-context `RewriteRule … [P]` does, after the internal rewrites of earlier
    /// rules (each with the condition under which the rule set applied it).
    func rewriteProxy(_ rule: ApacheRewriteRule, after earlier: [PathRewrite] = [], routeChain: ApacheRouteChain) -> RouteDetails {
        let directive = rule.rule
        // Only a message uses the line's text.
        var label: String { directive.sourceText }
        // The substitution is a URL: scheme://authority/path?query, where the path may use $N and %{REQUEST_URI}.
        let substitution = ApacheRouteResolver.replacing("%{REQUEST_URI}", with: "${path}", in: rule.substitution)
        let (scheme, authority, written) = ApacheRouteResolver.substitutionParts(substitution)
        let path = written.isEmpty ? "/" : written
        let url = ApacheProxyURL(scheme.isEmpty ? "http://" + authority + path : scheme + "://" + authority + path)
        let reference = DirectiveReference(directive)
        let remaining = ApacheRouteResolver.replacing("${path}", with: "", in: path)
        let operation: PathRewrite.Operation
        if remaining.containsBytes("%") || remaining.containsBytes("${") || scheme.isEmpty {
            operation = .unknown("`\(label)`: the substitution uses values siolint does not evaluate")
        } else {
            let pattern = rule.negated ? RegexPattern(".*") : RegexPattern(rule.pattern, caseInsensitive: rule.caseInsensitive)
            operation = .substitute(pattern, with: path)
        }
        return proxy(url, line: directive, reference: reference, matcher: rule.matcher, rewrites: earlier + [PathRewrite(operation, directive: reference)],
                     routeChain: routeChain)
    }

    private func proxy(_ url: ApacheProxyURL, line: Directive, reference: DirectiveReference, matcher: PathMatcher, rewrites: [PathRewrite],
                       routeChain: ApacheRouteChain) -> RouteDetails {
        // The name made once: the balancer and the upstream reference both need it.
        let balancerName = url.isBalancer ? url.balancerName : nil
        let balancer = balancerName.flatMap { workers.balancers[$0] }
        // Only a target without members picks a worker by the request's URL: applying the
        // rewrites (regular expressions) for every route to a balancer was a tenth of resolving it.
        let needsWorker = balancer?.members.isEmpty ?? true
        let target = ApacheTarget(url: url, balancer: balancer, requestURL: needsWorker ? requestURL(url, rewrites: rewrites) : nil, line: line)
        let shared = settings.shared(routeChain)
        let backends = settings.backends(target)
        let upgrade = settings.forwardsUpgrade(backends, shared)
        let proxy = ProxyTarget(directive: reference, upstream: upstream(url, balancerName: balancerName, declared: balancer != nil), pathRewrites: rewrites,
                                headers: HeaderPolicy(forwardsClientUpgrade: upgrade, assignments: shared.upgradeHeaders))
        return RouteDetails(action: .proxy(proxy), settings: settings.settings(routeChain, shared, backends: backends, upgrades: upgrade.value))
    }

    /// The URL a Socket.IO request taking this route is sent to: the worker httpd picks for it
    /// can be another line's (the longest matching worker name wins).
    /// Only the unconditional rewrites count: whether an earlier rule's applies depends on the request.
    private func requestURL(_ url: ApacheProxyURL, rewrites: [PathRewrite]) -> String? {
        var path: String? = socketIOPath
        for rewrite in rewrites where rewrite.condition == .always { path = path.flatMap { PathMatching.apply(rewrite.operation, to: $0) } }
        return path.map { url.scheme + "://" + url.authority + $0 }
    }

    /// A substitution URL's scheme (lower-cased), authority (up to the first `/`, `%`, `$` or `?`)
    /// and path (without the query); no scheme or authority without `://`.
    private static func substitutionParts(_ substitution: String) -> (scheme: String, authority: String, path: String) {
        // ASCII text is split at its bytes (each is a character there): walking the characters
        // was a sixth of resolving a rewrite route.
        var copy = substitution
        let ascii: (scheme: String, authority: String, path: String)? = copy.withUTF8 { bytes in
            guard ApacheBytes.isASCII(bytes[...]) else { return nil }
            var scheme = "", authority = ""
            var pathStart = 0
            if let separator = ApacheBytes.schemeSeparator(bytes) {
                scheme = ApacheBytes.lowercased(bytes[..<separator])
                let rest = bytes[(separator + 3)...]
                let end = rest.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "$") || $0 == UInt8(ascii: "?") }
                    ?? bytes.count
                authority = ApacheBytes.string(bytes[(separator + 3)..<end])
                pathStart = end
            }
            let pathEnd = bytes[pathStart...].firstIndex(of: UInt8(ascii: "?")) ?? bytes.count
            return (scheme, authority, ApacheBytes.string(bytes[pathStart..<pathEnd]))
        }
        if let ascii { return ascii }
        var scheme = "", authority = "", path = substitution
        if let range = substitution.byteRange(of: "://") {
            scheme = substitution[..<range.lowerBound].lowercased()
            let rest = substitution[range.upperBound...]
            let end = rest.firstIndex { $0 == "/" || $0 == "%" || $0 == "$" || $0 == "?" } ?? rest.endIndex
            authority = String(rest[..<end])
            path = String(rest[end...])
        }
        if let q = path.firstIndex(of: "?") { path = String(path[..<q]) }
        return (scheme, authority, path)
    }

    /// `text.replacingOccurrences(of: target, with: replacement)`, without Foundation's search
    /// (16,000 instructions a call) when the target's bytes do not occur: no other characters
    /// are canonically equivalent to those of the targets used here.
    private static func replacing(_ target: String, with replacement: String, in text: String) -> String {
        text.containsBytes(target) ? text.replacingOccurrences(of: target, with: replacement) : text
    }

    /// - Parameters:
    ///   - balancerName: `url.balancerName` for a `balancer://` URL.
    ///   - declared: whether the configuration has that balancer (every balancer is an upstream group).
    private func upstream(_ url: ApacheProxyURL, balancerName: String?, declared: Bool) -> UpstreamReference {
        if url.authority.containsBytes("$") || url.authority.containsBytes("%") { return .unknown(url.authority) }
        if let name = balancerName {
            return declared ? .group(name) : .unknown("\(name) (no BalancerMember)")
        }
        return .address(url.address)
    }
}
