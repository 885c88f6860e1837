/// One walk over the whole loaded configuration for what the model builder reads from all of
/// it: the workers and balancers, the directives httpd refuses (and the time values written),
/// and the `Header` lines that can apply to a proxied response. Three walks did this before,
/// each copying every directive, looking its name up and parsing the same lines again.
struct ApacheConfigurationScan {
    private(set) var workers = ApacheWorkers()
    private(set) var availability: ApacheDirectiveAvailability
    /// `Header` lines that can apply to a proxied response (not those in `<Directory>`/`<Files>`).
    private(set) var responseHeaders: [Directive] = []

    private struct Frame {
        var list: [Directive]
        var index = 0
        /// The path of the innermost enclosing `<Location>`/`<LocationMatch>`.
        var location: String?
        var workers: ApacheWorkers.Reading
        /// Whether `Header` lines here count (not inside `<Directory>`/`<Files>`).
        var headers: Bool
    }

    init(_ directives: [Directive], version: SoftwareVersion, modules: Set<String>?) {
        availability = ApacheDirectiveAvailability(version: version, modules: modules)
        // Depth-first in configuration order, as each of the three walks went; each reader keeps
        // its own order of operations.
        var stack = [Frame(list: directives, location: nil, workers: .all, headers: true)]
        while let top = stack.indices.last {
            let index = stack[top].index
            guard index < stack[top].list.count else { stack.removeLast(); continue }
            stack[top].index = index + 1
            // Recognised in place: most directives are neither sections nor read here, and a
            // copy of each (and of its list's reading) retained and released all it holds.
            let (name, read) = ApacheConfigurationScan.reading(stack[top].list[index])
            guard read else { continue }
            let d = stack[top].list[index]
            var parts = ApacheLineParts()
            let location = stack[top].location
            let childReading = workers.read(d, &parts, name, as: stack[top].workers)
            if let block = d.block {
                let headers = stack[top].headers && !(name == .directory || name == .directoryMatch || name == .files || name == .filesMatch)
                let inner = name == .location || name == .locationMatch ? (d.arguments.last?.value ?? "/") : location
                stack.append(Frame(list: block, location: inner, workers: childReading, headers: headers))
                continue
            }
            if stack[top].headers, name == .header { responseHeaders.append(d) }
            if let name { availability.check(d, &parts, name, location: location) }
        }
    }

    /// The directive's name, and whether the scan reads the directive: a section, or a name the
    /// workers, the availability checks or the `Header` list act on (`ApacheWorkers.read`,
    /// `ApacheDirectiveAvailability.check`).
    // Not inlined, and the directive borrowed, as `ApacheDirectiveName.init` takes it: one call
    // for the name and the block.
    @inline(never) private static func reading(_ directive: borrowing Directive) -> (ApacheDirectiveName?, Bool) {
        let name = ApacheDirectiveName(directive)
        return (name, directive.block != nil || reads(name))
    }

    private static func reads(_ name: ApacheDirectiveName?) -> Bool {
        switch name {
        case .balancerMember, .proxySet, .proxyPass, .proxyPassMatch, .header, .timeout, .proxyTimeout, .limitRequestBody, .rewriteRule,
             .proxyWebsocketFallbackToProxyHTTP, .proxyWebsocketIdleTimeout, .proxyWebsocketAsync, .proxyWebsocketAsyncDelay:
            return true
        default:
            return false
        }
    }
}
