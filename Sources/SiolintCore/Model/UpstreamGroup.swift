/// A group of backend servers a route can forward to, and how requests are spread over them.
public struct UpstreamGroup: Sendable {
    // One reference wide: a configuration keeps its groups in a dictionary, whose buckets held
    // the 305-byte value inline (a large configuration has thousands of groups). Groups are
    // built whole and seldom changed.
    private var storage: SharedFields<Fields>

    private struct Fields: Sendable {
        var name: String
        var declaration: SourceRange
        var servers: [BackendServer]
        var balancing: Setting<BalancingMethod>
        var affinity: Setting<Affinity>
        var queueTimeout: Setting<TimeLimit>?
    }

    public init(name: String, declaration: SourceRange, servers: [BackendServer], balancing: Setting<BalancingMethod>,
                affinity: Setting<Affinity>, queueTimeout: Setting<TimeLimit>? = nil) {
        storage = SharedFields(Fields(name: name, declaration: declaration, servers: servers, balancing: balancing,
                                      affinity: affinity, queueTimeout: queueTimeout))
    }

    public var name: String {
        get { storage.fields.name }
        set { storage.set(\.name, newValue) }
    }
    public var declaration: SourceRange {
        get { storage.fields.declaration }
        set { storage.set(\.declaration, newValue) }
    }
    public var servers: [BackendServer] {
        get { storage.fields.servers }
        set { storage.set(\.servers, newValue) }
    }
    public var balancing: Setting<BalancingMethod> {
        get { storage.fields.balancing }
        set { storage.set(\.balancing, newValue) }
    }
    /// What keeps one client on one server, if anything.
    public var affinity: Setting<Affinity> {
        get { storage.fields.affinity }
        set { storage.set(\.affinity, newValue) }
    }
    /// How long a request may wait for a free server of the group (Apache balancer `timeout=`,
    /// HAProxy `timeout queue`), when written. It is not a timeout on the backend connection;
    /// timeout rules show it so that nobody mistakes it for one.
    public var queueTimeout: Setting<TimeLimit>? {
        get { storage.fields.queueTimeout }
        set { storage.set(\.queueTimeout, newValue) }
    }

    /// The servers that take traffic in normal operation (not backup, not marked down).
    public var activeServers: [BackendServer] { servers.filter { !$0.isBackup && !$0.isDown } }

    /// Whether more than one server takes traffic in normal operation, counted without building
    /// `activeServers` (asked of every group a polling request reaches).
    public var hasSeveralActiveServers: Bool {
        var active = 0
        for server in servers where !server.isBackup && !server.isDown {
            active += 1
            if active > 1 { return true }
        }
        return false
    }
}

/// One backend server.
public struct BackendServer: Sendable, Hashable {
    public var address: String
    public var directive: DirectiveReference
    public var isBackup: Bool
    public var isDown: Bool

    public init(address: String, directive: DirectiveReference, isBackup: Bool = false, isDown: Bool = false) {
        self.address = address
        self.directive = directive
        self.isBackup = isBackup
        self.isDown = isDown
    }
}

/// How a group chooses a server for a new request.
public enum BalancingMethod: Sendable, Hashable, CustomStringConvertible {
    case roundRobin
    case leastConnections
    case random
    case first
    case sourceAddress
    case hash(key: String)
    case other(String)

    public var description: String {
        switch self {
        case .roundRobin: return "round robin"
        case .leastConnections: return "least connections"
        case .random: return "random"
        case .first: return "first available"
        case .sourceAddress: return "client address hash"
        case .hash(let key): return "hash of \(key)"
        case .other(let s): return s
        }
    }
}

/// What keeps a client's requests on the server that holds its session.
public enum Affinity: Sendable, Hashable, CustomStringConvertible {
    case none
    /// A hash of the client address (or the address a trusted header carries).
    case clientAddress
    /// A hash of a request value; `keepsClient` says whether that value is the same for every
    /// request of one Socket.IO session.
    case hash(key: String, keepsClient: Bool)
    /// A cookie names the server. `issuer` says who sets it.
    case cookie(name: String, issuer: CookieIssuer)
    /// A table remembers the server per client key.
    case stickTable(key: String)

    public var description: String {
        switch self {
        case .none: return "none"
        case .clientAddress: return "client address"
        case .hash(let key, _): return "hash of \(key)"
        case .cookie(let name, _): return "cookie \(name)"
        case .stickTable(let key): return "stick table on \(key)"
        }
    }
}

/// Who sets an affinity cookie.
public enum CookieIssuer: Sendable, Hashable {
    /// The proxy sets it itself.
    case proxy
    /// The proxy only rewrites or reads a cookie the application must set (Socket.IO sends none
    /// since v3); the text says which.
    case application(String)
    /// Nothing in the configuration sets it; the text says what is missing.
    case nobody(String)
}
