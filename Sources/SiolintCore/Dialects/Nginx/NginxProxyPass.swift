/// The parts of a `proxy_pass` URL: scheme, host (an upstream name, address or variable) and
/// the URI part, whose presence decides whether nginx replaces the matched location prefix.
struct NginxProxyPass {
    var scheme: String
    var host: String
    /// `nil` when the URL has no URI part (not even `/`).
    var uri: String?

    init(_ url: String) {
        var rest = Substring(url)
        if let range = NginxProxyPass.schemeSeparator(in: rest) {
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

    /// Where `://` stands: a byte search on ASCII text (where it is what Foundation finds), Foundation's search otherwise.
    private static func schemeSeparator(in text: Substring) -> Range<Substring.Index>? {
        let utf8 = text.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return text.byteRange(of: "://") }
        var i = utf8.startIndex
        while i != utf8.endIndex {
            if utf8[i] == 0x3A {
                let a = utf8.index(after: i)
                if a != utf8.endIndex, utf8[a] == 0x2F {
                    let b = utf8.index(after: a)
                    if b != utf8.endIndex, utf8[b] == 0x2F { return i..<utf8.index(after: b) }
                }
            }
            i = utf8.index(after: i)
        }
        return nil
    }
}
