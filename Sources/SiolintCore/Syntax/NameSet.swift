/// A small fixed set of directive names. Looks a name up by its byte count first, then compares
/// only the names of that length: much cheaper than hashing when, as in a whole-file pass, most
/// names looked up are not in the set.
struct NameSet: Sendable, ExpressibleByArrayLiteral {
    /// Per byte count, the names of that length with their place in the list the set was made from.
    private let byLength: [[(name: String, index: Int)]]

    init(_ names: [String]) {
        var table = [[(name: String, index: Int)]](repeating: [], count: (names.map(\.utf8.count).max() ?? 0) + 1)
        for (index, name) in names.enumerated() { table[name.utf8.count].append((name, index)) }
        byLength = table
    }

    init(arrayLiteral names: String...) {
        self.init(names)
    }

    func contains(_ name: String) -> Bool {
        index(of: name) != nil
    }

    /// Where `name` stood in the list the set was made from; `nil` when it is not in the set.
    func index(of name: String) -> Int? {
        let count = name.utf8.count
        guard count < byLength.count else { return nil }
        for candidate in byLength[count] where candidate.name == name { return candidate.index }
        return nil
    }
}
