import Testing
@testable import SiolintCore

/// The one walk over a loaded nginx tree (`NginxTreeWalk`): it checks each directive as `nginx -t`
/// does and collects the model's whole-file facts from every block, also from blocks the checker
/// does not read, and in a fragment from the blocks the loader wrapped around it.
struct NginxTreeWalkTests {
    private func rules(_ text: String, path: String? = nil) throws -> [String] {
        try LintHarness.lint(text, path: path).findings.map { "\($0.ruleID):\($0.range.start.line)" }
    }

    @Test func factsComeAlsoFromBlocksTheCheckerDoesNotRead() throws {
        // The checker stops at the unknown block (SIO002); the time literal inside it still counts.
        let found = try rules("""
        events {}
        http { server { listen 80; location / {
          proxy_pass http://127.0.0.1:3000;
          unknown_block {
            proxy_read_timeout 43200000;
          }
        } } }
        """)
        #expect(found.contains("SIO002:4"))
        #expect(found.contains("SIO103:5"))
    }

    @Test func aURIInProxyPassIsRefusedInsideARegexLocation() throws {
        let text = """
        events {}
        http { server { listen 80; location ~ ^/socket\\.io/ {
          proxy_pass http://127.0.0.1:3000/x;
        } } }
        """
        #expect(try rules(text).contains("SIO601:3"))
        // The same line in a prefix location is fine.
        #expect(try !rules(text.replacingOccurrences(of: "location ~ ^/socket\\.io/", with: "location /socket.io/")).contains("SIO601:3"))
    }

    @Test func aFragmentIsWalkedInsideTheBlocksItWasWrappedIn() throws {
        // A location fragment: its top level is checked (SIO000 for `listen`, which a location refuses,
        // is not expected here) and its time literal is collected as in a whole file.
        let found = try rules("""
        location /socket.io/ {
          proxy_pass http://127.0.0.1:3000;
          proxy_read_timeout 43200000;
        }
        """, path: "/virtual/socketio.conf")
        #expect(!found.contains { $0.hasPrefix("SIO000") })
        #expect(found.contains("SIO103:3"))
    }

    @Test func aDirectiveNginxRefusesStopsTheModelAndItsFacts() throws {
        // `proxy_read_timeout` inside `if` is SIO000; no model is built, so no SIO103 either.
        let found = try rules("""
        events {}
        http { server { listen 80; location / {
          proxy_pass http://127.0.0.1:3000;
          if ($http_upgrade) { proxy_read_timeout 43200000; }
        } } }
        """)
        #expect(found.contains("SIO000:4"))
        #expect(!found.contains { $0.hasPrefix("SIO103") })
    }
}
