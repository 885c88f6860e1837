/// One way nginx accepts a directive: the bits of an `ngx_command_t` type, with nginx's own values
/// (`NGX_HTTP_LOC_CONF`, `NGX_CONF_TAKE2`, …). The contexts say where the directive may stand, the
/// rest how many arguments it takes and whether it opens a block. A set of context bits alone also
/// describes where a directive stands, when the reader cannot be sure (a fragment).
struct NginxDirectiveMask: OptionSet, Hashable, Sendable {
    let rawValue: UInt32

    // Arguments (src/core/ngx_conf_file.h).
    static let noArguments = NginxDirectiveMask(rawValue: 0x0000_0001)
    static let block = NginxDirectiveMask(rawValue: 0x0000_0100)
    static let flag = NginxDirectiveMask(rawValue: 0x0000_0200)
    static let any = NginxDirectiveMask(rawValue: 0x0000_0400)
    static let oneOrMore = NginxDirectiveMask(rawValue: 0x0000_0800)
    static let twoOrMore = NginxDirectiveMask(rawValue: 0x0000_1000)

    // Contexts.
    static let main = NginxDirectiveMask(rawValue: 0x0004_0000)
    static let events = NginxDirectiveMask(rawValue: 0x0008_0000)
    static let mailMain = NginxDirectiveMask(rawValue: 0x0010_0000)
    static let mailServer = NginxDirectiveMask(rawValue: 0x0020_0000)
    static let streamMain = NginxDirectiveMask(rawValue: 0x0040_0000)
    static let streamServer = NginxDirectiveMask(rawValue: 0x0080_0000)
    static let streamUpstream = NginxDirectiveMask(rawValue: 0x0100_0000)
    static let httpMain = NginxDirectiveMask(rawValue: 0x0200_0000)
    static let httpServer = NginxDirectiveMask(rawValue: 0x0400_0000)
    static let httpLocation = NginxDirectiveMask(rawValue: 0x0800_0000)
    static let httpUpstream = NginxDirectiveMask(rawValue: 0x1000_0000)
    /// `if` in a server.
    static let httpServerIf = NginxDirectiveMask(rawValue: 0x2000_0000)
    /// `if` in a location.
    static let httpLocationIf = NginxDirectiveMask(rawValue: 0x4000_0000)
    /// `limit_except` in a location.
    static let httpLimitExcept = NginxDirectiveMask(rawValue: 0x8000_0000)

    static let allContexts: NginxDirectiveMask = [.main, .events, .mailMain, .mailServer, .streamMain, .streamServer,
                                                  .streamUpstream, .httpMain, .httpServer, .httpLocation, .httpUpstream,
                                                  .httpServerIf, .httpLocationIf, .httpLimitExcept]

    /// Why nginx refuses a directive written with this mask's shape.
    enum Refusal: Equatable {
        /// A block where nginx wants `;`.
        case notTerminated
        /// `;` where nginx wants a block.
        case noOpeningBrace
        case argumentCount
        /// A flag whose value is not `on` or `off`.
        case flagValue(String)
    }

    /// Whether nginx's table accepts the directive written with `arguments` and with or without a block
    /// (`nil`), or why not. The test of crossplane's analyzer: any argument style the mask allows is enough.
    /// `firstValue` is read only for a flag, whose one argument must be `on` or `off`.
    func refusal(count: Int, isBlock: Bool, firstValue: () -> String) -> Refusal? {
        if contains(.block) != isBlock { return isBlock ? .notTerminated : .noOpeningBrace }
        if contains(.any) || (contains(.oneOrMore) && count >= 1) || (contains(.twoOrMore) && count >= 2) { return nil }
        // NGX_CONF_NOARGS … NGX_CONF_TAKE7 are bits 0…7: bit n allows n arguments.
        if count <= 7, rawValue & (1 << UInt32(count)) != 0 { return nil }
        if contains(.flag), count == 1 {
            let value = firstValue()
            return NginxDirectiveMask.isOnOrOff(value) ? nil : .flagValue(value)
        }
        return .argumentCount
    }

    /// `on` or `off` in any case, as ngx_conf_set_flag_slot compares (without building a lowercased copy).
    private static func isOnOrOff(_ value: String) -> Bool {
        let bytes = value.utf8
        func matches(_ word: StaticString) -> Bool {
            guard bytes.count == word.utf8CodeUnitCount else { return false }
            return zip(bytes, UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)).allSatisfy { $0 | 0x20 == $1 }
        }
        return matches("on") || matches("off")
    }

    /// The contexts the children of a block stand in, when the block stands in one of `self`'s
    /// contexts; empty when its children are not directives nginx checks through this table (`map`,
    /// `types`, a third-party block) or when nginx refuses the block there.
    func childContexts(of block: NginxDirectiveLookup.Block) -> NginxDirectiveMask {
        var out: NginxDirectiveMask = []
        switch block {
        case .events: if contains(.main) { out.insert(.events) }
        case .http: if contains(.main) { out.insert(.httpMain) }
        case .stream: if contains(.main) { out.insert(.streamMain) }
        case .mail: if contains(.main) { out.insert(.mailMain) }
        case .server:
            if contains(.httpMain) { out.insert(.httpServer) }
            if contains(.streamMain) { out.insert(.streamServer) }
            if contains(.mailMain) { out.insert(.mailServer) }
        case .upstream:
            if contains(.httpMain) { out.insert(.httpUpstream) }
            if contains(.streamMain) { out.insert(.streamUpstream) }
        case .location:
            if !isDisjoint(with: [.httpServer, .httpLocation]) { out.insert(.httpLocation) }
        case .if:
            if contains(.httpServer) { out.insert(.httpServerIf) }
            if contains(.httpLocation) { out.insert(.httpLocationIf) }
        case .limitExcept:
            if contains(.httpLocation) { out.insert(.httpLimitExcept) }
        case .other:
            break
        }
        return out
    }
}
