/// A small fixed set of directive names. Looks a name up by its byte count first, then compares
/// only the names of that length: much cheaper than hashing when, as in a whole-file pass, most
/// names looked up are not in the set.
struct NameSet: Sendable, ExpressibleByArrayLiteral {
    private let byLength: [[String]]

    init(_ names: [String]) {
        var table = [[String]](repeating: [], count: (names.map(\.utf8.count).max() ?? 0) + 1)
        for name in names { table[name.utf8.count].append(name) }
        byLength = table
    }

    init(arrayLiteral names: String...) {
        self.init(names)
    }

    func contains(_ name: String) -> Bool {
        let count = name.utf8.count
        guard count < byLength.count else { return false }
        for candidate in byLength[count] where candidate == name { return true }
        return false
    }
}
