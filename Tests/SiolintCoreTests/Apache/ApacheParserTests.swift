import Testing
@testable import SiolintCore

/// httpd's line syntax: continuations, comments only at line start, quotes, sections.
struct ApacheParserTests {
    private func parse(_ text: String) -> ApacheParser.Result {
        ApacheParser.parse(SourceFile(path: "t.conf", text: text))
    }

    @Test func continuationJoinsLinesAndKeepsPositions() throws {
        let r = parse("ProxyPass /socket.io/ \\\n    http://127.0.0.1:3000/socket.io/ upgrade=websocket\nTimeout 5\n")
        #expect(r.problem == nil)
        let pass = try #require(r.directives.first)
        #expect(pass.values == ["/socket.io/", "http://127.0.0.1:3000/socket.io/", "upgrade=websocket"])
        #expect(pass.arguments[1].range.start.line == 2)
        #expect(pass.arguments[1].range.start.column == 5)
        #expect(r.directives[1].range.start.line == 3)
    }

    @Test func hashIsACommentOnlyAtLineStart() {
        let r = parse("  # a comment \\\ncontinued comment line\nHeader set X-A #literal\n")
        #expect(r.directives.count == 1)
        #expect(r.directives[0].values == ["set", "X-A", "#literal"])
        #expect(r.comments.count == 1)
    }

    @Test func quotesAndEscapes() {
        let r = parse(#"Header set X "a \"quoted\" value" 'single'"next"\#n"#)
        #expect(r.directives[0].values == ["set", "X", "a \"quoted\" value", "single", "next"])
        #expect(r.directives[0].arguments[2].quote == .double)
    }

    @Test func unterminatedQuoteRunsToEndOfLine() {
        let r = parse("ServerAdmin \"webmaster@localhost\nServerName a\n")
        #expect(r.problem == nil)
        #expect(r.directives[0].values == ["webmaster@localhost"])
    }

    @Test func sectionsNestAndNamesIgnoreCase() throws {
        let r = parse("<VirtualHost *:80>\n  <location /socket.io/>\n    ProxyPass http://b/\n  </LOCATION>\n</virtualhost>\n")
        #expect(r.problem == nil)
        let vhost = try #require(r.directives.first)
        #expect(vhost.key == "virtualhost")
        #expect(vhost.values == ["*:80"])
        #expect(vhost.block?.first?.block?.first?.key == "proxypass")
    }

    @Test func sectionArgumentsAcrossContinuations() {
        let r = parse("<VirtualHost \\\n  10.0.0.1:80 \\\n  10.0.0.2:80 \\\n>\n</VirtualHost>\n")
        #expect(r.problem == nil)
        #expect(r.directives.first?.values == ["10.0.0.1:80", "10.0.0.2:80"])
    }

    @Test func unclosedSectionIsReportedAtItsOpeningLine() throws {
        let r = parse("ServerName a\n<VirtualHost *:80>\n  ServerName b\n")
        let problem = try #require(r.problem)
        #expect(problem.range.start.line == 2)
        #expect(problem.message.contains("was not closed"))
    }

    @Test func mismatchedCloseIsReportedAtTheOpeningLine() throws {
        let r = parse("<VirtualHost *:80>\n</Directory>\n")
        let problem = try #require(r.problem)
        #expect(problem.range.start.line == 1)
        #expect(problem.relatedLocations.first?.range.start.line == 2)
    }

    @Test func closeWithoutOpenAndMissingBracket() throws {
        #expect(try #require(parse("</VirtualHost>\n").problem).message.contains("without matching"))
        #expect(try #require(parse("<Directory /tmp\n").problem).message.contains("missing closing '>'"))
        #expect(try #require(parse("<VirtualHost *:80>\n</VirtualHost\n").problem).message.contains("missing closing '>'"))
    }

    @Test func textAfterAClosingTagIsIgnoredLikeHttpdDoes() throws {
        let problem = try #require(parse("<IfModule x>\n<VirtualHost *:80>\n</VirtualHost> </IfModule>\n").problem)
        #expect(problem.range.start.line == 1)
    }

    @Test func deepNestingIsCappedNotRecursed() throws {
        let depth = ApacheParser.maximumDepth + 5
        let text = String(repeating: "<If true>\n", count: depth) + String(repeating: "</If>\n", count: depth)
        let problem = try #require(parse(text).problem)
        #expect(problem.message.contains("nested deeper"))
    }

    @Test func crlfAndLoneCR() {
        let r = parse("Timeout 5\r\nProxyTimeout 6\rKeepAlive On")
        #expect(r.directives.map(\.key) == ["timeout", "proxytimeout", "keepalive"])
        #expect(r.directives[1].range.start.line == 2)
    }
}
