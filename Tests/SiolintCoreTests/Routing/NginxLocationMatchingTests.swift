import Testing
@testable import SiolintCore

/// nginx location selection for `/socket.io/`: exact, `^~`, longest prefix, regexes in file order,
/// nested locations (nginx.org/en/docs/http/ngx_http_core_module.html#location).
struct NginxLocationMatchingTests {
    func route(_ server: String, path: String = "/socket.io/") throws -> String {
        let report = try LintHarness.lint("http { server { listen 80;\n\(server)\n} }", arguments: ["--path", path])
        let probes = try #require(report.probes.first)
        let routes = try #require(probes.routes[.pollingGet])
        return try #require(routes.first).route.label
    }

    @Test func longestPrefixWinsRegardlessOfOrder() throws {
        #expect(try route("location /socket.io/ { return 1; } location / { return 2; } location /socket { return 3; }") == "location /socket.io/")
    }

    @Test func exactMatchEndsTheSearch() throws {
        #expect(try route("location = /socket.io/ { return 1; } location ~ io { return 2; }") == "location = /socket.io/")
    }

    @Test func firstMatchingRegexBeatsThePrefix() throws {
        #expect(try route("location /socket.io/ { return 1; } location ~ /nope { return 2; } location ~* SOCKET { return 3; } location ~ socket { return 4; }")
                == "location ~* SOCKET")
    }

    @Test func caretTildeStopsTheRegexSearch() throws {
        #expect(try route("location ^~ /socket.io/ { return 1; } location ~ socket { return 2; }") == "location ^~ /socket.io/")
    }

    @Test func nestedLocationsAreSearchedInsideTheBestPrefix() throws {
        #expect(try route("location / { location /socket.io/ { return 1; } return 2; }") == "location /socket.io/")
        // A regex nested in the prefix wins over the outer level's regexes.
        #expect(try route("location /socket.io/ { location ~ io/$ { return 1; } } location ~ socket { return 2; }") == "location ~ io/$")
    }

    @Test func regexUsesTheNormalizedPathWithoutQuery() throws {
        #expect(try route("location / { return 1; } location ~ EIO { return 2; }") == "location /")
    }

    @Test func namedLocationsAreNotMatched() throws {
        #expect(try route("location @socket { return 1; } location / { return 2; }") == "location /")
    }

    @Test func ifBlocksInALocationRefineTheRoute() throws {
        let config = """
        http { server { listen 80;
          location /socket.io/ {
            error_page 418 = @ws;
            if ($http_upgrade = "websocket") { return 418; }
            proxy_pass http://127.0.0.1:3000;
          }
          location @ws { proxy_pass http://127.0.0.1:3000; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection upgrade; }
        } }
        """
        let report = try LintHarness.lint(config)
        let probes = try #require(report.probes.first)
        #expect(probes.routes[.pollingGet]?.first?.route.label == "location /socket.io/")
        #expect(probes.routes[.webSocketUpgrade]?.first?.route.label.hasPrefix("location @ws") == true)
        #expect(probes.routes[.webSocketUpgrade]?.first?.forwardedHopHeaders["connection"]?.value == "upgrade")
    }

    @Test func serverLevelReturnTakesEveryRequest() throws {
        let report = try LintHarness.lint("http { server { listen 80; return 301 https://$host$request_uri; location / { proxy_pass http://a; } } }")
        let probes = try #require(report.probes.first)
        #expect(!probes.inScope)
    }
}
