import Testing
@testable import SiolintCore

/// A large nginx file is parsed in two halves at once. Cut anywhere a split can fall, the halves
/// give exactly the one-piece parse (every name, argument, range, comment) or give up.
struct NginxSplitParseTests {
    static let handWritten: [(String, String)] = [
        ("plain", """
        user www;
        http {
            upstream app { server 127.0.0.1:3000; server 127.0.0.1:3001; }
            server { listen 80; location /socket.io/ { proxy_pass http://app; } }   # after a block
            # on its own line
            map $http_upgrade $connection_upgrade { default upgrade; '' close; }
            server { listen 81; server_name "quoted { brace"; location ~ ^/a{2}$ { return 204; } }
            log_format main '$remote_addr ${request}';
        }
        events { worker_connections 10; }
        """),
        ("crlf and unicode", "http {\r\n  server { listen 80; # é\r\n    location /ü { return 200 \"ok\\\"\"; }\r\n  }\r\n  server { listen 82; }\r\n}\r\n"),
        ("lua", """
        http {
            server { listen 80; }
            server { location / { content_by_lua_block { ngx.say("}") } } }
            server { listen 81; }
        }
        """),
        ("error in the second half", """
        http {
            server { listen 80; }
            server { listen 81; }
            server { listen 82 }
        """),
        ("error in the first half", """
        http {
            server { listen 80 }
            server { listen 81; }
            server { listen 82; }
        }
        """),
        ("unbalanced close", """
        http {
            server { listen 80; }
            server { listen 81; }
        }
        }
        """),
        ("map at top level", """
        map $a $b {
            default 1;
            x 2;
            y 3;
        }
        """),
    ]

    static func inputs() -> [(String, [UInt8])] {
        var out = handWritten.map { ($0.0, Array($0.1.utf8)) }
        out += NginxRoundTripTests.inputs()
        return out
    }

    @Test func halvesGiveTheOnePieceParseWhereverTheyAreCut() {
        var halvesUsed = 0
        for (name, bytes) in Self.inputs() {
            guard case .text(let file) = SourceReader.check(SourceFile(path: name, bytes: bytes)) else { continue }
            let whole = NginxParser.parseInOnePiece(file)
            var lastOffset = -1
            // Every cut a split can produce: each middle gives the first cut at or after it.
            for middle in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 60)) {
                guard let split = NginxParseSplit.find(in: file, atOrAfter: middle), split.offset != lastOffset else { continue }
                lastOffset = split.offset
                guard let halves = NginxParser.parseHalves(file, at: split) else {
                    #expect(whole.problem != nil, "\(name): halves cut at \(split.offset) gave up on a file that parses")
                    continue
                }
                halvesUsed += 1
                #expect(whole.problem == nil, "\(name): halves parsed a file the one-piece parse refuses")
                #expect(Self.describe(halves) == Self.describe(whole), "\(name): halves cut at \(split.offset) differ")
            }
        }
        #expect(halvesUsed > 20)
    }

    @Test func noSplitInsideLuaOrLineHandlerBlocks() throws {
        for (name, text) in Self.handWritten where name == "lua" || name == "map at top level" {
            let file = SourceFile(path: "t.conf", text: text)
            // A cut after the Lua block would need the lexer to read it raw: no cut at all there.
            #expect(NginxParseSplit.find(in: file, atOrAfter: text.utf8.count / 2) == nil, "\(name)")
        }
    }

    /// Everything a parse result says, as text, positions included.
    static func describe(_ result: FileParseResult) -> String {
        var out = ""
        func word(_ w: Word) -> String { "\(w.value)|\(w.quote)|\(range(w.range))" }
        func range(_ r: SourceRange) -> String { "\(r.start.line):\(r.start.column)@\(r.start.offset)-\(r.end.line):\(r.end.column)@\(r.end.offset)" }
        func visit(_ list: [Directive], _ depth: Int) {
            for d in list {
                out += String(repeating: " ", count: depth) + word(d.name) + " [" + d.arguments.map(word).joined(separator: ", ") + "] "
                out += range(d.range) + " end=" + (d.blockEnd.map { "\($0.line):\($0.column)@\($0.offset)" } ?? "-") + "\n"
                if let block = d.block { visit(block, depth + 1) } else if d.blockEnd != nil { out += "!" }
            }
        }
        visit(result.directives, 0)
        for c in result.comments { out += "#\(c.text)|\(range(c.range))|\(c.ownLine)\n" }
        if let p = result.problem { out += "problem: \(p.message) \(range(p.range))\n" }
        return out
    }
}
