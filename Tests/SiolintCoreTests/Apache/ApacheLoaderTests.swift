import Testing
@testable import SiolintCore

/// Includes, Define/${VAR}, and the read-time conditionals.
struct ApacheLoaderTests {
    private func load(_ files: [String: String], main: String = "/srv/httpd.conf", _ configure: (inout LintOptions) -> Void = { _ in })
        -> (ParsedConfiguration, ApacheLoader.Facts) {
        var options = LintOptions()
        configure(&options)
        let provider = InMemoryFileProvider(files: files.mapValues { Array($0.utf8) }, workingDirectory: "/srv")
        var loader = ApacheLoader(provider: provider, mainFile: main, options: options)
        return loader.load(mainFile: main)
    }

    private func keys(_ parsed: ParsedConfiguration) -> [String] {
        var out: [String] = []
        var queue = parsed.directives[...]
        while let d = queue.popFirst() { out.append(d.key); if let b = d.block { queue = b[...] + queue } }
        return out
    }

    @Test func includeWildcardDirectoryAndServerRoot() {
        let (parsed, _) = load([
            "/srv/httpd.conf": "Include conf.d/*.conf\nInclude extra\nIncludeOptional none/*.conf\nIncludeOptional missing.conf\n",
            "/srv/conf.d/b.conf": "Timeout 2\n", "/srv/conf.d/a.conf": "Timeout 1\n", "/srv/conf.d/skip.txt": "Bogus 1\n",
            "/srv/extra/x/y.conf": "ProxyTimeout 3\n",
        ])
        #expect(parsed.problems.isEmpty)
        #expect(parsed.directives.map(\.values) == [["1"], ["2"], ["3"]])
        #expect(parsed.directives[0].includedFrom.count == 1)
    }

    @Test func includeThatMatchesNothingIsSIO001() {
        let (parsed, _) = load(["/srv/httpd.conf": "Include conf.d/*.conf\nInclude nope.conf\n"])
        #expect(parsed.problems.map(\.kind) == [.includeNotFound, .includeNotFound])
    }

    @Test func serverRootDirectiveAndOverride() {
        let files = ["/srv/httpd.conf": "ServerRoot /srv/root\nInclude a.conf\n", "/srv/root/a.conf": "Timeout 7\n", "/other/a.conf": "Timeout 9\n"]
        #expect(load(files).0.directives.last?.values == ["7"])
        #expect(load(files) { $0.apacheServerRoot = "/other" }.0.directives.last?.values == ["9"])
    }

    @Test func includeCycleIsReported() {
        let (parsed, _) = load(["/srv/httpd.conf": "Include a.conf\n", "/srv/a.conf": "Include httpd.conf\n"])
        #expect(parsed.problems.contains { $0.kind == .includeCycle })
    }

    @Test func defineSubstitutesInOrderAndUnknownStays() {
        let (parsed, facts) = load(["/srv/httpd.conf": "Define PORT 3000\nProxyPass / http://b:${PORT}/\nProxyPass /x http://${HOST}/\n"])
        #expect(parsed.directives[1].values[1] == "http://b:3000/")
        #expect(parsed.directives[2].values[1] == "http://${HOST}/")
        #expect(facts.notes.contains { $0.contains("${HOST}") })
    }

    @Test func ifModuleFollowsLoadModuleInOrder() {
        let text = "<IfModule proxy_module>\nTimeout 1\n</IfModule>\nLoadModule proxy_module m/mod_proxy.so\n<IfModule mod_proxy.c>\nTimeout 2\n</IfModule>\n<IfModule !rewrite_module>\nTimeout 3\n</IfModule>\n<IfModule version_module>\nTimeout 4\n</IfModule>\n"
        let (parsed, _) = load(["/srv/httpd.conf": text])
        #expect(parsed.directives.filter { $0.key == "timeout" }.map(\.values) == [["2"], ["3"], ["4"]])
    }

    @Test func unknownModulesAreAssumedPresentAndNoted() {
        let (parsed, facts) = load(["/srv/httpd.conf": "<IfModule mod_proxy.c>\nTimeout 1\n</IfModule>\n<IfModule !mod_proxy.c>\nTimeout 2\n</IfModule>\n"])
        #expect(parsed.directives.map(\.values) == [["1"]])
        #expect(facts.loadedModules == nil)
        #expect(facts.notes.contains { $0.contains("proxy_module") })
    }

    @Test func modulesListOption() {
        let (parsed, _) = load(["/srv/httpd.conf": "<IfModule mod_proxy.c>\nTimeout 1\n</IfModule>\n<IfModule headers_module>\nTimeout 2\n</IfModule>\n"]) {
            $0.apacheModules = ["proxy_module"]
        }
        #expect(parsed.directives.map(\.values) == [["1"]])
    }

    @Test func ifDefine() {
        let text = "<IfDefine PROD>\nTimeout 1\n</IfDefine>\n<IfDefine !PROD>\nTimeout 2\n</IfDefine>\nDefine LATE\n<IfDefine LATE>\nTimeout 3\n</IfDefine>\n"
        #expect(load(["/srv/httpd.conf": text]).0.directives.filter { $0.key == "timeout" }.map(\.values) == [["2"], ["3"]])
        #expect(load(["/srv/httpd.conf": text]) { $0.defines["PROD"] = "" }.0.directives.filter { $0.key == "timeout" }.map(\.values) == [["1"], ["3"]])
    }

    @Test func ifVersion() {
        let text = "<IfVersion >= 2.4.47>\nTimeout 1\n</IfVersion>\n<IfVersion < 2.4.47>\nTimeout 2\n</IfVersion>\n<IfVersion = 2.4>\nTimeout 3\n</IfVersion>\n<IfVersion ~ ^2\\.4\\.4[0-6]$>\nTimeout 4\n</IfVersion>\n"
        #expect(load(["/srv/httpd.conf": text]).0.directives.map(\.values) == [["1"], ["3"]])
        #expect(load(["/srv/httpd.conf": text]) { $0.versions.apache = SoftwareVersion([2, 4, 46]) }.0.directives.map(\.values) == [["2"], ["3"], ["4"]])
    }

    @Test func ifBranchesBothStay() {
        let (parsed, _) = load(["/srv/httpd.conf": "<If \"%{HTTPS} == 'on'\">\nHeader set A 1\n</If>\n<Else>\nHeader set A 2\n</Else>\n"])
        #expect(parsed.directives.map(\.key) == ["if", "else"])
    }

    @Test func virtualHostBodyIsWrapped() {
        let (parsed, facts) = load(["/srv/site.conf": "ServerName example.com\nProxyPass / http://127.0.0.1:3000/\n"], main: "/srv/site.conf")
        #expect(facts.wrappedAsVirtualHost)
        #expect(parsed.directives.first?.key == "virtualhost")
        let (full, fullFacts) = load(["/srv/site.conf": "Listen 80\nServerName example.com\nProxyPass / http://127.0.0.1:3000/\n"], main: "/srv/site.conf")
        #expect(!fullFacts.wrappedAsVirtualHost)
        #expect(full.directives.first?.key == "listen")
    }

    @Test func directiveOfAModuleNotLoadedIsRejected() {
        let (_, facts) = load(["/srv/httpd.conf": "LoadModule proxy_module m/mod_proxy.so\nRewriteEngine On\nLoadModule rewrite_module m/mod_rewrite.so\nRewriteEngine On\n"])
        #expect(facts.rejected.count == 1)
        #expect(facts.rejected.first?.directive.range.start.line == 2)
    }
}
