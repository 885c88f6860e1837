/// The keywords most HAProxy lines start with, recognised on the bytes of a line: the parser takes
/// their name from here instead of making a string of the bytes (a string made from bytes was a
/// sixth of the parse), and knows without comparing again whether a name opens a section.
/// Other names are read as written; the table only spares work.
enum HAProxyKeywordNames {
    /// A keyword of the table: its name (a literal, which costs nothing to copy), whether it
    /// opens a section and whether that section needs a name (`HAProxyParser.namedSections`).
    struct Entry {
        let name: String
        let opensSection: Bool
        let needsName: Bool
    }

    /// The keyword written in `bytes`, `nil` when it is not in the table.
    static func entry(_ bytes: UnsafeBufferPointer<UInt8>) -> Entry? {
        table.index(of: bytes).map { entries[$0] }
    }

    /// The section keywords (`HAProxyParser.sectionKeywords`).
    static let sections = ["global", "defaults", "frontend", "backend", "listen", "peers", "resolvers", "userlist", "cache", "program",
                           "http-errors", "ring", "mailers", "fcgi-app", "log-forward", "crt-store", "traces", "acme", "namespace_list"]

    /// Keywords of the sections that hold most lines (HAPDOC §3, §4).
    static let lineKeywords = [
        "acl", "bind", "server", "http-request", "http-response", "http-after-response", "use_backend", "default_backend", "timeout",
        "option", "no", "default", "mode", "balance", "cookie", "maxconn", "log", "stats", "tcp-request", "tcp-response", "http-check",
        "redirect", "errorfile", "default-server", "hash-type", "retries", "http-reuse", "compression", "capture", "monitor-uri",
        "daemon", "user", "group", "nbthread", "chroot", "pidfile", "description", "log-format", "unique-id-format", "unique-id-header",
        "use-server", "server-template", "filter", "email-alert", "fullconn", "stick-table", "stick", "ssl-default-bind-options",
        "ssl-default-bind-ciphers", "ssl-default-bind-ciphersuites", "ssl-default-server-options", "tune.ssl.default-dh-param",
        "tune.bufsize", "stats-file", "nameserver", "peer", "total-max-size", "max-age", "dispatch", "source",
    ]

    private static let entries: [Entry] = (sections.map { ($0, true) } + lineKeywords.map { ($0, false) }).map { name, opensSection in
        Entry(name: name, opensSection: opensSection, needsName: opensSection && HAProxyParser.namedSections.contains(name))
    }
    private static let table = ByteNameTable(entries.map(\.name))
}
