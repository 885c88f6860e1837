/// The parts of one directive that both the workers and the availability checks read (its
/// `key=value` parameters, its ProxyPass reading), read once for both: each pass parsed them
/// again, several thousand instructions per line. The directive is passed to each call, not
/// kept: a copy of it retained and released all it holds.
struct ApacheLineParts {
    private var parametersFrom = -1
    private var parameters: [ApacheParameter] = []
    private var passRead = false
    private var pass: ApacheProxyPass?

    /// `ApacheParameters.parse(directive, from: index)`; `directive` is the same on every call.
    mutating func parameters(of directive: Directive, from index: Int) -> [ApacheParameter] {
        if parametersFrom != index {
            parameters = ApacheParameters.parse(directive, from: index)
            parametersFrom = index
        }
        return parameters
    }

    /// `directive` read as a ProxyPass line outside `<Location>`.
    mutating func proxyPass(_ directive: Directive) -> ApacheProxyPass? {
        if !passRead {
            pass = ApacheProxyPass(directive, locationPath: nil)
            passRead = true
        }
        return pass
    }
}
