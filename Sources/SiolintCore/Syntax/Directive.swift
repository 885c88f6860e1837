/// One directive of a configuration, in any dialect: a name, its arguments and, for block
/// directives (nginx `server {…}`, Apache `<VirtualHost>`, HAProxy `backend x`), its children.
///
/// After include expansion the children of one block can come from several files; each
/// directive keeps its own file, line and column.
public struct Directive: Sendable {
    // Stored in this order so that the 4-byte-aligned fields fill the end of the name's Word and
    // the 8-byte ones follow without padding: 80 bytes, and the block arrays are a quarter of the peak memory.

    /// The name as written (dialects that ignore case compare with `key`).
    public var name: Word
    /// Whether this is a block directive (`block != nil`), without touching the children. In the
    /// byte after the name's quote style, so it costs no size.
    public private(set) var hasBlock: Bool
    /// The dialect's own number for the name (its directive table's entry + 1), or 0 when the dialect
    /// gave none: later passes read the name's table entry from here instead of looking it up again.
    /// In the name's tail padding, so it costs no size.
    public var nameCode: UInt16
    // `blockEnd`'s offset in the block's own file, `UInt32.max` for none: a directive is copied
    // into every list that holds it.
    private var blockEndOffset: UInt32 = .max
    /// From the start of the name to the terminating `;`, `{` or end of line.
    public var range: SourceRange
    public var arguments: WordList
    // A block's children; empty for a simple directive. Stored as a plain array beside `hasBlock`,
    // not as `[Directive]?`: with an optional array of its own type, Swift built every new
    // directive in a temporary, copied it into its list and destroyed the temporary (a retain and
    // a release of each reference it holds, on every directive a parser makes).
    private var children: [Directive]
    /// The include directive this one was spliced in by, outermost last (empty when written in the main file).
    public var includedFrom: [SourceRange]
    /// The children of a block directive; `nil` for a simple directive.
    public var block: [Directive]? {
        get { hasBlock ? children : nil }
        set {
            children = newValue ?? []
            hasBlock = newValue != nil
        }
        // Changed in place without a second reference to the children, so they stay unique.
        _modify {
            var value: [Directive]? = hasBlock ? children : nil
            children = []
            defer {
                children = value ?? []
                hasBlock = value != nil
            }
            yield &value
        }
    }
    /// Where a block ends in its own file (after nginx's `}`, Apache's `</Tag>`), when the dialect
    /// knows it; suppressions use it to cover the whole block.
    public var blockEnd: SourceLocation? {
        get { blockEndOffset == .max ? nil : SourceLocation(fileID: range.start.fileID, offset: Int(blockEndOffset)) }
        set { blockEndOffset = newValue.map { UInt32(clamping: $0.offset) } ?? .max }
    }

    public init(name: Word, nameCode: UInt16 = 0, arguments: WordList, block: [Directive]? = nil, range: SourceRange,
                includedFrom: [SourceRange] = [], blockEnd: SourceLocation? = nil) {
        self.name = name
        self.hasBlock = block != nil
        self.nameCode = nameCode
        self.arguments = arguments
        self.children = block ?? []
        self.range = range
        self.includedFrom = includedFrom
        // The stored fields, not the `blockEnd` setter: a setter call on a fresh `self` copied
        // the whole directive once per parsed directive.
        if let blockEnd { blockEndOffset = UInt32(clamping: blockEnd.offset) }
    }

    /// The lower-cased name, for dialects whose names are case-insensitive.
    public var key: String {
        // Most names are already lower-case ASCII (nginx, HAProxy; Apache's are often mixed):
        // returned as they are instead of building a new string on every comparison.
        ASCIICase.lowercased(name.value)
    }

    /// The argument values.
    public var values: [String] { arguments.map(\.value) }

    /// The first argument's value, without building `values`.
    public var firstValue: String? { arguments.first?.value }

    /// The directive as one line, for messages: `proxy_read_timeout 20s`.
    public var sourceText: String { Directive.text(name.value, arguments, quoting: true) }

    /// `head` and the arguments' values, separated by spaces: `location = /socket.io/`. With
    /// `quoting`, the arguments written quoted keep double quotes, as `sourceText` shows them.
    static func text(_ head: String, _ arguments: WordList, quoting: Bool) -> String {
        // The bytes written once into a string of the final size: an array of the words joined
        // afterwards built every quoted word twice and the text once more, and appending to a
        // reserved string checked its storage on every append.
        var length = head.utf8.count
        for argument in arguments { length += 1 + argument.value.utf8.count + (quoting && argument.quote != .none ? 2 : 0) }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var offset = buffer.initialize(from: head.utf8).1
            for argument in arguments {
                buffer[offset] = UInt8(ascii: " ")
                offset += 1
                if !quoting || argument.quote == .none {
                    offset = buffer[offset...].initialize(from: argument.value.utf8).1
                } else {
                    buffer[offset] = UInt8(ascii: "\"")
                    offset = buffer[(offset + 1)...].initialize(from: argument.value.utf8).1
                    buffer[offset] = UInt8(ascii: "\"")
                    offset += 1
                }
            }
            return offset
        }
    }
}

/// A comment, kept for suppressions and context hints.
public struct Comment: Sendable, Hashable {
    /// The text after `#`, untrimmed.
    public var text: String
    public var range: SourceRange
    /// True when nothing but white space precedes it on its line.
    public var ownLine: Bool

    public init(text: String, range: SourceRange, ownLine: Bool) {
        self.text = text
        self.range = range
        self.ownLine = ownLine
    }
}

extension Directive {
    /// Visits `directives` depth-first in file order, without recursion (nesting can be deep).
    /// `visit` returns whether to walk into the children of the block directive it was given.
    static func walk(_ directives: [Directive], _ visit: (Directive) -> Bool) {
        var queue: [(list: [Directive], index: Int)] = [(directives, 0)]
        while var top = queue.popLast() {
            guard top.index < top.list.count else { continue }
            let directive = top.list[top.index]
            top.index += 1
            queue.append(top)
            if visit(directive), let block = directive.block { queue.append((block, 0)) }
        }
    }
}
