import Testing
@testable import SiolintCore

/// nginx's directive table: what `nginx -t` refuses through it is SIO000 in nginx's words, unknown
/// names are SIO002, and what nginx accepts stays quiet. (Every refusal below was checked with
/// Debian's nginx 1.22.1, `nginx -t`.)
struct NginxDirectiveTableTests {
    private func findings(_ text: String, _ rule: String, files: [String: String] = [:], arguments: [String] = []) throws -> [Finding] {
        let report = try LintHarness.lint(text, arguments: arguments, files: files)
        #expect(report.failure == nil)
        return report.findings.filter { $0.ruleID == rule }
    }

    private func syntaxMessages(_ text: String, files: [String: String] = [:]) throws -> [String] {
        try findings(text, "SIO000", files: files).map(\.message)
    }

    // MARK: - Argument counts, blocks, flags

    @Test func userTakesOneOrTwoArguments() throws {
        let found = try findings("user a b c;\nevents {}\nhttp {}\n", "SIO000")
        #expect(found.map(\.message) == ["invalid number of arguments in \"user\" directive"])
        #expect(found.first?.range.start.line == 1 && found.first?.range.start.column == 1)
        #expect(try syntaxMessages("user;\nevents {}\n") == ["invalid number of arguments in \"user\" directive"])
        #expect(try syntaxMessages("user www;\nevents {}\nhttp {}\n").isEmpty)
        #expect(try syntaxMessages("user www www;\nevents {}\nhttp {}\n").isEmpty)
    }

    @Test func blocksAndSemicolons() throws {
        #expect(try syntaxMessages("events {}\nhttp;\n") == ["directive \"http\" has no opening \"{\""])
        #expect(try syntaxMessages("events {}\nhttp { gzip on { } }\n") == ["directive \"gzip\" is not terminated by \";\""])
        // In an http upstream, `server` is a line; in http, a block.
        #expect(try syntaxMessages("events {}\nhttp { upstream b { server 127.0.0.1:3000 { } } }\n")
                == ["directive \"server\" is not terminated by \";\""])
        #expect(try syntaxMessages("events {}\nhttp { upstream b { server 127.0.0.1:3000 weight=2 max_fails=3; } server { listen 80; } }\n").isEmpty)
    }

    @Test func flagsAreOnOrOff() throws {
        #expect(try syntaxMessages("events {}\nhttp { gzip yes; }\n") == ["invalid value \"yes\" in \"gzip\" directive, it must be \"on\" or \"off\""])
        #expect(try syntaxMessages("events {}\nhttp { gzip $x; }\n") == ["invalid value \"$x\" in \"gzip\" directive, it must be \"on\" or \"off\""])
        #expect(try syntaxMessages("events {}\nhttp { gzip ON; proxy_buffering Off; }\n").isEmpty)
        #expect(try syntaxMessages("events {}\nhttp { gzip on off; }\n") == ["invalid number of arguments in \"gzip\" directive"])
    }

    @Test func dryRunsAreFlags() throws {
        // NGX_CONF_FLAG in nginx, TAKE1 in crossplane's table.
        #expect(try syntaxMessages("events {}\nhttp { limit_req_dry_run maybe; }\n")
                == ["invalid value \"maybe\" in \"limit_req_dry_run\" directive, it must be \"on\" or \"off\""])
        #expect(try syntaxMessages("events {}\nhttp { server { location / { limit_conn_dry_run yes; } } }\n")
                == ["invalid value \"yes\" in \"limit_conn_dry_run\" directive, it must be \"on\" or \"off\""])
        #expect(try syntaxMessages("events {}\nstream { server { listen 1; return x; limit_conn_dry_run $x; } }\n")
                == ["invalid value \"$x\" in \"limit_conn_dry_run\" directive, it must be \"on\" or \"off\""])
        #expect(try syntaxMessages("events {}\nhttp { limit_req_dry_run on off; }\n") == ["invalid number of arguments in \"limit_req_dry_run\" directive"])
        #expect(try syntaxMessages("events {}\nhttp { limit_req_dry_run; }\n") == ["invalid number of arguments in \"limit_req_dry_run\" directive"])
        #expect(try syntaxMessages("""
        events {}
        http { limit_req_dry_run on; limit_conn_dry_run OFF;
          server { limit_req_dry_run off; location / { limit_conn_dry_run On; } } }
        stream { limit_conn_dry_run on; server { listen 1; return x; limit_conn_dry_run off; } }
        """).isEmpty)
        // The stream module has no limit_req.
        #expect(try syntaxMessages("events {}\nstream { limit_req_dry_run on; }\n") == ["\"limit_req_dry_run\" directive is not allowed here"])
    }

    @Test func limitReqZoneTakesThreeArguments() throws {
        let zone = "limit_req_zone $binary_remote_addr zone=one:10m rate=1r/s"
        #expect(try syntaxMessages("events {}\nhttp { \(zone); }\n").isEmpty)
        // `sync` is NGINX Plus's: open-source nginx refuses a fourth argument.
        #expect(try syntaxMessages("events {}\nhttp { \(zone) sync; }\n") == ["invalid number of arguments in \"limit_req_zone\" directive"])
        #expect(try syntaxMessages("events {}\nhttp { limit_req_zone $binary_remote_addr zone=one:10m; }\n")
                == ["invalid number of arguments in \"limit_req_zone\" directive"])
        #expect(try syntaxMessages("events {}\nhttp { server { \(zone); } }\n") == ["\"limit_req_zone\" directive is not allowed here"])
    }

    @Test func tooManyArguments() throws {
        #expect(try syntaxMessages("events {}\nhttp { server { location / { proxy_set_header A b c; } } }\n")
                == ["invalid number of arguments in \"proxy_set_header\" directive"])
        #expect(try syntaxMessages("events {}\nhttp { server { location / { try_files =404; } } }\n")
                == ["invalid number of arguments in \"try_files\" directive"])
        #expect(try syntaxMessages("events {}\nhttp { server { location / { try_files $uri $uri/ =404; add_header X-A b always; } } }\n").isEmpty)
    }

    // MARK: - Contexts

    @Test func proxyPassInHTTPIsRefused() throws {
        let found = try findings("events {}\nhttp {\n  proxy_pass http://127.0.0.1:3000;\n}\n", "SIO000")
        #expect(found.map(\.message) == ["\"proxy_pass\" directive is not allowed here"])
        #expect(found.first?.range.start.line == 3 && found.first?.range.start.column == 3)
    }

    @Test func ifContexts() throws {
        // proxy_pass, return, rewrite, set, add_header in `if` inside a location (NGX_HTTP_LIF_CONF): fine.
        #expect(try syntaxMessages("""
        events {}
        http { server { listen 80;
          if ($request_method = OPTIONS) { return 204; set $a 1; rewrite ^ /x; }
          location / {
            if ($http_upgrade) { proxy_pass http://127.0.0.1:3000; add_header X-A b; set $b 1; }
          } } }
        """).isEmpty)
        // proxy_pass in `if` in a server (NGX_HTTP_SIF_CONF) is not.
        #expect(try syntaxMessages("events {}\nhttp { server { if ($a) { proxy_pass http://x; } } }\n")
                == ["\"proxy_pass\" directive is not allowed here"])
        #expect(try syntaxMessages("events {}\nhttp { server { location / { if ($a) { if ($b) { } } } } }\n")
                == ["\"if\" directive is not allowed here"])
        #expect(try syntaxMessages("events {}\nhttp { server { location / { if ($a) { location /x { } } } } }\n")
                == ["\"location\" directive is not allowed here"])
    }

    @Test func limitExcept() throws {
        #expect(try syntaxMessages("""
        events {}
        http { server { location / { limit_except GET POST { allow 127.0.0.1; deny all; auth_basic x; proxy_pass http://x; } } } }
        """).isEmpty)
        #expect(try syntaxMessages("events {}\nhttp { server { location / { limit_except GET { return 403; } } } }\n")
                == ["\"return\" directive is not allowed here"])
    }

    @Test func streamAndMail() throws {
        #expect(try syntaxMessages("""
        events {}
        stream {
          upstream b { server 127.0.0.1:3000; hash $remote_addr consistent; }
          server { listen 12345; proxy_pass b; set $x 1; ssl_preread on; }
        }
        mail { server { listen 25; protocol smtp; } }
        """).isEmpty)
        #expect(try syntaxMessages("events {}\nstream { server { listen 1; location / { } } }\n") == ["\"location\" directive is not allowed here"])
    }

    @Test func blocksWhoseLinesAreNotDirectives() throws {
        #expect(try syntaxMessages("""
        events {}
        http {
          map $http_upgrade $connection_upgrade { default upgrade; '' close; hostnames; ~^x 1; }
          geo $internal { default 0; 10.0.0.0/8 1; }
          split_clients "${remote_addr}" $variant { 50% a; * b; }
          types { text/html html htm; application/javascript js; }
          charset_map koi8-r utf-8 { C0 D18E; }
          server { listen 80; location / { types { } default_type text/plain; } }
        }
        """).isEmpty)
    }

    @Test func luaBlocksAreRawText() throws {
        let text = """
        events {}
        http { server { listen 80; location / {
          content_by_lua_block { if ngx.var.x then ngx.say("} { ;") end }
          set_by_lua_block $y { return 1 }
        } } }
        """
        #expect(try syntaxMessages(text).isEmpty)
        #expect(try findings(text, "SIO002").isEmpty)
    }

    @Test func includedFilesAreCheckedWhereTheyAreIncluded() throws {
        let found = try findings("events {}\nhttp {\n  include /virtual/conf.d/site.conf;\n}\n", "SIO000",
                                 files: ["/virtual/conf.d/site.conf": "server { listen 80; }\n\nproxy_pass http://x;\n"])
        #expect(found.map(\.message) == ["\"proxy_pass\" directive is not allowed here"])
        #expect(found.first?.range.start.file.hasSuffix("conf.d/site.conf") == true)
        #expect(found.first?.range.start.line == 3 && found.first?.range.start.column == 1)
        // The same file included twice gives one finding.
        let twice = try findings("events {}\nhttp {\n  include /virtual/a.conf;\n  include /virtual/a.conf;\n}\n", "SIO000",
                                 files: ["/virtual/a.conf": "gzip maybe;\n"])
        #expect(twice.count == 1)
        // The included file brings the `location` of a server.
        #expect(try syntaxMessages("events {}\nhttp { server { include /virtual/l.conf; } }\n",
                                   files: ["/virtual/l.conf": "location / { proxy_pass http://x; }\n"]).isEmpty)
    }

    // MARK: - Fragments

    @Test func fragmentsAreCheckedAgainstEveryContextTheyCouldBeIn() throws {
        // No main-only directive: may be included anywhere.
        #expect(try syntaxMessages("ssl_protocols TLSv1.2 TLSv1.3;\nssl_prefer_server_ciphers on;\nadd_header X-A b;\n").isEmpty)
        #expect(try syntaxMessages("proxy_pass http://127.0.0.1:3000;\nproxy_set_header Host $host;\n").isEmpty)
        // A stream fragment is inferred as http: stream's contexts are possible too.
        #expect(try syntaxMessages("upstream b { server 127.0.0.1:1; }\nserver { listen 12345; proxy_pass b; }\n").isEmpty)
        // Locations may be included in a server or in a location.
        #expect(try syntaxMessages("location /a { proxy_pass http://x; }\nalias /srv/a;\n").isEmpty)
        #expect(try syntaxMessages("# siolint: context=server\nlocation /socket.io/ { proxy_pass http://x; }\nproxy_set_header Host $host;\n").isEmpty)
        // What no context allows is still refused; argument counts always count.
        #expect(try syntaxMessages("server { listen 80; }\nlocation / { }\n") == ["\"location\" directive is not allowed here"])
        #expect(try syntaxMessages("try_files =404;\n") == ["invalid number of arguments in \"try_files\" directive"])
    }

    @Test func aMainFileIsCheckedAsOne() throws {
        #expect(try syntaxMessages("worker_processes 2;\nserver { listen 80; }\n") == ["\"server\" directive is not allowed here"])
    }

    // MARK: - if conditions

    @Test(arguments: [
        ("()", "invalid condition \")\""), ("( )", "invalid condition \")\""), ("($slow", "invalid condition \"$slow\""),
        ("$slow)", "invalid condition \"$slow)\""), ("$slow", "invalid condition \"$slow\""),
        ("($a == b)", "unexpected \"==\" in condition"), ("($a = b c)", "invalid condition \"$a\""),
        ("($a =)", "invalid condition \"$a\""), ("(-q /x)", "invalid condition \"-q\""), ("(!-q /x)", "invalid condition \"!-q\""),
        ("(-e)", "invalid condition \"-e\""), ("($)", "invalid condition \"$\""), ("(a)", "invalid condition \"a\""),
        ("(($a))", "invalid condition \"($a)\""), ("($a ! b)", "unexpected \"!\" in condition"),
    ])
    func invalidIfConditions(_ condition: String, _ message: String) throws {
        #expect(try syntaxMessages("events {}\nhttp { server { location / { if \(condition) { return 404; } } } }\n") == [message])
    }

    @Test(arguments: ["($slow)", "( $slow )", "($a = b)", "( $request_method = POST )", "($a != b)", "($http_upgrade ~* websocket)",
                      "($a !~ \"^(x|y)$\")", "($a !~* b)", "(-f $request_filename)", "(!-f $request_filename)",
                      "(!-x /x)", "(-d /x )", "( -e /x)"])
    func validIfConditions(_ condition: String) throws {
        #expect(try syntaxMessages("events {}\nhttp { server { location / { if \(condition) { return 404; } } } }\n").isEmpty)
    }

    @Test func ifConditionSyntaxDirectly() {
        #expect(NginxIfConditionSyntax.problem(["(", "$a", ")"]) == nil)
        #expect(NginxIfConditionSyntax.problem(["()"]) == "invalid condition \")\"")
        #expect(NginxIfConditionSyntax.problem(["("]) == "invalid condition \"(\"")
        #expect(NginxIfConditionSyntax.problem([""]) == "invalid condition \"\"")
    }

    // MARK: - Regular expressions

    @Test(arguments: [
        (#"http { server { location / { if ($uri ~ "(unclosed") { return 404; } } } }"#,
         #"pcre2_compile() failed: missing closing parenthesis in "(unclosed""#),
        (#"http { server { if ($uri ~* (x) { return 404; } } }"#, #"pcre2_compile() failed: missing closing parenthesis in "(x""#),
        (#"http { server { location / { if ($http_upgrade !~* "^websocket)") { return 400; } } } }"#,
         #"pcre2_compile() failed: unmatched closing parenthesis in "^websocket)" at ")""#),
        (#"http { server { location ~ "[abc" { } } }"#, #"pcre2_compile() failed: missing terminating ] for character class in "[abc""#),
        (#"http { server { location ~* ^/(a|*b) { } } }"#,
         #"pcre2_compile() failed: quantifier does not follow a repeatable item in "^/(a|*b)" at "*b)""#),
        (#"http { server { location ~*\.php)$ { } } }"#, #"pcre2_compile() failed: unmatched closing parenthesis in "\.php)$" at ")$""#),
        (#"http { server { rewrite *abc /x; } }"#, #"pcre2_compile() failed: quantifier does not follow a repeatable item in "*abc" at "*abc""#),
        (#"http { server { location / { rewrite ^/(.**)$ /x last; } } }"#,
         #"pcre2_compile() failed: quantifier does not follow a repeatable item in "^/(.**)$" at "*)$""#),
        (#"http { map $uri $m { ~^/(a 1; } }"#, #"pcre2_compile() failed: missing closing parenthesis in "^/(a""#),
        (#"stream { map $remote_addr $m { "~*[x" 1; } server { listen 1; return $m; } }"#,
         #"pcre2_compile() failed: missing terminating ] for character class in "[x""#),
    ])
    func regexesPCRERefuses(_ body: String, _ message: String) throws {
        #expect(try syntaxMessages("events {}\n" + body + "\n") == [message])
    }

    @Test func regexFindingsStandAtTheRegex() throws {
        let found = try findings("events {}\nhttp { server { location / {\n  if ($uri ~ \"(unclosed\") { return 404; }\n} } }\n", "SIO000")
        #expect(found.count == 1)
        #expect(found.first?.range.start.line == 3 && found.first?.range.start.column == 14)
        let key = try findings("events {}\nhttp {\n  map $uri $m {\n    default 0;\n    ~^/(a 1;\n  }\n}\n", "SIO000")
        #expect(key.first?.range.start.line == 5 && key.first?.range.start.column == 5)
    }

    /// PCRE2 syntax ICU lacks or reads otherwise, and nginx accepts: never SIO000.
    @Test(arguments: [#"^/(?<app>[a-z]+)/(?P<rest>.*)$"#, #"(?|(a)|(b))"#, #"\Q(\E"#, #"(?#a comment(with a paren)x"#, #"(?x) a #("#,
                      #"[[:alpha:]]+"#, #"[]a]"#, #"[^]a]"#, #"\c("#, #"(*UTF)(*:mark(x)a"#, #"(?(1)a|b)(c)"#, #"(?(+1)a|b)(c)"#,
                      #"a*+b++"#, #"^(?R)?"#, #"\(\)"#, #"[(][)]"#, #"a{,3}"#, #"x{2"#, #"(?=a)*"#, #"(*ACCEPT)*"#,
                      #"^/socket\.io/(?:websocket|polling)?$"#, #"\.(?:css|js|png)$"#, #"^/api/v[0-9]{1,2}/"#])
    func regexesNginxAccepts(_ pattern: String) throws {
        let quoted = "\"" + pattern.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        #expect(try syntaxMessages("""
        events {}
        http { map $uri $m { \("\"~" + quoted.dropFirst()) 1; }
          server { rewrite \(quoted) /x; location ~* \(quoted) { }
            location / { if ($uri !~ \(quoted)) { return 404; } } } }
        """).isEmpty)
    }

    @Test func onlyWhatICURefusesToo() throws {
        // nginx refuses `^*a` (quantifier does not follow a repeatable item), ICU accepts it: not reported.
        #expect(NginxRegexSyntax.firstError(Array("^*a".utf8)) == .nothingToRepeat(1))
        #expect(NginxRegexSyntax.problem("^*a", caseInsensitive: false) == nil)
        #expect(try syntaxMessages("events {}\nhttp { server { location ~ \"^*a\" { } } }\n").isEmpty)
    }

    @Test func regexScanner() {
        func first(_ pattern: String) -> NginxRegexSyntax.Mistake? { NginxRegexSyntax.firstError(Array(pattern.utf8)) }
        #expect(first("(a") == .missingClosingParenthesis)
        #expect(first("(a))b") == .unmatchedClosingParenthesis(3))
        #expect(first("[a\\]") == .missingClosingBracket)
        #expect(first("[]") == .missingClosingBracket)
        #expect(first("a|?b") == .nothingToRepeat(2))
        #expect(first("a+*") == .nothingToRepeat(2))
        #expect(first("(?i)*a") == .nothingToRepeat(4))
        // PCRE2 reads left to right: the first mistake wins.
        #expect(first("*a(") == .nothingToRepeat(0))
        #expect(first("(a[b") == .missingClosingBracket)
        #expect(first("a)b(") == .unmatchedClosingParenthesis(1))
        // Fine, or not followed (PCRE2 may stop first with another message, or the release decides): no verdict.
        for pattern in ["a*?", "a++", "a{2}+", "(?:a)*", "\\d+\\.(x)", "[a-z0-9_-]+", "[\\w.-]+", "\\Q(", "(?x)(", "(*UTF)(", "(?#(",
                        "[[:alpha:](", "(?-1)(", "\\p{L}(", "\\g{-1}(", "(?<n>a)(?<n>b)(", "[z-a](", "{2}(", "x{,2}*(", "(?(?=a)b)(",
                        "\\u(", "\\", "(?C1)("] {
            #expect(first(pattern) == nil, "\\(pattern)")
        }
    }

    @Test func ifConditionRegexArgument() {
        #expect(NginxIfConditionSyntax.regex(["($a", "~", "(x)"])! == (2, "(x", false))
        #expect(NginxIfConditionSyntax.regex(["(", "$a", "~*", "x", ")"])! == (3, "x", true))
        #expect(NginxIfConditionSyntax.regex(["($a", "!~", "x", ")"])! == (2, "x", false))
        #expect(NginxIfConditionSyntax.regex(["($a", "!~*", "x)"])! == (2, "x", true))
        #expect(NginxIfConditionSyntax.regex(["($a)"]) == nil)
        #expect(NginxIfConditionSyntax.regex(["($a", "=", "x)"]) == nil)
        #expect(NginxIfConditionSyntax.regex(["(-f", "x)"]) == nil)
    }

    // MARK: - Unknown directives (SIO002)

    @Test func misspeltDirectiveGetsASuggestion() throws {
        let found = try findings("events {}\nhttp { server { location / {\n  proxy_read_timout 1h;\n} } }\n", "SIO002")
        #expect(found.map(\.message) == ["unknown directive \"proxy_read_timout\""])
        #expect(found.first?.help == "did you mean \"proxy_read_timeout\"?")
        #expect(found.first?.severity == .warning)
        #expect(found.first?.range.start.line == 3 && found.first?.range.start.column == 3)
        #expect(try findings("events {}\nhttp { server { location / { proxy_passs http://x; } } }\n", "SIO002").first?.help
                == "did you mean \"proxy_pass\"?")
        #expect(try findings("Proxy_Pass http://x;\n", "SIO002").first?.help == "did you mean \"proxy_pass\"?")
        // Nothing close: the rule's fix is the help.
        let far = try findings("events {}\nhttp { completely_made_up on; }\n", "SIO002")
        #expect(far.count == 1)
        #expect(far.first?.help?.contains("suppress") == true)
    }

    @Test func unknownDirectivesDoNotStopTheOtherChecks() throws {
        let report = try LintHarness.lint("events {}\nhttp { server { listen 80; location / { proxy_pass http://127.0.0.1:3000; proxy_passs x; } } }\n")
        #expect(report.loaded?.model != nil)
        #expect(!report.findings.contains { $0.ruleID == "SIO000" })
    }

    @Test func knownModulesAreQuiet() throws {
        let text = """
        events {}
        http {
          lua_shared_dict cache 10m;
          more_clear_headers Server;
          geoip2 /etc/GeoLite2.mmdb { $geoip2_country_code country iso_code; }
          vhost_traffic_status_zone;
          server { listen 80;
            more_set_headers "Server: hidden";
            brotli on;
            http2 on;
            location / { js_content main.handler; otel_trace on; proxy_pass http://127.0.0.1:3000; }
            location /x { modsecurity on; app_protect_enable on; }
          }
        }
        rtmp { server { listen 1935; application live { live on; record off; } } }
        """
        #expect(try findings(text, "SIO002").isEmpty)
        #expect(try findings(text, "SIO000").isEmpty)
    }

    @Test func versionRejectionsAreLeftToSIO601() throws {
        let text = "events {}\nhttp { server { listen 80; location / { proxy_set_header_inherit on; proxy_pass http://x; } } }\n"
        #expect(try findings(text, "SIO002").isEmpty)
        #expect(try findings(text, "SIO601").count == 1)
        #expect(try findings("events {}\nhttp { upstream b { server 127.0.0.1:1; sticky cookie s; } }\n", "SIO002").isEmpty)
    }

    @Test func anUnknownLoadedModuleMayProvideUnknownNames() throws {
        let text = "load_module modules/ngx_http_example_module.so;\nevents {}\nhttp { example_thing on; proxy_buffring off; }\n"
        #expect(try findings(text, "SIO002").map(\.message) == ["unknown directive \"proxy_buffring\""])
        // A module siolint knows changes nothing.
        #expect(try findings("load_module /usr/lib/nginx/modules/ngx_http_lua_module.so;\nevents {}\nhttp { example_thing on; }\n", "SIO002").count == 1)
    }

    @Test func unknownDirectivesCanBeSuppressed() throws {
        let text = "events {}\nhttp {\n  # siolint disable=SIO002 -- provided by our in-house module\n  example_thing on;\n}\n"
        #expect(try findings(text, "SIO002").isEmpty)
        #expect(try findings(text, "SIO900").isEmpty)
    }

    @Test func nothingElseWhenTheFileDoesNotParse() throws {
        let report = try LintHarness.lint("events {}\nhttp { proxy_passs x; gzip maybe; server { listen 80 }\n")
        #expect(report.findings.map(\.ruleID) == ["SIO000"])
    }

    // MARK: - The table itself

    @Test func tableEntriesAreWellFormed() {
        for (name, masks) in NginxDirectiveTable.checked {
            #expect(!masks.isEmpty, "\(name) has no mask")
            for raw in masks {
                let mask = NginxDirectiveMask(rawValue: raw)
                #expect(!mask.isDisjoint(with: .allContexts), "\(name): no context in \(raw)")
                #expect(raw & 0x1FFF != 0 || raw & 0x0100 != 0, "\(name): no argument style in \(raw)")
            }
            #expect(!NginxDirectiveTable.namedOnly.contains(name), "\(name) is both checked and named only")
        }
        #expect(NginxDirectiveTable.checked.count > 550)
        for name in ["proxy_pass", "proxy_read_timeout", "server", "location", "if", "map", "ssl_reject_handshake", "keepalive_time"] {
            #expect(NginxDirectiveTable.checked[name] != nil, "\(name) missing")
        }
        for name in ["more_set_headers", "content_by_lua_block", "http2", "js_import", "sticky"] {
            #expect(NginxDirectiveTable.namedOnly.contains(name), "\(name) missing")
        }
    }

    @Test func lookupAgreesWithTheTable() {
        let lookup = NginxDirectiveLookup.shared
        for (name, masks) in NginxDirectiveTable.checked {
            guard case .checked(let start, let count, _) = lookup.kind(of: name) else {
                Issue.record("\(name) is not found as checked")
                continue
            }
            #expect((start..<start + count).map { lookup.mask($0).rawValue } == masks, "\(name)")
        }
        for name in NginxDirectiveTable.namedOnly { #expect(lookup.kind(of: name) == .namedOnly, "\(name)") }
        for name in ["", "proxy_passs", "Proxy_pass", "proxy_pas", "x", String(repeating: "a", count: 300), "prox\u{e9}_pass"] {
            #expect(lookup.kind(of: name) == .unknown, "\(name)")
        }
        #expect({ if case .checked(_, _, .limitExcept) = lookup.kind(of: "limit_except") { return true }; return false }())
    }

    @Test func editDistance() {
        func d(_ a: String, _ b: String, _ limit: Int = 5) -> Int {
            EditDistance.restrictedDamerauLevenshtein(Array(a.utf8), Array(b.utf8), limit: limit)
        }
        #expect(d("proxy_pass", "proxy_pass") == 0)
        #expect(d("proxy_passs", "proxy_pass") == 1)
        #expect(d("porxy_pass", "proxy_pass") == 1)
        #expect(d("proxy_get_header", "proxy_set_header") == 1)
        #expect(d("abc", "") == 3)
        #expect(d("completely_different", "proxy_pass", 2) == 3)
    }
}
