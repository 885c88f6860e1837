/// httpd module names: identifiers (`proxy_module`) and source file names (`mod_proxy.c`), and
/// the modules Debian's build compiles in (`ApacheDirectiveName.module` says which module
/// defines a directive).
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

    /// `mod_proxy` for `proxy_module`, for messages.
    static func fileStem(_ identifier: String) -> String {
        identifier.hasSuffix("_module") ? "mod_" + identifier.dropLast("_module".count) : identifier
    }
}
