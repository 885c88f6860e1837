import Testing
@testable import SiolintCore

struct NginxLoaderTests {
    func load(_ files: [String: String], main: String = "/etc/nginx/nginx.conf", prefix: String? = nil) -> (ParsedConfiguration, NginxLoader.Context) {
        let provider = InMemoryFileProvider(files: files.mapValues { Array($0.utf8) }, workingDirectory: "/etc/nginx")
        var loader = NginxLoader(provider: provider, prefix: prefix ?? PathUtilities.directory(of: main))
        return loader.load(mainFile: main)
    }

    @Test func includesResolveAgainstThePrefixAndGlobsSortAndSplice() throws {
        let (parsed, _) = load([
            "/etc/nginx/nginx.conf": "events {}\nhttp {\n  include conf.d/*.conf;\n  include /etc/nginx/missing-ok/*.conf;\n}\n",
            "/etc/nginx/conf.d/b.conf": "server { listen 2; }\n",
            "/etc/nginx/conf.d/a.conf": "server { listen 1; include snippets/x.conf; }\n",
            // relative to the prefix (the main file's directory), not to conf.d/
            "/etc/nginx/snippets/x.conf": "proxy_read_timeout 5s;\n",
        ])
        #expect(parsed.problems.isEmpty)
        let http = try #require(parsed.directives.first { $0.name.value == "http" }?.block)
        #expect(http.map { $0.values.first ?? "" } == ["", ""])
        let first = try #require(http[0].block)
        #expect(first.map(\.name.value) == ["listen", "proxy_read_timeout"])
        #expect(first[1].range.file == "snippets/x.conf" && first[1].range.start.line == 1)
        #expect(first[1].includedFrom.count == 2)
        #expect(parsed.files.map(\.path) == ["nginx.conf", "conf.d/a.conf", "snippets/x.conf", "conf.d/b.conf"])
    }

    @Test func missingLiteralIncludeIsSIO001AtTheArgument() throws {
        let (parsed, _) = load(["/etc/nginx/nginx.conf": "http {\n    include sites/site.conf;\n}\n"])
        let problem = try #require(parsed.problems.first)
        #expect(problem.kind == .includeNotFound)
        #expect(problem.message.contains("sites/site.conf"))
        #expect(problem.range.start.line == 2 && problem.range.start.column == 13)
    }

    @Test func includeCyclesAreDetected() throws {
        let (parsed, _) = load([
            "/etc/nginx/nginx.conf": "http { include a.conf; }\n",
            "/etc/nginx/a.conf": "include b.conf;\n",
            "/etc/nginx/b.conf": "include a.conf;\n",
        ])
        let problem = try #require(parsed.problems.first)
        #expect(problem.kind == .includeCycle)
        #expect(problem.range.file == "b.conf")
    }

    @Test(arguments: [
        ("server { listen 80; location / { proxy_pass http://a; } }", NginxLoader.Context.http),
        ("location /socket.io/ { proxy_pass http://a; }", .server),
        ("proxy_pass http://a;\nproxy_set_header Upgrade $http_upgrade;", .location),
        ("events {}\nhttp {}", .main),
        ("# siolint: context=location\nset $x 1;", .location),
    ])
    func fragmentsGetTheirContext(_ text: String, _ expected: NginxLoader.Context) {
        let (_, context) = load(["/etc/nginx/nginx.conf": text])
        #expect(context == expected)
    }

    @Test func dumpOfNginxTMapsFindingsToTheOriginalFiles() throws {
        let dump = """
        nginx: the configuration file /etc/nginx/nginx.conf syntax is ok
        # configuration file /etc/nginx/nginx.conf:
        events {}
        http {
            include /etc/nginx/conf.d/*.conf;
        }

        # configuration file /etc/nginx/conf.d/app.conf:
        server {
            listen 80;
            location /socket.io/ {
                proxy_pass http://127.0.0.1:3000;
                proxy_read_timeout 10s;
            }
        }


        """
        let report = try LintHarness.lint(dump, path: "/virtual/dump.txt")
        let f = try #require(report.findings.first { $0.ruleID == "SIO101" })
        #expect(f.range.file.hasSuffix("/etc/nginx/conf.d/app.conf") || f.range.file == "/etc/nginx/conf.d/app.conf")
        #expect(f.range.start.line == 5 && f.range.start.column == 9)
    }
}
