/// Where a request ends up inside a virtual server, and the settings that apply there.
///
/// A class: routes are built once and then shared by route tables and every routed probe.
/// What a route does, its settings and refinements can be given when it is built or resolved
/// on first use: a large configuration has thousands of routes, and only the ones a probe
/// selects are ever read.
public final class Route: Sendable {
    /// How users would name it: "location /socket.io/", "ProxyPass /", "backend nodes".
    public var label: String {
        labelArguments.isEmpty ? labelHead : Directive.text(labelHead, labelArguments, quoting: labelQuotesArguments)
    }

    /// Whether `label` contains `text`, answered without making the label when `text` has no
    /// space or quote and so cannot span two of its words (rules ask this of every routed probe).
    public func labelContains(_ text: String) -> Bool {
        guard !labelArguments.isEmpty, !text.utf8.contains(where: { $0 == 0x20 || $0 == 0x22 }) else {
            return label.containsBytes(text)
        }
        if labelHead.containsBytes(text) { return true }
        for argument in labelArguments where argument.value.containsBytes(text) { return true }
        return false
    }
    // The label, or its first word with the directive's arguments after it: most routes of a
    // large configuration are never shown, and their labels were a string each.
    private let labelHead: String
    private let labelArguments: WordList
    /// Whether the label writes quoted arguments in their quotes, as `Directive.sourceText` does.
    private let labelQuotesArguments: Bool
    /// Where it is declared.
    public let declaration: SourceRange

    private let resolved: OnceCell<RouteDetails>
    private let resolve: (@Sendable () -> RouteDetails)?

    public var action: RouteAction { details.action }
    /// The effective settings on this route, each with its provenance.
    public var settings: RouteSettings { details.settings }
    /// Conditions checked after this route is chosen that hand the request to another route
    /// (nginx `if` blocks, internal redirects); the first entry whose condition holds wins.
    public var refinements: [RouteEntry] { details.refinements }

    public init(label: String, declaration: SourceRange, action: RouteAction, settings: RouteSettings, refinements: [RouteEntry] = []) {
        self.labelHead = label
        self.labelArguments = []
        self.labelQuotesArguments = false
        self.declaration = declaration
        self.resolve = nil
        self.resolved = OnceCell(RouteDetails(action: action, settings: settings, refinements: refinements))
    }

    /// A route whose details are computed by `details` the first time they are read. Every reader
    /// gets the same details, even when several threads ask at once.
    public init(label: String, declaration: SourceRange, details: @escaping @Sendable () -> RouteDetails) {
        self.labelHead = label
        self.labelArguments = []
        self.labelQuotesArguments = false
        self.declaration = declaration
        self.resolve = details
        self.resolved = OnceCell()
    }

    /// A route labelled by a directive: `name` and then its arguments ("location = /socket.io/"),
    /// the label made when it is shown; with `quoting`, quoted arguments are written in their
    /// quotes (`Directive.sourceText`: `ProxyPass "/" "http://b/"`).
    init(labelledBy name: String, _ arguments: WordList, quoting: Bool = false, declaration: SourceRange,
         details: @escaping @Sendable () -> RouteDetails) {
        self.labelHead = name
        self.labelArguments = arguments
        self.labelQuotesArguments = quoting
        self.declaration = declaration
        self.resolve = details
        self.resolved = OnceCell()
    }

    /// What the route does, its settings and refinements.
    public var details: RouteDetails { resolved.value { resolve!() } }

    /// The proxy target, when the route forwards to a backend.
    public var proxyTarget: ProxyTarget? {
        if case .proxy(let target) = action { return target }
        return nil
    }
}

/// What a route does with a request and the settings that apply, resolved once per route.
public final class RouteDetails: Sendable {
    public let action: RouteAction
    public let settings: RouteSettings
    public let refinements: [RouteEntry]

    public init(action: RouteAction, settings: RouteSettings, refinements: [RouteEntry] = []) {
        self.action = action
        self.settings = settings
        self.refinements = refinements
    }
}

/// What a route does with a request.
public enum RouteAction: Sendable {
    /// Forwards it to a backend.
    case proxy(ProxyTarget)
    /// Answers it without a backend (static files, `return`, a redirect, a deny), described.
    case local(String)
}

/// How a route forwards a request to a backend.
///
/// A class: routed probes and rules read a route's action many times per server, and a copy of
/// the structure retained each of its references (the rewrites, every header list).
public final class ProxyTarget: Sendable {
    /// The directive that forwards (`proxy_pass …`, `ProxyPass …`, `use_backend …`).
    public let directive: DirectiveReference
    public let upstream: UpstreamReference
    /// The changes applied to the path before it is forwarded, in order.
    public let pathRewrites: [PathRewrite]
    /// The request headers the backend receives beyond the client's own.
    public let headers: HeaderPolicy

    public init(directive: DirectiveReference, upstream: UpstreamReference, pathRewrites: [PathRewrite] = [], headers: HeaderPolicy) {
        self.directive = directive
        self.upstream = upstream
        self.pathRewrites = pathRewrites
        self.headers = headers
    }
}

/// The backend a route forwards to.
public enum UpstreamReference: Sendable, Hashable {
    /// A named upstream group of the configuration.
    case group(String)
    /// A single address (`127.0.0.1:3000`, `app:3000`).
    case address(String)
    /// An expression siolint cannot resolve (a variable).
    case unknown(String)
}

/// A change to the forwarded path.
public struct PathRewrite: Sendable, Hashable {
    public enum Operation: Sendable, Hashable {
        /// Replace the leading `prefix` of the path by `replacement` (nginx `proxy_pass` with a URI,
        /// Apache `ProxyPass`).
        case replacePrefix(String, with: String)
        /// Replace the whole path.
        case replaceAll(String)
        /// Replace the first match of a pattern; `$1`/`\1` refer to groups.
        case regexReplace(RegexPattern, with: String)
        /// When the pattern matches, the whole path becomes the template (Apache `RewriteRule`,
        /// `ProxyPassMatch`): `$0`–`$9` refer to groups, `${path}` to the path before the rewrite.
        /// A path the pattern does not match is left unchanged.
        case substitute(RegexPattern, with: String)
        /// A rewrite siolint cannot evaluate.
        case unknown(String)
    }

    public var operation: Operation
    public var directive: DirectiveReference
    /// The request condition under which the rewrite applies (HAProxy `http-request set-path … if
    /// …`, Apache `RewriteCond`); `.always` for unconditional ones.
    public var condition: RequestCondition

    public init(_ operation: Operation, directive: DirectiveReference, condition: RequestCondition = .always) {
        self.operation = operation
        self.directive = directive
        self.condition = condition
    }
}
