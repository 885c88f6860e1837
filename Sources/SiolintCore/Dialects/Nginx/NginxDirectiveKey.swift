/// A directive name that settings are looked up by (`proxy_read_timeout`), with the code nginx's
/// directive table gives it (`Directive.nameCode`), so that a level compares codes instead of
/// strings. Made once per name (static lets), not per lookup.
struct NginxDirectiveKey: Sendable {
    let name: String
    /// The table's code, 0 for a name the table does not know.
    let code: UInt16

    init(_ name: String) {
        self.name = name
        self.code = NginxDirectiveLookup.shared.code(of: name) ?? 0
    }

    /// Whether a directive whose `nameCode` is `code` is named like this key. Codes stand for names
    /// one to one; a directive without a code (a quoted name, one the table does not know, a
    /// directive siolint made) is compared by its name.
    @inline(__always) func matches(code directiveCode: UInt16, _ directive: @autoclosure () -> Directive) -> Bool {
        if directiveCode != 0 { return directiveCode == code }
        return directive().name.is(name)
    }

    static let include = NginxDirectiveKey("include")
}
