/// SIO901: a suppression comment that does not say why.
public enum SuppressionWithoutReasonRule: Rule {
    public static let description = RuleDescription(
        id: "SIO901", name: "suppression-without-reason", defaultSeverity: .info,
        summary: "A `# siolint disable=…` comment gives no reason after `--`.",
        explanation: """
        The suppression still works, but a reviewer (or you, in a year) cannot tell whether the finding was judged \
        harmless or just silenced to make CI green. Write the reason after ` -- `: it is kept as the SARIF \
        suppression's justification and shown by `--include-suppressed`.
        """,
        fixes: [
            .nginx: "add the reason: `# siolint disable=SIO202 -- nginx 1.30 in production speaks HTTP/1.1`",
            .apache: "add the reason: `# siolint disable=SIO401 -- one backend per host, no balancing`",
            .haproxy: "add the reason: `# siolint disable=SIO401 -- single server behind this backend`",
        ],
        triggeringExamples: [
            RuleExample(.nginx, """
            http { server { listen 80;
              ↓# siolint disable=SIO202
              location /socket.io/ { proxy_pass http://127.0.0.1:3000;
                proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection upgrade; } } }
            """, arguments: ["--nginx-version", "1.22.1"]),
        ],
        nonTriggeringExamples: [
            RuleExample(.nginx, """
            http { server { listen 80;
              # siolint disable=SIO202 -- nginx 1.30 in production
              location /socket.io/ { proxy_pass http://127.0.0.1:3000;
                proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection upgrade; } } }
            """, arguments: ["--nginx-version", "1.22.1"]),
        ],
        tags: ["suppression"])
}
