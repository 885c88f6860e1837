import Foundation
import Testing
@testable import SiolintCore

/// Several files as one configuration (`haproxy -f a.cfg -f b.cfg`, `haproxy -f dir/`).
struct HAProxyMultiFileTests {
    private let global = "global\n  maxconn 100\ndefaults\n  mode http\n  timeout client 60s\n  timeout server 60s\n  timeout tunnel 1h\n"
    private let app = "frontend fe\n  bind :80\n  default_backend be\nbackend be\n  server s 127.0.0.1:3000\n"

    @Test func laterFilesTakeDefaultsFromEarlierOnes() throws {
        let report = try HAProxyTestSupport.lintFiles([("/virtual/10-global.cfg", global), ("/virtual/20-app.cfg", app)])
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message))")
        #expect(report.loaded?.parsed.files.map(\.path) == ["10-global.cfg", "20-app.cfg"])
        let idle = try #require(HAProxyTestSupport.routes(report, .webSocketUpgrade).first).route.settings.upgradedIdleTimeout
        #expect(idle.provenance.directive?.range.file == "10-global.cfg")
    }

    @Test func orderMatters() throws {
        let report = try HAProxyTestSupport.lintFiles([("/virtual/20-app.cfg", app), ("/virtual/10-global.cfg", global)])
        #expect(report.findings.contains { $0.ruleID == "SIO101" && $0.severity == .info }, "the defaults come after the proxies")
    }

    @Test func eachFileStartsOutsideAnySection() throws {
        let report = try HAProxyTestSupport.lintFiles([("/virtual/a.cfg", global + "frontend fe\n  bind :80\n"), ("/virtual/b.cfg", "  default_backend be\n")])
        #expect(HAProxyTestSupport.syntaxErrors(report).first?.range.file == "b.cfg")
    }

    @Test func inputCollectorGroupsHAProxyFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("siolint-multi-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/conf", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try global.write(toFile: dir + "/conf/10-global.cfg", atomically: true, encoding: .utf8)
        try app.write(toFile: dir + "/conf/20-app.cfg", atomically: true, encoding: .utf8)
        try "http { server { listen 80; } }\n".write(toFile: dir + "/nginx.conf", atomically: true, encoding: .utf8)
        let provider = DiskFileProvider(workingDirectory: dir)

        let directory = InputCollector.collect(["conf"], provider: provider)
        #expect(directory.inputs.map(\.paths) == [[dir + "/conf/10-global.cfg", dir + "/conf/20-app.cfg"]])

        let files = InputCollector.collect(["conf/20-app.cfg", "nginx.conf", "conf/10-global.cfg"], provider: provider)
        #expect(files.inputs.map(\.paths) == [[dir + "/conf/20-app.cfg", dir + "/conf/10-global.cfg"], [dir + "/nginx.conf"]])

        let nginxForced = InputCollector.collect(["conf/10-global.cfg", "conf/20-app.cfg"], provider: provider, dialect: .nginx)
        #expect(nginxForced.inputs.count == 2, "nginx files are configurations of their own")
    }
}
