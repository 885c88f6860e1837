import Testing
@testable import SiolintCore

struct NginxParserTests {
    func parse(_ text: String) -> NginxParser.Result {
        NginxParser.parse(SourceFile(path: "t.conf", text: text))
    }

    @Test func directivesBlocksAndPositions() throws {
        let r = parse("events {}\nhttp {\n  server { listen 80; }\n}\n")
        #expect(r.problem == nil)
        #expect(r.directives.map(\.name.value) == ["events", "http"])
        let server = try #require(r.directives[1].block?.first)
        #expect(server.name.value == "server")
        let listen = try #require(server.block?.first)
        #expect(listen.values == ["80"])
        #expect(listen.range.start.line == 3 && listen.range.start.column == 12)
    }

    @Test func quotesAndEscapes() {
        let r = parse(#"add_header X "a \"b\" c" 'it\'s' "tab\tx" plain\;semi;"#)
        #expect(r.problem == nil)
        let d = r.directives[0]
        #expect(d.values == ["X", "a \"b\" c", "it's", "tab\tx", "plain\\;semi"])
        #expect(d.arguments[1].quote == .double)
        #expect(d.arguments[2].quote == .single)
    }

    @Test func commentsAreKeptWithTheirLine() {
        let r = parse("# top\nlisten 80; # trailing\nfoo#bar baz;\n")
        #expect(r.comments.map(\.text) == [" top", " trailing"])
        #expect(r.comments[0].ownLine && !r.comments[1].ownLine)
        #expect(r.directives[1].name.value == "foo#bar")
    }

    @Test func variablesWithBracesStayInTheWord() {
        let r = parse("set $a ${b}c;\nif ($http_upgrade = \"websocket\") { return 418; }\n")
        #expect(r.problem == nil)
        #expect(r.directives[0].values == ["$a", "${b}c"])
        #expect(r.directives[1].values == ["($http_upgrade", "=", "websocket", ")"])
    }

    @Test func luaBlockBodyIsRaw() throws {
        let r = parse("content_by_lua_block {\n  local s = \"}\" -- a } in a comment\n  ngx.say([[ { ]])\n}\nlisten 80;\n")
        #expect(r.problem == nil)
        #expect(r.directives.map(\.name.value) == ["content_by_lua_block", "listen"])
        #expect(try #require(r.directives[0].values.first).contains("ngx.say"))
    }

    @Test func crlfAndUnicodeColumns() throws {
        let r = parse("# ünïcødé\r\nserver_name é.example;\r\n  listen 80;\r\n")
        #expect(r.problem == nil)
        #expect(r.directives[0].values == ["é.example"])
        #expect(r.directives[1].range.start.line == 3 && r.directives[1].range.start.column == 3)
        let r2 = parse("add_header X \"€€\" ;listen 1;")
        #expect(r2.directives[1].range.start.column == 20)
    }

    @Test(arguments: [
        ("listen 80", 1, 1, "not terminated"),
        ("http {\n  listen 80;\n", 1, 1, "never closed"),
        ("}\n", 1, 1, "no block is open"),
        ("server {\n  listen 80\n}\n", 2, 3, "not terminated"),
        ("a \"open;\n", 1, 3, "never closed"),
        (";", 1, 1, "without a directive"),
        ("a \"b\"c;", 1, 6, "right after a quoted string"),
        ("{ }", 1, 1, "without a directive name"),
    ])
    func errorsAreReportedWhereTheyAre(_ text: String, _ line: Int, _ column: Int, _ words: String) throws {
        let problem = try #require(parse(text).problem)
        #expect(problem.kind == .syntax)
        #expect(problem.range.start.line == line && problem.range.start.column == column, "\(problem.range.start) \(problem.message)")
        #expect(problem.message.contains(words), "\(problem.message)")
    }

    @Test func deepNestingIsAFindingNotACrash() throws {
        let depth = 20_000
        let text = String(repeating: "a {", count: depth) + String(repeating: "}", count: depth)
        let problem = try #require(parse(text).problem)
        #expect(problem.message.contains("nested deeper"))
    }

    @Test func invalidUTF8IsReportedAtTheByte() {
        var bytes = Array("listen 80;\nserver_name a".utf8)
        bytes.append(0xFF)
        bytes += Array(";\n".utf8)
        guard case .notText(_, let problem) = SourceReader.check(SourceFile(path: "x", bytes: bytes)) else {
            Issue.record("invalid UTF-8 accepted"); return
        }
        #expect(problem.range.start.line == 2 && problem.range.start.column == 14)
    }
}
