/// httpd's documented defaults and version boundaries that siolint's Apache model rests on
/// (proxy-facts.md §4).
enum ApacheDefaults {
    /// The 2.4 release assumed when `--apache-version` is not given (Debian's current package).
    static let assumedVersion = SoftwareVersion([2, 4, 71])
    /// mod_proxy_http tunnels upgraded connections itself (`upgrade=`, ws:// URLs) from this release.
    static let proxyHTTPTunnel = SoftwareVersion([2, 4, 47])
    /// `ProxyWebsocketFallbackToProxyHttp` exists from this release.
    static let fallbackDirective = SoftwareVersion([2, 4, 48])
    /// `LimitRequestBody` defaults to 1 GiB from this release (unlimited before).
    static let bodyLimitDefault = SoftwareVersion([2, 4, 54])
    /// `Timeout` when not set.
    static let timeoutSeconds: Int64 = 60

    static let coreDocs = "httpd.apache.org/docs/2.4/mod/core.html"
    static let proxyDocs = "httpd.apache.org/docs/2.4/mod/mod_proxy.html"
    static let balancerDocs = "httpd.apache.org/docs/2.4/mod/mod_proxy_balancer.html"
    static let wstunnelDocs = "httpd.apache.org/docs/2.4/mod/mod_proxy_wstunnel.html"
}

/// `<IfVersion [[!]operator] version>` (mod_version): `=`/`==`, `<`, `<=`, `>`, `>=`, and regular
/// expressions (`~ regex` or `/regex/`).
enum ApacheVersionCondition {
    /// Whether the condition holds for `version`; `nil` when it cannot be read.
    static func holds(_ arguments: [String], version: SoftwareVersion) -> Bool? {
        guard !arguments.isEmpty else { return nil }
        var op = "="
        var value = arguments[0]
        if arguments.count >= 2 { op = arguments[0]; value = arguments[1] }
        var negate = false
        if op.hasBytePrefix("!") { negate = true; op.removeFirst(); if op.isEmpty { op = "=" } }
        let result: Bool?
        if op == "~" || (value.hasBytePrefix("/") && value.hasSuffix("/") && value.count >= 2) {
            let source = op == "~" ? value : String(value.dropFirst().dropLast())
            result = RegexPattern(source).matches(version.description)
        } else {
            guard let wanted = SoftwareVersion(value) else { return nil }
            // mod_version compares only the components written (`= 2.4` holds for every 2.4.x).
            let mine = SoftwareVersion(Array(version.components.prefix(wanted.components.count)))
            switch op {
            case "=", "==": result = mine == wanted
            case "<": result = mine < wanted
            case "<=": result = mine <= wanted
            case ">": result = mine > wanted
            case ">=": result = mine >= wanted
            default: result = nil
            }
        }
        return result.map { $0 != negate }
    }
}
