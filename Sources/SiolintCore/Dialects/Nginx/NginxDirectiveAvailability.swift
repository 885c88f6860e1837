/// Directives nginx refuses to start with, by version: the few that folklore recommends but no
/// (or no older) release has, and values nginx rejects.
enum NginxDirectiveAvailability {
    /// Every name `rejection` looks at; one hash lookup lets the rest of a large file pass quickly.
    static let checkedNames: NameSet = ["sticky", "add_header_inherit", "add_trailer_inherit", "proxy_set_header_inherit",
                                            "proxy_headers_inherit", "proxy_set_header_merge", "proxy_read_timeout",
                                            "proxy_send_timeout", "proxy_connect_timeout", "client_max_body_size",
                                            "proxy_http_version", "proxy_pass"]

    static func rejection(of directive: Directive, version: SoftwareVersion?, insideRegexLocation: Bool) -> RejectedDirective? {
        let name = directive.name.value
        guard checkedNames.contains(name) else { return nil }
        var reference: DirectiveReference { DirectiveReference(directive) }
        switch name {
        case "sticky":
            // Open-source nginx has `sticky` since 1.29.6; before that only the commercial build.
            if let version, version < SoftwareVersion([1, 29, 6]) {
                return RejectedDirective(directive: reference,
                                         reason: "unknown directive \"sticky\" in open-source nginx \(version) (added in 1.29.6)",
                                         fix: "use `ip_hash;` or `hash $remote_addr consistent;` in the upstream, or run nginx ≥ 1.29.6")
            }
        case "add_header_inherit", "add_trailer_inherit":
            if let version, version < SoftwareVersion([1, 29, 3]) {
                return RejectedDirective(directive: reference, reason: "unknown directive \"\(name)\" in nginx \(version) (added in 1.29.3)",
                                         fix: "repeat the add_header lines at this level instead")
            }
        case "proxy_set_header_inherit", "proxy_headers_inherit", "proxy_set_header_merge":
            return RejectedDirective(directive: reference, reason: "unknown directive \"\(name)\": no nginx release has it",
                                     fix: "repeat every proxy_set_header line at the level that sets its own")
        case "proxy_read_timeout", "proxy_send_timeout", "proxy_connect_timeout":
            if let value = directive.firstValue, !NginxValues.hasVariables(value), NginxValues.parseTime(value) == nil {
                return RejectedDirective(directive: reference, reason: "invalid value \"\(value)\" for \"\(name)\"",
                                         fix: "write a time such as `60s`, `5m` or `1h30m` (units ms s m h d w, largest first)")
            }
        case "client_max_body_size":
            if let value = directive.firstValue, !NginxValues.hasVariables(value), NginxValues.parseSize(value) == nil {
                return RejectedDirective(directive: reference, reason: "invalid value \"\(value)\" for \"client_max_body_size\"",
                                         fix: "write a size such as `10m`, `512k` or `0` (unlimited)")
            }
        case "proxy_http_version":
            if let value = directive.firstValue, value != "1.0", value != "1.1" {
                return RejectedDirective(directive: reference, reason: "invalid value \"\(value)\" for \"proxy_http_version\" (1.0 or 1.1)",
                                         fix: "write `proxy_http_version 1.1;`")
            }
        case "proxy_pass":
            if insideRegexLocation, let url = directive.firstValue, !NginxValues.hasVariables(url), NginxProxyPass(url).uri != nil {
                return RejectedDirective(directive: reference,
                                         reason: "\"proxy_pass\" cannot have URI part in location given by regular expression",
                                         fix: "drop the path from the proxy_pass URL (`proxy_pass http://backend;`)")
            }
        default:
            break
        }
        return nil
    }
}
