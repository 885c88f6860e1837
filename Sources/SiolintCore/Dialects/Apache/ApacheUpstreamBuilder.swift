import Foundation

/// Builds the common upstream group of a `balancer://`: members, `lbmethod`, and the affinity
/// `stickysession` really gives (mod_proxy_balancer routes by the cookie only when every member has
/// a `route=` and something sets the cookie, e.g. mod_headers with `%{BALANCER_WORKER_ROUTE}e`).
enum ApacheUpstreamBuilder {
    /// - Parameter headers: every `Header` line that can apply to a proxied response.
    static func build(_ balancer: ApacheBalancer, headers: [Directive]) -> UpstreamGroup {
        let docs = ApacheDefaults.balancerDocs
        let servers = balancer.members.map { member -> BackendServer in
            let flags = statusFlags(member)
            return BackendServer(address: member.url.address, directive: member.directive,
                                 isBackup: flags.contains("H"), isDown: !flags.isDisjoint(with: ["D", "S", "E"]))
        }
        var balancing = Setting(BalancingMethod.roundRobin, .defaultValue(description: "lbmethod byrequests (weighted request counting)",
                                                                           dependsOn: nil, source: docs))
        if let method = balancer.parameter("lbmethod") {
            let provenance = Provenance.directive(method.directive, inheritedFrom: nil)
            switch method.value.lowercased() {
            case "byrequests": balancing = Setting(.roundRobin, provenance)
            case "bybusyness": balancing = Setting(.leastConnections, provenance)
            default: balancing = Setting(.other("lbmethod \(method.value)"), provenance)
            }
        }
        var affinity = Setting(Affinity.none, .defaultValue(description: "no stickysession: no session affinity", dependsOn: nil, source: docs))
        if let sticky = balancer.parameter("stickysession") {
            let provenance = Provenance.directive(sticky.directive, inheritedFrom: nil)
            let cookie = String(sticky.value.split(separator: "|", omittingEmptySubsequences: false).first ?? "")
            affinity = Setting(.cookie(name: cookie, issuer: issuer(cookie: cookie, balancer: balancer, headers: headers)), provenance)
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
    static func issuer(cookie: String, balancer: ApacheBalancer, headers: [Directive]) -> CookieIssuer {
        let active = balancer.members.filter { statusFlags($0).isDisjoint(with: ["H", "D", "S", "E"]) }
        let withoutRoute = active.filter { ($0.parameter("route")?.value ?? "").isEmpty }
        if !withoutRoute.isEmpty {
            let where_ = withoutRoute.map { "`\($0.directive.text)` (\($0.directive.range.start.description))" }.joined(separator: ", ")
            return .nobody("stickysession=\(cookie) picks the member whose route= equals the cookie, but \(where_) has no route=, so no request can stick to it")
        }
        if headers.contains(where: { setsRouteCookie($0, cookie: cookie) }) { return .proxy }
        return .nobody("no `Header add Set-Cookie \"\(cookie)=…%{BALANCER_WORKER_ROUTE}e…\"` line sets the cookie stickysession=\(cookie) reads, and Socket.IO servers send none")
    }

    /// `Header [always|onsuccess] add|set|append|merge|setifempty Set-Cookie "NAME=…%{BALANCER_WORKER_ROUTE}e…" […]`.
    static func setsRouteCookie(_ header: Directive, cookie: String) -> Bool {
        var values = header.values[...]
        if let first = values.first?.lowercased(), first == "always" || first == "onsuccess" { values = values.dropFirst() }
        guard values.count >= 3, ["add", "set", "append", "merge", "setifempty"].contains(values[values.startIndex].lowercased()),
              values[values.startIndex + 1].lowercased() == "set-cookie" else { return false }
        let value = values[values.startIndex + 2]
        guard value.containsBytes("%{BALANCER_WORKER_ROUTE}e") else { return false }
        let name = value.prefix { $0 != "=" }.trimmingWhitespace()
        // Foundation's comparison is a few thousand instructions; ASCII names compare by bytes.
        return ApacheBytes.equalIgnoringASCIICase(name, cookie) ?? (name.caseInsensitiveCompare(cookie) == .orderedSame)
    }
}
