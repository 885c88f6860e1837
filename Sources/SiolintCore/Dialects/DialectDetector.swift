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
        if name.hasSuffix(".cfg") || name.containsBytes("haproxy") || lower.containsBytes("/haproxy/") { return .haproxy }
        if name == "httpd.conf" || name == "apache2.conf" || name.hasSuffix(".htaccess") || lower.containsBytes("/apache2/")
            || lower.containsBytes("/httpd/") || name.containsBytes("apache") || name.containsBytes("httpd") { return .apache }
        if name == "nginx.conf" || name.containsBytes("nginx") || lower.containsBytes("/nginx/") { return .nginx }
        return nil
    }

    private static let haproxySections: Set<String> = ["global", "defaults", "frontend", "backend", "listen", "peers", "resolvers", "userlist"]
    private static let apacheWords: Set<String> = ["proxypass", "proxypassreverse", "loadmodule", "servername", "documentroot", "rewriteengine",
                                                   "rewriterule", "rewritecond", "errorlog", "customlog", "serveradmin", "proxyrequests", "header"]
    private static let haproxyKeywords: Set<String> = ["bind", "mode", "balance", "server", "timeout", "option", "use_backend",
                                                       "default_backend", "acl", "http-request"]

    /// What one line says about the dialect.
    private enum Vote {
        case none, apacheSection, nginx, apacheWord, haproxySection, haproxyKeyword
    }

    /// How much of a file `byContent` reads.
    static let contentPrefix = 64 * 1024

    /// Scores lines that only one dialect writes, in the first `contentPrefix` bytes.
    static func byContent(_ bytes: [UInt8]) -> ServerKind? {
        var scores: [ServerKind: Int] = [:]
        let text = bytes.prefix(contentPrefix)
        var lines = 0
        var start = text.startIndex
        var i = start
        // Lines end at a lone LF or CR; CR LF is one Character, which the Character-based
        // splitting this replaces never split at, so it stays inside the line.
        while i <= text.endIndex, lines < 2000 {
            let atEnd = i == text.endIndex
            var separator = false
            if !atEnd {
                let b = text[i]
                if b == 0x0A { separator = !(i > text.startIndex && text[i - 1] == 0x0D) }
                else if b == 0x0D { separator = !(i + 1 < text.endIndex && text[i + 1] == 0x0A) }
            }
            if atEnd || separator {
                if i > start {
                    lines += 1
                    switch vote(text[start..<i]) {
                    case .none: break
                    case .apacheSection: scores[.apache, default: 0] += 3
                    case .nginx: scores[.nginx, default: 0] += 2
                    case .apacheWord: scores[.apache, default: 0] += 2
                    case .haproxySection: scores[.haproxy, default: 0] += 3
                    case .haproxyKeyword: scores[.haproxy, default: 0] += 1
                    }
                }
                if atEnd { break }
                start = i + 1
            }
            i += 1
        }
        guard let best = scores.max(by: { $0.value < $1.value }), best.value > 0 else { return nil }
        return best.key
    }

    private static func vote(_ raw: ArraySlice<UInt8>) -> Vote {
        guard raw.allSatisfy({ $0 < 0x80 }) else { return vote(String(decoding: raw, as: UTF8.self)) }
        // ASCII: every byte is one Character except CR LF, and `.whitespaces` is space and tab.
        var from = raw.startIndex, to = raw.endIndex
        while from < to, raw[from] == 0x20 || raw[from] == 0x09 { from += 1 }
        while to > from, raw[to - 1] == 0x20 || raw[to - 1] == 0x09 { to -= 1 }
        let line = raw[from..<to]
        if line.isEmpty || line.first == UInt8(ascii: "#") { return .none }
        var firstEnd = line.startIndex
        while firstEnd < line.endIndex, line[firstEnd] != 0x20, line[firstEnd] != 0x09 { firstEnd += 1 }
        let firstBytes = line[line.startIndex..<firstEnd]
        if line.first == UInt8(ascii: "<") && line.last == UInt8(ascii: ">") { return .apacheSection }
        if line.last == UInt8(ascii: ";") || line.last == UInt8(ascii: "{") || (line.count == 1 && line.first == UInt8(ascii: "}")) { return .nginx }
        let first = String(decoding: firstBytes, as: UTF8.self)
        if let c = firstBytes.first, c >= 0x41, c <= 0x5A,
           apacheWords.contains(String(decoding: firstBytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)) {
            return .apacheWord
        }
        let rawFirst = raw[raw.startIndex]
        let startsWithSpace = rawFirst == 0x20 || (rawFirst >= 0x09 && rawFirst <= 0x0D)
        if haproxySections.contains(first) && !startsWithSpace { return .haproxySection }
        if haproxyKeywords.contains(first) { return .haproxyKeyword }
        return .none
    }

    /// The same decision on Characters, for lines with non-ASCII text.
    private static func vote(_ rawLine: String) -> Vote {
        let line = rawLine.trimmingCharacters(in: .whitespaces)
        if line.isEmpty || line.hasBytePrefix("#") { return .none }
        let first = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
        if line.hasBytePrefix("<") && (line.hasSuffix(">")) { return .apacheSection }
        if line.hasSuffix(";") || line.hasSuffix("{") || line == "}" { return .nginx }
        if apacheWords.contains(first.lowercased()) && first.first?.isUppercase == true { return .apacheWord }
        if haproxySections.contains(first) && rawLine.first?.isWhitespace == false { return .haproxySection }
        if haproxyKeywords.contains(first) { return .haproxyKeyword }
        return .none
    }
}
