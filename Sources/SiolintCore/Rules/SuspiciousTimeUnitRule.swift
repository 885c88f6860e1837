/// SIO103: a time value that is almost surely written in the wrong unit.
public struct SuspiciousTimeUnitRule: ModelRule {
    public static let description = RuleDescription(
        id: "SIO103", name: "suspicious-time-unit", defaultSeverity: .warning,
        summary: "A time value is almost surely a unit mistake: a bare number the server reads in another unit than meant, or a unit it ignores.",
        explanation: """
        Servers disagree on the unit of a bare number: nginx reads seconds, HAProxy milliseconds, Apache seconds (and its \
        worker `timeout=` ignores an `ms` suffix). `proxy_read_timeout 43200000` in nginx is 500 days, not 12 hours; \
        `timeout client 30` in HAProxy is 30 milliseconds. Such values either disable the timeout or make it fire at once. \
        Write the unit explicitly.
        """,
        fixes: [
            .nginx: "write the unit: `proxy_read_timeout 12h;` (a bare number is seconds)",
            .apache: "write whole seconds: `timeout=60` (the worker `timeout=` ignores `ms`)",
            .haproxy: "write the unit: `timeout client 30s` (a bare number is milliseconds)",
        ],
        triggeringExamples: [
            RuleExample(.nginx, "http { server { listen 80; location / { proxy_pass http://127.0.0.1:3000; proxy_read_timeout ↓43200000; } } }"),
            RuleExample(.apache, """
            ProxyPass /socket.io/ http://127.0.0.1:3000/socket.io/ upgrade=websocket ↓timeout=500ms
            """, note: "httpd reads the worker timeout with atoi: 500 seconds"),
            RuleExample(.apache, """
            Timeout ↓2m
            ProxyPass /socket.io/ http://127.0.0.1:3000/socket.io/ upgrade=websocket
            """, note: "Timeout takes whole seconds too: 2m is 2 seconds"),
            RuleExample(.haproxy, """
            defaults
              mode http
              timeout connect 5s
              timeout client ↓30
              timeout server 60s
              timeout tunnel 1h
            frontend fe
              bind :80
              default_backend be
            backend be
              server s1 127.0.0.1:3000
            """, note: "a bare number is milliseconds"),
        ],
        nonTriggeringExamples: [
            RuleExample(.nginx, "http { server { listen 80; location / { proxy_pass http://127.0.0.1:3000; proxy_read_timeout 12h; } } }"),
            RuleExample(.nginx, "http { server { listen 80; location / { proxy_pass http://127.0.0.1:3000; proxy_read_timeout 3600; } } }",
                        note: "an hour in bare seconds is plausible"),
            RuleExample(.apache, """
            ProxyPass /socket.io/ http://127.0.0.1:3000/socket.io/ upgrade=websocket timeout=60
            """),
            RuleExample(.haproxy, """
            defaults
              mode http
              timeout connect 5s
              timeout client 30s
              timeout server 60000
              timeout tunnel 1h
            frontend fe
              bind :80
              default_backend be
            backend be
              server s1 127.0.0.1:3000
            """, note: "60000 bare milliseconds is a plausible minute"),
        ],
        tags: ["timeout", "units"])

    /// A bare number of seconds above this is far more likely milliseconds.
    static let implausibleSeconds = Duration.seconds(30 * 86_400)
    /// A bare number of milliseconds below this is far more likely seconds.
    static let implausibleMilliseconds = Duration(milliseconds: 1000)

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        context.configuration.timeLiterals.compactMap { literal in
            if let ignored = literal.ignoredUnit {
                return finding("`\(literal.directive.text)`: the server ignores the unit \"\(ignored)\" here and reads \(literal.value) (\(literal.defaultUnit))",
                               at: literal.range, context: context)
            }
            guard literal.unitless else { return nil }
            if literal.defaultUnit == "seconds", literal.value > Self.implausibleSeconds {
                let asMilliseconds = Duration(milliseconds: literal.value.milliseconds / 1000)
                return finding("`\(literal.written)` in `\(literal.directive.text)` is read as seconds, i.e. \(days(literal.value)); if milliseconds were meant, that is \(asMilliseconds)",
                               at: literal.range, context: context)
            }
            if literal.defaultUnit == "milliseconds", literal.value < Self.implausibleMilliseconds, literal.value.milliseconds > 0 {
                return finding("`\(literal.written)` in `\(literal.directive.text)` is read as \(literal.value) (a bare number is milliseconds here); if seconds were meant, write `\(literal.written)s`",
                               at: literal.range, context: context)
            }
            return nil
        }
    }

    private func days(_ d: Duration) -> String {
        let days = d.milliseconds / 86_400_000
        return days >= 365 ? "\(days) days (over \(days / 365) year\(days >= 730 ? "s" : ""))" : "\(days) days"
    }
}
