import Foundation

/// Directives and values httpd 2.4 refuses to start with, or accepts and cannot carry out, plus
/// every time value written in a timeout directive (for the unit checks). Folklore recommends
/// the trunk-only `ProxyWebsocket*` directives; httpd's `atoi` ignores units in `Timeout`,
/// `ProxyTimeout` and `timeout=`.
struct ApacheDirectiveAvailability {
    let version: SoftwareVersion
    let modules: Set<String>?
    private(set) var rejected: [RejectedDirective] = []
    private(set) var timeLiterals: [TimeLiteral] = []
    /// Whether ws:// URLs have no handler (`checkScheme`): decided once, so that the URLs of
    /// BalancerMember and RewriteRule lines (and a rule's flags) are only read when it matters.
    private let webSocketSchemesUnhandled: Bool

    init(version: SoftwareVersion, modules: Set<String>?) {
        self.version = version
        self.modules = modules
        webSocketSchemesUnhandled = version < ApacheDefaults.proxyHTTPTunnel && modules.map { !$0.contains("proxy_wstunnel_module") } == true
    }

    private mutating func reject(_ d: Directive, _ reason: String, _ fix: String, effect: String? = nil) {
        reject(DirectiveReference(d), reason, fix, effect: effect)
    }

    private mutating func reject(_ d: DirectiveReference, _ reason: String, _ fix: String, effect: String? = nil) {
        rejected.append(RejectedDirective(directive: d, reason: reason, fix: fix, effect: effect))
    }

    /// Checks one simple directive; `location` is the path of the `<Location>` it is in, if any.
    mutating func check(_ d: Directive, _ parts: inout ApacheLineParts, _ name: ApacheDirectiveName, location: String?) {
        if name.isTrunkOnly {
            let fix = name == .proxyWebsocketIdleTimeout
                ? "remove it: on httpd ≥ 2.4.47 a WebSocket tunnel stays open while idle for the larger of Timeout and the backend timeout (ProxyTimeout or the worker's timeout=); raise those instead"
                : "remove it: no 2.4 release has asynchronous WebSocket tunnelling settings"
            reject(d, "Invalid command '\(d.name.value)': only httpd trunk has it, no 2.4 release (\(version) included)", fix)
            return
        }
        switch name {
        case .proxyWebsocketFallbackToProxyHTTP where version < ApacheDefaults.fallbackDirective:
            reject(d, "Invalid command '\(d.name.value)' in httpd \(version) (added in 2.4.48)", "remove it, or run httpd ≥ 2.4.48")
        case .timeout, .proxyTimeout:
            guard let word = d.arguments.first, !word.value.containsBytes("${") else { return }
            recordSeconds(d, word: word, written: word.value)
            if name == .proxyTimeout, (ApacheParameters.leadingInteger(word.value)?.value ?? 0) < 1 {
                reject(d, "Proxy Timeout must be at least 1 second (\"\(word.value)\")", "write whole seconds, e.g. `ProxyTimeout 60`")
            }
        case .limitRequestBody:
            guard let value = d.firstValue, !value.containsBytes("${") else { return }
            if value.isEmpty || !value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                reject(d, "LimitRequestBody requires a non-negative integer (\"\(value)\"; httpd takes no units here)",
                       "write bytes: `LimitRequestBody 10485760` (10 MiB), or 0 for unlimited")
            }
        case .proxyPass, .proxyPassMatch:
            let arguments = d.arguments
            if let location, arguments.count >= 2, arguments[0].value.hasBytePrefix("/"),
               arguments[1].value.containsBytes("://") || arguments[1].value == "!" {
                reject(d, "\(d.name.value) can not have a path when defined in a location (<Location \(location)>)",
                       "drop the path: inside <Location> write `ProxyPass http://backend/…`")
                return
            }
            guard let pass = location == nil ? parts.proxyPass(d) : ApacheProxyPass(d, locationPath: location), let url = pass.url else { return }
            checkParameters(parts.parameters(of: d, from: pass.parametersFrom), balancer: url.isBalancer)
            checkScheme(d, url)
        case .balancerMember:
            let urlIndex = d.firstValue.map { ApacheBytes.hasPrefixIgnoringCase($0, "balancer://") } == true ? 1 : 0
            guard d.arguments.count > urlIndex else { return }
            checkParameters(parts.parameters(of: d, from: urlIndex + 1), balancer: false)
            if webSocketSchemesUnhandled { checkScheme(d, ApacheProxyURL(d.arguments[urlIndex].value)) }
        case .proxySet:
            let explicit = d.firstValue?.containsBytes("://") == true
            checkParameters(parts.parameters(of: d, from: explicit ? 1 : 0), balancer: true)
        case .rewriteRule:
            guard webSocketSchemesUnhandled else { return }
            let flags = ApacheRewriteRule.flags(d, after: 2)
            if flags.contains(.proxy), d.arguments.count >= 2 { checkScheme(d, ApacheProxyURL(d.arguments[1].value)) }
        default:
            break
        }
    }

    private mutating func checkParameters(_ parameters: [ApacheParameter], balancer: Bool) {
        for p in parameters {
            if !ApacheParameters.isKnown(p, balancer: balancer) {
                reject(p.directive, "unknown \(balancer ? "Balancer" : "Worker") parameter \"\(p.key)\"", "remove `\(p.word.value)` (see the parameters in mod_proxy's ProxyPass documentation)")
                continue
            }
            guard p.key == "timeout", !p.value.containsBytes("${") else { continue }
            recordSeconds(p.directive, word: p.word, written: p.value)
            if (ApacheParameters.leadingInteger(p.value)?.value ?? 0) < 1 {
                reject(p.directive, "Timeout must be at least one second (`\(p.word.value)`)", "write whole seconds: `timeout=60`")
            }
        }
    }

    /// ws:// before 2.4.47 is handled by mod_proxy_wstunnel only.
    private mutating func checkScheme(_ d: Directive, _ url: ApacheProxyURL) {
        guard webSocketSchemesUnhandled, url.isWebSocket else { return }
        reject(d, "no handler for \(url.scheme):// URLs in httpd \(version): mod_proxy_wstunnel is not loaded (mod_proxy_http handles ws:// only from 2.4.47)",
               "`LoadModule proxy_wstunnel_module modules/mod_proxy_wstunnel.so`, or run httpd ≥ 2.4.47",
               effect: "httpd starts, but WebSocket requests routed here fail with 500")
    }

    /// httpd reads these with `atoi`: whole seconds, any unit after the digits ignored.
    private mutating func recordSeconds(_ d: Directive, word: Word, written: String) {
        recordSeconds(DirectiveReference(d), word: word, written: written)
    }

    private mutating func recordSeconds(_ d: DirectiveReference, word: Word, written: String) {
        guard let (n, rest) = ApacheParameters.leadingInteger(written) else { return }
        let unit = rest.trimmingWhitespace()
        timeLiterals.append(TimeLiteral(directive: d, written: written, range: word.range, value: .seconds(n),
                                        unitless: unit.isEmpty, defaultUnit: "seconds", ignoredUnit: unit.isEmpty ? nil : unit))
    }
}
