/// Where a large nginx file can be cut in two for parsing both halves at once: right after a
/// directive (its `;` or `}`) that stands directly inside a top-level block such as `http`, at
/// or after the middle of the file.
struct NginxParseSplit: Sendable {
    /// The byte offset just after the directive.
    var offset: Int
    /// The top-level block the cut falls in, and where its name starts.
    var blockName: String
    var blockStart: Int

    /// Lexes the file up to the cut. `nil` when there is none, or when the file holds something
    /// the cut would have to reason about (a lexing error, a Lua block, a `map`-like block):
    /// the file is then parsed in one piece, which reports any error exactly.
    static func find(in file: SourceFile, atOrAfter middle: Int? = nil) -> NginxParseSplit? {
        var lexer = NginxLexer(file: file)
        let middle = middle ?? file.bytes.count / 2
        var depth = 0
        var first: NginxToken?
        var top: (name: String, start: Int)?
        while let token = try? lexer.next() {
            switch token.kind {
            case .word, .rawBlock:
                if first == nil { first = token }
                continue
            case .semicolon:
                guard first != nil else { return nil }
                first = nil
            case .openBrace:
                guard let head = first else { return nil }
                first = nil
                let name = lexer.value(of: head)
                // The parser reads a Lua block's body raw; the lexer alone would not.
                if name.hasSuffix("_by_lua_block") || name == "lua_block" { return nil }
                if depth == 0 { top = (name, head.start) }
                depth += 1
                continue
            case .closeBrace:
                guard first == nil, depth > 0 else { return nil }
                depth -= 1
            }
            if depth == 1, lexer.position >= middle, let top {
                guard !NginxParser.lineHandlerBlocks.contains(top.name) else { return nil }
                return NginxParseSplit(offset: lexer.position, blockName: top.name, blockStart: top.start)
            }
        }
        return nil
    }
}
