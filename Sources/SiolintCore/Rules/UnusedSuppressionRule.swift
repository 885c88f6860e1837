/// SIO900: a suppression comment that suppressed nothing (stale, wrong ids, or nothing to cover).
public enum UnusedSuppressionRule: Rule {
    public static let description = RuleDescription(
        id: "SIO900", name: "unused-suppression", defaultSeverity: .info,
        summary: "A `# siolint disable=…` comment suppresses no finding.",
        explanation: """
        The finding it was written for is gone (fixed, or the rule no longer reports it there), the ids are wrong, \
        or nothing follows the comment for it to cover. A stale suppression is a trap: it silently hides the next, \
        different problem of that rule in the same place. An own-line `# siolint disable=ID -- reason` covers the \
        next directive, or the whole block when the next directive opens one (`location`, `<VirtualHost>`, \
        `backend`); written after a directive on the same line it covers that directive (nginx and HAProxy only: \
        Apache httpd does not allow comments after a directive, so there such a comment is reported here); \
        `# siolint disable-file=ID -- reason` covers the whole file. This rule is not reported when a syntax \
        error stopped the other checks.
        """,
        fixes: [
            .nginx: "remove the suppression comment, or correct its rule ids",
            .apache: "remove the suppression comment, or correct its rule ids; put suppressions on their own line above the directive",
            .haproxy: "remove the suppression comment, or correct its rule ids",
        ],
        triggeringExamples: [
            RuleExample(.nginx, """
            http {
              server {
                listen 80;
                ↓# siolint disable=SIO101 -- the finding this was for has been fixed
                location /socket.io/ {
                  proxy_pass http://127.0.0.1:3000;
                  proxy_http_version 1.1;
                  proxy_set_header Upgrade $http_upgrade;
                  proxy_set_header Connection upgrade;
                }
              }
            }
            """, note: "nothing in the block is reported by SIO101 any more"),
            RuleExample(.nginx, """
            ↓# siolint disable-file=SIO999 -- typo in the id
            http { server { listen 80; } }
            """, note: "an id that is not a rule"),
        ],
        nonTriggeringExamples: [
            RuleExample(.nginx, """
            http {
              server {
                listen 80;
                # siolint disable=SIO202 -- the proxy is nginx 1.30, which speaks HTTP/1.1 to backends
                location /socket.io/ {
                  proxy_pass http://127.0.0.1:3000;
                  proxy_set_header Upgrade $http_upgrade;
                  proxy_set_header Connection upgrade;
                }
              }
            }
            """, arguments: ["--nginx-version", "1.22.1"], note: "the suppression silences the SIO202 finding inside the block"),
            RuleExample(.nginx, """
            http { server { listen 80; location /socket.io/ {
              proxy_pass http://127.0.0.1:3000;  # siolint disable=SIO202 -- checked: nginx 1.30 in production
              proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection upgrade; } } }
            """, arguments: ["--nginx-version", "1.22.1"], note: "the same-line form (nginx and HAProxy)"),
        ],
        tags: ["suppression"])
}
