import Foundation
import SiolintCore

// The only place that reads standard input, prints and exits.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("siolint: \(message)\n".utf8))
    exit(2)
}

func write(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

// Undocumented: the parsed syntax tree as JSON, for differential tests (Tests/Differential/).
if CommandLine.arguments.count >= 3, CommandLine.arguments[1] == "dump-syntax" {
    var rest = Array(CommandLine.arguments.dropFirst(2))
    var dialect: ServerKind?
    if rest.count >= 3, rest[0] == "--dialect" { dialect = ServerKind(rawValue: rest[1]); rest.removeFirst(2) }
    let disk = DiskFileProvider()
    for path in rest { write(SyntaxTreeDumper.dump(path: PathUtilities.absolute(path, base: disk.workingDirectory), dialect: dialect, provider: disk)) }
    exit(0)
}

let invocation: Invocation
do {
    invocation = try Invocation.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    fail("\(error)\nUsage: siolint [OPTIONS] PATH...   (siolint --help)")
}

switch invocation.command {
case .help:
    write(HelpText.usage + "\n")
    exit(0)
case .version:
    write("siolint \(HelpText.version)\n")
    exit(0)
case .rules:
    write(invocation.format == .json ? RuleCatalogReporter.json() : RuleCatalogReporter.text())
    exit(0)
case .explain(let id):
    guard let description = RuleCatalog.description(id: id.uppercased()) ?? RuleCatalog.description(id: id) else {
        fail("unknown rule \(id); see `siolint rules`")
    }
    write(RuleCatalogReporter.explain(description))
    exit(0)
case .lint, .trace:
    break
}

let provider = DiskFileProvider()
var inputs: [LintInput] = []
var failures: [String] = []
let filePaths = invocation.paths.filter { $0 != "-" }
if invocation.paths.contains("-") {
    let data = FileHandle.standardInput.readDataToEndOfFile()
    let name = invocation.stdinFilename ?? "<stdin>"
    inputs.append(LintInput(paths: [PathUtilities.absolute(name, base: provider.workingDirectory)], contents: [UInt8](data)))
}
let collected = InputCollector.collect(filePaths, provider: provider)
inputs += collected.inputs
failures += collected.failures

let result = Linter.lint(inputs, options: invocation.options, provider: provider)
failures += result.failures

if invocation.command == .trace {
    write(result.reports.map { TraceReporter().report($0) }.joined(separator: "\n"))
} else {
    let findings = result.findings
    switch invocation.format {
    case .json:
        write(JSONReporter().report(findings))
    case .text:
        let env = ProcessInfo.processInfo.environment
        let color: Bool
        switch invocation.color {
        case .always: color = true
        case .never: color = false
        case .auto: color = isatty(STDOUT_FILENO) != 0 && (env["NO_COLOR"] ?? "").isEmpty && env["TERM"] != "dumb"
        }
        write(TextReporter(color: color).report(findings, sources: result.sources))
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.filter { $0.severity == .warning }.count
        let infos = findings.count - errors - warnings
        let files = Set(findings.map(\.range.start.file)).count
        if !findings.isEmpty {
            FileHandle.standardError.write(Data("siolint: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s"), \(infos) info in \(files) file\(files == 1 ? "" : "s")\n".utf8))
        }
    }
}

for failure in failures {
    FileHandle.standardError.write(Data("siolint: error: \(failure)\n".utf8))
}
if !failures.isEmpty { exit(2) }
if invocation.command == .trace { exit(0) }
if let threshold = invocation.failOn, result.findings.contains(where: { $0.severity >= threshold }) {
    exit(1)
}
exit(0)
