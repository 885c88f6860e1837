/// One of the requests a Socket.IO client makes, routed through the configuration the way the
/// proxy would route it.
public struct ProbeRequest: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// `GET /socket.io/?EIO=4&transport=polling`: the handshake and every held long-poll.
        case pollingGet = "polling GET"
        /// `POST /socket.io/?EIO=4&transport=polling&sid=…`: what the client sends.
        case pollingPost = "polling POST"
        /// `GET /socket.io/?EIO=4&transport=websocket&sid=…` with `Upgrade: websocket`.
        case webSocketUpgrade = "WebSocket upgrade"

        // By case, not by raw value (the default for raw-value enums hashes the string); routes
        // are kept in dictionaries keyed by kind.
        public func hash(into hasher: inout Hasher) {
            switch self {
            case .pollingGet: hasher.combine(0)
            case .pollingPost: hasher.combine(1)
            case .webSocketUpgrade: hasher.combine(2)
            }
        }
    }

    public var kind: Kind
    /// The Host header. Kept apart from `headers`: every server sends the probes with its own
    /// name, and a dictionary copied per server was a twentieth of the peak memory.
    public var host: String
    // What every server's probe of one kind shares, behind one reference: a routed probe keeps
    // its request, and the inline fields were 80 of its bytes.
    private var shared: SharedFields<Fields>

    private struct Fields: Sendable, Hashable {
        var method: String
        var path: String
        var query: String
        /// Sorted by name, each name once: a probe has a handful of headers, and a dictionary
        /// lookup hashed the name (400 instructions) where comparing a few names costs tens.
        var headers: [HeaderField]
    }

    private struct HeaderField: Sendable, Hashable {
        var name: String
        var value: String
    }

    public var method: String {
        get { shared.fields.method }
        set { shared.set(\.method, newValue) }
    }
    public var path: String {
        get { shared.fields.path }
        set { shared.set(\.path, newValue) }
    }
    public var query: String {
        get { shared.fields.query }
        set { shared.set(\.query, newValue) }
    }
    /// The other headers; names in lower case.
    public var headers: [String: String] {
        get { Dictionary(uniqueKeysWithValues: shared.fields.headers.map { ($0.name, $0.value) }) }
        set { shared.set(\.headers, ProbeRequest.fields(of: newValue)) }
    }

    private static func fields(of headers: [String: String]) -> [HeaderField] {
        headers.map { HeaderField(name: $0.key, value: $0.value) }.sorted { $0.name < $1.name }
    }

    public init(kind: Kind, method: String, path: String, query: String, host: String, headers: [String: String]) {
        self.kind = kind
        self.host = host
        self.shared = SharedFields(Fields(method: method, path: path, query: query, headers: ProbeRequest.fields(of: headers)))
    }

    public static func == (a: ProbeRequest, b: ProbeRequest) -> Bool {
        a.kind == b.kind && a.host == b.host
            && (a.shared.isSameStorage(as: b.shared) || a.shared.fields == b.shared.fields)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(host)
        hasher.combine(shared.fields)
    }

    /// A request header by lower-case name, Host included.
    public func header(_ name: String) -> String? {
        if name == "host" { return host }
        let count = name.utf8.count
        for field in shared.fields.headers where field.name.utf8.count == count && field.name == name { return field.value }
        return nil
    }

    public var uri: String { query.isEmpty ? path : path + "?" + query }

    /// The three probes for a Socket.IO path and a Host name.
    public static func probes(for settings: SocketIOSettings, host: String) -> [ProbeRequest] {
        let sid = "siolint0000000000000"
        let common = ["user-agent": "siolint-probe", "accept": "*/*"]
        return [
            ProbeRequest(kind: .pollingGet, method: "GET", path: settings.path, query: "EIO=4&transport=polling", host: host, headers: common),
            ProbeRequest(kind: .pollingPost, method: "POST", path: settings.path, query: "EIO=4&transport=polling&sid=\(sid)", host: host,
                         headers: common.merging(["content-type": "text/plain;charset=UTF-8"]) { $1 }),
            ProbeRequest(kind: .webSocketUpgrade, method: "GET", path: settings.path, query: "EIO=4&transport=websocket&sid=\(sid)", host: host,
                         headers: common.merging(["upgrade": "websocket", "connection": "Upgrade",
                                                  "sec-websocket-version": "13", "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ=="]) { $1 }),
        ]
    }
}
