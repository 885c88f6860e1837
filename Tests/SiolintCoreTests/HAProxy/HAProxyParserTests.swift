import Testing
@testable import SiolintCore

/// The HAProxy lexer and parser: words, quotes, escapes, comments, sections and errors.
struct HAProxyParserTests {
    private func words(_ line: String, defines: [String: String] = [:]) throws -> [String] {
        let result = HAProxyTestSupport.parse("frontend fe\n" + line + "\n", defines: defines)
        #expect(result.problems.isEmpty, "\(result.problems.map(\.message))")
        let directive = try #require(result.sections.first?.block?.first)
        return [directive.name.value] + directive.values
    }

    @Test func doubleQuotesProtectBlanksAndResolveEscapes() throws {
        #expect(try words(##"http-request set-header X-A "a b\"c\#d""##) == ["http-request", "set-header", "X-A", "a b\"c#d"])
    }

    @Test func singleQuotesAreLiteral() throws {
        #expect(try words(#"http-request set-header X-A 'a \n $HOME "q"'"#) == ["http-request", "set-header", "X-A", #"a \n $HOME "q""#])
    }

    @Test func backslashEscapesOutsideQuotes() throws {
        #expect(try words(##"log-format a\ b\#c\\d \.x"##) == ["log-format", "a b#c\\d", "\\.x"])
    }

    @Test func quotesJoinInsideOneWord() throws {
        #expect(try words(#"log-format "%t x"' %s'\ y"#) == ["log-format", "%t x %s y"])
    }

    @Test func hashStartsACommentEvenInsideAWord() throws {
        let result = HAProxyTestSupport.parse("global\n  maxconn 10#ignored\n  nbthread 2 # trailing\n# own line\n")
        let lines = try #require(result.sections.first?.block)
        #expect(lines.map(\.values) == [["10"], ["2"]])
        #expect(result.comments.count == 3)
        #expect(result.comments.last?.ownLine == true)
    }

    @Test func environmentVariablesExpandOnlyInDoubleQuotes() throws {
        #expect(try words(#"bind "${ADDR}:${PORT-80}" $ADDR '${ADDR}'"#, defines: ["ADDR": "127.0.0.1"])
                == ["bind", "127.0.0.1:80", "$ADDR", "${ADDR}"])
    }

    @Test func unresolvedVariablesStayWrittenAndMakeValuesUnknown() throws {
        let report = try HAProxyTestSupport.lint(HAProxyTestSupport.timeouts.replacingOccurrences(of: "timeout tunnel 1h", with: "timeout tunnel \"${TUNNEL}\"")
            + "frontend fe\n  bind :80\n  default_backend be\nbackend be\n  server s 127.0.0.1:3000\n")
        let idle = try #require(HAProxyTestSupport.routes(report, .webSocketUpgrade).first).route.settings.upgradedIdleTimeout
        #expect(idle.value == .unknown(expression: "${TUNNEL}"))
        #expect(report.findings.contains { $0.ruleID == "SIO101" && $0.severity == .info })
    }

    @Test func sectionsCollectTheirKeywordLines() throws {
        let result = HAProxyTestSupport.parse("global\n  maxconn 10\ndefaults base\n  mode http\nbackend be from base\n  server s 127.0.0.1:1\npeers p\n  peer a 127.0.0.1:2\n")
        #expect(result.problems.isEmpty)
        #expect(result.sections.map(\.name.value) == ["global", "defaults", "backend", "peers"])
        #expect(result.sections[2].values == ["be", "from", "base"])
        #expect(result.sections.map { $0.block?.count ?? -1 } == [1, 1, 1, 1])
    }

    @Test func keywordBeforeAnySectionIsAnError() throws {
        let report = try HAProxyTestSupport.lint("maxconn 10\nglobal\n  maxconn 10\n")
        let errors = HAProxyTestSupport.syntaxErrors(report)
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("out of section") == true)
        #expect(errors.first?.range.start.line == 1)
        #expect(errors.first?.range.start.column == 1)
    }

    @Test func unterminatedQuoteIsReportedWhereItOpens() throws {
        let report = try HAProxyTestSupport.lint("frontend fe\n  bind :80\n  http-request set-header X \"abc\n")
        let error = try #require(HAProxyTestSupport.syntaxErrors(report).first)
        #expect((error.range.start.line, error.range.start.column) == (3, 29))
        #expect(report.loaded?.model == nil)
    }

    @Test func sectionsNeedTheirNames() throws {
        #expect(HAProxyTestSupport.parse("peers\n  peer 0\n").problems.map(\.message) == ["missing name for peers section"])
        #expect(HAProxyTestSupport.parse("defaults\n  mode http\n").problems.isEmpty)
    }

    @Test func implausibleKeywordsAndBareNegationsAreErrors() {
        #expect(HAProxyTestSupport.parse("global\n0#0 END\n").problems.count == 1)
        #expect(HAProxyTestSupport.parse("defaults\nno\n").problems.count == 1)
        #expect(HAProxyTestSupport.parse("defaults\n  no option httpclose\n  51degrees-cache-size 10\n").problems.isEmpty)
    }

    @Test func sectionKeywordsAreToldApartWithoutTheSet() {
        for keyword in HAProxyParser.sectionKeywords {
            #expect(HAProxyParser.isSectionKeyword(keyword), "\(keyword)")
        }
        for keyword in ["balance", "bind", "server", "timeout", "fcgi-ap", "frontends", "Backend", "", "g"] {
            #expect(!HAProxyParser.isSectionKeyword(keyword), "\(keyword)")
        }
    }

    @Test func tableKeywordsAreRecognisedOnTheirBytesAsTheParserWouldReadThem() {
        func entry(_ text: String) -> HAProxyKeywordNames.Entry? {
            Array(text.utf8).withUnsafeBufferPointer { HAProxyKeywordNames.entry($0) }
        }
        for keyword in HAProxyKeywordNames.sections + HAProxyKeywordNames.lineKeywords {
            let found = entry(keyword)
            #expect(found?.name == keyword, "\(keyword)")
            #expect(found?.opensSection == HAProxyParser.sectionKeywords.contains(keyword), "\(keyword)")
            #expect(found?.needsName == HAProxyParser.namedSections.contains(keyword), "\(keyword)")
            #expect(HAProxyParser.isPlausibleKeyword(keyword), "\(keyword)")
        }
        #expect(Set(HAProxyKeywordNames.sections) == HAProxyParser.sectionKeywords)
        for other in ["", "a", "acls", "Acl", "serve", "servers", "frontend2", "http-requests", "timeou", "0"] {
            #expect(entry(other) == nil, "\(other)")
        }
    }

    @Test func linesEndAtLineFeedsOrTheEnd() {
        let bytes = Array("ab\n\ncd".utf8)
        #expect(HAProxyParser.lineEnd(in: bytes, from: 0) == 2)
        #expect(HAProxyParser.lineEnd(in: bytes, from: 3) == 3)
        #expect(HAProxyParser.lineEnd(in: bytes, from: 4) == 6)
        #expect(HAProxyParser.lineEnd(in: bytes, from: 6) == 6)
    }

    @Test func everyBadLineIsReported() {
        #expect(HAProxyTestSupport.parse("a 1\nb 2\nglobal\n  maxconn 1\n").problems.count == 2)
    }
}
