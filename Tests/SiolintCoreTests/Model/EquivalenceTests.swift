import Testing
@testable import SiolintCore

/// The same setup written for nginx and for Apache httpd gives the same probe outcomes: route
/// action, forwarded path, forwarded Upgrade/Connection, timeouts, body limit, backends and
/// affinity. If they differ, a dialect builder is wrong, not the rules.
struct EquivalenceTests {
    struct Setup: Sendable, CustomTestStringConvertible {
        var name: String
        var nginx: String
        var nginxArguments: [String] = ["--nginx-version", "1.30.0"]
        var apache: String
        var testDescription: String { name }
    }

    static let setups: [Setup] = [
        Setup(name: "single backend with WebSocket", nginx: """
            http { server { listen 80;
              location /socket.io/ {
                proxy_pass http://127.0.0.1:3000;
                proxy_http_version 1.1;
                proxy_set_header Upgrade $http_upgrade;
                proxy_set_header Connection "upgrade";
                proxy_read_timeout 60s;
                client_max_body_size 0;
              }
            } }
            """, apache: """
            Timeout 60
            ProxyPass /socket.io/ http://127.0.0.1:3000/socket.io/ upgrade=websocket
            """),
        Setup(name: "two backends with cookie affinity", nginx: """
            http {
              upstream nodes { server 127.0.0.1:3000; server 127.0.0.1:3001; sticky cookie SERVERID; }
              server { listen 80;
                location /socket.io/ {
                  proxy_pass http://nodes;
                  proxy_http_version 1.1;
                  proxy_set_header Upgrade $http_upgrade;
                  proxy_set_header Connection "upgrade";
                  client_max_body_size 0;
                }
              }
            }
            """, apache: """
            Header add Set-Cookie "SERVERID=sticky.%{BALANCER_WORKER_ROUTE}e; path=/" env=BALANCER_ROUTE_CHANGED
            <Proxy "balancer://nodes">
              BalancerMember http://127.0.0.1:3000 route=a upgrade=websocket
              BalancerMember http://127.0.0.1:3001 route=b upgrade=websocket
              ProxySet stickysession=SERVERID
            </Proxy>
            ProxyPass /socket.io/ balancer://nodes/socket.io/
            """),
        Setup(name: "a broken 20s timeout", nginx: """
            http { server { listen 80;
              location /socket.io/ {
                proxy_pass http://127.0.0.1:3000;
                proxy_http_version 1.1;
                proxy_set_header Upgrade $http_upgrade;
                proxy_set_header Connection "upgrade";
                proxy_read_timeout 20s;
                client_max_body_size 0;
              }
            } }
            """, apache: """
            Timeout 20
            ProxyPass /socket.io/ http://127.0.0.1:3000/socket.io/ upgrade=websocket
            """),
        Setup(name: "prefix stripped", nginx: """
            http { server { listen 80; location /socket.io/ { proxy_pass http://127.0.0.1:3000/; client_max_body_size 0; } } }
            """, apache: """
            ProxyPass /socket.io/ http://127.0.0.1:3000/
            """),
    ]

    @Test(arguments: setups)
    func sameOutcomes(_ setup: Setup) throws {
        let nginx = ProbeOutcome.outcomes(try LintHarness.lint(setup.nginx, server: .nginx, arguments: setup.nginxArguments))
        let apache = ProbeOutcome.outcomes(try LintHarness.lint(setup.apache, server: .apache))
        #expect(!nginx.isEmpty)
        for kind in ProbeRequest.Kind.allCases {
            #expect(nginx[kind] == apache[kind], "\(kind.rawValue): nginx \(String(describing: nginx[kind])) vs apache \(String(describing: apache[kind]))")
        }
    }

    @Test func sameFindings() throws {
        for setup in Self.setups {
            let nginx = try LintHarness.lint(setup.nginx, server: .nginx, arguments: setup.nginxArguments).findings.map(\.ruleID)
            let apache = try LintHarness.lint(setup.apache, server: .apache).findings.map(\.ruleID)
            #expect(Set(nginx) == Set(apache), "\(setup.name): nginx \(nginx) vs apache \(apache)")
        }
    }
}
