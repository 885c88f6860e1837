import Foundation

/// SARIF 2.1.0 for GitHub code scanning and other viewers: one run, every rule in catalog order
/// (so `ruleIndex` is stable), results with repository-relative `%SRCROOT%` URIs, full regions in
/// UTF-16 columns with snippets, related locations, GitHub's `primaryLocationLineHash`, and an
/// invocation saying whether the run succeeded, with a notification per input that could not be
/// linted. No timestamps and no machine paths (files outside the repository keep `file://` URIs).
public struct SARIFReporter: Sendable {
    /// GitHub shows at most 5,000 results per run and rejects more than 25,000.
    public static let resultLimit = 5000

    public init() {}

    public func report(_ report: LintReport) -> String {
        let rules = RuleCatalog.descriptions
        var ruleIndex: [String: Int] = [:]
        for (i, rule) in rules.enumerated() { ruleIndex[rule.id] = i }
        var hashes = LineHashCache()
        var notifications = report.failures.map {
            SARIF.Notification(level: "error", message: SARIF.Message(text: $0), descriptor: SARIF.DescriptorReference(id: "SIO-E001"))
        }
        var findings = report.findings
        if findings.count > SARIFReporter.resultLimit {
            notifications.append(SARIF.Notification(
                level: "warning",
                message: SARIF.Message(text: "\(findings.count) results; only the first \(SARIFReporter.resultLimit) are written (GitHub shows no more)"),
                descriptor: SARIF.DescriptorReference(id: "SIO-E002")))
            findings = Array(findings.prefix(SARIFReporter.resultLimit))
        }
        let results = findings.map { finding -> SARIF.Result in
            var related: [SARIF.Location] = []
            for (i, r) in finding.related.enumerated() {
                related.append(SARIF.Location(id: i + 1, message: SARIF.Message(text: r.message),
                                              physicalLocation: physicalLocation(r.range, report: report, snippet: false)))
            }
            var text = SARIFReporter.escapeBrackets(finding.message)
            if !related.isEmpty {
                text += " Related: " + related.map { "[location \($0.id!)](\($0.id!))" }.joined(separator: ", ") + "."
            }
            if let help = finding.help { text += "\nFix: " + SARIFReporter.escapeBrackets(help) }
            let start = finding.range.start
            var fingerprints: [String: String]?
            if let hash = hashes.hash(file: report.sources[start.file], line: start.line) {
                fingerprints = ["primaryLocationLineHash": hash]
            }
            var suppressions: [SARIF.Suppression]?
            if report.includesSuppressed {
                suppressions = finding.suppression.map { [SARIF.Suppression(justification: $0.justification)] } ?? []
            }
            return SARIF.Result(ruleId: finding.ruleID, ruleIndex: ruleIndex[finding.ruleID] ?? 0,
                                level: SARIFReporter.level(finding.severity), message: SARIF.Message(text: text),
                                locations: [SARIF.Location(id: nil, message: nil, physicalLocation: physicalLocation(finding.range, report: report, snippet: true))],
                                relatedLocations: related.isEmpty ? nil : related,
                                partialFingerprints: fingerprints, suppressions: suppressions)
        }
        let driver = SARIF.Driver(name: "siolint", version: HelpText.version, semanticVersion: HelpText.version,
                                  informationUri: HelpText.homepage, rules: rules.map(SARIFReporter.descriptor))
        // The run succeeded unless nothing at all could be linted.
        let successful = report.failures.isEmpty || report.failures.count < report.inputCount
        let invocation = SARIF.Invocation(executionSuccessful: successful, exitCode: report.exitCode,
                                          toolExecutionNotifications: notifications.isEmpty ? nil : notifications)
        let log = SARIF.Log(runs: [SARIF.Run(tool: SARIF.Tool(driver: driver), invocations: [invocation], results: results)])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(log)) ?? Data(), as: UTF8.self) + "\n"
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    static func descriptor(_ d: RuleDescription) -> SARIF.ReportingDescriptor {
        let problemSeverity: String
        switch d.defaultSeverity {
        case .error: problemSeverity = "error"
        case .warning: problemSeverity = "warning"
        case .info: problemSeverity = "recommendation"
        }
        var helpText = d.summary + "\n\nFix:"
        for server in ServerKind.allCases { if let fix = d.fixes[server] { helpText += "\n- \(server.displayName): \(fix)" } }
        let tags = Array((["socket.io"] + d.tags).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.prefix(10))
        return SARIF.ReportingDescriptor(
            id: d.id, name: pascalCase(d.name), shortDescription: SARIF.Message(text: limit(d.summary)),
            fullDescription: SARIF.Message(text: limit(d.explanation)),
            help: SARIF.MultiformatMessage(text: helpText, markdown: RuleDocumentation.markdown(d)),
            helpUri: RuleDocumentation.uri(d), defaultConfiguration: SARIF.Configuration(level: level(d.defaultSeverity)),
            properties: SARIF.RuleProperties(tags: tags, precision: d.defaultSeverity == .info ? "medium" : "high",
                                             problemSeverity: problemSeverity))
    }

    /// `websocket-idle-timeout` → `WebsocketIdleTimeout` (SARIF's example style for `name`).
    static func pascalCase(_ name: String) -> String {
        name.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// GitHub accepts at most 1024 characters; cut at a sentence when longer.
    static func limit(_ text: String) -> String {
        guard text.count > 1024 else { return text }
        let head = String(text.prefix(1023))
        if let stop = head.range(of: ". ", options: .backwards) { return String(head[..<stop.lowerBound]) + ".…" }
        return head + "…"
    }

    /// Message text is Markdown-link aware in SARIF (§3.11.6): literal brackets are escaped.
    static func escapeBrackets(_ text: String) -> String {
        var out = ""
        for ch in text {
            if ch == "[" || ch == "]" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    func physicalLocation(_ range: SourceRange, report: LintReport, snippet: Bool) -> SARIF.PhysicalLocation {
        let file = report.sources[range.file]
        let artifact: SARIF.ArtifactLocation
        if let relative = report.paths.repositoryRelative(range.file) {
            artifact = SARIF.ArtifactLocation(uri: SARIFReporter.percentEncode(relative), uriBaseId: "%SRCROOT%")
        } else {
            artifact = SARIF.ArtifactLocation(uri: "file://" + SARIFReporter.percentEncode(PathUtilities.absolute(range.file, base: report.paths.workingDirectory)), uriBaseId: nil)
        }
        let start = range.start
        var end = range.end
        if (end.line, end.column) < (start.line, start.column) { end = start }
        let startColumn = SARIFReporter.utf16Column(file, line: start.line, column: start.column)
        let endColumn = SARIFReporter.utf16Column(file, line: end.line, column: end.column)
        var text: SARIF.Message?
        if snippet, let file, end.offset > start.offset, end.offset <= file.bytes.count {
            text = SARIF.Message(text: file.text(start.offset, end.offset))
        }
        return SARIF.PhysicalLocation(artifactLocation: artifact,
                                      region: SARIF.Region(startLine: max(1, start.line), startColumn: max(1, startColumn),
                                                           endLine: max(1, end.line), endColumn: max(1, endColumn), snippet: text))
    }

    /// A column in Unicode scalars converted to UTF-16 code units (SARIF's default `columnKind`).
    static func utf16Column(_ file: SourceFile?, line: Int, column: Int) -> Int {
        guard let file, column > 1 else { return column }
        let scalars = file.lineText(line).unicodeScalars
        let before = scalars.prefix(column - 1)
        let units = before.reduce(0) { $0 + ($1.value > 0xFFFF ? 2 : 1) }
        return units + max(0, column - 1 - before.count) + 1
    }

    /// A relative path as a URI reference: unreserved characters and `/` kept, the rest %-encoded.
    static func percentEncode(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if byte < 0x80, c.isLetter || c.isNumber || "-._~/!$&'()*+,;=:@".contains(c) {
                out.append(c)
            } else {
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }
}
