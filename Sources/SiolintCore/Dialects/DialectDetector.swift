import Foundation

/// Decides which server a file is written for: by its name and path first, then by its content.
public enum DialectDetector {
    public static func detect(path: String, bytes: [UInt8]) -> ServerKind? {
        if let byName = byName(path) { return byName }
        return byContent(bytes)
    }

    static func byName(_ path: String) -> ServerKind? {
        let lower = path.lowercased()
        let name = lower.split(separator: "/").last.map(String.init) ?? lower
        if name.hasSuffix(".cfg") || name.contains("haproxy") || lower.contains("/haproxy/") { return .haproxy }
        if name == "httpd.conf" || name == "apache2.conf" || name.hasSuffix(".htaccess") || lower.contains("/apache2/")
            || lower.contains("/httpd/") || name.contains("apache") || name.contains("httpd") { return .apache }
        if name == "nginx.conf" || name.contains("nginx") || lower.contains("/nginx/") { return .nginx }
        return nil
    }

    /// Scores lines that only one dialect writes.
    static func byContent(_ bytes: [UInt8]) -> ServerKind? {
        var scores: [ServerKind: Int] = [:]
        let text = String(decoding: bytes.prefix(64 * 1024), as: UTF8.self)
        let haproxySections: Set<String> = ["global", "defaults", "frontend", "backend", "listen", "peers", "resolvers", "userlist"]
        let apacheWords: Set<String> = ["proxypass", "proxypassreverse", "loadmodule", "servername", "documentroot", "rewriteengine",
                                        "rewriterule", "rewritecond", "errorlog", "customlog", "serveradmin", "proxyrequests", "header"]
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).prefix(2000) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let first = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
            if line.hasPrefix("<") && (line.hasSuffix(">")) { scores[.apache, default: 0] += 3; continue }
            if line.hasSuffix(";") || line.hasSuffix("{") || line == "}" { scores[.nginx, default: 0] += 2; continue }
            if apacheWords.contains(first.lowercased()) && first.first?.isUppercase == true { scores[.apache, default: 0] += 2; continue }
            if haproxySections.contains(first) && rawLine.first?.isWhitespace == false { scores[.haproxy, default: 0] += 3; continue }
            if ["bind", "mode", "balance", "server", "timeout", "option", "use_backend", "default_backend", "acl", "http-request"].contains(first) {
                scores[.haproxy, default: 0] += 1
            }
        }
        guard let best = scores.max(by: { $0.value < $1.value }), best.value > 0 else { return nil }
        return best.key
    }
}
