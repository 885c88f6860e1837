/// SIO201: the WebSocket upgrade request reaches the backend without its Upgrade headers.
public struct WebSocketUpgradeNotForwardedRule: ModelRule {
    public static let description = RuleDescription(
        id: "SIO201", name: "websocket-upgrade-not-forwarded", defaultSeverity: .error,
        summary: "The WebSocket request reaches the backend without `Upgrade: websocket` and `Connection: upgrade`.",
        explanation: """
        `Upgrade` and `Connection` are hop-by-hop headers: a proxy does not pass them on unless told to. Without them \
        the Socket.IO server cannot switch protocols: default clients stay on HTTP long-polling forever (more latency, \
        more requests, and sticky sessions become mandatory), and clients with `transports: ["websocket"]` fail to \
        connect; the server logs code 3 "Bad request" (TRANSPORT_MISMATCH). In nginx the usual cause besides missing \
        lines is inheritance: `proxy_set_header` lines are inherited only by levels that set none of their own, so \
        one `proxy_set_header X-Forwarded-For …` in a location silently drops the Upgrade headers set at server level.
        """,
        fixes: [
            .nginx: "in the Socket.IO location: `proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection $connection_upgrade;` (with `map $http_upgrade $connection_upgrade { default upgrade; '' close; }` in http), repeating every other proxy_set_header of the outer level",
            .apache: "add `upgrade=websocket` to the ProxyPass (httpd ≥ 2.4.47), or proxy Upgrade requests to a `ws://` URL with a RewriteRule [P] under `RewriteCond %{HTTP:Upgrade} websocket [NC]`",
            .haproxy: "do not remove or overwrite the Upgrade/Connection headers (`http-request del-header`/`set-header`) for Socket.IO requests",
        ],
        triggeringExamples: [
            RuleExample(.nginx, """
            http { server { listen 80;
              location /socket.io/ { ↓proxy_pass http://127.0.0.1:3000; proxy_http_version 1.1; }
            } }
            """, note: "no Upgrade/Connection headers"),
            RuleExample(.nginx, """
            http { server { listen 80;
              proxy_set_header Upgrade $http_upgrade;
              proxy_set_header Connection "upgrade";
              location /socket.io/ {
                ↓proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                proxy_pass http://127.0.0.1:3000; proxy_http_version 1.1;
              }
            } }
            """, note: "the location's own proxy_set_header drops the server-level ones"),
            RuleExample(.nginx, """
            http { server { listen 80;
              location /socket.io/ { proxy_pass http://127.0.0.1:3000; proxy_http_version 1.1;
                proxy_set_header Upgrade $http_upgrade; ↓proxy_set_header Connection ""; }
            } }
            """, note: "an empty value removes the header"),
            RuleExample(.apache, """
            ↓ProxyPass /socket.io/ http://127.0.0.1:3000/socket.io/
            """, note: "ProxyPass alone never forwards Upgrade, on any 2.4 release"),
            RuleExample(.apache, """
            ↓ProxyPass / http://127.0.0.1:3000/
            ProxyPass /socket.io/ http://127.0.0.1:3000/socket.io/ upgrade=websocket
            """, note: "ProxyPass / matches first; its worker has no upgrade=websocket"),
            RuleExample(.apache, """
            SetEnv force-proxy-request-1.0 1
            ↓ProxyPass /socket.io/ http://127.0.0.1:3000/socket.io/ upgrade=websocket
            """, note: "HTTP/1.0 towards the backend: no tunnel"),
            RuleExample(.haproxy, """
            defaults
              mode http
              timeout connect 5s
              timeout client 60s
              timeout server 60s
              timeout tunnel 1h
            frontend fe
              bind :80
              ↓http-request del-header Connection
              default_backend be
            backend be
              server s1 127.0.0.1:3000
            """),
            RuleExample(.haproxy, """
            defaults
              mode http
              timeout connect 5s
              timeout client 60s
              timeout server 60s
              timeout tunnel 1h
            frontend fe
              bind :80
              default_backend be
            backend be
              ↓http-request set-header Connection close
              server s1 127.0.0.1:3000
            """, note: "set in the backend"),
        ],
        nonTriggeringExamples: [
            RuleExample(.nginx, """
            http {
              map $http_upgrade $connection_upgrade { default upgrade; '' close; }
              server { listen 80;
                location /socket.io/ { proxy_pass http://127.0.0.1:3000; proxy_http_version 1.1;
                  proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection $connection_upgrade; }
              } }
            """),
            RuleExample(.nginx, "http { server { listen 80; location /socket.io/ { proxy_pass http://127.0.0.1:3000; } } }",
                        arguments: ["--transports", "polling"], note: "polling only: no upgrade to forward"),
            RuleExample(.apache, """
            ProxyPass /socket.io/ http://127.0.0.1:3000/socket.io/ upgrade=websocket
            """),
            RuleExample(.apache, """
            ProxyPass / http://127.0.0.1:3000/
            RewriteEngine on
            RewriteCond %{HTTP:Upgrade} websocket [NC]
            RewriteCond %{HTTP:Connection} upgrade [NC]
            RewriteRule ^/?(.*) "ws://127.0.0.1:3000/$1" [P,L]
            """, note: "Socket.IO's documented pattern: server-context rewrites run before ProxyPass"),
            RuleExample(.haproxy, """
            defaults
              mode http
              timeout connect 5s
              timeout client 60s
              timeout server 60s
              timeout tunnel 1h
            frontend fe
              bind :80
              option http-server-close
              default_backend be
            backend be
              server s1 127.0.0.1:3000
            """, note: "HAProxy forwards the client's Upgrade and Connection headers by itself; http-server-close does not change that"),
            RuleExample(.haproxy, """
            defaults
              mode http
              timeout connect 5s
              timeout client 60s
              timeout server 60s
              timeout tunnel 1h
            frontend fe
              bind :80
              http-request set-header Connection close if ! { hdr(upgrade) -i websocket }
              default_backend be
            backend be
              server s1 127.0.0.1:3000
            """, note: "the rule does not apply to upgrade requests"),
        ],
        tags: ["socket.io", "websocket", "headers"])

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard context.socketIO.usesWebSocket else { return [] }
        return context.proxiedRoutes(.webSocketUpgrade).compactMap { check($0, context) }
    }

    private func check(_ routed: EffectiveRoute, _ context: RuleContext) -> Finding? {
        guard let target = routed.route.proxyTarget else { return nil }
        let upgrade = routed.forwardedHopHeaders["upgrade"]
        let connection = routed.forwardedHopHeaders["connection"]
        if (upgrade != nil && upgrade?.value == nil) || (connection != nil && connection?.value == nil) {
            let unknown = [upgrade, connection].compactMap { $0 }.first { $0.value == nil }?.assignment
            return finding("cannot evaluate whether \(routed.route.label) forwards the WebSocket upgrade: `\(unknown?.directive.text ?? "a header")` uses a value siolint cannot compute",
                           at: unknown?.directive.range ?? target.directive.range, severity: .info, context: context)
        }
        let upgradeOK = upgrade?.value?.lowercased() == "websocket"
        let connectionOK = connection?.value.map { Self.hasToken("upgrade", in: $0) } ?? false
        if upgradeOK && connectionOK { return nil }

        if let unread = target.headers.unreadSource {
            return finding("cannot evaluate whether \(routed.route.label) forwards the WebSocket upgrade: the headers may be set in `\(unread.text)`, which could not be read",
                           at: unread.range, severity: .info, context: context)
        }
        let missing = [upgradeOK ? nil : "Upgrade: websocket", connectionOK ? nil : "Connection: upgrade"].compactMap { $0 }.joined(separator: " and ")
        var symptom = "clients stay on long-polling (websocket-only clients cannot connect)"
        if !routed.route.labelContains(String(context.socketIO.path.dropLast())) {
            symptom += "; this route takes \(context.socketIO.path) because no route is written for it (pass --path if Socket.IO is served elsewhere)"
        }
        let dropped = target.headers.notInherited.filter { $0.hopByHop != nil }
        if !dropped.isEmpty {
            let own = target.headers.assignments.first { $0.inheritedFrom == nil } ?? target.headers.assignments.first
            let level = dropped[0].inheritedFrom ?? "the outer level"
            let related = dropped.map { RelatedLocation($0.directive.range, "not inherited by \(routed.route.label): it sets its own proxy_set_header") }
            return finding("the backend never receives \(missing) from \(routed.route.label): its own proxy_set_header lines replace those of \(level), so the Upgrade headers set there are not inherited; \(symptom)",
                           at: own?.directive.range ?? target.directive.range, related: related, context: context)
        }
        for (name, header) in [("Connection", connection), ("Upgrade", upgrade)] {
            if let header, let assignment = header.assignment, let value = header.value,
               name == "Connection" ? !connectionOK : !upgradeOK {
                let what = value.isEmpty ? "an empty value, which removes the header" : "\"\(value)\" for this request"
                return finding("the backend never receives \(missing) from \(routed.route.label): `\(assignment.directive.text)` gives \(what); \(symptom)",
                               at: assignment.directive.range, context: context)
            }
        }
        return finding("the backend never receives \(missing) from \(routed.route.label): nothing forwards the client's hop-by-hop Upgrade headers (\(target.headers.forwardsClientUpgrade.provenance.explanation)); \(symptom)",
                       at: target.directive.range, context: context)
    }

    /// Whether the comma- or space-separated list `value` holds `token` (lower-case), in any case.
    static func hasToken(_ token: String, in value: String) -> Bool {
        // ASCII on bytes: splitting a lower-cased copy into Substrings cost thousands of instructions
        // per route. Other text keeps Unicode case mapping.
        guard value.utf8.allSatisfy({ $0 < 0x80 }) else {
            return value.lowercased().split(whereSeparator: { $0 == "," || $0 == " " }).contains { $0 == Substring(token) }
        }
        let wanted = Array(token.utf8)
        var matched = 0, inPiece = false, stillMatching = true
        for byte in value.utf8 {
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: " ") {
                if inPiece, stillMatching, matched == wanted.count { return true }
                (matched, inPiece, stillMatching) = (0, false, true)
                continue
            }
            inPiece = true
            if stillMatching, matched < wanted.count, wanted[matched] == ASCIICase.lowered(byte) { matched += 1 } else { stillMatching = false }
        }
        return inPiece && stillMatching && matched == wanted.count
    }
}
