/// The parts of a `proxy_pass` URL: scheme, host (an upstream name, address or variable) and
/// the URI part, whose presence decides whether nginx replaces the matched location prefix.
struct NginxProxyPass {
    var scheme: String
    var host: String
    /// `nil` when the URL has no URI part (not even `/`).
    var uri: String?

    init(_ url: String) {
        // Split on the URL's bytes: the separators are ASCII, and searching substrings through
        // their UTF-8 views cost about 2,000 instructions a URL (one per routed location).
        var copy = url
        (scheme, host, uri) = copy.withUTF8(NginxProxyPass.parts)
    }

    private static let unix = Array("unix:".utf8)

    private static func parts(_ bytes: UnsafeBufferPointer<UInt8>) -> (scheme: String, host: String, uri: String?) {
        func text(_ range: Range<Int>) -> String { String(copyingUTF8: UnsafeBufferPointer(rebasing: bytes[range])) }
        func first(_ byte: UInt8, in range: Range<Int>) -> Int? { range.first { bytes[$0] == byte } }
        let colon = UInt8(ascii: ":"), slash = UInt8(ascii: "/")
        var start = 0
        var scheme = ""
        if let separator = (0..<max(0, bytes.count - 2)).first(where: { bytes[$0] == colon && bytes[$0 + 1] == slash && bytes[$0 + 2] == slash }) {
            scheme = text(0..<separator)
            start = separator + 3
        }
        let end = bytes.count
        if end - start >= unix.count, (0..<unix.count).allSatisfy({ bytes[start + $0] == unix[$0] }) {
            // unix:/path/to/socket:/uri
            let afterUnix = start + unix.count
            guard let separator = first(colon, in: afterUnix..<end) else { return (scheme, text(start..<end), nil) }
            return (scheme, "unix:" + text(afterUnix..<separator), separator + 1 < end ? text(separator + 1..<end) : nil)
        }
        guard let path = first(slash, in: start..<end) else { return (scheme, text(start..<end), nil) }
        return (scheme, text(start..<path), text(path..<end))
    }
}
