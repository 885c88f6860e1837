/// Which spans of text a suppression comment covers, found from the directives' ranges alone, so
/// it works the same in every dialect.
///
/// The directive tree (after include expansion) is flattened in pre-order once; a directive's
/// subtree is then a contiguous slice, so covering a block is a loop, not a recursion.
struct SuppressionTargets {
    /// A span of one file, by byte offsets; `end` is exclusive.
    struct Span: Hashable {
        var file: String
        var start: Int
        var end: Int

        func covers(_ location: SourceLocation) -> Bool {
            location.file == file && (location.offset == start || (location.offset >= start && location.offset < end))
        }
    }

    /// What a directive contributes: its spans and the includes it came through. Not the
    /// directive itself, which would keep the whole syntax tree alive.
    private struct Node {
        var range: SourceRange
        var blockEnd: SourceLocation?
        var includedFrom: [SourceRange]
        /// One past the last node of this directive's subtree.
        var subtreeEnd: Int
    }

    /// Something a comment can stand before: a directive (by node index) or an include directive
    /// that was replaced by the directives it included.
    private enum Anchor {
        case node(Int)
        case include(SourceRange)
    }

    private var nodes: [Node] = []
    /// Per file: anchors with their header range, sorted by start offset.
    private var anchors: [String: [(range: SourceRange, anchor: Anchor)]] = [:]

    init(_ directives: [Directive]) {
        // Iterative pre-order flattening: (directive, parent node index).
        var stack: [(Directive, Int?)] = directives.reversed().map { ($0, nil) }
        var open: [Int] = []
        var includes = Set<SourceRange>()
        while let (directive, parent) = stack.popLast() {
            // Close the subtrees that ended before this node.
            while let last = open.last, last != parent {
                nodes[last].subtreeEnd = nodes.count
                open.removeLast()
            }
            let index = nodes.count
            nodes.append(Node(range: directive.range, blockEnd: directive.blockEnd, includedFrom: directive.includedFrom, subtreeEnd: index + 1))
            anchors[directive.range.file, default: []].append((directive.range, .node(index)))
            for include in directive.includedFrom where includes.insert(include).inserted {
                anchors[include.file, default: []].append((include, .include(include)))
            }
            if let block = directive.block {
                open.append(index)
                for child in block.reversed() { stack.append((child, index)) }
            }
        }
        for index in open { nodes[index].subtreeEnd = nodes.count }
        for key in anchors.keys {
            anchors[key]!.sort { ($0.range.start.offset, $0.range.end.offset) < ($1.range.start.offset, $1.range.end.offset) }
        }
    }

    /// The spans a suppression covers; empty when it stands before nothing.
    func spans(for suppression: SuppressionComment) -> [Span] {
        let comment = suppression.range
        switch suppression.scope {
        case .file:
            return [Span(file: comment.file, start: 0, end: Int.max)]
        case .nextDirective:
            guard let list = anchors[comment.file] else { return [] }
            // The first directive that starts after the comment (synthetic wrappers of fragments have empty ranges).
            var lo = 0, hi = list.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if list[mid].range.start.offset < comment.end.offset { lo = mid + 1 } else { hi = mid }
            }
            guard let next = list[lo...].first(where: { $0.range.end.offset > $0.range.start.offset }) else { return [] }
            return spans(of: next.anchor)
        case .sameLine:
            guard let list = anchors[comment.file] else { return [] }
            // The comment's line as offsets, found once: a line number is a search of the line table,
            // and a large file has an anchor per directive.
            let line = SourceTable.shared.lineBounds(of: comment.start)
            func onCommentLine(_ location: SourceLocation) -> Bool {
                if let line, location.fileID == comment.start.fileID { return line.contains(location.offset) }
                return location.line == comment.start.line
            }
            return list.filter {
                $0.range.start.offset < comment.start.offset && $0.range.end.offset > $0.range.start.offset
                    && (onCommentLine($0.range.start) || onCommentLine($0.range.end))
            }.flatMap { spans(of: $0.anchor) }
        }
    }

    private func spans(of anchor: Anchor) -> [Span] {
        switch anchor {
        case .node(let index):
            return (index..<nodes[index].subtreeEnd).flatMap { spans(ofNode: nodes[$0]) }
        case .include(let include):
            return [span(include)] + nodes.filter { $0.includedFrom.contains(include) }.flatMap(spans(ofNode:))
        }
    }

    private func spans(ofNode node: Node) -> [Span] {
        var result = [span(node.range)]
        if let end = node.blockEnd, end.file == node.range.file {
            result.append(Span(file: end.file, start: node.range.start.offset, end: end.offset))
        }
        return result
    }

    private func span(_ range: SourceRange) -> Span {
        Span(file: range.file, start: range.start.offset, end: range.end.offset)
    }
}
