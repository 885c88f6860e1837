import Foundation

/// Builds the common upstream group of a `balancer://`: members, `lbmethod`, and the affinity
/// `stickysession` really gives (mod_proxy_balancer routes by the cookie only when every member has
/// a `route=` and something sets the cookie, e.g. mod_headers with `%{BALANCER_WORKER_ROUTE}e`).
enum ApacheUpstreamBuilder {
    /// - Parameter routeCookies: the cookies `Header` lines that can apply to a proxied response
    ///   set to the worker route (`routeCookie(_:)`), read once for every balancer.
    static func build(_ balancer: ApacheBalancer, routeCookies: [String]) -> UpstreamGroup {
        let docs = ApacheDefaults.balancerDocs
        let servers = balancer.members.map { member -> BackendServer in
            let flags = statusFlags(member)
            // Most members have no status flags: asking an empty set hashed the flag.
            return BackendServer(address: member.url.address, directive: member.directive,
                                 isBackup: !flags.isEmpty && flags.contains("H"), isDown: !flags.isEmpty && !flags.isDisjoint(with: downFlags))
        }
        var balancing = Setting(BalancingMethod.roundRobin, .defaultValue(description: "lbmethod byrequests (weighted request counting)",
                                                                           dependsOn: nil, source: docs))
        if let method = balancer.parameter("lbmethod") {
            let provenance = Provenance.directive(method.directive, inheritedFrom: nil)
            switch ASCIICase.lowercased(method.value) {
            case "byrequests": balancing = Setting(.roundRobin, provenance)
            case "bybusyness": balancing = Setting(.leastConnections, provenance)
            default: balancing = Setting(.other("lbmethod \(method.value)"), provenance)
            }
        }
        var affinity = Setting(Affinity.none, .defaultValue(description: "no stickysession: no session affinity", dependsOn: nil, source: docs))
        if let sticky = balancer.parameter("stickysession") {
            let provenance = Provenance.directive(sticky.directive, inheritedFrom: nil)
            let cookie = ApacheBytes.asciiPrefix(of: sticky.value, upTo: UInt8(ascii: "|"))
                ?? String(sticky.value.split(separator: "|", omittingEmptySubsequences: false).first ?? "")
            affinity = Setting(.cookie(name: cookie, issuer: issuer(cookie: cookie, balancer: balancer, routeCookies: routeCookies)), provenance)
        }
        var group = UpstreamGroup(name: balancer.name, declaration: balancer.declaration, servers: servers,
                                  balancing: balancing, affinity: affinity)
        if let wait = balancer.parameter("timeout") {
            let provenance = Provenance.directive(wait.directive, inheritedFrom: nil)
            if let (seconds, _) = ApacheParameters.leadingInteger(wait.value) {
                group.queueTimeout = Setting(.after(.seconds(seconds)), provenance)
            } else {
                group.queueTimeout = Setting(.unknown(expression: wait.value), provenance)
            }
        }
        return group
    }

    // Made once: a set literal is built (and its members hashed) at every use.
    private static let downFlags: Set<Character> = ["D", "S", "E"]
    private static let unavailableFlags: Set<Character> = ["H", "D", "S", "E"]

    /// Whether a member takes requests from the start (not a hot standby, disabled, stopped or in error).
    static func isActive(_ member: ApacheMember) -> Bool {
        let flags = statusFlags(member)
        return flags.isEmpty || flags.isDisjoint(with: unavailableFlags)
    }

    /// The status flags a member starts with (`status=+H`, `status=D`; `-X` clears X).
    static func statusFlags(_ member: ApacheMember) -> Set<Character> {
        var flags = Set<Character>()
        var adding = true
        for c in (member.parameter("status")?.value.uppercased() ?? "") {
            if c == "+" { adding = true } else if c == "-" { adding = false } else if adding { flags.insert(c) } else { flags.remove(c) }
        }
        return flags
    }

    /// Who sets the sticky cookie: httpd itself when a `Header` line sets `cookie` to the worker
    /// route and every member has a `route=`; nobody otherwise.
    static func issuer(cookie: String, balancer: ApacheBalancer, routeCookies: [String]) -> CookieIssuer {
        // The active members without a route, described in one pass: filtering the members twice
        // copied them into two arrays for every balancer.
        var withoutRoute: [String] = []
        for member in balancer.members where isActive(member) && (member.parameter("route")?.value ?? "").isEmpty {
            withoutRoute.append("`\(member.directive.text)` (\(member.directive.range.start.description))")
        }
        if !withoutRoute.isEmpty {
            let where_ = withoutRoute.joined(separator: ", ")
            return .nobody("stickysession=\(cookie) picks the member whose route= equals the cookie, but \(where_) has no route=, so no request can stick to it")
        }
        if routeCookies.contains(where: { sameCookie($0, cookie) }) { return .proxy }
        return .nobody("no `Header add Set-Cookie \"\(cookie)=…%{BALANCER_WORKER_ROUTE}e…\"` line sets the cookie stickysession=\(cookie) reads, and Socket.IO servers send none")
    }

    /// The cookie a `Header [always|onsuccess] add|set|append|merge|setifempty Set-Cookie
    /// "NAME=…%{BALANCER_WORKER_ROUTE}e…" […]` line sets to the worker route: NAME; `nil` for other lines.
    static func routeCookie(_ header: Directive) -> String? {
        // The words compared in place (ASCII without case): the line's values and their
        // lower-cased copies were made for every `Header` line of the configuration.
        let words = header.arguments
        var start = 0
        if let first = words.first?.value, named(first, anyOf: headerConditions) { start = 1 }
        guard words.count - start >= 3, named(words[start].value, anyOf: headerActions),
              named(words[start + 1].value, anyOf: setCookie) else { return nil }
        let value = words[start + 2].value
        guard value.containsBytes("%{BALANCER_WORKER_ROUTE}e") else { return nil }
        // ASCII text cut at the byte: walking its characters cost several thousand instructions a line.
        return (ApacheBytes.asciiPrefix(of: value, upTo: UInt8(ascii: "=")) ?? String(value.prefix { $0 != "=" })).trimmingWhitespace()
    }

    private static let headerConditions = ["always", "onsuccess"]
    private static let headerActions = ["add", "set", "append", "merge", "setifempty"]
    private static let setCookie = ["set-cookie"]

    /// Whether `word.lowercased()` is one of `names` (lower-case ASCII).
    private static func named(_ word: String, anyOf names: [String]) -> Bool {
        var lowered: String?
        for name in names {
            if let equal = ApacheBytes.equalIgnoringASCIICase(word, name) {
                if equal { return true }
            } else {
                // Lower-casing other text can make ASCII letters (the Kelvin sign is a `k`).
                lowered = lowered ?? word.lowercased()
                if lowered == name { return true }
            }
        }
        return false
    }

    /// Whether a cookie name a `Header` line sets is the one `stickysession` names (without case).
    static func sameCookie(_ name: String, _ cookie: String) -> Bool {
        // Foundation's comparison is a few thousand instructions; ASCII names compare by bytes.
        ApacheBytes.equalIgnoringASCIICase(name, cookie) ?? (name.caseInsensitiveCompare(cookie) == .orderedSame)
    }
}
