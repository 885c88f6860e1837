import Foundation
import Testing
@testable import SiolintCore

/// Round-trip properties of the nginx lexer and parser, over the samples and the corpus.
@Suite struct NginxRoundTripTests {
    static func inputs() -> [(String, [UInt8])] {
        var out: [(String, [UInt8])] = []
        var samples = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { samples.deleteLastPathComponent() }
        let dir = samples.appendingPathComponent("Samples/nginx").path
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() {
            if let data = FileManager.default.contents(atPath: dir + "/" + name) { out.append((name, [UInt8](data))) }
        }
        for file in SharedCorpus.nginxFiles() {
            if let bytes = SharedCorpus.configurationBytes(file) { out.append((file, bytes)) }
        }
        return out
    }

    /// Printing every token's bytes back, with the gaps between tokens, gives the input; and the gaps
    /// hold only white space and comments (the lexer skipped nothing that means something).
    @Test func tokensPrintBackToTheInput() throws {
        for (name, bytes) in Self.inputs() {
            guard case .text(let file) = SourceReader.check(SourceFile(path: name, bytes: bytes)) else { continue }
            NginxLexer.withLexer(file) { lexer in
            var printed: [UInt8] = []
            var position = 0
            var gaps: [UInt8] = []
            var lastWord: String?
            var lexed = true
            while true {
                let next: NginxToken?
                do { next = try lexer.next() } catch { lexed = false; break }
                guard let token = next else { break }
                gaps += bytes[position..<token.start]
                printed += bytes[position..<token.end]
                position = token.end
                if token.kind == .openBrace, let word = lastWord, word.hasSuffix("_by_lua_block") {
                    guard (try? lexer.rawBlock(openedAt: token.start)) != nil else { lexed = false; break }
                    printed += bytes[position..<lexer.position]
                    position = lexer.position
                }
                lastWord = token.kind == .word ? lexer.value(of: token) : nil
            }
            // A file the lexer refuses (SIO000) has no token list to print back.
            guard lexed else { return }
            printed += bytes[position...]
            gaps += bytes[position...]
            #expect(printed == bytes, "\(name): printing the tokens back changed the text")
            // Outside comments, a gap is white space only.
            var inComment = false
            for b in gaps {
                if b == UInt8(ascii: "#") { inComment = true }
                if b == 0x0A || b == 0x0D { inComment = false; continue }
                if !inComment { #expect(b == 0x20 || b == 0x09, "\(name): the lexer skipped byte \(b)") ; if !(b == 0x20 || b == 0x09) { break } }
            }
            }
        }
    }

    /// Parse, print the tree in canonical form, parse again: the same tree.
    @Test func parsePrintParseGivesTheSameTree() throws {
        var checked = 0
        for (name, bytes) in Self.inputs() {
            guard case .text(let file) = SourceReader.check(SourceFile(path: name, bytes: bytes)) else { continue }
            let first = NginxParser.parse(file)
            guard first.problem == nil else { continue }
            let printed = Self.print(first.directives, file)
            let second = NginxParser.parse(SourceFile(path: name, text: printed))
            #expect(second.problem == nil, "\(name): the printed tree does not parse: \(second.problem?.message ?? "")")
            #expect(Self.shape(first.directives) == Self.shape(second.directives), "\(name): the tree changed")
            checked += 1
        }
        #expect(checked > 300)
    }

    static func raw(_ word: Word, _ file: SourceFile) -> String {
        file.text(word.range.start.offset, word.range.end.offset)
    }

    /// One directive per line, arguments as written (quotes and escapes kept), blocks indented.
    static func print(_ directives: [Directive], _ file: SourceFile) -> String {
        var out = ""
        var stack: [(list: [Directive], next: Int)] = [(directives, 0)]
        while !stack.isEmpty {
            let top = stack.count - 1
            let (list, next) = stack[top]
            if next == list.count {
                stack.removeLast()
                if !stack.isEmpty { out += String(repeating: "  ", count: stack.count - 1) + "}\n" }
                continue
            }
            stack[top].next += 1
            let d = list[next]
            let indent = String(repeating: "  ", count: stack.count - 1)
            let isLua = d.name.value.hasSuffix("_by_lua_block") || d.name.value == "lua_block"
            let args = isLua ? d.arguments.dropLast() : d.arguments[...]
            let head = ([raw(d.name, file)] + args.map { raw($0, file) }).joined(separator: " ")
            if isLua, let body = d.arguments.last {
                out += indent + head + " {" + raw(body, file) + "}\n"
            } else if let block = d.block {
                out += indent + head + " {\n"
                stack.append((block, 0))
            } else {
                out += indent + head + ";\n"
            }
        }
        return out
    }

    static func shape(_ directives: [Directive]) -> [String] {
        var out: [String] = []
        var stack: [(Directive, Int)] = directives.reversed().map { ($0, 0) }
        while let (d, depth) = stack.popLast() {
            out.append("\(depth) \(d.name.value) \(d.values) \(d.block == nil ? ";" : "{")")
            stack += (d.block ?? []).reversed().map { ($0, depth + 1) }
        }
        return out
    }
}
