/// The provenance descriptions of route settings that quote a value (`LimitRequestBody (2 MiB
/// (2097152 bytes)) does not limit …`, `the larger of Timeout (60s) and the backend timeout
/// (30s) …`), made once per distinct value and shared by every virtual host and route that has
/// it. Formatting them was most of the time of a virtual host's shared settings and a tenth of
/// a route's, for texts only messages and `siolint trace` read, and a large configuration
/// repeats the same few values in every host.
///
/// A class behind a lock: routes are resolved on first use, from whichever thread reads them.
final class ApacheProvenanceTexts: Sendable {
    /// What a text is made from: which text, and the values it quotes.
    private enum Key: Hashable {
        case proxiedBodyLimit(ByteLimit)
        case proxyTimeoutFallback(TimeLimit)
        case backendTimeoutFallback(TimeLimit)
        case tunnelIdle(client: TimeLimit, backend: TimeLimit)
    }

    private let texts = OnceTable<Key, String>()
    /// "httpd 2.4.62", noting when the version is assumed.
    private let versionNote: String

    init(versionNote: String) {
        self.versionNote = versionNote
    }

    /// Why a configured `LimitRequestBody` does not apply to a proxied body.
    func proxiedBodyLimit(_ configured: ByteLimit) -> String {
        text(.proxiedBodyLimit(configured)) {
            "LimitRequestBody (\(configured)) does not limit request bodies mod_proxy_http forwards (observed on httpd 2.4.71)"
        }
    }

    /// `ProxyTimeout` not set: the `Timeout` value applies.
    func proxyTimeoutFallback(_ timeout: TimeLimit) -> String {
        text(.proxyTimeoutFallback(timeout)) { "ProxyTimeout not set: the Timeout value (\(timeout))" }
    }

    /// A worker `timeout=` httpd ignores: ProxyTimeout or Timeout applies.
    func backendTimeoutFallback(_ fallback: TimeLimit) -> String {
        text(.backendTimeoutFallback(fallback)) { "ProxyTimeout/Timeout (\(fallback)) applies" }
    }

    /// mod_proxy_http's tunnel idles for the larger of the two timeouts.
    func tunnelIdle(client: TimeLimit, backend: TimeLimit) -> String {
        text(.tunnelIdle(client: client, backend: backend)) {
            "the larger of Timeout (\(client)) and the backend timeout (\(backend)): mod_proxy_http's tunnel in \(versionNote)"
        }
    }

    private func text(_ key: Key, _ make: () -> String) -> String { texts.value(for: key, make) }
}
