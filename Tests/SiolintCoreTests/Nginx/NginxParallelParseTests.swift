import Foundation
import Testing
@testable import SiolintCore

/// The parse in two halves gives exactly the sequential parse, or declines.
@Suite struct NginxParallelParseTests {
    /// Every field of the tree and the comments, positions included.
    static func dump(_ result: FileParseResult) -> String {
        var out = ""
        func word(_ w: Word) -> String {
            "\(w.value.debugDescription)/\(w.quote)@\(w.range.start.line):\(w.range.start.column)+\(w.range.start.offset)-\(w.range.end.line):\(w.range.end.column)+\(w.range.end.offset)"
        }
        var stack: [(list: [Directive], next: Int, depth: Int)] = [(result.directives, 0, 0)]
        while let top = stack.popLast() {
            guard top.next < top.list.count else { continue }
            stack.append((top.list, top.next + 1, top.depth))
            let d = top.list[top.next]
            out += String(repeating: " ", count: top.depth) + ([word(d.name)] + d.arguments.map(word)).joined(separator: " ")
            out += " range \(d.range.start.offset)-\(d.range.end.offset) \(d.range.end.line):\(d.range.end.column)"
            if let end = d.blockEnd { out += " end \(end.line):\(end.column)+\(end.offset)" }
            out += d.block == nil ? "\n" : " {\n"
            if let block = d.block { stack.append((block, 0, top.depth + 1)) }
        }
        for c in result.comments {
            out += "# \(c.text.debugDescription) \(c.range.start.line):\(c.range.start.column)-\(c.range.end.offset) \(c.ownLine)\n"
        }
        if let p = result.problem { out += "problem \(p.message) \(p.range.start.line):\(p.range.start.column)\n" }
        return out
    }

    /// Splits at every line start (at most `limit`, spread over the file) and checks each result.
    /// Returns how many splits were taken rather than declined.
    @discardableResult
    static func checkEverySplit(_ file: SourceFile, limit: Int = 400, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Int {
        let expected = dump(NginxParser.parseInOnePiece(file))
        let starts = file.bytes.indices.dropFirst().filter { file.bytes[$0 - 1] == UInt8(ascii: "\n") }
        let stride = max(1, starts.count / limit)
        var taken = 0
        for (index, split) in starts.enumerated() where index % stride == 0 {
            guard let halves = NginxParser.parseInHalves(file, at: split) else { continue }
            taken += 1
            let got = dump(halves)
            #expect(got == expected, "\(file.path): split at byte \(split) gives another tree", sourceLocation: sourceLocation)
            if got != expected { break }
        }
        return taken
    }

    @Test func everySplitOfTrickyTextGivesTheSequentialTreeOrDeclines() {
        let text = """
        # a comment { with braces }
        http {
            map $http_upgrade $connection_upgrade {
                default upgrade;
                ''      close;
            }
            log_format main '$remote_addr "quoted;
              across lines" }
              still the string';
            server {
                listen 80; # trailing comment }
                location /socket.io/ {
                    content_by_lua_block {
                        local s = "}"
                        -- a comment }
                        ngx.say([[ } ]])
                    }
                    proxy_pass http://app;
                    proxy_set_header "Connec\\"tion" 'up\\
        grade';
                }
                location ~ "^/a{2}$" { return 204; }
            }
            types {
                text/html html;
            }
        }
        events { worker_connections 10; }

        """
        let file = SourceFile(path: "tricky.conf", text: text)
        #expect(NginxParser.parseInOnePiece(file).problem == nil)
        #expect(Self.checkEverySplit(file) > 5)
    }

    @Test func brokenFilesKeepTheirSequentialError() {
        let cases = [
            "http {\n  server {\n    listen 80;\n  }\n}\n}\nserver { }\n",
            "http {\n  map $a $b {\n    default 1;\n  }\n}\nhttp {\n  types {\n    x {\n  }\n}\n}\n",
            "http {\n  server {\n    listen 80\n  }\n}\n",
            "http {\n  server {\n    listen 80;\n",
            "http {\n  server {\n    return 200 \"never closed;\n  }\n}\n",
            "events {\n}\nhttp {\n  server_name a;\n  \"x\"y;\n}\n",
        ]
        for text in cases {
            let file = SourceFile(path: "broken.conf", text: text)
            #expect(NginxParser.parseInOnePiece(file).problem != nil, "\(text)")
            Self.checkEverySplit(file)
            for split in file.bytes.indices.dropFirst() where file.bytes[split - 1] == UInt8(ascii: "\n") {
                // A half that meets an error declines: the sequential parse reports it.
                if let halves = NginxParser.parseInHalves(file, at: split) {
                    #expect(halves.problem == nil)
                    #expect(Self.dump(halves) == Self.dump(NginxParser.parseInOnePiece(file)))
                }
            }
        }
    }

    @Test func aLineHandlerBlockAcrossTheSplitDeclinesAtABraceInside() {
        let text = "http {\n  geo $a {\n    default 1;\n    x {\n  }\n}\n}\n"
        let file = SourceFile(path: "geo.conf", text: text)
        let split = Array(file.bytes).indices.dropFirst().first { file.bytes[$0 - 1] == UInt8(ascii: "\n") && file.bytes[$0...].starts(with: Array("    x".utf8)) }!
        #expect(NginxParser.parseInHalves(file, at: split) == nil)
        #expect(NginxParser.parse(file).problem?.message.contains("holds only lines") == true)
    }

    @Test func samplesAndCorpusSplitAnywhereGiveTheSequentialTree() {
        var taken = 0
        var files = 0
        for (name, bytes) in NginxRoundTripTests.inputs() {
            guard case .text(let file) = SourceReader.check(SourceFile(path: name, bytes: bytes)) else { continue }
            files += 1
            taken += Self.checkEverySplit(file, limit: bytes.count > 100_000 ? 2 : 8)
        }
        #expect(files > 20)
        #expect(taken > files)
    }

    /// A large generated file takes the halves path through `parse`, with the same result.
    @Test func aLargeFileIsParsedInHalves() {
        var text = "http {\n"
        var index = 0
        while text.utf8.count < NginxParser.halvesThreshold + 1000 {
            text += "  upstream app\(index) { server 10.0.0.1:3000; ip_hash; }\n"
            text += "  server {\n    server_name site\(index).example.com; # site \(index)\n"
            text += "    location /socket.io/ { proxy_pass http://app\(index); proxy_set_header Connection \"upgrade\"; }\n  }\n"
            index += 1
        }
        text += "}\n"
        let file = SourceFile(path: "large.conf", text: text)
        let split = NginxParser.splitPoint(file.bytes)
        #expect(split != nil)
        let halves = split.flatMap { NginxParser.parseInHalves(file, at: $0) }
        #expect(halves != nil)
        if let halves { #expect(Self.dump(halves) == Self.dump(NginxParser.parseInOnePiece(file))) }
        #expect(Self.dump(NginxParser.parse(file)) == Self.dump(NginxParser.parseInOnePiece(file)))
    }
}
