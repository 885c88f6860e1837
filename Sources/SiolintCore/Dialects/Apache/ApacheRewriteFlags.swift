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

    /// The names (long and short) of the flags read, as up to sixteen bytes in two words.
    private static let names: [(UInt64, UInt64, Flag)] = [
        ("P", Flag.proxy), ("PROXY", .proxy), ("L", .last), ("LAST", .last), ("END", .end), ("PT", .passThrough),
        ("PASSTHROUGH", .passThrough), ("NC", .noCase), ("NOCASE", .noCase), ("F", .forbidden), ("FORBIDDEN", .forbidden),
        ("G", .gone), ("GONE", .gone), ("R", .redirect), ("REDIRECT", .redirect), ("C", .chain), ("CHAIN", .chain),
        ("N", .next), ("NEXT", .next), ("S", .skip), ("SKIP", .skip), ("OR", .orNext), ("ORNEXT", .orNext),
    ].map { name, flag in
        var text = name
        let (low, high) = text.withUTF8 { packed($0[...])! }
        return (low, high, flag)
    }

    private static func flag(_ name: Slice<UnsafeBufferPointer<UInt8>>) -> Flag? {
        guard let (low, high) = packed(name) else { return nil }
        for entry in names where entry.0 == low && entry.1 == high { return entry.2 }
        return nil
    }

    /// The bytes (at most sixteen, none zero) upper-cased and packed into two words; `nil` for
    /// other names.
    private static func packed(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> (UInt64, UInt64)? {
        guard !bytes.isEmpty, bytes.count <= 16 else { return nil }
        var low: UInt64 = 0, high: UInt64 = 0
        for (index, raw) in bytes.enumerated() {
            let byte = ASCIICase.uppered(raw)
            guard byte != 0 else { return nil }
            if index < 8 { low |= UInt64(byte) << (8 * UInt64(index)) } else { high |= UInt64(byte) << (8 * UInt64(index - 8)) }
        }
        return (low, high)
    }
}
