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
    var balancerName: String { String(concatenating: "balancer://", ASCIICase.lowercased(authority)) }
    /// What the common model calls the backend address.
    var address: String { authority }
}

/// A `key=value` parameter of a ProxyPass, BalancerMember or ProxySet line.
struct ApacheParameter {
    var key: String
    var value: String
    var word: Word
    /// What httpd accepts the key for, found when the line was read (in the word's padding).
    var accepted: ApacheParameters.Accepted
    /// The line it is written on, shared by the line's parameters: a copy of the directive each
    /// was a tenth of the peak memory on large files.
    var directive: DirectiveReference
}

/// Parameter names httpd 2.4 accepts (mod_proxy.c `set_worker_param`, `set_balancer_param`);
/// any other makes httpd refuse the line ("unknown Worker parameter").
enum ApacheParameters {
    private static let worker = ["loadfactor", "retry", "ttl", "min", "max", "smax", "acquire", "timeout", "iobuffersize",
                                 "receivebuffersize", "keepalive", "disablereuse", "enablereuse", "route", "redirect",
                                 "status", "flushpackets", "flushwait", "ping", "lbset", "connectiontimeout", "flusher",
                                 "upgrade", "responsefieldsize", "secret", "address_ttl", "mapping"]
    private static let balancer = ["stickysession", "stickysessionsep", "nofailover", "timeout", "maxattempts", "lbmethod",
                                   "scolonpathdelim", "failonstatus", "failontimeout", "nonce", "growth", "forcerecovery"]
    static let flags: Set<String> = ["nocanon", "interpolate", "noquery"]

    /// What httpd accepts a parameter name for.
    struct Accepted: OptionSet {
        let rawValue: UInt8
        static let worker = Accepted(rawValue: 1)
        static let balancer = Accepted(rawValue: 2)
    }

    /// The names of `worker` and `balancer` with what accepts each. A key read from a line is
    /// found here by its bytes (`ByteNameTable`, whatever their case) and shares the name's string,
    /// instead of a new string per key hashed into two sets (a sixth of the configuration scan).
    private struct KnownNames {
        let names: [String]
        let accepted: [Accepted]
        let table: ByteNameTable

        init() {
            names = Set(ApacheParameters.worker + ApacheParameters.balancer).sorted()
            accepted = names.map { name in
                var accepted: Accepted = []
                if ApacheParameters.worker.contains(name) { accepted.insert(.worker) }
                if ApacheParameters.balancer.contains(name) { accepted.insert(.balancer) }
                return accepted
            }
            table = ByteNameTable(names, ignoringASCIICase: true)
        }
    }

    private static let knownNames = KnownNames()

    /// The known name whose bytes are `key`'s with ASCII letters lower-cased, and what accepts it.
    private static func known(_ key: Slice<UnsafeBufferPointer<UInt8>>) -> (name: String, accepted: Accepted)? {
        guard let index = knownNames.table.index(of: UnsafeBufferPointer(rebasing: key)) else { return nil }
        return (knownNames.names[index], knownNames.accepted[index])
    }

    /// What httpd accepts a lower-cased key for: mod_proxy_hcheck adds the hc* parameters to both.
    private static func accepted(_ key: String) -> Accepted {
        if key.hasBytePrefix("hc") { return [.worker, .balancer] }
        var copy = key
        return copy.withUTF8 { known($0[...])?.accepted } ?? []
    }

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
            guard let (key, value, accepted) = split(word.value) else { continue }
            let reference = line ?? DirectiveReference(directive)
            line = reference
            result.append(ApacheParameter(key: key, value: value, word: word, accepted: accepted, directive: reference))
        }
        return result
    }

    /// `key=value` as the lower-cased key, the value and what accepts the key; `nil` without `=`.
    private static func split(_ word: String) -> (key: String, value: String, accepted: Accepted)? {
        var text = word
        let ascii: (key: String, value: String, accepted: Accepted)?? = text.withUTF8 { bytes in
            // In other text a `=` byte can be part of a character (a combining mark follows it).
            guard ApacheBytes.isASCII(bytes[...]) else { return nil }
            guard let eq = bytes.firstIndex(of: UInt8(ascii: "=")) else { return .some(nil) }
            let value = ApacheBytes.string(bytes[(eq + 1)...])
            if let known = known(bytes[..<eq]) { return (known.name, value, known.accepted) }
            let key = ApacheBytes.lowercased(bytes[..<eq])
            return (key, value, accepted(key))
        }
        if let ascii { return ascii }
        guard let eq = word.firstIndex(of: "=") else { return nil }
        let key = word[..<eq].lowercased()
        return (key, String(word[word.index(after: eq)...]), accepted(key))
    }

    /// Whether a parameter's name is accepted for a worker (or a balancer, which also takes the
    /// worker parameters).
    static func isKnown(_ parameter: ApacheParameter, balancer: Bool) -> Bool {
        balancer ? !parameter.accepted.isEmpty : parameter.accepted.contains(.worker)
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
///
/// A class: a reading is handed to the workers, the availability checks and its route's closure,
/// and each copy of the structure retained its strings and the directive's references.
final class ApacheProxyPass: Sendable {
    let directive: Directive
    /// The path prefix or regular expression; the section's path inside `<Location>`.
    let path: String
    let isMatch: Bool
    /// `nil` for `!` (an exclusion).
    let url: ApacheProxyURL?
    /// The URL as written (with `$1` for ProxyPassMatch).
    let rawURL: String
    /// Where the `key=value` parameters start among the arguments. Only the configuration scan
    /// reads them (once per line, `ApacheLineParts`): the model builder reads each line again
    /// for its route, and parsing its parameters there was a third of that.
    let parametersFrom: Int
    /// The `key=value` parameters, parsed on each call.
    var parameters: [ApacheParameter] { ApacheParameters.parse(directive, from: parametersFrom) }

    /// Reads a ProxyPass line; `locationPath` is the enclosing `<Location>` path, if any;
    /// `pattern`: the path is matched as a regular expression (`<LocationMatch>`, `<Location ~>`)
    /// even for `ProxyPass`.
    init?(_ directive: Directive, locationPath: String?, pattern: Bool = false) {
        // The words, not `values`: an array of every argument's value per line.
        let words = directive.arguments
        self.directive = directive
        isMatch = pattern || ApacheDirectiveName(directive) == .proxyPassMatch
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
