import Testing
@testable import SiolintCore

/// Lints every nginx file of ../shared/corpus (each one as a main file, includes from the disk):
/// nothing crashes, the inputs the source projects or `nginx -t` reject give SIO000 (SIO002 for an unknown
/// directive), the others do not.
@Suite struct NginxCorpusTests {
    enum Expectation {
        /// nginx's tokenizer, block structure or directive table (argument count, context, `if`
        /// condition) rejects it: SIO000 expected.
        case rejected(because: String)
        /// nginx rejects it as an unknown directive: SIO002 expected (a warning, since a module siolint
        /// does not know could provide it), and no SIO000.
        case unknownDirective(because: String)
    }

    /// Files that must not parse, with who says so. Every other nginx file of the corpus must give no SIO000.
    /// ("nginx -t" = checked with Debian's nginx on a copy of the case folder, `-p TMP -c FILE`.)
    static let expectations: [String: Expectation] = {
        let pt = "parser-torture/nginx/"
        var e: [String: Expectation] = [:]
        let missingSemicolon = "crossplane test_parse_missing_semicolon; nginx -t: unexpected \"}\""
        for c in ["crossplane/missing-semicolon/broken-above.conf", "crossplane/missing-semicolon/broken-below.conf",
                  "nginx-go-crossplane/missing-semicolon/broken-above.conf", "nginx-go-crossplane/missing-semicolon/broken-below.conf",
                  "nginx-go-crossplane/missing-semicolon-above/nginx.conf", "nginx-go-crossplane/missing-semicolon-below/nginx.conf"] {
            e[pt + c] = .rejected(because: missingSemicolon)
        }
        for c in ["crossplane/quote-behavior/nginx.conf", "nginx-go-crossplane/quote-behavior/nginx.conf"] {
            e[pt + c] = .rejected(because: "nginx -t: unexpected \"-\" (text right after a closing quote)")
        }
        e[pt + "nginx-go-crossplane/braces/extra-brace.conf"] = .rejected(because: "go-crossplane braces test: unexpected \"}\"")
        e[pt + "nginx-go-crossplane/braces/missing-brace.conf"] = .rejected(because: "go-crossplane braces test: unexpected end of file, expecting \"}\"")
        e[pt + "nginx-go-crossplane/premature-eof/nginx.conf"] = .rejected(because: "nginx -t: unexpected end of file, expecting \";\" or \"}\"")
        e[pt + "nginx-go-crossplane/invalid-map/nginx.conf"] = .rejected(because: "nginx -t: unexpected \"{\" inside map")
        for c in ["nginx.conf", "location1.conf", "location2.conf"] {
            e[pt + "nginx-go-crossplane/includes-cycle/invalid/" + c] = .rejected(because: "go-crossplane includes-cycle test: include cycle")
        }
        // Files the suites keep to prove they are never included: a bare word without ";". Read as
        // main files (as here), the neighbouring files that include them with a relative path reach them.
        for suite in ["crossplane", "nginx-go-crossplane"] {
            for c in ["includes-globbed/servers/locations/not-included.conf", "includes-globbed/servers/server1.conf",
                      "includes-globbed/servers/server2.conf", "includes-regular/conf.d/bar.conf",
                      "includes-regular/conf.d/foo.conf", "includes-regular/conf.d/server.conf"] {
                e[pt + suite + "/" + c] = .rejected(because: "nginx -t: unexpected end of file, expecting \";\" or \"}\"")
            }
        }
        for c in ["conf.d/location-letsencrypt.conf", "conf.d/location-root.conf", "example.com.conf", "mysite.com.conf"] {
            e[pt + "gonginx/testdata/include-glob/sites-enabled/" + c] = .rejected(because: "nginx -t: unexpected end of file (`Hello` without \";\")")
        }
        e[pt + "gonginx/testdata/issues/20.conf"] = .rejected(because: "crossplane: unexpected end of file, expecting \"}\"")
        e[pt + "gonginx/testdata/issues/31.conf"] = .rejected(because: "crossplane: unexpected end of file, expecting \"}\"")
        e[pt + "gonginx/full-example/nginx-structure.conf"] = .rejected(because: "gonginx design notes, not nginx syntax")
        e[pt + "certbot/etc_nginx/broken.conf"] = .rejected(because: "certbot test_parse_files: broken.conf is refused; nginx -t: unexpected end of file")
        e[pt + "certbot/etc_nginx/invalid_unicode_comments.conf"] = .rejected(because: "certbot: only UTF-8 is read; siolint: invalid UTF-8 is SIO000")
        e[pt + "crossplane/non-unicode/nginx.conf"] = .rejected(because: "siolint: invalid UTF-8 is SIO000 (nginx itself accepts it; KNOWN_DIFFERENCES.md)")
        e[pt + "certbot/etc_nginx/ubuntu_nginx_1_4_6/default_vhost/nginx/naxsi-ui.conf.1.4.1"] = .rejected(because: "an INI file; nginx -t: unexpected end of file")
        e[pt + "certbot/etc_nginx/ubuntu_nginx_1_4_6/default_vhost/nginx/sites-enabled/default"] =
            .rejected(because: "a symlink stored as its target's name; nginx -t: unexpected end of file")
        e["socketio-real/ONLYOFFICE__document-server-proxy__nginx__proxy-https-to-http.conf"] =
            .rejected(because: "unrendered template `ssl_certificate {{…}};`; nginx -t: not terminated by \";\"")

        for c in ["crossplane/bad-args/nginx.conf", "nginx-go-crossplane/bad-args/nginx.conf"] {
            e[pt + c] = .rejected(because: "nginx -t: invalid number of arguments in \"user\" directive")
        }
        for c in ["empty-parens.conf", "empty-spaced-parens.conf"] {
            e[pt + "nginx-go-crossplane/if-expr/" + c] = .rejected(because: "go-crossplane if-expr test; nginx -t: invalid condition \")\"")
        }
        for c in ["missing-closing-paren.conf", "missing-opening-paren.conf", "no-parens.conf"] {
            e[pt + "nginx-go-crossplane/if-expr/" + c] = .rejected(because: "go-crossplane if-expr test; nginx -t: invalid condition \"$slow…\"")
        }
        e[pt + "nginx-go-crossplane/if-check/nginx.conf"] = .rejected(because: "go-crossplane: \"empty if statement is an error\"; nginx -t: invalid condition \")\"")
        // Files their projects only parse, which nginx's directive table refuses in every context they could
        // be read in (nginx -t on the file, and wrapped in http {}, server {}, location {} where it is a fragment).
        e[pt + "certbot-roundtrip/elgg/nginx.conf"] =
            .rejected(because: "nginx -t (in http): invalid number of arguments in \"rewrite\" directive (a space inside a regex class)")
        e[pt + "certbot-roundtrip/guide-to-nginx-ssl-spdy-hsts/nginx.conf"] =
            .rejected(because: "nginx -t: invalid number of arguments in \"ssl_ciphers\" directive (a missing \";\"; after the spdy listen parameter, which 1.22 refuses first)")
        e[pt + "certbot-roundtrip/javaservers/nginx.conf"] =
            .rejected(because: "nginx -t: \"root\" (main) or \"proxy_pass\" (http, server) or \"server\" (location) directive is not allowed here")
        e[pt + "certbot-roundtrip/simplecgi/nginx.conf"] = .rejected(because: "nginx -t: \"location\" directive is not allowed here (in http)")
        e[pt + "certbot/etc_nginx/edge_cases.conf"] =
            .rejected(because: "nginx -t: invalid number of arguments in \"add_header\" directive (in http), \"server\" directive is not allowed here (elsewhere)")
        e[pt + "certbot/etc_nginx/minimalistic_comments.conf"] =
            .rejected(because: "nginx -t: \"user\" directive is not allowed here (foo.conf in http); unknown \"check_status\", then \"server\" not allowed (main)")
        e[pt + "gonginx/testdata/include-glob/nginx.conf"] =
            .rejected(because: "nginx -t: \"server\" directive is not allowed here (http.conf includes the sites in the main context)")
        e[pt + "tailhook-nginx-config/configs/try_files.conf"] =
            .rejected(because: "nginx -t: invalid number of arguments in \"try_files\" directive (in server, location; not allowed elsewhere)")
        e[pt + "nginx-go-crossplane/limit-req-zone/nginx.conf"] =
            .rejected(because: "nginx -t: invalid number of arguments in \"limit_req_zone\" directive (`sync` is NGINX Plus's; go-crossplane's analyzer allows it)")
        for c in ["crossplane/spelling-mistake/nginx.conf", "nginx-go-crossplane/spelling-mistake/nginx.conf"] {
            e[pt + c] = .unknownDirective(because: "crossplane test_parse_strict; nginx -t: unknown directive \"proxy_passs\"")
        }
        for c in ["invalid_directive.txt", "invalid_directive_in_block.txt", "invalid_directive_with_newline.txt"] {
            e[pt + "tailhook-nginx-config/errors/" + c] = .unknownDirective(because: "tailhook errors/; nginx -t: unknown directive")
        }
        return e
    }()

    @Test func everyNginxFileMeetsItsExpectation() throws {
        guard SharedCorpus.root != nil else {
            print(SharedCorpus.missingMessage)
            return
        }
        let files = SharedCorpus.nginxFiles()
        #expect(files.count > 400, "the corpus should hold more than 400 nginx files, found \(files.count)")
        for expected in Self.expectations.keys {
            #expect(files.contains(expected), "expectation for a file that is not in the corpus: \(expected)")
        }
        for file in files {
            let report = try #require(SharedCorpus.lint(file, server: .nginx), "cannot read \(file)")
            #expect(report.failure == nil, "\(file): \(report.failure ?? "")")
            let syntax = report.findings.filter { $0.ruleID == "SIO000" }
            switch Self.expectations[file] {
            case .rejected(let because):
                #expect(!syntax.isEmpty, "\(file) should give SIO000 (\(because))")
            case .unknownDirective(let because):
                #expect(syntax.isEmpty, "\(file) should parse, got \(syntax.map { "\($0.range.start.description): \($0.message)" })")
                #expect(report.findings.contains { $0.ruleID == "SIO002" }, "\(file) should give SIO002 (\(because))")
            case nil:
                #expect(syntax.isEmpty, "\(file) should parse, got \(syntax.map { "\($0.range.start.description): \($0.message)" })")
            }
        }
    }
}
