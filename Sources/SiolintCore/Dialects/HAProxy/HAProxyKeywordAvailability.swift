/// Keywords HAProxy refuses to start with since some version, that folklore and old examples
/// still carry (HAPSRC src/cfgparse-global.c, src/cfgparse-listen.c; messages as `haproxy -c`
/// 2.6 prints them).
enum HAProxyKeywordAvailability {
    /// The pre-2.1 header manipulation keywords.
    static let legacyHeaderKeywords: Set<String> = [
        "reqrep", "reqirep", "reqdel", "reqidel", "reqdeny", "reqideny", "reqpass", "reqipass", "reqallow", "reqiallow",
        "reqtarpit", "reqitarpit", "reqadd", "reqsetbe", "reqisetbe",
        "rsprep", "rspirep", "rspdel", "rspidel", "rspdeny", "rspideny", "rspadd",
    ]

    /// Whether a line with this keyword can be refused at all: only a few names can, and asking
    /// first spares copying every line of the configuration into `rejection(of:version:)`.
    static func mayRefuse(_ keyword: Word) -> Bool {
        switch keyword.value.utf8.first {
        case UInt8(ascii: "n"), UInt8(ascii: "o"), UInt8(ascii: "d"), UInt8(ascii: "r"): break
        default: return false
        }
        return keyword.is("nbproc") || keyword.is("option") || keyword.is("no") || keyword.is("default")
            || keyword.value.hasBytePrefix("req") || keyword.value.hasBytePrefix("rsp")
    }

    static func rejection(of line: Directive, version: SoftwareVersion) -> RejectedDirective? {
        let name = line.name.value
        guard mayRefuse(line.name) else { return nil }
        // Built only for a line that is refused: this runs on every line of the configuration.
        var reference: DirectiveReference { DirectiveReference(line) }
        let arguments = line.arguments
        if name == "nbproc", version >= SoftwareVersion([2, 5]) {
            return RejectedDirective(directive: reference,
                                     reason: "nbproc is not supported any more since HAProxy 2.5 (target \(version))",
                                     fix: "remove `nbproc`; HAProxy 2.5+ uses threads on every core by itself (`nbthread` to limit them)")
        }
        let option: String? = name == "option" ? line.firstValue
            : ((name == "no" || name == "default") && line.firstValue == "option" && arguments.count > 1 ? arguments[1].value : nil)
        if option == "http-tunnel", version >= SoftwareVersion([2, 1]) {
            return RejectedDirective(directive: reference,
                                     reason: "option 'http-tunnel' is not supported any more since HAProxy 2.1 (target \(version))",
                                     fix: "remove `option http-tunnel`; HAProxy 2.x switches a WebSocket to tunnel mode after the 101 by itself")
        }
        if option == "forceclose", version >= SoftwareVersion([2, 0]) {
            return RejectedDirective(directive: reference,
                                     reason: "option 'forceclose' is not supported any more since HAProxy 2.0 (target \(version))",
                                     fix: "remove it, or write `option httpclose` (which does not break WebSocket in 2.x)")
        }
        if legacyHeaderKeywords.contains(name), version >= SoftwareVersion([2, 1]) {
            let replacement = name.hasBytePrefix("rsp") ? "http-response" : "http-request"
            return RejectedDirective(directive: reference,
                                     reason: "the '\(name)' directive is not supported any more since HAProxy 2.1 (target \(version))",
                                     fix: "use `\(replacement) replace-header`, `set-header`, `del-header`, `replace-path` or `deny` instead")
        }
        return nil
    }
}
