/// SIO000: the configuration cannot be parsed. Findings come from the dialect parsers.
public enum ConfigSyntaxErrorRule: Rule {
    public static let description = RuleDescription(
        id: "SIO000", name: "config-syntax-error", defaultSeverity: .error,
        summary: "The configuration cannot be parsed, so the server would refuse it and nothing else can be checked.",
        explanation: """
        The file (or a file it includes) is not valid configuration syntax: an unbalanced brace or section, an \
        unterminated string, a missing `;`, bytes that are not UTF-8 text, or an include cycle. For nginx, also \
        what nginx's directive table refuses: a directive in a context it is not allowed in, the wrong number of \
        arguments, a block where `;` belongs (or the reverse), a flag that is not `on`/`off`, an `if` whose \
        condition nginx cannot read, and a regular expression PCRE refuses (in `location ~`, `if`, `rewrite` or a \
        `map` key: an unclosed group or class, a stray `)`, a quantifier with nothing to repeat); the message is \
        nginx's own. The server refuses to start or reload with it. \
        siolint reports the exact spot and checks nothing else in that configuration, because any other verdict \
        would be a guess. (A file read as a fragment is checked against every context it could be included in.)
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
            RuleExample(.nginx, "↓user www-data www-data nogroup;\nevents {}\nhttp {}\n", note: "invalid number of arguments in \"user\" directive"),
            RuleExample(.nginx, "events {}\nhttp {\n  ↓proxy_pass http://127.0.0.1:3000;\n}\n",
                        note: "\"proxy_pass\" directive is not allowed here (only in a location, or an `if` in one)"),
            RuleExample(.nginx, """
            http { server { listen 80;
              location /socket.io/ {
                ↓if ($http_upgrade != websocket {
                  return 400;
                }
                proxy_pass http://127.0.0.1:3000;
                ↓proxy_buffering no;
              } } }

            """, note: "invalid condition \"websocket\" (the closing parenthesis is missing); a flag is `on` or `off`"),
            RuleExample(.nginx, """
            http { server { listen 80;
              location ~ ↓^/(socket\\.io/ { proxy_pass http://127.0.0.1:3000; }
            } }

            """, note: "pcre2_compile() failed: missing closing parenthesis"),
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
            RuleExample(.haproxy, """
            ↓maxconn 100
            global
              maxconn 100

            """, note: "a keyword before any section"),
            RuleExample(.haproxy, """
            frontend fe
              bind :80
              http-request set-header X-A ↓"unterminated

            """, note: "an unterminated quote"),
            RuleExample(.haproxy, """
            ↓frontend
              bind :80

            """, note: "a section without a name"),
            RuleExample(.haproxy, """
            .if version_atleast(2.0)
            frontend fe
              bind :80
            .endif
            ↓.endif

            """, note: "an .endif without .if"),
        ],
        nonTriggeringExamples: [
            RuleExample(.nginx, "http {\n  server { listen 80; location / { return 200 \"}{;\"; } }\n}\n"),
            RuleExample(.nginx, """
            user www-data;
            events {}
            http { server { listen 80;
              if ( $request_method = POST ) { return 405; }
              location /socket.io/ {
                if ($http_upgrade) { set $upgrade 1; }
                if (!-f $request_filename) { proxy_pass http://127.0.0.1:3000; }
                limit_except GET POST { deny all; }
                proxy_buffering off;
              } } }

            """),
            RuleExample(.nginx, "# siolint: context=server\nlocation /socket.io/ { proxy_pass http://127.0.0.1:3000; }\nproxy_set_header Host $host;\n",
                        note: "a fragment: checked against the contexts it could be included in"),
            RuleExample(.apache, """
            # a comment that continues \\
              on the next line </VirtualHost>
            <virtualhost *:80>
            Header set X-Note #not-a-comment
            </VIRTUALHOST>

            """),
            RuleExample(.haproxy, """
            global
              maxconn 100 # a comment
            frontend fe
              bind :80
              http-request set-header X-Hash \\#not-a-comment
              http-request set-header X-Quote 'single "quoted" $literal'
            .if defined(SOME_UNKNOWN_VARIABLE)
              bind :81
            .elif version_atleast(2.4)
              bind :82
            .else
              bind :83
            .endif

            """),
        ],
        tags: ["syntax"])

    public static func finding(for problem: SyntaxProblem, server: ServerKind) -> Finding {
        finding(problem.message, at: problem.range, related: problem.relatedLocations, server: server, help: problem.help)
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
