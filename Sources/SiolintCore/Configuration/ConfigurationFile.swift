import Foundation

/// A `.siolint.json` (or the user's `config.json`), decoded into a settings layer.
///
/// ```json
/// {
///   "socketio": {"pingInterval": "25s", "pingTimeout": "20s", "path": "/socket.io/",
///                "maxHttpBufferSize": 1000000, "transports": ["polling", "websocket"]},
///   "versions": {"nginx": "1.24.0", "apache": "2.4.58", "haproxy": "2.8"},
///   "rules": {"select": ["SIO101"], "ignore": ["SIO202"], "levels": {"SIO103": "error"}},
///   "severity": "info", "failOn": "warning", "dialect": "nginx",
///   "includePaths": {"/etc/nginx/": "deploy/nginx/"},
///   "inlineSuppressions": true
/// }
/// ```
public struct ConfigurationFile: Sendable {
    /// The file's absolute path.
    public var path: String
    public var settings: SettingsLayer

    public static let projectFileName = ".siolint.json"

    /// Decodes a configuration file; relative include-path targets resolve against its directory.
    /// - Throws: an error naming the file, line and column, and what is wrong.
    public static func parse(_ bytes: [UInt8], path: String, displayPath: String) throws(ConfigurationError) -> ConfigurationFile {
        let locator: JSONLocator
        do {
            locator = try JSONLocator(bytes)
        } catch {
            throw ConfigurationError("\(displayPath):\(error.position): \(error.message)")
        }
        func located(_ components: [String], _ message: String) -> ConfigurationError {
            // An unknown key is reported where the key is written.
            if message.hasPrefix("unknown setting"), let at = locator.keyPositions[JSONLocator.path(components)] {
                return ConfigurationError("\(displayPath):\(at): \(JSONLocator.path(components)): \(message)")
            }
            var components = components
            // Report the innermost value that has a position (a missing key reports its object).
            while locator.positions[JSONLocator.path(components)] == nil, !components.isEmpty { components.removeLast() }
            let position = locator.positions[JSONLocator.path(components)] ?? JSONLocator.Position(line: 1, column: 1)
            let name = JSONLocator.path(components)
            return ConfigurationError("\(displayPath):\(position): \(name.isEmpty ? "" : "\(name): ")\(message)")
        }
        let document: Document
        do {
            let decoder = JSONDecoder()
            decoder.userInfo[Document.directoryKey] = PathUtilities.directory(of: path)
            document = try decoder.decode(Document.self, from: Data(bytes))
        } catch let error as DecodingError {
            let (codingPath, message) = ConfigurationFile.describe(error)
            throw located(codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }, message)
        } catch {
            throw ConfigurationError("\(displayPath): \(error)")
        }
        return ConfigurationFile(path: path, settings: document.settings)
    }

    static func describe(_ error: DecodingError) -> ([CodingKey], String) {
        switch error {
        case .typeMismatch(let type, let context):
            return (context.codingPath, "expected \(friendly(type))")
        case .valueNotFound(let type, let context):
            return (context.codingPath, "expected \(friendly(type)), not null")
        case .keyNotFound(let key, let context):
            return (context.codingPath, "missing \"\(key.stringValue)\"")
        case .dataCorrupted(let context):
            return (context.codingPath, context.debugDescription)
        @unknown default:
            return ([], "\(error)")
        }
    }

    private static func friendly(_ type: Any.Type) -> String {
        let name = "\(type)"
        if name.hasPrefix("Dictionary") { return "an object" }
        if name.hasPrefix("Array") { return "an array" }
        if name.contains("String") { return "a string" }
        if name.contains("Int") || name.contains("Double") { return "a number" }
        if name.contains("Bool") { return "true or false" }
        return "a value of type \(name)"
    }
}

/// A configuration file that cannot be used (exit status 2).
public struct ConfigurationError: Error, Sendable, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

// MARK: - The JSON document

private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}

private func rejectUnknownKeys(_ decoder: Decoder, _ allowed: [String]) throws {
    let container = try decoder.container(keyedBy: AnyKey.self)
    for key in container.allKeys where !allowed.contains(key.stringValue) {
        throw DecodingError.dataCorruptedError(forKey: key, in: container,
            debugDescription: "unknown setting \"\(key.stringValue)\" (known here: \(allowed.filter { $0 != "$schema" }.joined(separator: ", ")))")
    }
}

private func invalid(_ decoder: Decoder, _ message: String) -> DecodingError {
    DecodingError.dataCorrupted(DecodingError.Context(codingPath: decoder.codingPath, debugDescription: message))
}

/// A rule id or name, normalized to the id.
private struct RuleID: Decodable {
    var id: String
    init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let rule = RuleCatalog.description(id: text.uppercased()) ?? RuleCatalog.description(id: text.lowercased()) else {
            throw invalid(decoder, "\"\(text)\" is not a siolint rule (see `siolint rules`)")
        }
        id = rule.id
    }
}

private struct LevelValue: Decodable {
    var level: Severity
    init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let s = Severity(rawValue: text) else { throw invalid(decoder, "\"\(text)\" is not a level (error, warning, info)") }
        level = s
    }
}

/// `"25s"`, `"1500ms"`, or a number of milliseconds.
private struct DurationValue: Decodable {
    var duration: Duration
    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let ms = try? c.decode(Int64.self), ms >= 0 { duration = Duration(milliseconds: ms); return }
        guard let text = try? c.decode(String.self) else { throw invalid(decoder, "expected a duration such as \"25s\" or a number of milliseconds") }
        do { duration = try Invocation.duration(text, "a duration") } catch { throw invalid(decoder, "\"\(text)\" is not a duration (25s, 1500ms, 1m, or milliseconds)") }
    }
}

private struct VersionValue: Decodable {
    var version: SoftwareVersion
    init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let v = SoftwareVersion(text) else { throw invalid(decoder, "\"\(text)\" is not a version such as \"1.24.0\"") }
        version = v
    }
}

private struct Document: Decodable {
    static let directoryKey = CodingUserInfoKey(rawValue: "siolint.configurationDirectory")!
    var settings = SettingsLayer()

    struct SocketIO: Decodable {
        var pingInterval: DurationValue?
        var pingTimeout: DurationValue?
        var path: String?
        var maxHttpBufferSize: Double?
        var transports: [String]?
        init(from decoder: Decoder) throws {
            try rejectUnknownKeys(decoder, ["pingInterval", "pingTimeout", "path", "maxHttpBufferSize", "transports"])
            let c = try decoder.container(keyedBy: CodingKeys.self)
            pingInterval = try c.decodeIfPresent(DurationValue.self, forKey: .pingInterval)
            pingTimeout = try c.decodeIfPresent(DurationValue.self, forKey: .pingTimeout)
            path = try c.decodeIfPresent(String.self, forKey: .path)
            maxHttpBufferSize = try c.decodeIfPresent(Double.self, forKey: .maxHttpBufferSize)
            transports = try c.decodeIfPresent([String].self, forKey: .transports)
        }
        enum CodingKeys: String, CodingKey { case pingInterval, pingTimeout, path, maxHttpBufferSize, transports }
    }

    struct Versions: Decodable {
        var nginx: VersionValue?
        var apache: VersionValue?
        var haproxy: VersionValue?
        init(from decoder: Decoder) throws {
            try rejectUnknownKeys(decoder, ["nginx", "apache", "haproxy"])
            let c = try decoder.container(keyedBy: CodingKeys.self)
            nginx = try c.decodeIfPresent(VersionValue.self, forKey: .nginx)
            apache = try c.decodeIfPresent(VersionValue.self, forKey: .apache)
            haproxy = try c.decodeIfPresent(VersionValue.self, forKey: .haproxy)
        }
        enum CodingKeys: String, CodingKey { case nginx, apache, haproxy }
    }

    struct Rules: Decodable {
        var select: [RuleID]?
        var ignore: [RuleID]?
        var levels: [String: LevelValue]?
        init(from decoder: Decoder) throws {
            try rejectUnknownKeys(decoder, ["select", "ignore", "levels"])
            let c = try decoder.container(keyedBy: CodingKeys.self)
            select = try c.decodeIfPresent([RuleID].self, forKey: .select)
            ignore = try c.decodeIfPresent([RuleID].self, forKey: .ignore)
            levels = try c.decodeIfPresent([String: LevelValue].self, forKey: .levels)
            for key in (levels ?? [:]).keys where RuleCatalog.description(id: key.uppercased()) == nil && RuleCatalog.description(id: key.lowercased()) == nil {
                throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: c.codingPath + [CodingKeys.levels, AnyKey(stringValue: key)],
                                                                       debugDescription: "\"\(key)\" is not a siolint rule (see `siolint rules`)"))
            }
        }
        enum CodingKeys: String, CodingKey { case select, ignore, levels }
    }

    init(from decoder: Decoder) throws {
        let keys = ["$schema", "socketio", "versions", "rules", "severity", "failOn", "dialect", "includePaths", "inlineSuppressions"]
        try rejectUnknownKeys(decoder, keys)
        let c = try decoder.container(keyedBy: AnyKey.self)
        func key(_ name: String) -> AnyKey { AnyKey(stringValue: name) }
        func fail(_ name: String, _ message: String) -> DecodingError {
            DecodingError.dataCorruptedError(forKey: key(name), in: c, debugDescription: message)
        }
        if let s = try c.decodeIfPresent(SocketIO.self, forKey: key("socketio")) {
            settings.pingInterval = s.pingInterval?.duration
            settings.pingTimeout = s.pingTimeout?.duration
            if let p = s.path {
                guard !p.isEmpty, !p.contains("?") else {
                    throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: [key("socketio"), key("path")], debugDescription: "expected a path such as \"/socket.io/\""))
                }
                settings.path = p
            }
            if let n = s.maxHttpBufferSize {
                guard n >= 0, n < 9e18, n == n.rounded() else {
                    throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: [key("socketio"), key("maxHttpBufferSize")], debugDescription: "expected a whole number of bytes"))
                }
                settings.maxHTTPBufferSize = Int64(n)
            }
            if let list = s.transports {
                var set = Set<SocketIOSettings.Transport>()
                for (i, t) in list.enumerated() {
                    guard let transport = SocketIOSettings.Transport(rawValue: t) else {
                        throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: [key("socketio"), key("transports"), AnyIndex(i)],
                                                                               debugDescription: "\"\(t)\" is not a transport (polling, websocket)"))
                    }
                    set.insert(transport)
                }
                guard !set.isEmpty else { throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: [key("socketio"), key("transports")], debugDescription: "needs at least one transport")) }
                settings.transports = set
            }
        }
        if let v = try c.decodeIfPresent(Versions.self, forKey: key("versions")) {
            settings.nginxVersion = v.nginx?.version
            settings.apacheVersion = v.apache?.version
            settings.haproxyVersion = v.haproxy?.version
        }
        if let r = try c.decodeIfPresent(Rules.self, forKey: key("rules")) {
            settings.select = r.select?.map(\.id)
            settings.ignore = r.ignore?.map(\.id) ?? []
            for (id, level) in r.levels ?? [:] {
                let rule = RuleCatalog.description(id: id.uppercased()) ?? RuleCatalog.description(id: id.lowercased())
                if let rule { settings.levels[rule.id] = level.level }
            }
        }
        if let s = try c.decodeIfPresent(LevelValue.self, forKey: key("severity")) { settings.severity = s.level }
        if let f = try c.decodeIfPresent(String.self, forKey: key("failOn")) {
            guard let threshold = FailThreshold(f) else { throw fail("failOn", "\"\(f)\" is not a level (error, warning, info, none)") }
            settings.failOn = threshold
        }
        if let d = try c.decodeIfPresent(String.self, forKey: key("dialect")) {
            guard d == "auto" || ServerKind(rawValue: d) != nil else { throw fail("dialect", "\"\(d)\" is not a dialect (auto, nginx, apache, haproxy)") }
            settings.dialect = ServerKind(rawValue: d)
        }
        if let mappings = try c.decodeIfPresent([String: String].self, forKey: key("includePaths")) {
            let directory = decoder.userInfo[Document.directoryKey] as? String ?? "/"
            for deployed in mappings.keys.sorted() {
                guard deployed.hasPrefix("/") else {
                    throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: [key("includePaths"), key(deployed)],
                                                                           debugDescription: "\"\(deployed)\" must be an absolute deployed path such as \"/etc/nginx/\""))
                }
                settings.includePaths.append(IncludePathMapping(deployed: deployed, local: PathUtilities.absolute(mappings[deployed]!, base: directory)))
            }
        }
        settings.inlineSuppressions = try c.decodeIfPresent(Bool.self, forKey: key("inlineSuppressions"))
    }
}

private struct AnyIndex: CodingKey {
    var stringValue: String { "\(intValue!)" }
    var intValue: Int?
    init(_ i: Int) { intValue = i }
    init?(stringValue: String) { return nil }
    init?(intValue: Int) { self.intValue = intValue }
}
