/// Builds the upstream group of a `backend` or `listen` section: its servers, balancing
/// algorithm and what keeps a client on one server (HAPDOC `balance`, `cookie`, `stick on`).
enum HAProxyBackendBuilder {
    static let docs = "docs.haproxy.org/2.6/configuration.html"

    static func build(_ proxy: HAProxyProxy) -> UpstreamGroup {
        // By index: a loop over the lines copied every directive.
        let lines = proxy.lines
        // Sized first: the group keeps the array, and most sections have a few server lines.
        var serverLines = 0
        for index in lines.indices where lines[index].name.is("server") { serverLines += 1 }
        var servers: [BackendServer] = []
        servers.reserveCapacity(serverLines)
        var serversWithCookie = 0
        for index in lines.indices {
            // The line is read in place and copied only for a template: a copy per line retained
            // and released its references.
            let name = lines[index].name
            if name.is("server") {
                // Read on the words: a values array and a flags array per server line were most of this function.
                let arguments = lines[index].arguments
                guard arguments.count >= 2 else { continue }
                let flags = arguments.dropFirst(2)
                if flags.contains(where: { $0.is("cookie") }) { serversWithCookie += 1 }
                servers.append(BackendServer(address: arguments[1].value, directive: DirectiveReference(lines[index]),
                                             isBackup: flags.contains { $0.is("backup") }, isDown: flags.contains { $0.is("disabled") }))
                continue
            }
            guard name.is("server-template") else { continue }
            let line = lines[index]
            // server-template <prefix> <num | range> <fqdn>[:<port>] …
            let values = line.values
            guard values.count >= 3 else { continue }
            let count = templateCount(values[1])
            let flags = Array(values.dropFirst(3))
            for _ in 0..<count {
                servers.append(BackendServer(address: values[2], directive: DirectiveReference(line),
                                             isBackup: flags.contains("backup"), isDown: flags.contains("disabled")))
            }
            if flags.contains("cookie") { serversWithCookie += count }
        }
        let (balancing, balanceAffinity) = balance(proxy)
        let affinity = affinity(proxy, balanceAffinity: balanceAffinity, serversWithCookie: serversWithCookie)
        return UpstreamGroup(name: proxy.name, declaration: proxy.header.range, servers: servers, balancing: balancing, affinity: affinity)
    }

    /// `1`, `3`, `1-3`: how many servers a template declares (capped).
    static func templateCount(_ text: String) -> Int {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        let count = parts.count == 2 ? parts[1] - parts[0] + 1 : (parts.first ?? 1)
        return max(0, min(count, 1000))
    }

    private static func balance(_ proxy: HAProxyProxy) -> (Setting<BalancingMethod>, Setting<Affinity>?) {
        guard let (line, level) = proxy.effective(.balance), let algorithm = line.firstValue else {
            return (roundRobinByDefault, nil)
        }
        let provenance = Provenance.directive(DirectiveReference(line), inheritedFrom: level)
        // Only the hashing algorithms name their key: most sections balance round robin.
        var joinedValues: String { line.values.joined(separator: " ") }
        switch algorithm {
        case "roundrobin", "static-rr": return (Setting(.roundRobin, provenance), nil)
        case "leastconn": return (Setting(.leastConnections, provenance), nil)
        case "random": return (Setting(.random, provenance), nil)
        case "first": return (Setting(.first, provenance), nil)
        case "source": return (Setting(.sourceAddress, provenance), Setting(.clientAddress, provenance))
        case "uri":
            // Without `whole` only the path is hashed, the same for every Socket.IO request; with
            // it the query (sid, the polling cache-buster `t=`) changes the server per request.
            let keeps = !line.values.contains("whole")
            let key = joinedValues
            return (Setting(.hash(key: key), provenance), Setting(.hash(key: key, keepsClient: keeps), provenance))
        case "url_param":
            // The handshake carries no sid yet, so it lands elsewhere than the requests that follow.
            let key = joinedValues
            return (Setting(.hash(key: key), provenance), Setting(.hash(key: key, keepsClient: false), provenance))
        case "rdp-cookie":
            let key = joinedValues
            return (Setting(.hash(key: key), provenance), Setting(.hash(key: key, keepsClient: false), provenance))
        case "hash":
            let expression = line.values.dropFirst().joined(separator: " ")
            let perClient = expression.hasBytePrefix("src") || expression.hasBytePrefix("hdr(") || expression.hasBytePrefix("req.hdr(")
            let key = joinedValues
            return (Setting(.hash(key: key), provenance), Setting(.hash(key: key, keepsClient: perClient), provenance))
        default:
            if algorithm.hasBytePrefix("hdr(") {
                // A request header that a client sends the same way on every request (Host,
                // X-Forwarded-For, User-Agent …) keeps it on one server.
                let key = joinedValues
                return (Setting(.hash(key: key), provenance), Setting(.hash(key: key, keepsClient: true), provenance))
            }
            let key = joinedValues
            return (Setting(.other(key), provenance), nil)
        }
    }

    private static func affinity(_ proxy: HAProxyProxy, balanceAffinity: Setting<Affinity>?, serversWithCookie: Int) -> Setting<Affinity> {
        var cookie: Setting<Affinity>?
        if let (line, level) = proxy.effective(.cookie), let name = line.firstValue {
            let provenance = Provenance.directive(DirectiveReference(line), inheritedFrom: level)
            // On the words: a few, searched without an array of their values.
            let modes = line.arguments.dropFirst()
            if modes.contains(where: { $0.is("insert") }) {
                // A cookie the proxy issues wins over everything else.
                if serversWithCookie > 0 { return Setting(.cookie(name: name, issuer: .proxy), provenance) }
                cookie = Setting(.cookie(name: name, issuer: .nobody("`cookie \(name) insert` is set but no `server` line has a `cookie <value>`, so HAProxy has no value to insert")), provenance)
            } else {
                let mode = modes.contains(where: { $0.is("prefix") }) ? "prefix" : (modes.contains(where: { $0.is("rewrite") }) ? "rewrite" : "passive")
                cookie = Setting(.cookie(name: name, issuer: .application("`cookie \(name) \(mode == "passive" ? "" : mode + " ")…` only \(mode == "prefix" ? "prefixes" : (mode == "rewrite" ? "rewrites" : "reads")) a cookie \(name) the application must set")), provenance)
            }
        }
        let lines = proxy.lines
        if let stick = lines.indices.first(where: { lines[$0].name.is("stick") && (lines[$0].firstValue == "on" || lines[$0].firstValue == "match") }),
           lines[stick].arguments.count >= 2 {
            return Setting(.stickTable(key: lines[stick].arguments[1].value), .directive(DirectiveReference(lines[stick]), inheritedFrom: nil))
        }
        if let balanceAffinity { return balanceAffinity }
        if let cookie { return cookie }
        return noAffinity
    }

    // Shared by every group that sets no `balance` (or no affinity): a default provenance is a
    // box, and a box and a source string per group were 1.3 MB of a large configuration's peak.
    private static let roundRobinByDefault = Setting(BalancingMethod.roundRobin, .defaultValue(
        description: "roundrobin (no balance line)", dependsOn: nil, source: docs + "#4-balance"))
    private static let noAffinity = Setting(Affinity.none, .defaultValue(
        description: "no session affinity (no cookie, stick or hashing balance)", dependsOn: nil, source: docs + "#4-balance"))
}
