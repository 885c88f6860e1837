/// What the routes of any frontend read of one `backend` or `listen` section when they resolve:
/// its timeouts and its `http-request` rules with the ACLs they use. Built for each backend
/// while the syntax tree is there, so that the model does not hold the tree's sections after it.
final class HAProxyBackendRouting: Sendable {
    let name: String
    let kind: HAProxyProxy.Kind
    /// `timeout server`, as inherited.
    let serverTimeout: Setting<TimeLimit>
    /// `timeout tunnel`, `nil` when no level sets it.
    let tunnelTimeout: Setting<TimeLimit>?
    /// The `http-request` rules, those of named defaults sections first.
    let httpRequestRules: [(directive: Directive, inheritedFrom: String?)]
    /// The section's ACLs read in HTTP mode, `nil` when it has no `http-request` rule to read them.
    let conditions: HAProxyConditions?

    init(_ proxy: HAProxyProxy) {
        name = proxy.name
        kind = proxy.kind
        serverTimeout = HAProxyRouteResolver.timeout(proxy, .server)
        tunnelTimeout = HAProxyRouteResolver.optionalTimeout(proxy, .tunnel)
        httpRequestRules = proxy.rules("http-request")
        conditions = httpRequestRules.isEmpty ? nil : HAProxyConditions(proxy: proxy, httpMode: true)
    }

    /// How messages name the section its own rules are inherited from.
    var label: String { "\(kind.rawValue) \(name)" }
}
