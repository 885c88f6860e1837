/// The parts of one directive that both the workers and the availability checks read (its
/// `key=value` parameters, its ProxyPass reading), read once for both: each pass parsed them
/// again, several thousand instructions per line.
struct ApacheLineParts {
    let directive: Directive
    private var parametersFrom = -1
    private var parameters: [ApacheParameter] = []
    private var passRead = false
    private var pass: ApacheProxyPass?

    init(_ directive: Directive) {
        self.directive = directive
    }

    /// `ApacheParameters.parse(directive, from: index)`.
    mutating func parameters(from index: Int) -> [ApacheParameter] {
        if parametersFrom != index {
            parameters = ApacheParameters.parse(directive, from: index)
            parametersFrom = index
        }
        return parameters
    }

    /// The directive read as a ProxyPass line outside `<Location>`.
    mutating func proxyPass() -> ApacheProxyPass? {
        if !passRead {
            pass = ApacheProxyPass(directive, locationPath: nil)
            passRead = true
        }
        return pass
    }
}
