/// Directives nginx refuses to start with, by version: the few that folklore recommends but no
/// (or no older) release has, and values nginx rejects.
enum NginxDirectiveAvailability {
    /// What `rejection` checks for a name.
    enum Check {
        case sticky, addedIn1293, neverReleased, time, bodySize, httpVersion, proxyPass
    }

    private static let checks: [(name: String, check: Check)] = [
        ("sticky", .sticky), ("add_header_inherit", .addedIn1293), ("add_trailer_inherit", .addedIn1293),
        ("proxy_set_header_inherit", .neverReleased), ("proxy_headers_inherit", .neverReleased),
        ("proxy_set_header_merge", .neverReleased), ("proxy_read_timeout", .time), ("proxy_send_timeout", .time),
        ("proxy_connect_timeout", .time), ("client_max_body_size", .bodySize), ("proxy_http_version", .httpVersion),
        ("proxy_pass", .proxyPass),
    ]

    /// Every name `rejection` looks at; one lookup by length lets the rest of a large file pass quickly.
    private static let checkedNames = NameSet(checks.map(\.name))

    /// What `rejection` checks for a directive of this name; `nil` for the names it leaves alone.
    static func check(named name: String) -> Check? {
        // By the name's place in `checks`, not a `switch` over strings: that compares one by one.
        checkedNames.index(of: name).map { checks[$0].check }
    }

    /// Why nginx refuses `directive`, whose name's check (`check(named:)`) is `check`. The directive
    /// itself is read only when it is refused: the checks need its name and first value, and a copy
    /// of every checked directive (each `proxy_pass`, every timeout) retained all it holds.
    static func rejection(of directive: () -> Directive, name: String, firstValue: String?, check: Check, version: SoftwareVersion?,
                          insideRegexLocation: Bool) -> RejectedDirective? {
        var reference: DirectiveReference { DirectiveReference(directive()) }
        switch check {
        case .sticky:
            // Open-source nginx has `sticky` since 1.29.6; before that only the commercial build.
            if let version, version < SoftwareVersion([1, 29, 6]) {
                return RejectedDirective(directive: reference,
                                         reason: "unknown directive \"sticky\" in open-source nginx \(version) (added in 1.29.6)",
                                         fix: "use `ip_hash;` or `hash $remote_addr consistent;` in the upstream, or run nginx ≥ 1.29.6")
            }
        case .addedIn1293:
            if let version, version < SoftwareVersion([1, 29, 3]) {
                return RejectedDirective(directive: reference, reason: "unknown directive \"\(name)\" in nginx \(version) (added in 1.29.3)",
                                         fix: "repeat the add_header lines at this level instead")
            }
        case .neverReleased:
            return RejectedDirective(directive: reference, reason: "unknown directive \"\(name)\": no nginx release has it",
                                     fix: "repeat every proxy_set_header line at the level that sets its own")
        case .time:
            if let value = firstValue, !NginxValues.hasVariables(value), NginxValues.parseTime(value) == nil {
                return RejectedDirective(directive: reference, reason: "invalid value \"\(value)\" for \"\(name)\"",
                                         fix: "write a time such as `60s`, `5m` or `1h30m` (units ms s m h d w, largest first)")
            }
        case .bodySize:
            if let value = firstValue, !NginxValues.hasVariables(value), NginxValues.parseSize(value) == nil {
                return RejectedDirective(directive: reference, reason: "invalid value \"\(value)\" for \"client_max_body_size\"",
                                         fix: "write a size such as `10m`, `512k` or `0` (unlimited)")
            }
        case .httpVersion:
            if let value = firstValue, value != "1.0", value != "1.1" {
                return RejectedDirective(directive: reference, reason: "invalid value \"\(value)\" for \"proxy_http_version\" (1.0 or 1.1)",
                                         fix: "write `proxy_http_version 1.1;`")
            }
        case .proxyPass:
            if insideRegexLocation, let url = firstValue, !NginxValues.hasVariables(url), NginxProxyPass(url).uri != nil {
                return RejectedDirective(directive: reference,
                                         reason: "\"proxy_pass\" cannot have URI part in location given by regular expression",
                                         fix: "drop the path from the proxy_pass URL (`proxy_pass http://backend;`)")
            }
        }
        return nil
    }
}
