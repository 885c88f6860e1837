import Foundation
import SiolintCore

HeapSetup.configure()

// The only place that reads standard input, prints and exits.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("siolint: \(message)\n".utf8))
    exit(2)
}

func write(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

func warn(_ text: String) {
    FileHandle.standardError.write(Data("siolint: \(text)\n".utf8))
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

let environment = ProcessInfo.processInfo.environment
let provider = DiskFileProvider()
var inputs: [LintInput] = []
var failures: [String] = []
let filePaths = invocation.paths.filter { $0 != "-" }
if invocation.paths.contains("-") {
    let data = FileHandle.standardInput.readDataToEndOfFile()
    let name = invocation.stdinFilename ?? "<stdin>"
    inputs.append(LintInput(paths: [PathUtilities.absolute(name, base: provider.workingDirectory)], contents: [UInt8](data)))
}
let collected = InputCollector.collect(filePaths, provider: provider, dialect: invocation.overrides.dialect ?? invocation.options.dialect)
inputs += collected.inputs
failures += collected.failures

// Each input gets its own configuration file (the nearest .siolint.json), overlaid by the flags.
let source: ConfigurationResolver.Source
if invocation.noConfig {
    source = .none
} else if let file = invocation.configFile {
    source = .file(PathUtilities.absolute(file, base: provider.workingDirectory))
} else {
    source = .discover(environment: environment)
}
var result = LintResult(reports: [])
do {
    var options = try ConfigurationResolver.options(for: inputs, source: source, flags: invocation.overrides,
                                                    base: invocation.options, provider: provider)
    for index in options.indices {
        options[index].recordsDecisions = invocation.command == .trace
        options[index].measuresStages = invocation.timings
    }
    result = Linter.lint(inputs, options: options, provider: provider)
} catch {
    // Nothing is linted with a configuration that cannot be read; the reports still say why.
    failures.append(error.description)
}
failures += result.failures

@MainActor func writeTimings() {
    guard invocation.timings else { return }
    FileHandle.standardError.write(Data(StageTimesReporter.report(result.reports, displayPath: provider.displayPath).utf8))
}

if invocation.command == .trace {
    write(result.reports.map { TraceReporter().report($0) }.joined(separator: "\n"))
    for failure in failures { warn("error: \(failure)") }
    writeTimings()
    exit(failures.isEmpty ? 0 : 2)
}

let exitCode: Int32 = !failures.isEmpty ? 2 : (result.failing ? 1 : 0)
let shown = invocation.includeSuppressed
    ? (result.findings + result.suppressedFindings).sorted(by: Finding.ordered)
    : result.findings
let report = LintReport(findings: shown, sources: result.sources, failures: failures, inputCount: inputs.count,
                        exitCode: exitCode, includesSuppressed: invocation.includeSuppressed,
                        paths: RepositoryPaths.discover(workingDirectory: provider.workingDirectory, provider: provider))

func writeFile(_ text: String, to path: String) -> Bool {
    let url = URL(fileURLWithPath: PathUtilities.absolute(path, base: provider.workingDirectory))
    do {
        try Data(text.utf8).write(to: url)
        return true
    } catch {
        warn("error: cannot write \(path): \(error.localizedDescription)")
        return false
    }
}

var writeFailed = false
if let output = invocation.output {
    writeFailed = !writeFile(invocation.format.render(report), to: output)
} else {
    let color: Bool
    switch invocation.color {
    case .always: color = true
    case .never: color = false
    case .auto: color = isatty(STDOUT_FILENO) != 0 && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }
    write(invocation.format.render(report, color: color))
}
if let sarif = invocation.sarifOutput {
    writeFailed = !writeFile(OutputFormat.sarif.render(report), to: sarif) || writeFailed
}

if invocation.format == .text || invocation.format == .concise {
    let findings = result.findings
    let errors = findings.filter { $0.severity == .error }.count
    let warnings = findings.filter { $0.severity == .warning }.count
    let infos = findings.count - errors - warnings
    let files = Set(findings.map(\.range.start.file)).count
    let suppressed = result.suppressedFindings.count
    if !findings.isEmpty || suppressed > 0 {
        warn("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s"), \(infos) info in \(files) file\(files == 1 ? "" : "s")"
             + (suppressed > 0 ? " (\(suppressed) suppressed)" : ""))
    }
}
for failure in failures { warn("error: \(failure)") }
writeTimings()
exit(writeFailed ? 2 : exitCode)
