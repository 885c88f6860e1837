/// Every rule siolint has, in catalog order (the order of `rules.json`, SARIF and `siolint rules`).
public enum RuleCatalog {
    /// Rules that check the routed model.
    public static let modelRules: [any ModelRule.Type] = [
        WebSocketIdleTimeoutRule.self,
        PollingRequestTimeoutRule.self,
        SuspiciousTimeUnitRule.self,
        WebSocketUpgradeNotForwardedRule.self,
        UpstreamHTTP10Rule.self,
        SocketIOPathRewrittenRule.self,
        SocketIORouteShadowedRule.self,
        MultipleBackendsWithoutAffinityRule.self,
        AffinityCookieNotIssuedRule.self,
        RequestBodyLimitRule.self,
        UnsupportedDirectiveRule.self,
    ]

    /// Every rule description, sorted by id.
    public static let descriptions: [RuleDescription] = (
        [ConfigSyntaxErrorRule.description, IncludeNotFoundRule.description, UnknownDirectiveRule.description,
         UnusedSuppressionRule.description,
         SuppressionWithoutReasonRule.description]
            + modelRules.map { $0.description }
    ).sorted { $0.id < $1.id }

    public static func description(id: String) -> RuleDescription? {
        descriptions.first { $0.id == id || $0.name == id }
    }
}
