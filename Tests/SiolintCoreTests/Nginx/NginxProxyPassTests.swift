import Testing
@testable import SiolintCore

/// How a `proxy_pass` URL splits into scheme, host and URI part (nginx's `ngx_http_proxy_pass`):
/// whether there is a URI part, even a lone `/`, decides whether the location prefix is replaced.
struct NginxProxyPassTests {
    @Test(arguments: [
        ("http://app0", "http", "app0", nil),
        ("http://app0/", "http", "app0", "/"),
        ("http://app0/v1/", "http", "app0", "/v1/"),
        ("https://10.0.0.1:3000/socket.io/", "https", "10.0.0.1:3000", "/socket.io/"),
        ("http://unix:/run/app.sock:/uri", "http", "unix:/run/app.sock", "/uri"),
        ("http://unix:/run/app.sock", "http", "unix:/run/app.sock", nil),
        ("http://unix:/run/app.sock:", "http", "unix:/run/app.sock", nil),
        ("$scheme://$host$request_uri", "$scheme", "$host$request_uri", nil),
        ("http://$backend/x", "http", "$backend", "/x"),
        ("backend", "", "backend", nil),
        ("a:/b", "", "a:", "/b"),
        ("http://hôte/ü", "http", "hôte", "/ü"),
        ("x://", "x", "", nil),
        ("", "", "", nil),
    ] as [(String, String, String, String?)])
    func splitsTheURL(_ url: String, _ scheme: String, _ host: String, _ uri: String?) {
        let parsed = NginxProxyPass(url)
        #expect(parsed.scheme == scheme)
        #expect(parsed.host == host)
        #expect(parsed.uri == uri)
    }
}
