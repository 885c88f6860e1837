/// One virtual server: something that accepts requests on some addresses and names, and routes
/// them (nginx `server`, Apache main server or `<VirtualHost>`, HAProxy `frontend`/`listen`).
public struct VirtualServer: Sendable {
    /// How users would name it: "server example.com (listen 80)".
    public var label: String
    public var names: [String]
    public var listens: [String]
    /// Where it is declared (the block's opening directive, or the file for an implicit server).
    public var declaration: SourceRange
    /// Routing stages in the order the server applies them; the first stage that yields a route
    /// decides (Apache: rewrites, then ProxyPass, then `<Location>`; nginx and HAProxy: one stage).
    public var stages: [RouteTable]

    public init(label: String, names: [String] = [], listens: [String] = [], declaration: SourceRange, stages: [RouteTable]) {
        self.label = label
        self.names = names
        self.listens = listens
        self.declaration = declaration
        self.stages = stages
    }
}
