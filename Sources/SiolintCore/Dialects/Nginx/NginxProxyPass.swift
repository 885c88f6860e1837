/// The parts of a `proxy_pass` URL: scheme, host (an upstream name, address or variable) and
/// the URI part, whose presence decides whether nginx replaces the matched location prefix.
struct NginxProxyPass {
    var scheme: String
    var host: String
    /// `nil` when the URL has no URI part (not even `/`).
    var uri: String?

    init(_ url: String) {
        var rest = Substring(url)
        if let range = rest.byteRange(of: "://") {
            scheme = String(rest[..<range.lowerBound])
            rest = rest[range.upperBound...]
        } else {
            scheme = ""
        }
        if rest.utf8.starts(with: "unix:".utf8) {
            // unix:/path/to/socket:/uri
            let afterUnix = rest.dropFirst(5)
            if let colon = afterUnix.utf8.firstIndex(of: UInt8(ascii: ":")) {
                host = "unix:" + afterUnix[..<colon]
                let u = afterUnix[afterUnix.index(after: colon)...]
                uri = u.isEmpty ? nil : String(u)
            } else {
                host = String(rest)
                uri = nil
            }
            return
        }
        if let slash = rest.utf8.firstIndex(of: UInt8(ascii: "/")) {
            host = String(rest[..<slash])
            uri = String(rest[slash...])
        } else {
            host = String(rest)
            uri = nil
        }
    }
}
