/// SIO002: a directive name the server's directive table does not have. Findings come from the
/// dialect loaders (nginx: `NginxDirectiveChecker`).
public enum UnknownDirectiveRule: Rule {
    public static let description = RuleDescription(
        id: "SIO002", name: "unknown-directive", defaultSeverity: .warning,
        summary: "A directive siolint does not know: most often a misspelling, which nginx refuses and which would otherwise leave the default in force.",
        explanation: """
        nginx refuses to start with a directive that none of its modules provides (`unknown directive \
        "proxy_read_timout"`), and until someone runs `nginx -t` the misspelt setting is simply not there: the \
        60-second default timeout stays in force and Socket.IO connections drop. siolint knows every directive of \
        the official distribution (core, events, http and its standard modules, stream, mail), those of later \
        releases, NGINX Plus, njs, and the common third-party modules (Lua/OpenResty, headers-more, brotli, \
        GeoIP2, VTS, ModSecurity, naxsi, …), and names the nearest known directive when the name looks misspelt. \
        It is a warning rather than SIO000 because a module siolint does not know may provide the directive (a \
        module compiled in, or loaded with `load_module`): when the configuration loads a module siolint does not \
        know, only names that look like misspellings of known directives are reported. The rest of the \
        configuration is still checked, and the default `--fail-on info` still fails the run. Nothing inside a \
        block of an unknown directive is checked.
        """,
        fixes: [
            .nginx: "fix the spelling (`nginx -t` says the same); if a module siolint does not know provides the directive, "
                + "suppress it with `# siolint disable=SIO002 -- provided by <module>`",
        ],
        triggeringExamples: [
            RuleExample(.nginx, """
            http { server { listen 80;
              location /socket.io/ {
                proxy_pass http://127.0.0.1:3000;
                proxy_http_version 1.1;
                proxy_set_header Upgrade $http_upgrade;
                proxy_set_header Connection upgrade;
                ↓proxy_read_timout 1h;
              } } }
            """, note: "misspelt: nginx refuses it, and the 60s default would stay in force; the help line suggests `proxy_read_timeout`"),
            RuleExample(.nginx, """
            http { server { listen 80;
              ↓vts_status_zone on;
            } }
            """, note: "a name no known module has"),
            RuleExample(.nginx, """
            load_module modules/ngx_http_example_module.so;
            events {}
            http { server { listen 80;
              ↓proxy_buffring off;
              example_filter on;
            } }
            """, note: "a module siolint does not know is loaded: only the near-miss of a known name is reported"),
        ],
        nonTriggeringExamples: [
            RuleExample(.nginx, """
            http { server { listen 80;
              more_set_headers "Server: hidden";
              brotli on;
              location /socket.io/ {
                access_by_lua_block { ngx.var.limit = 1 }
                proxy_pass http://127.0.0.1:3000;
              } } }
            """, note: "headers-more, brotli and Lua directives are known"),
            RuleExample(.nginx, """
            http { server { listen 80;
              http2 on;
              location / { proxy_pass http://127.0.0.1:3000; proxy_pass_trailers on; }
            } }
            """, note: "directives of newer nginx releases are known"),
            RuleExample(.nginx, """
            load_module modules/ngx_http_example_module.so;
            events {}
            http { server { listen 80; example_filter on; } }
            """, note: "may come from the module siolint does not know"),
            RuleExample(.nginx, """
            http { map $http_upgrade $connection_upgrade { default upgrade; '' close; } }
            """, note: "a map's lines are not directives"),
        ],
        tags: ["syntax"])

    public static func finding(for problem: SyntaxProblem, server: ServerKind) -> Finding {
        finding(problem.message, at: problem.range, related: problem.relatedLocations, server: server, help: problem.help)
    }
}
