/// The settings of a route that decide whether Socket.IO survives it, each with its provenance.
public struct RouteSettings: Sendable {
    /// How long an upgraded (WebSocket) connection may stay idle before the proxy closes it.
    public var upgradedIdleTimeout: Setting<TimeLimit>
    /// How long the proxy waits for the backend's response to a request (a held long-polling GET).
    public var responseTimeout: Setting<TimeLimit>
    /// The largest request body the proxy accepts.
    public var requestBodyLimit: Setting<ByteLimit>
    /// The HTTP version the proxy speaks to the backend.
    public var upstreamProtocol: Setting<UpstreamProtocol>

    public init(upgradedIdleTimeout: Setting<TimeLimit>, responseTimeout: Setting<TimeLimit>,
                requestBodyLimit: Setting<ByteLimit>, upstreamProtocol: Setting<UpstreamProtocol>) {
        self.upgradedIdleTimeout = upgradedIdleTimeout
        self.responseTimeout = responseTimeout
        self.requestBodyLimit = requestBodyLimit
        self.upstreamProtocol = upstreamProtocol
    }
}

/// The HTTP version a proxy uses towards the backend.
public enum UpstreamProtocol: Sendable, Hashable, CustomStringConvertible {
    case http10
    case http11
    /// Depends on the server version, which is not known.
    case versionDependent(String)
    /// Cannot be evaluated (set somewhere siolint could not read).
    case unknown(String)

    public var description: String {
        switch self {
        case .http10: return "HTTP/1.0"
        case .http11: return "HTTP/1.1"
        case .versionDependent(let why), .unknown(let why): return "unknown (\(why))"
        }
    }
}
