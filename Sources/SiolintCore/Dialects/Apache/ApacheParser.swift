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
        var nameCode: UInt16
        var arguments: WordList
        var range: SourceRange
        /// Where this section's children start in `pending`.
        var childStart: Int
    }

    static func parse(_ file: SourceFile) -> Result {
        file.bytes.withUnsafeBufferPointer { parse(file, $0) }
    }

    private static func parse(_ file: SourceFile, _ fileBytes: UnsafeBufferPointer<UInt8>) -> Result {
        var lexer = ApacheLexer(file, bytes: fileBytes)
        var root: [Directive] = []
        var stack: [Frame] = []
        let pending = OpenBlockChildren()
        var argumentLists = WordList.Builder()

        func append(_ d: consuming Directive) {
            if stack.isEmpty { root.append(d) } else { pending.append(d) }
        }
        func children(from start: Int) -> [Directive] { pending.take(from: start) }
        func fail(_ message: String, at range: SourceRange, related: [RelatedLocation] = []) -> Result {
            // Close what is open so the partial tree stays usable for tracing.
            while let frame = stack.popLast() {
                append(Directive(name: frame.name, nameCode: frame.nameCode, arguments: frame.arguments, block: children(from: frame.childStart),
                                 range: frame.range))
            }
            return Result(directives: root, comments: lexer.comments, problem: SyntaxProblem(.syntax, message, at: range, related: related))
        }

        // One array for the words of every line (see `ApacheLexer.words`).
        var words: [Word] = []

        /// Reads one line into the tree; the result when the parse stops at it.
        func read(_ line: ApacheLineText) -> Result? {
            let lineStart = line.start
            let lineRange = file.range(line.offset(lineStart), line.endOffset)
            // Section tags start with `<`; the name of any other line is its first word (it never
            // starts with a quote in practice, but httpd reads it with the same word rules).
            if line[lineStart] == UInt8(ascii: "<") {
                var nameEnd = lineStart
                while nameEnd < line.end, !ApacheLexer.isBlank(line[nameEnd]) { nameEnd += 1 }
                // Built when a message needs it: most lines are not section tags.
                var nameRange: SourceRange { file.range(line.offset(lineStart), line.offset(nameEnd - 1) + 1) }

                switch ApacheSectionTag(UnsafeBufferPointer(rebasing: line.bytes[lineStart..<nameEnd])) {
                case .malformedClose(let rawName):
                    return fail("\(rawName.hasSuffix(">") ? rawName : rawName + ">") directive missing closing '>'", at: lineRange)
                case .close(let name):
                    guard let open = stack.last else {
                        return fail("</\(name)> without matching <\(name)> section", at: nameRange)
                    }
                    guard ApacheSectionTag.sameName(open.name.value, name) else {
                        return fail("<\(open.name.value)> is closed by </\(name)>: expected </\(open.name.value)> (httpd: \"Expected </\(open.name.value)> but saw </\(name)>\")",
                                    at: open.range, related: [RelatedLocation(nameRange, "</\(name)> closes it here")])
                    }
                    let frame = stack.removeLast()
                    append(Directive(name: frame.name, nameCode: frame.nameCode, arguments: frame.arguments, block: children(from: frame.childStart),
                                 range: frame.range))
                    return nil
                case .open(let name, let closed):
                    var arguments = WordList()
                    if !closed {
                        var close = line.end - 1
                        while close >= lineStart, line[close] != UInt8(ascii: ">") { close -= 1 }
                        guard close >= nameEnd else {
                            return fail("<\(name)> directive missing closing '>'", at: lineRange)
                        }
                        ApacheLexer.words(line, from: nameEnd, to: close, file: file, into: &words)
                        arguments = argumentLists.list(words)
                    }
                    if stack.count >= maximumDepth {
                        return fail("sections nested deeper than \(maximumDepth) levels; siolint stops reading here", at: lineRange)
                    }
                    let word = Word(name, range: file.range(line.offset(lineStart) + 1, line.offset(nameEnd - 1) + 1))
                    stack.append(Frame(name: word, nameCode: ApacheDirectiveName.code(name), arguments: arguments, range: lineRange,
                                       childStart: pending.count))
                    return nil
                case .notATag:
                    break
                }
            }

            ApacheLexer.words(line, from: lineStart, to: line.end, file: file, into: &words)
            guard let first = words.first else { return nil }
            // The name recognised once here: every later pass dispatches on it (`ApacheDirectiveName(_:)`).
            append(Directive(name: first, nameCode: ApacheDirectiveName.code(first.value), arguments: argumentLists.list(words.dropFirst()),
                             range: lineRange))
            return nil
        }

        while let line = lexer.next() {
            if let stopped = line.withText(fileBytes, read) { return stopped }
        }
        if let open = stack.last {
            let end = file.bytes.count
            return fail("<\(open.name.value)> was not closed: the file ends before </\(open.name.value)>", at: open.range,
                        related: [RelatedLocation(file.range(end, end), "the file ends here")])
        }
        return Result(directives: root, comments: lexer.comments, problem: nil)
    }
}
