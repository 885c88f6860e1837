import Foundation

/// The parsed syntax tree of a configuration as JSON shaped like `crossplane parse --combine`
/// output, for differential testing against other parsers (`Tests/Differential/`). Not a stable
/// interface: the undocumented `siolint dump-syntax [--dialect D] FILE` prints it.
///
/// Each directive carries `directive`, `args` (values as the server sees them: quotes removed,
/// escapes resolved), `raw` (each argument exactly as written), `file`, `line` and, for blocks,
/// `block`. Included files are spliced in place, as crossplane's `--combine` does.
public enum SyntaxTreeDumper {
    struct ErrorItem {
        var file: String
        var line: Int
        var column: Int
        var kind: String
        var error: String
    }

    final class Node {
        var directive: String
        var directiveRaw: String
        var file: String
        var line: Int
        var args: [String]
        var raw: [String]
        var block: [Node]?

        init(directive: String, directiveRaw: String, file: String, line: Int, args: [String], raw: [String]) {
            self.directive = directive
            self.directiveRaw = directiveRaw
            self.file = file
            self.line = line
            self.args = args
            self.raw = raw
        }
    }

    /// The JSON for the configuration whose main file is `path` (absolute).
    /// nginx files are read in the main context, never wrapped as fragments, as crossplane reads them.
    public static func dump(path: String, dialect: ServerKind?, provider: FileProvider, options: LintOptions = LintOptions()) -> String {
        let bytes = (try? provider.read(path).get()) ?? []
        let server = dialect ?? DialectDetector.detect(path: path, bytes: bytes) ?? .nginx
        let parsed: ParsedConfiguration
        if server == .nginx {
            var loader = NginxLoader(provider: provider, prefix: options.nginxPrefix ?? PathUtilities.directory(of: path))
            parsed = loader.load(mainFile: path, context: .main).0
        } else if let frontend = Dialects.frontend(for: server) {
            parsed = frontend.load([path], provider: provider, options: options).parsed
        } else {
            parsed = ParsedConfiguration(problems: [SyntaxProblem(.syntax, "\(server.displayName) is not supported yet",
                                                                  at: SourceRange(at: SourceLocation(file: path, line: 1, column: 1)))])
        }
        return render(parsed, mainFile: provider.displayPath(path))
    }

    /// Renders a parsed configuration; the tree is walked with an explicit stack.
    static func render(_ parsed: ParsedConfiguration, mainFile: String) -> String {
        var sources: [String: SourceFile] = [:]
        for file in parsed.files { sources[file.path] = file }
        func raw(_ word: Word) -> String {
            guard let file = sources[word.range.file] else { return word.value }
            return file.text(word.range.start.offset, word.range.end.offset)
        }
        func node(_ d: Directive) -> Node {
            Node(directive: d.name.value, directiveRaw: raw(d.name), file: d.range.file, line: d.name.range.start.line,
                 args: d.values, raw: d.arguments.map(raw))
        }
        let roots = parsed.directives.map(node)
        var pending: [(Directive, Node)] = Array(zip(parsed.directives, roots))
        while let (directive, target) = pending.popLast() {
            guard let block = directive.block else { continue }
            let children = block.map(node)
            target.block = children
            pending += zip(block, children)
        }
        let errors = parsed.problems.map { problem -> ErrorItem in
            let kind: String
            switch problem.kind {
            case .syntax: kind = "syntax"
            case .includeNotFound: kind = "includeNotFound"
            case .includeCycle: kind = "includeCycle"
            case .unknownDirective: kind = "unknownDirective"
            }
            return ErrorItem(file: problem.range.file, line: problem.range.start.line, column: problem.range.start.column,
                             kind: kind, error: problem.message)
        }
        // Written by hand, iteratively: JSONEncoder refuses documents nested deeper than 512 levels.
        var out = "{\"config\":[{\"file\":\(quoted(mainFile)),\"parsed\":["
        var stack: [(nodes: [Node], next: Int)] = [(roots, 0)]
        while !stack.isEmpty {
            let top = stack.count - 1
            let (nodes, next) = stack[top]
            if next == nodes.count {
                stack.removeLast()
                out += stack.isEmpty ? "]" : "]}"
                continue
            }
            stack[top].next += 1
            if next > 0 { out += "," }
            let n = nodes[next]
            out += "{\"args\":[" + n.args.map(quoted).joined(separator: ",") + "],"
            out += "\"directive\":\(quoted(n.directive)),\"directiveRaw\":\(quoted(n.directiveRaw)),\"file\":\(quoted(n.file)),"
            out += "\"line\":\(n.line),\"raw\":[" + n.raw.map(quoted).joined(separator: ",") + "]"
            if let block = n.block {
                out += ",\"block\":["
                stack.append((block, 0))
            } else {
                out += "}"
            }
        }
        out += "}],\"errors\":["
        out += errors.map { e in
            "{\"column\":\(e.column),\"error\":\(quoted(e.error)),\"file\":\(quoted(e.file)),\"kind\":\(quoted(e.kind)),\"line\":\(e.line)}"
        }.joined(separator: ",")
        out += "],\"status\":\(quoted(errors.isEmpty ? "ok" : "failed"))}\n"
        return out
    }

    /// A JSON string literal.
    static func quoted(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
