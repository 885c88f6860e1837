/// Builds an upstream group from an nginx `upstream` block: its servers, balancing method and
/// session affinity.
enum NginxUpstreamBuilder {
    static let docs = "nginx.org/en/docs/http/ngx_http_upstream_module.html"

    // Shared by every group that keeps a default: built per group, they were two boxes each.
    private static let defaultBalancing = Setting(BalancingMethod.roundRobin,
                                                  .defaultValue(description: "weighted round robin", dependsOn: nil, source: docs))
    private static let defaultAffinity = Setting(Affinity.none, .defaultValue(description: "no session affinity", dependsOn: nil, source: docs))

    private enum Keys {
        static let server = NginxDirectiveKey("server")
    }

    static func build(_ upstream: Directive, version: SoftwareVersion?) -> UpstreamGroup? {
        guard let name = upstream.firstValue, let block = upstream.block else { return nil }
        var servers: [BackendServer] = []
        var balancing = defaultBalancing
        var affinity = defaultAffinity
        // By index, and the provenance only for the lines that set something: most lines are
        // `server`s, and a copy of each directive and a reference per line were half of the work.
        for index in block.indices {
            func provenance() -> Provenance { .directive(DirectiveReference(block[index]), inheritedFrom: nil) }
            // The common line recognised by its table code, before the name is compared with each case.
            if Keys.server.matches(code: block[index].nameCode, block[index]) {
                let arguments = block[index].arguments
                guard let address = arguments.first?.value else { continue }
                var isBackup = false, isDown = false
                for flag in arguments.dropFirst() {
                    if flag.value == "backup" { isBackup = true } else if flag.value == "down" { isDown = true }
                }
                servers.append(BackendServer(address: address, directive: DirectiveReference(block[index]),
                                             isBackup: isBackup, isDown: isDown))
                continue
            }
            switch block[index].name.value {
            case "ip_hash":
                let source = provenance()
                balancing = Setting(.sourceAddress, source)
                affinity = Setting(.clientAddress, source)
            case "hash":
                guard let key = block[index].firstValue else { continue }
                let source = provenance()
                balancing = Setting(.hash(key: key), source)
                affinity = Setting(hashAffinity(key), source)
            case "least_conn":
                balancing = Setting(.leastConnections, provenance())
            case "random":
                balancing = Setting(.random, provenance())
            case "sticky":
                affinity = Setting(stickyAffinity(block[index].values), provenance())
            default:
                break
            }
        }
        return UpstreamGroup(name: name, declaration: upstream.range, servers: servers, balancing: balancing, affinity: affinity)
    }

    /// Whether hashing on `key` keeps every request of one Socket.IO session on one server: the
    /// client address (or the header a front proxy puts it in) does; the URI, the query (the
    /// handshake has no `sid` yet) or a random value does not.
    static func hashAffinity(_ key: String) -> Affinity {
        let perClient = ["$remote_addr", "$binary_remote_addr", "$http_x_forwarded_for", "$http_x_real_ip",
                         "$proxy_add_x_forwarded_for", "$realip_remote_addr", "$http_cf_connecting_ip"]
        if perClient.contains(where: { key.contains($0) }) { return .hash(key: key, keepsClient: true) }
        if let cookie = key.byteRange(of: "$cookie_") {
            let name = key[cookie.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            return .cookie(name: String(name), issuer: .application("the hash reads cookie \(name), which nothing in this configuration sets"))
        }
        return .hash(key: key, keepsClient: false)
    }

    static func stickyAffinity(_ values: [String]) -> Affinity {
        guard let mode = values.first else { return .none }
        switch mode {
        case "cookie":
            return .cookie(name: values.count > 1 ? values[1] : "route", issuer: .proxy)
        case "learn":
            let lookup = values.first { $0.hasBytePrefix("lookup=$cookie_") }.map { String($0.dropFirst("lookup=$cookie_".count)) } ?? "?"
            return .cookie(name: lookup, issuer: .application("sticky learn only remembers a session cookie the backend sets"))
        case "route":
            return .cookie(name: "route", issuer: .application("sticky route needs the backend to put a route in a cookie or the URI"))
        default:
            return .none
        }
    }
}
