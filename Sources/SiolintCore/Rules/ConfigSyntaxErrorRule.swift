/// SIO000: the configuration cannot be parsed. Findings come from the dialect parsers.
public enum ConfigSyntaxErrorRule: Rule {
    public static let description = RuleDescription(
        id: "SIO000", name: "config-syntax-error", defaultSeverity: .error,
        summary: "The configuration cannot be parsed, so the server would refuse it and nothing else can be checked.",
        explanation: """
        The file (or a file it includes) is not valid configuration syntax: an unbalanced brace or section, an \
        unterminated string, a missing `;`, bytes that are not UTF-8 text, or an include cycle. The server refuses \
        to start or reload with it. siolint reports the exact spot and checks nothing else in that configuration, \
        because any other verdict would be a guess.
        """,
        fixes: [
            .nginx: "fix the syntax at the reported spot; `nginx -t` shows the same error",
            .apache: "fix the syntax at the reported spot; `apachectl -t` shows the same error",
            .haproxy: "fix the syntax at the reported spot; `haproxy -c -f FILE` shows the same error",
        ],
        triggeringExamples: [
            RuleExample(.nginx, "http {\n  server {\n    ↓listen 80\n  }\n}\n", note: "a missing `;`"),
            RuleExample(.nginx, "↓http {\n  server {\n    listen 80;\n}\n", note: "an unclosed block (the brace closes server)"),
            RuleExample(.nginx, "http { add_header X ↓\"unterminated; }\n"),
            RuleExample(.apache, """
            ↓<VirtualHost *:80>
            ServerName example.com

            """, note: "an unclosed section"),
            RuleExample(.apache, """
            ↓<VirtualHost *:80>
            ServerName example.com
            </Location>

            """, note: "closed by the wrong name"),
            RuleExample(.apache, """
            ↓<IfModule mod_ssl.c>
            <VirtualHost *:443>
            </VirtualHost> </IfModule>

            """, note: "httpd ignores text after a closing tag, so the IfModule stays open"),
        ],
        nonTriggeringExamples: [
            RuleExample(.nginx, "http {\n  server { listen 80; location / { return 200 \"}{;\"; } }\n}\n"),
            RuleExample(.apache, """
            # a comment that continues \\
              on the next line </VirtualHost>
            <virtualhost *:80>
            Header set X-Note #not-a-comment
            </VIRTUALHOST>

            """),
        ],
        tags: ["syntax"])

    public static func finding(for problem: SyntaxProblem, server: ServerKind) -> Finding {
        finding(problem.message, at: problem.range, related: problem.relatedLocations, server: server)
    }
}

/// SIO001: an include names a file that does not exist.
public enum IncludeNotFoundRule: Rule {
    public static let description = RuleDescription(
        id: "SIO001", name: "include-not-found", defaultSeverity: .warning,
        summary: "A literal include names no file, so part of the configuration is missing from the check (and the server refuses to start).",
        explanation: """
        A literal `include` path (no wildcard) that matches no file makes nginx and Apache (`Include`) refuse to start; \
        Apache's `Include` also refuses a wildcard that matches nothing. In a repository the path often points at the \
        deployed location (`/etc/nginx/…`); use `--prefix DIR` (nginx) or `--server-root DIR` (Apache) so siolint \
        resolves it against the checked-out tree. An nginx glob that matches nothing, and anything behind Apache's \
        `IncludeOptional`, is fine and not reported.
        """,
        fixes: [
            .nginx: "fix the path, or run siolint with `--prefix DIR` pointing at the directory nginx resolves relative includes against",
            .apache: "fix the path, use `IncludeOptional` if the file may be absent, or run siolint with `--server-root DIR`",
            .haproxy: "fix the path",
        ],
        triggeringExamples: [
            RuleExample(.nginx, "http {\n  include ↓missing-file.conf;\n}\n"),
            RuleExample(.apache, "Include ↓conf.d/*.conf\n", note: "httpd refuses an Include wildcard that matches nothing"),
            RuleExample(.apache, "Include ↓missing-file.conf\n"),
        ],
        nonTriggeringExamples: [
            RuleExample(.nginx, "http {\n  include conf.d/*.conf;\n}\n", note: "a glob that matches nothing is fine"),
            RuleExample(.apache, "IncludeOptional conf.d/*.conf\nIncludeOptional missing-file.conf\n", note: "IncludeOptional is silent"),
        ],
        tags: ["syntax", "includes"])

    public static func finding(for problem: SyntaxProblem, server: ServerKind) -> Finding {
        finding(problem.message, at: problem.range, related: problem.relatedLocations, server: server)
    }
}

/// SIO900: a suppression comment that suppressed nothing.
public enum UnusedSuppressionRule: Rule {
    public static let description = RuleDescription(
        id: "SIO900", name: "unused-suppression", defaultSeverity: .info,
        summary: "A `# siolint disable=…` comment suppresses no finding.",
        explanation: """
        The finding it was written for is gone (fixed, or the rule no longer reports it there), or the ids are wrong. \
        Stale suppressions hide future findings; remove them.
        """,
        fixes: [.nginx: "remove the suppression comment", .apache: "remove the suppression comment", .haproxy: "remove the suppression comment"],
        tags: ["suppression"])
}
