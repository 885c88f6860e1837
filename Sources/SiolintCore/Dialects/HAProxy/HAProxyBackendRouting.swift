/// What the routes of any frontend read of one `backend` or `listen` section when they resolve:
/// its timeouts and its `http-request` rules with the ACLs they use. Built for each backend
/// while the syntax tree is there, so that the model does not hold the tree's sections after it.
///
/// Two references and a kind: a large configuration has thousands of backends, most with neither
/// rules nor timeouts of their own, and each held its timeouts and an empty set of ACLs inline.
final class HAProxyBackendRouting: Sendable {
    let kind: HAProxyProxy.Kind
    let timeouts: Timeouts
    /// `nil` when the section has no `http-request` rule.
    let requestRules: RequestRules?

    /// The timeouts routes read, as inherited.
    final class Timeouts: Sendable {
        /// `timeout server`.
        let server: Setting<TimeLimit>
        /// `timeout tunnel`, `nil` when no level sets it.
        let tunnel: Setting<TimeLimit>?

        init(server: Setting<TimeLimit>, tunnel: Setting<TimeLimit>?) {
            self.server = server
            self.tunnel = tunnel
        }
    }

    /// The `http-request` rules, those of named defaults sections first, and the section's ACLs
    /// read in HTTP mode.
    final class RequestRules: Sendable {
        let rules: [(directive: Directive, inheritedFrom: String?)]
        let conditions: HAProxyConditions

        init(rules: [(directive: Directive, inheritedFrom: String?)], conditions: HAProxyConditions) {
            self.rules = rules
            self.conditions = conditions
        }
    }

    /// - Parameter inheritedTimeouts: the timeouts of the last section that sets none of its own,
    ///   shared with this one when they are equal (every section after the same defaults), and
    ///   replaced by this one's when they differ.
    /// - Parameter translations: the ACL translations of the configuration's other proxies.
    init(_ proxy: borrowing HAProxyProxy, inheritedTimeouts: inout Timeouts?, translations: HAProxyACLTranslations) {
        kind = proxy.kind
        let server = HAProxyRouteResolver.timeout(proxy, .server)
        let tunnel = HAProxyRouteResolver.optionalTimeout(proxy, .tunnel)
        if Self.isSetHere(server) || tunnel.map(Self.isSetHere) == true {
            timeouts = Timeouts(server: server, tunnel: tunnel)
        } else if let shared = inheritedTimeouts, shared.server == server, shared.tunnel == tunnel {
            timeouts = shared
        } else {
            timeouts = Timeouts(server: server, tunnel: tunnel)
            inheritedTimeouts = timeouts
        }
        let rules = proxy.rules("http-request")
        requestRules = rules.isEmpty ? nil : RequestRules(rules: rules, conditions: HAProxyConditions(proxy: proxy, httpMode: true, translations: translations))
    }

    /// Whether a line of the section itself sets the value (not a defaults section).
    private static func isSetHere(_ setting: Setting<TimeLimit>) -> Bool {
        if case .directive(_, inheritedFrom: nil) = setting.provenance { return true }
        return false
    }

    /// How messages name the section `name` (this one) when its own rules are inherited from it.
    func label(name: String) -> String { "\(kind.rawValue) \(name)" }
}
