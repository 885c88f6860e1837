extension Directive {
    /// Whether the directive's name is `key` (lower case) ignoring case: `self.key == key` without
    /// building the lower-cased name. httpd names are case-insensitive and often written in mixed
    /// case, so `key` builds a new string on every call, which made it a tenth of the time on
    /// large files; most names asked about here differ in length and are rejected at once.
    func isNamed(_ key: String) -> Bool {
        let name = self.name.value.utf8
        let wanted = key.utf8
        guard name.count == wanted.count else {
            // Lower-casing keeps the length of an ASCII name; only another one can still match.
            return name.contains { $0 >= 0x80 } && self.key == key
        }
        var index = wanted.startIndex
        for byte in name {
            // Bytes before the first non-ASCII one lower-case one by one.
            if byte >= 0x80 { return self.key == key }
            let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            if lower != wanted[index] { return false }
            index = wanted.index(after: index)
        }
        return true
    }
}
