/// The Socket.IO server settings the proxy must accommodate.
public struct SocketIOSettings: Sendable, Hashable {
    public enum Transport: String, Sendable, Hashable, CaseIterable {
        case polling, websocket
    }

    public var pingInterval: Duration
    public var pingTimeout: Duration
    /// The path prefix, normalized with a trailing slash (`/socket.io/`).
    public var path: String
    public var maxHTTPBufferSize: Int64
    public var transports: Set<Transport>

    public init(pingInterval: Duration = .seconds(25), pingTimeout: Duration = .seconds(20), path: String = "/socket.io/",
                maxHTTPBufferSize: Int64 = 1_000_000, transports: Set<Transport> = [.polling, .websocket]) {
        self.pingInterval = pingInterval
        self.pingTimeout = pingTimeout
        self.path = SocketIOSettings.normalize(path: path)
        self.maxHTTPBufferSize = maxHTTPBufferSize
        self.transports = transports
    }

    /// engine.io adds a trailing slash to the configured path.
    public static func normalize(path: String) -> String {
        var p = path.hasBytePrefix("/") ? path : "/" + path
        if !p.hasSuffix("/") { p += "/" }
        return p
    }

    public var usesPolling: Bool { transports.contains(.polling) }
    public var usesWebSocket: Bool { transports.contains(.websocket) }
    /// How long a healthy session can go without traffic from the server.
    public var heartbeatDeadline: Duration { pingInterval + pingTimeout }
}

/// The versions of the proxy servers the configuration must run on.
public struct TargetVersions: Sendable, Hashable {
    /// nginx version, `nil` when unknown.
    public var nginx: SoftwareVersion?
    public var apache: SoftwareVersion?
    public var haproxy: SoftwareVersion?

    public init(nginx: SoftwareVersion? = nil, apache: SoftwareVersion? = nil, haproxy: SoftwareVersion? = nil) {
        self.nginx = nginx
        self.apache = apache
        self.haproxy = haproxy
    }
}

/// A dotted version number: 1.29.7, 2.4.62, 2.8.
public struct SoftwareVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var components: [Int]

    public init(_ components: [Int]) { self.components = components }

    public init?(_ text: String) {
        let parts = text.split(separator: ".").map { Int($0) }
        guard !parts.isEmpty, parts.count <= 4, parts.allSatisfy({ $0 != nil && $0! >= 0 }) else { return nil }
        components = parts.map { $0! }
    }

    public static func < (a: SoftwareVersion, b: SoftwareVersion) -> Bool {
        let n = max(a.components.count, b.components.count)
        for i in 0..<n {
            let x = i < a.components.count ? a.components[i] : 0
            let y = i < b.components.count ? b.components[i] : 0
            if x != y { return x < y }
        }
        return false
    }

    public var description: String { components.map(String.init).joined(separator: ".") }
}
