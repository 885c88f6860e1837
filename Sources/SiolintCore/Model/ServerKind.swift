/// Which proxy server a configuration is written for. The model uses it only to name the server
/// in messages and to pick the fix a rule suggests; semantics live in the dialect builders.
public enum ServerKind: String, Sendable, Codable, CaseIterable {
    case nginx, apache, haproxy

    public var displayName: String {
        switch self {
        case .nginx: return "nginx"
        case .apache: return "Apache httpd"
        case .haproxy: return "HAProxy"
        }
    }
}
