/// Parses one httpd configuration file into directives, as `ap_build_config` does: one directive
/// per logical line; `<Name args>` opens a section (its arguments are the text before the last
/// `>`), `</Name>` closes it (names compared without case; text after it on the line is ignored,
/// as httpd ignores it). Sections become directives with a `block`, named without the `<`.
/// Iterative (an explicit stack), nesting capped; stops at the first error, as httpd does, and
/// reports mismatched or unclosed sections at their opening line.
enum ApacheParser {
    /// Deeper nesting than this is reported instead of parsed.
    static let maximumDepth = 1000

    typealias Result = FileParseResult

    private struct Frame {
        var name: Word
        var arguments: WordList
        var range: SourceRange
        /// Where this section's children start in `pending`.
        var childStart: Int
    }

    static func parse(_ file: SourceFile) -> Result {
        let (lines, comments) = ApacheLexer.lines(file)
        var root: [Directive] = []
        var stack: [Frame] = []
        let pending = OpenBlockChildren()
        var argumentLists = WordList.Builder()

        func append(_ d: Directive) {
            if stack.isEmpty { root.append(d) } else { pending.append(d) }
        }
        func children(from start: Int) -> [Directive] { pending.take(from: start) }
        func fail(_ message: String, at range: SourceRange, related: [RelatedLocation] = []) -> Result {
            // Close what is open so the partial tree stays usable for tracing.
            while let frame = stack.popLast() {
                append(Directive(name: frame.name, arguments: frame.arguments, block: children(from: frame.childStart), range: frame.range))
            }
            return Result(directives: root, comments: comments, problem: SyntaxProblem(.syntax, message, at: range, related: related))
        }

        // One array for the words of every line (see `ApacheLexer.words`).
        var words: [Word] = []

        for line in lines {
            let lineStart = line.bytes.startIndex
            let lineRange = file.range(line.offset(lineStart), line.endOffset)
            // The first word is the directive name; it never starts with a quote in practice, but
            // httpd reads it with the same word rules.
            var nameEnd = lineStart
            while nameEnd < line.bytes.endIndex, !ApacheLexer.isBlank(line.bytes[nameEnd]) { nameEnd += 1 }
            // Section tags start with `<`; the name of any other line is its first word.
            if line.bytes[lineStart] == UInt8(ascii: "<") {
                let rawName = String(decoding: line.bytes[lineStart..<nameEnd], as: UTF8.self)
                // Built when a message needs it: most lines are not section tags.
                var nameRange: SourceRange { file.range(line.offset(lineStart), line.offset(nameEnd - 1) + 1) }

                if rawName.hasBytePrefix("</") {
                    guard rawName.hasSuffix(">"), rawName.count > 3 else {
                        return fail("\(rawName.hasSuffix(">") ? rawName : rawName + ">") directive missing closing '>'", at: lineRange)
                    }
                    let name = String(rawName.dropFirst(2).dropLast())
                    guard let open = stack.last else {
                        return fail("</\(name)> without matching <\(name)> section", at: nameRange)
                    }
                    guard open.name.value.lowercased() == name.lowercased() else {
                        return fail("<\(open.name.value)> is closed by </\(name)>: expected </\(open.name.value)> (httpd: \"Expected </\(open.name.value)> but saw </\(name)>\")",
                                    at: open.range, related: [RelatedLocation(nameRange, "</\(name)> closes it here")])
                    }
                    let frame = stack.removeLast()
                    append(Directive(name: frame.name, arguments: frame.arguments, block: children(from: frame.childStart), range: frame.range))
                    continue
                }

                if rawName.count > 1 {
                    var name = String(rawName.dropFirst())
                    var arguments = WordList()
                    if name.hasSuffix(">") {
                        name.removeLast()
                    } else {
                        guard let close = line.bytes.lastIndex(of: UInt8(ascii: ">")), close >= nameEnd else {
                            return fail("<\(name)> directive missing closing '>'", at: lineRange)
                        }
                        ApacheLexer.words(line, from: nameEnd, to: close, file: file, into: &words)
                        arguments = argumentLists.list(words)
                    }
                    if stack.count >= maximumDepth {
                        return fail("sections nested deeper than \(maximumDepth) levels; siolint stops reading here", at: lineRange)
                    }
                    let word = Word(name, range: file.range(line.offset(lineStart) + 1, line.offset(nameEnd - 1) + 1))
                    stack.append(Frame(name: word, arguments: arguments, range: lineRange, childStart: pending.count))
                    continue
                }
            }

            ApacheLexer.words(line, from: lineStart, to: line.bytes.endIndex, file: file, into: &words)
            guard let first = words.first else { continue }
            append(Directive(name: first, arguments: argumentLists.list(words.dropFirst()), range: lineRange))
        }
        if let open = stack.last {
            let end = file.bytes.count
            return fail("<\(open.name.value)> was not closed: the file ends before </\(open.name.value)>", at: open.range,
                        related: [RelatedLocation(file.range(end, end), "the file ends here")])
        }
        return Result(directives: root, comments: comments, problem: nil)
    }
}
