/// What the model needs from every directive of a configuration, wherever it stands: the time
/// literals (`SuspiciousTimeUnitRule` reads them) and the directives the target nginx version would
/// refuse to start with (`UnsupportedDirectiveRule`). Collected during `NginxTreeWalk`, the one
/// walk over the whole tree, and handed to `NginxModelBuilder`.
struct NginxWholeFileFacts {
    let version: SoftwareVersion?
    private(set) var timeLiterals: [TimeLiteral] = []
    private(set) var rejectedDirectives: [RejectedDirective] = []
    /// Per `Directive.nameCode`, what is looked for in a directive of that name, found the first
    /// time the name is met: most names are neither, and two name searches per directive cost 15 M
    /// instructions on a 125,000-line file.
    private var nameFacts = [NameFacts?](repeating: nil, count: NginxDirectiveLookup.shared.count + 1)

    private struct NameFacts {
        var isTime: Bool
        var check: NginxDirectiveAvailability.Check?

        init(_ name: String) {
            isTime = NginxWholeFileFacts.timeDirectives.contains(name)
            check = NginxDirectiveAvailability.check(named: name)
        }
    }

    static let timeDirectives: NameSet = ["proxy_read_timeout", "proxy_send_timeout", "proxy_connect_timeout",
                                          "send_timeout", "keepalive_timeout", "client_body_timeout", "client_header_timeout",
                                          "proxy_next_upstream_timeout", "resolver_timeout"]

    init(version: SoftwareVersion?) {
        self.version = version
    }

    /// Whether `proxy_pass` may not carry a URI inside the block `list[index]`, given whether it may
    /// not in the list's own block: nginx refuses one inside regex or named locations, `if` and `limit_except`.
    static func forbidsURI(inside list: UnsafeBufferPointer<Directive>, _ index: Int, outerForbids: Bool) -> Bool {
        let name = list[index].name.value
        if name == "location" {
            let first = list[index].arguments.first?.value ?? ""
            return first.hasBytePrefix("~") || first.hasBytePrefix("@")
        }
        return name == "if" || name == "limit_except" || outerForbids
    }

    /// Records what the simple directive `list[index]` contributes.
    mutating func visit(_ list: UnsafeBufferPointer<Directive>, _ index: Int, insideRegexLocation: Bool) {
        // Names first: handing `list[index]` on copies the directive, and most need neither check.
        let facts: NameFacts
        let code = Int(list[index].nameCode)
        if code == 0 {
            facts = NameFacts(list[index].name.value)
        } else if let known = nameFacts[code] {
            facts = known
        } else {
            facts = NameFacts(list[index].name.value)
            nameFacts[code] = facts
        }
        if facts.isTime, let argument = list[index].arguments.first {
            recordTime(list[index], argument)
        }
        if let check = facts.check,
           let rejection = NginxDirectiveAvailability.rejection(of: { list[index] }, name: list[index].name.value,
                                                                 firstValue: list[index].firstValue, check: check, version: version,
                                                                 insideRegexLocation: insideRegexLocation) {
            rejectedDirectives.append(rejection)
        }
    }

    private mutating func recordTime(_ directive: Directive, _ argument: Word) {
        let milliseconds = directive.name.value.hasBytePrefix("proxy_")
        guard !NginxValues.hasVariables(argument.value) else { return }
        if let (duration, unitless) = NginxValues.parseTime(argument.value, millisecondDirective: milliseconds) {
            timeLiterals.append(TimeLiteral(directive: DirectiveReference(directive), written: argument.value,
                                            range: argument.range, value: duration, unitless: unitless,
                                            defaultUnit: "seconds"))
        }
    }
}
