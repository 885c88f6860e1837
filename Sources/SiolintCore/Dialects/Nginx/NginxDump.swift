/// The output of `nginx -T`: every configuration file nginx read, each after a line
/// `# configuration file /etc/nginx/nginx.conf:` and followed by one added line break.
enum NginxDump {
    static let marker = Array("# configuration file ".utf8)

    /// Whether the bytes look like a dump (lines before the first marker may be nginx's own messages).
    static func isDump(_ bytes: [UInt8]) -> Bool {
        var lineStart = 0
        var lines = 0
        while lineStart < bytes.count, lines < 8 {
            if hasMarker(bytes, at: lineStart) { return true }
            guard let lf = bytes[lineStart...].firstIndex(of: 0x0A) else { return false }
            let line = String(decoding: bytes[lineStart..<lf], as: UTF8.self)
            if !line.hasBytePrefix("nginx: ") { return false }
            lineStart = lf + 1
            lines += 1
        }
        return false
    }

    private static func hasMarker(_ bytes: [UInt8], at i: Int) -> Bool {
        i + marker.count <= bytes.count && bytes[i..<i + marker.count].elementsEqual(marker)
    }

    /// The files of a dump, in order, with their original absolute paths.
    static func split(_ bytes: [UInt8]) -> [(path: String, bytes: [UInt8])] {
        var headers: [(path: String, headerStart: Int, contentStart: Int)] = []
        var lineStart = 0
        while lineStart < bytes.count {
            let lf = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            if hasMarker(bytes, at: lineStart) {
                var end = lf
                if end > lineStart, bytes[end - 1] == 0x0D { end -= 1 }
                var path = String(decoding: bytes[(lineStart + marker.count)..<end], as: UTF8.self)
                if path.hasSuffix(":") { path.removeLast() }
                headers.append((path, lineStart, min(lf + 1, bytes.count)))
            }
            lineStart = lf + 1
        }
        var files: [(String, [UInt8])] = []
        for (index, header) in headers.enumerated() {
            var end = index + 1 < headers.count ? headers[index + 1].headerStart : bytes.count
            // nginx adds one line break after each file's contents.
            if end > header.contentStart, bytes[end - 1] == 0x0A { end -= 1 }
            files.append((header.path, Array(bytes[header.contentStart..<max(header.contentStart, end)])))
        }
        return files
    }
}
