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
            let list = stack[top].list
            let location = stack[top].location
            let reading = stack[top].workers
            let headers = stack[top].headers
            let start = stack[top].index
            // The list's directives recognised in place, field by field through its buffer: an
            // array subscript copies the element (retaining and releasing all it holds), and most
            // directives are neither sections nor read here. One that is read is copied once.
            let section: (index: Int, frame: Frame)? = list.withUnsafeBufferPointer { buffer in
                for index in start..<buffer.count {
                    let name = ApacheDirectiveName(in: buffer, at: index)
                    guard buffer[index].hasBlock || ApacheConfigurationScan.reads(name) else { continue }
                    let d = buffer[index]
                    var parts = ApacheLineParts()
                    let childReading = workers.read(d, &parts, name, as: reading)
                    if let block = d.block {
                        let childHeaders = headers && !(name == .directory || name == .directoryMatch || name == .files || name == .filesMatch)
                        let inner = name == .location || name == .locationMatch ? (d.arguments.last?.value ?? "/") : location
                        return (index, Frame(list: block, location: inner, workers: childReading, headers: childHeaders))
                    }
                    if headers, name == .header { responseHeaders.append(d) }
                    if let name { availability.check(d, &parts, name, location: location) }
                }
                return nil
            }
            guard let section else { stack.removeLast(); continue }
            stack[top].index = section.index + 1
            stack.append(section.frame)
        }
        workers.finish()
    }

    /// Whether the scan reads a simple directive of this name: the workers, the availability
    /// checks or the `Header` list act on it (`ApacheWorkers.read`, `ApacheDirectiveAvailability.check`).
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
