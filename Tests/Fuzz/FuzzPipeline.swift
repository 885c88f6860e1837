import SiolintCore

/// Runs one fuzz input through a dialect's whole pipeline, as `siolint` would lint a file:
/// lexer → parser → loader (through an in-memory file provider) → model builder → probe router → rules.
///
/// Compiled only by `Scripts/fuzz`, together with one `<Dialect>Fuzz.swift` entry point, against a
/// sanitizer-instrumented build of SiolintCore; never part of `swift build`.
enum FuzzPipeline {
    static func lint(_ data: UnsafePointer<UInt8>?, _ size: Int, server: ServerKind, path: String) {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        var options = LintOptions()
        options.dialect = server
        // The trace bookkeeping is code too: exercise it.
        options.recordsDecisions = true
        let provider = InMemoryFileProvider(files: [path: bytes], workingDirectory: "/fuzz")
        let report = Linter.lint(LintInput(paths: [path]), options: options, provider: provider)
        // Rendering is where byte offsets meet lines and columns: run both reporters users see.
        let sources = LintResult(reports: [report]).sources
        _ = TextReporter(color: false).report(report.findings, sources: sources)
        _ = TraceReporter().report(report)
    }
}
