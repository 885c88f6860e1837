/// The flags of a `RewriteRule` or `RewriteCond` line (`[P,L]`, `[NC,OR]`, `[S=2]`) that siolint
/// reads: which of them are written, and the value of `S=`. A dictionary of every flag by its
/// upper-cased name was built for each line and hashed for each of the dozen questions the model
/// builder asks of every rule.
struct ApacheRewriteFlags {
    /// The flags siolint reads, by their short names.
    enum Flag: UInt16, CaseIterable {
        case proxy, last, end, passThrough, noCase, forbidden, gone, redirect, chain, next, skip, orNext
    }

    private var written: UInt16 = 0
    /// The value of the last `S=` (`skip=`) flag, `nil` when none is written.
    private(set) var skipValue: String?

    init() {}

    func contains(_ flag: Flag) -> Bool { written & (1 << flag.rawValue) != 0 }

    /// Records a flag by its name (ASCII letters compared without case; other text is passed
    /// upper-cased, as mod_rewrite compares it); names siolint does not read are ignored.
    mutating func insert(_ name: Slice<UnsafeBufferPointer<UInt8>>, value: @autoclosure () -> String) {
        guard let flag = ApacheRewriteFlags.flag(name) else { return }
        written |= 1 << flag.rawValue
        if flag == .skip { skipValue = value() }
    }

    /// The names (long and short) of the flags read.
    private static let names: [(String, Flag)] = [
        ("P", .proxy), ("PROXY", .proxy), ("L", .last), ("LAST", .last), ("END", .end), ("PT", .passThrough),
        ("PASSTHROUGH", .passThrough), ("NC", .noCase), ("NOCASE", .noCase), ("F", .forbidden), ("FORBIDDEN", .forbidden),
        ("G", .gone), ("GONE", .gone), ("R", .redirect), ("REDIRECT", .redirect), ("C", .chain), ("CHAIN", .chain),
        ("N", .next), ("NEXT", .next), ("S", .skip), ("SKIP", .skip), ("OR", .orNext), ("ORNEXT", .orNext),
    ]
    private static let table = ByteNameTable(names.map(\.0), ignoringASCIICase: true)

    private static func flag(_ name: Slice<UnsafeBufferPointer<UInt8>>) -> Flag? {
        table.index(of: UnsafeBufferPointer(rebasing: name)).map { names[$0].1 }
    }
}
