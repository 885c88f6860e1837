/// httpd module names: identifiers (`proxy_module`) and source file names (`mod_proxy.c`), the
/// modules Debian's build compiles in, and which module defines the directives siolint reads
/// (httpd refuses a directive whose module is not loaded: "Invalid command …").
enum ApacheModules {
    /// Compiled into Debian's apache2 2.4 (`apache2 -l`); always present.
    static let builtIn: Set<String> = ["core_module", "so_module", "watchdog_module", "http_module", "log_config_module",
                                       "logio_module", "version_module", "unixd_module"]

    /// Source files whose name does not follow `mod_X.c` ↔ `X_module`.
    private static let fileExceptions: [String: String] = [
        "core.c": "core_module", "http_core.c": "http_module", "event.c": "mpm_event_module",
        "prefork.c": "mpm_prefork_module", "worker.c": "mpm_worker_module", "mod_php5.c": "php5_module",
        "mod_php7.c": "php7_module", "mod_php.c": "php_module", "sapi_apache2.c": "php_module",
    ]

    /// The identifier for a name as `<IfModule>` accepts it: `proxy_module`, `mod_proxy.c`.
    static func identifier(_ name: String) -> String {
        let lower = name.lowercased()
        if lower.hasSuffix("_module") { return lower }
        if let exception = fileExceptions[lower] { return exception }
        if lower.hasBytePrefix("mod_"), lower.hasSuffix(".c") { return String(lower.dropFirst(4).dropLast(2)) + "_module" }
        return lower
    }

    /// The module that defines a directive (lower-case name), for the directives siolint reads.
    static func module(defining key: String) -> String? { moduleByDirective[key] }

    // A table rather than a `switch`: a switch over strings compares them one by one, and this
    // runs for every directive of the configuration.
    private static let moduleByDirective: [String: String] = {
        let groups: [(module: String, directives: [String])] = [
            ("proxy_module", ["proxypass", "proxypassmatch", "proxypassreverse", "proxypassreversecookiedomain", "proxypassreversecookiepath",
                              "proxytimeout", "proxyset", "proxypreservehost", "proxyrequests", "proxyaddheaders", "proxyerroroverride",
                              "proxyvia", "proxypassinherit", "proxyiobuffersize", "proxymaxforwards", "proxybadheader", "proxyreceivebuffersize",
                              "balancermember", "proxy", "proxymatch"]),
            ("proxy_wstunnel_module", ["proxywebsocketfallbacktoproxyhttp"]),
            ("rewrite_module", ["rewriteengine", "rewritecond", "rewriterule", "rewriteoptions", "rewritebase", "rewritemap"]),
            ("headers_module", ["header", "requestheader"]),
            ("env_module", ["setenv", "unsetenv", "passenv"]),
            ("setenvif_module", ["setenvif", "setenvifnocase", "browsermatch"]),
        ]
        var table: [String: String] = [:]
        for (module, directives) in groups {
            for directive in directives { table[directive] = module }
        }
        return table
    }()

    /// Directives only httpd trunk has (never in a 2.4 release).
    static let websocketTrunkOnly: Set<String> = ["proxywebsocketidletimeout", "proxywebsocketasync", "proxywebsocketasyncdelay"]

    /// `mod_proxy` for `proxy_module`, for messages.
    static func fileStem(_ identifier: String) -> String {
        identifier.hasSuffix("_module") ? "mod_" + identifier.dropLast("_module".count) : identifier
    }
}
