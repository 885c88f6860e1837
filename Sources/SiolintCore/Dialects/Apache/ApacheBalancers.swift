/// A `BalancerMember` of a balancer.
struct ApacheMember {
    var url: ApacheProxyURL
    var directive: Directive
    var parameters: [ApacheParameter]

    func parameter(_ key: String) -> ApacheParameter? { parameters.last { $0.key == key } }
}

/// A `balancer://name`: its members and balancer parameters (`ProxySet` in `<Proxy>`, or on the
/// ProxyPass that names it).
struct ApacheBalancer {
    var name: String
    var declaration: Directive
    var members: [ApacheMember] = []
    var parameters: [ApacheParameter] = []

    func parameter(_ key: String) -> ApacheParameter? { parameters.last { $0.key == key } }
}

/// The workers and balancers of a whole configuration: `<Proxy "balancer://…">` sections,
/// `BalancerMember`/`ProxySet` lines naming a balancer or URL, `<Proxy "http://…">` worker
/// settings, and the parameters on ProxyPass lines. httpd shares workers by URL across the server.
struct ApacheWorkers {
    private(set) var balancers: [String: ApacheBalancer] = [:]
    /// Worker parameters by `scheme://authority` (lower case), in configuration order.
    private(set) var workerParameters: [String: [ApacheParameter]] = [:]

    init(_ directives: [Directive]) {
        var queue: [(list: [Directive], index: Int)] = [(directives, 0)]
        while var top = queue.popLast() {
            guard top.index < top.list.count else { continue }
            let d = top.list[top.index]
            top.index += 1
            queue.append(top)
            switch d.key {
            case "proxy" where d.block != nil:
                guard let target = d.values.first else { continue }
                let url = ApacheProxyURL(target)
                for inner in d.block ?? [] {
                    switch inner.key {
                    case "balancermember" where url.isBalancer:
                        addMember(inner, to: url, from: 0, section: d)
                    case "proxyset":
                        let first = inner.values.first ?? ""
                        let explicit = first.contains("://")
                        let parameters = ApacheParameters.parse(inner, from: explicit ? 1 : 0)
                        let target = explicit ? ApacheProxyURL(first) : url
                        add(parameters, to: target, declaration: d)
                    default:
                        break
                    }
                }
            case "balancermember":
                guard let first = d.values.first, first.lowercased().hasPrefix("balancer://") else { continue }
                addMember(d, to: ApacheProxyURL(first), from: 1, section: d)
            case "proxyset":
                guard let first = d.values.first, first.contains("://") else { continue }
                add(ApacheParameters.parse(d, from: 1), to: ApacheProxyURL(first), declaration: d)
            case "proxypass", "proxypassmatch":
                guard let pass = ApacheProxyPass(d, locationPath: nil), let url = pass.url, pass.rawURL.contains("://") else { continue }
                add(pass.parameters, to: url, declaration: d)
            case "location", "locationmatch":
                for inner in d.block ?? [] where inner.key == "proxypass" || inner.key == "proxypassmatch" {
                    guard let pass = ApacheProxyPass(inner, locationPath: d.values.last ?? "/"), let url = pass.url else { continue }
                    add(pass.parameters, to: url, declaration: inner)
                }
                queue.append((d.block ?? [], 0))
            default:
                if let block = d.block { queue.append((block, 0)) }
            }
        }
    }

    private mutating func addMember(_ directive: Directive, to balancer: ApacheProxyURL, from: Int, section: Directive) {
        guard directive.values.count > from else { return }
        let member = ApacheMember(url: ApacheProxyURL(directive.values[from]), directive: directive,
                                  parameters: ApacheParameters.parse(directive, from: from + 1))
        balancers[balancer.balancerName, default: ApacheBalancer(name: balancer.balancerName, declaration: section)].members.append(member)
    }

    private mutating func add(_ parameters: [ApacheParameter], to url: ApacheProxyURL, declaration: Directive) {
        guard !parameters.isEmpty || url.isBalancer else { return }
        if url.isBalancer {
            balancers[url.balancerName, default: ApacheBalancer(name: url.balancerName, declaration: declaration)].parameters += parameters
        } else {
            workerParameters[url.scheme + "://" + url.authority.lowercased(), default: []] += parameters
        }
    }

    /// The last value of a worker parameter set for a URL's worker.
    func workerParameter(_ key: String, for url: ApacheProxyURL) -> ApacheParameter? {
        workerParameters[url.scheme + "://" + url.authority.lowercased()]?.last { $0.key == key }
    }
}
