/// A backend URL as mod_proxy reads it: `http://host:port/path`, `ws://…`, `balancer://name/path`.
struct ApacheProxyURL: Hashable {
    var scheme: String
    /// `host:port`, or the balancer name.
    var authority: String
    /// The path part, `""` when the URL has none.
    var path: String

    init(_ url: String) {
        var text = url
        (scheme, authority, path) = text.withUTF8 { bytes in
            var rest = bytes[...]
            var scheme = ""
            if let separator = ApacheBytes.schemeSeparator(bytes) {
                scheme = ApacheBytes.lowercased(bytes[..<separator])
                rest = bytes[(separator + 3)...]
            }
            guard let slash = rest.firstIndex(of: UInt8(ascii: "/")) else { return (scheme, ApacheBytes.string(rest), "") }
            return (scheme, ApacheBytes.string(rest[..<slash]), ApacheBytes.string(rest[slash...]))
        }
    }

    var isBalancer: Bool { scheme == "balancer" }
    /// `ws://` and `wss://`: the worker accepts a WebSocket upgrade by default.
    var isWebSocket: Bool { scheme == "ws" || scheme == "wss" }
    /// The name balancers are registered under: `balancer://nodes`.
    var balancerName: String { "balancer://" + ApacheBytes.lowercased(authority) }
    /// What the common model calls the backend address.
    var address: String { authority }
}

/// A `key=value` parameter of a ProxyPass, BalancerMember or ProxySet line.
struct ApacheParameter {
    var key: String
    var value: String
    var word: Word
    /// The line it is written on, shared by the line's parameters: a copy of the directive each
    /// was a tenth of the peak memory on large files.
    var directive: DirectiveReference
}

/// Parameter names httpd 2.4 accepts (mod_proxy.c `set_worker_param`, `set_balancer_param`);
/// any other makes httpd refuse the line ("unknown Worker parameter").
enum ApacheParameters {
    static let worker: Set<String> = ["loadfactor", "retry", "ttl", "min", "max", "smax", "acquire", "timeout", "iobuffersize",
                                      "receivebuffersize", "keepalive", "disablereuse", "enablereuse", "route", "redirect",
                                      "status", "flushpackets", "flushwait", "ping", "lbset", "connectiontimeout", "flusher",
                                      "upgrade", "responsefieldsize", "secret", "address_ttl", "mapping"]
    static let balancer: Set<String> = ["stickysession", "stickysessionsep", "nofailover", "timeout", "maxattempts", "lbmethod",
                                        "scolonpathdelim", "failonstatus", "failontimeout", "nonce", "growth", "forcerecovery"]
    static let flags: Set<String> = ["nocanon", "interpolate", "noquery"]

    /// The `key=value` words of a line, from `from` on; flags are skipped.
    static func parse(_ directive: Directive, from: Int) -> [ApacheParameter] {
        let words = directive.arguments
        guard words.count > from else { return [] }
        var line: DirectiveReference?
        var result: [ApacheParameter] = []
        // `compactMap` over the words grew its array at every parameter.
        result.reserveCapacity(words.count - from)
        for index in from..<words.count {
            let word = words[index]
            guard let (key, value) = split(word.value) else { continue }
            let reference = line ?? DirectiveReference(directive)
            line = reference
            result.append(ApacheParameter(key: key, value: value, word: word, directive: reference))
        }
        return result
    }

    /// `key=value` as the lower-cased key and the value; `nil` without `=`.
    private static func split(_ word: String) -> (key: String, value: String)? {
        var text = word
        let ascii: (key: String, value: String)?? = text.withUTF8 { bytes in
            // In other text a `=` byte can be part of a character (a combining mark follows it).
            guard ApacheBytes.isASCII(bytes[...]) else { return nil }
            guard let eq = bytes.firstIndex(of: UInt8(ascii: "=")) else { return .some(nil) }
            return (ApacheBytes.lowercased(bytes[..<eq]), ApacheBytes.string(bytes[(eq + 1)...]))
        }
        if let ascii { return ascii }
        guard let eq = word.firstIndex(of: "=") else { return nil }
        return (word[..<eq].lowercased(), String(word[word.index(after: eq)...]))
    }

    /// Whether a parameter name is accepted for a worker (or a balancer).
    static func isKnown(_ key: String, balancer: Bool) -> Bool {
        // mod_proxy_hcheck adds hc* parameters.
        if key.hasBytePrefix("hc") { return true }
        return balancer ? ApacheParameters.balancer.contains(key) || worker.contains(key) : worker.contains(key)
    }

    /// `atoi` as httpd applies it to seconds: leading digits, anything after them ignored.
    static func leadingInteger(_ text: String) -> (value: Int64, rest: String)? {
        var copy = text
        let ascii: (value: Int64, rest: String)?? = copy.withUTF8 { bytes in
            let count = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
            // A non-ASCII byte after the digits may combine with the last one into one character.
            guard count == bytes.count || bytes[count] < 0x80 else { return nil }
            guard count > 0, count <= 15 else { return count == 0 ? .some(nil) : nil }
            var n: Int64 = 0
            for byte in bytes[..<count] { n = n * 10 + Int64(byte - 0x30) }
            return (n, ApacheBytes.string(bytes[count...]))
        }
        if let ascii { return ascii }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let n = Int64(digits.prefix(15)) else { return nil }
        return (n, String(text.dropFirst(digits.count)))
    }
}

/// One `ProxyPass`/`ProxyPassMatch` line: the path (or pattern), the target or `!`, parameters.
struct ApacheProxyPass {
    var directive: Directive
    /// The path prefix or regular expression; the section's path inside `<Location>`.
    var path: String
    var isMatch: Bool
    /// `nil` for `!` (an exclusion).
    var url: ApacheProxyURL?
    /// The URL as written (with `$1` for ProxyPassMatch).
    var rawURL: String
    /// Where the `key=value` parameters start among the arguments. Only the configuration scan
    /// reads them (once per line, `ApacheLineParts`): the model builder reads each line again
    /// for its route, and parsing its parameters there was a third of that.
    let parametersFrom: Int
    /// The `key=value` parameters, parsed on each call.
    var parameters: [ApacheParameter] { ApacheParameters.parse(directive, from: parametersFrom) }

    /// Reads a ProxyPass line; `locationPath` is the enclosing `<Location>` path, if any.
    init?(_ directive: Directive, locationPath: String?) {
        // The words, not `values`: an array of every argument's value per line.
        let words = directive.arguments
        self.directive = directive
        isMatch = ApacheDirectiveName(directive) == .proxyPassMatch
        let urlIndex: Int
        if let locationPath {
            // Inside <Location> the path is omitted (writing it anyway is an error httpd reports).
            guard let first = words.first?.value else { return nil }
            if first.hasBytePrefix("/"), words.count >= 2, !ApacheParameters.flags.contains(words[1].value),
               !words[1].value.containsBytes("=") || words[1].value.containsBytes("://") {
                path = first
                urlIndex = 1
            } else {
                path = locationPath
                urlIndex = 0
            }
        } else {
            guard words.count >= 2 else { return nil }
            path = words[0].value
            urlIndex = 1
        }
        rawURL = words[urlIndex].value
        url = rawURL == "!" ? nil : ApacheProxyURL(rawURL)
        parametersFrom = urlIndex + 1
    }
}
