/// The children of every block still open while a file is parsed, innermost block last, in one
/// shared array. A block's children are taken out when it closes, into an array of exactly their
/// count: growing each block's own array left up to half of it unused, and the parse tree is most
/// of siolint's memory.
struct OpenBlockChildren {
    private var pending: [Directive] = []

    /// Where the children of a block opened now will start.
    var count: Int { pending.count }

    mutating func append(_ directive: consuming Directive) {
        pending.append(directive)
    }

    /// The children from `start` on (a block's `count` when it opened), removed from the stack.
    mutating func take(from start: Int) -> [Directive] {
        let count = pending.count - start
        let list = pending.withUnsafeBufferPointer { all in
            [Directive](unsafeUninitializedCapacity: count) { buffer, initialized in
                _ = buffer.initialize(from: all[start...])
                initialized = count
            }
        }
        pending.removeSubrange(start...)
        return list
    }
}
