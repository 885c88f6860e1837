/// The httpd directive names the Apache dialect reads, recognised once per directive: httpd
/// compares names without case, and the lower-cased name (`Directive.key`) is a new string on
/// every call, which every pass over a large configuration paid for every directive.
enum ApacheDirectiveName: String, CaseIterable {
    // Sections
    case virtualHost = "virtualhost", location = "location", locationMatch = "locationmatch"
    case directory = "directory", directoryMatch = "directorymatch", files = "files", filesMatch = "filesmatch"
    case proxy = "proxy", proxyMatch = "proxymatch"
    case `if` = "if", elseIf = "elseif", `else` = "else"
    case ifModule = "ifmodule", ifDefine = "ifdefine", ifVersion = "ifversion"
    // Reading the configuration
    case include = "include", includeOptional = "includeoptional", define = "define", undefine = "undefine"
    case loadModule = "loadmodule", serverRoot = "serverroot"
    // Server
    case serverName = "servername", serverAlias = "serveralias", listen = "listen", documentRoot = "documentroot"
    case timeout = "timeout", limitRequestBody = "limitrequestbody"
    case user = "user", group = "group", pidFile = "pidfile", mutex = "mutex", startServers = "startservers"
    case maxRequestWorkers = "maxrequestworkers", serverLimit = "serverlimit", threadsPerChild = "threadsperchild"
    case defaultRuntimeDir = "defaultruntimedir"
    // mod_proxy
    case proxyPass = "proxypass", proxyPassMatch = "proxypassmatch", proxyPassReverse = "proxypassreverse"
    case proxyPassReverseCookieDomain = "proxypassreversecookiedomain", proxyPassReverseCookiePath = "proxypassreversecookiepath"
    case proxyTimeout = "proxytimeout", proxySet = "proxyset", proxyPreserveHost = "proxypreservehost"
    case proxyRequests = "proxyrequests", proxyAddHeaders = "proxyaddheaders", proxyErrorOverride = "proxyerroroverride"
    case proxyVia = "proxyvia", proxyPassInherit = "proxypassinherit", proxyIOBufferSize = "proxyiobuffersize"
    case proxyMaxForwards = "proxymaxforwards", proxyBadHeader = "proxybadheader", proxyReceiveBufferSize = "proxyreceivebuffersize"
    case balancerMember = "balancermember"
    case proxyWebsocketFallbackToProxyHTTP = "proxywebsocketfallbacktoproxyhttp"
    case proxyWebsocketIdleTimeout = "proxywebsocketidletimeout", proxyWebsocketAsync = "proxywebsocketasync"
    case proxyWebsocketAsyncDelay = "proxywebsocketasyncdelay"
    // mod_rewrite
    case rewriteEngine = "rewriteengine", rewriteCond = "rewritecond", rewriteRule = "rewriterule"
    case rewriteOptions = "rewriteoptions", rewriteBase = "rewritebase", rewriteMap = "rewritemap"
    // mod_headers, mod_env, mod_setenvif
    case header = "header", requestHeader = "requestheader"
    case setEnv = "setenv", unsetEnv = "unsetenv", passEnv = "passenv"
    case setEnvIf = "setenvif", setEnvIfNoCase = "setenvifnocase", browserMatch = "browsermatch"

    /// The name of `directive` when it is one of these (compared without case): from the code the
    /// parser gave it (`Directive.nameCode`) when it has one.
    // Not inlined: inlined, it made callers copy the directive they pass (retaining all it holds).
    @inline(never) init?(_ directive: borrowing Directive) {
        let code = directive.nameCode
        if code != 0 { self.init(code: code) } else { self.init(name: directive.name.value) }
    }

    /// The name of the directive `list[index]`, read field by field in place: passing the element
    /// on (even borrowed) copied it out of the buffer first, retaining all it holds.
    @inline(__always) init?(in list: UnsafeBufferPointer<Directive>, at index: Int) {
        let code = list[index].nameCode
        if code != 0 { self.init(code: code) } else { self.init(name: list[index].name.value) }
    }

    /// The name a nonzero `Directive.nameCode` stands for.
    init?(code: UInt16) {
        guard let known = ApacheDirectiveNameTable.shared.name(code: code) else { return nil }
        self = known
    }

    /// The `Directive.nameCode` of a name (see `ApacheDirectiveNameTable.code`).
    static func code(_ name: String) -> UInt16 {
        var name = name
        return name.withUTF8 { ApacheDirectiveNameTable.shared.code($0) }
    }

    init?(name: String) {
        var name = name
        let found = name.withUTF8 { ApacheDirectiveNameTable.shared.find($0) }
        switch found {
        case .ascii(let known): guard let known else { return nil }; self = known
        // Lower-casing a non-ASCII name can make ASCII letters (the Kelvin sign is a `k`).
        case .notASCII: guard let known = ApacheDirectiveName(rawValue: name.lowercased()) else { return nil }; self = known
        }
    }

    /// The module that defines the directive, for the directives whose module siolint checks
    /// (httpd refuses a directive whose module is not loaded: "Invalid command …").
    var module: String? {
        switch self {
        case .proxyPass, .proxyPassMatch, .proxyPassReverse, .proxyPassReverseCookieDomain, .proxyPassReverseCookiePath,
             .proxyTimeout, .proxySet, .proxyPreserveHost, .proxyRequests, .proxyAddHeaders, .proxyErrorOverride,
             .proxyVia, .proxyPassInherit, .proxyIOBufferSize, .proxyMaxForwards, .proxyBadHeader, .proxyReceiveBufferSize,
             .balancerMember, .proxy, .proxyMatch:
            return "proxy_module"
        case .proxyWebsocketFallbackToProxyHTTP: return "proxy_wstunnel_module"
        case .rewriteEngine, .rewriteCond, .rewriteRule, .rewriteOptions, .rewriteBase, .rewriteMap: return "rewrite_module"
        case .header, .requestHeader: return "headers_module"
        case .setEnv, .unsetEnv, .passEnv: return "env_module"
        case .setEnvIf, .setEnvIfNoCase, .browserMatch: return "setenvif_module"
        default: return nil
        }
    }

    /// Directives only httpd trunk has (never in a 2.4 release).
    var isTrunkOnly: Bool { self == .proxyWebsocketIdleTimeout || self == .proxyWebsocketAsync || self == .proxyWebsocketAsyncDelay }

    /// The place of a directive the model builder reads from levels (`ApacheLevel`); `nil` for
    /// the directives levels do not keep. The route settings come first (`routeSettingSlots`).
    var levelSlot: Int? {
        switch self {
        case .timeout: return 0
        case .proxyTimeout: return 1
        case .proxyWebsocketFallbackToProxyHTTP: return 2
        case .requestHeader: return 3
        case .limitRequestBody: return 4
        case .setEnv: return 5
        case .serverName: return 6
        case .serverAlias: return 7
        case .listen: return 8
        case .proxyPassInherit: return 9
        case .rewriteEngine: return 10
        case .rewriteOptions: return 11
        case .proxyPass: return 12
        case .proxyPassMatch: return 13
        case .rewriteCond: return 14
        case .rewriteRule: return 15
        default: return nil
        }
    }

    /// How many names have a `levelSlot`.
    static let levelSlots = 16
    /// The slots below this one are the settings routes read when they are resolved.
    static let routeSettingSlots = 6
}
