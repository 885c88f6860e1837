/// HAProxy's value syntax: times (HAPDOC §2.5) and sizes.
enum HAProxyValues {
    /// A time: a number with an optional unit `us`, `ms`, `s`, `m`, `h`, `d`; a bare number is
    /// **milliseconds**. `nil` when HAProxy would refuse it.
    static func parseTime(_ text: String) -> (duration: Duration, unitless: Bool)? {
        // On the string's own bytes: an array of them and a string of the unit were made for
        // every timeout line and every timeout a route read.
        text.utf8.withContiguousStorageIfAvailable(parseTime) ?? Array(text.utf8).withUnsafeBufferPointer(parseTime)
    }

    private static func parseTime(_ bytes: UnsafeBufferPointer<UInt8>) -> (duration: Duration, unitless: Bool)? {
        var i = 0
        var number: Int64 = 0
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
            let (m, o1) = number.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(bytes[i] - 0x30))
            if o1 || o2 { return nil }
            number = a
            i += 1
        }
        guard i > 0 else { return nil }
        // The unit's bytes: none, one or two ASCII letters.
        let unitLength = bytes.count - i
        let first = unitLength > 0 ? bytes[i] : 0, second = unitLength > 1 ? bytes[i + 1] : 0
        let milliseconds: Int64
        switch (unitLength, first, second) {
        case (0, _, _): milliseconds = number
        // Microseconds are rounded up to whole milliseconds.
        case (2, UInt8(ascii: "u"), UInt8(ascii: "s")): milliseconds = (number + 999) / 1000
        case (2, UInt8(ascii: "m"), UInt8(ascii: "s")): milliseconds = number
        case (1, UInt8(ascii: "s"), _): milliseconds = number &* 1000
        case (1, UInt8(ascii: "m"), _): milliseconds = number &* 60_000
        case (1, UInt8(ascii: "h"), _): milliseconds = number &* 3_600_000
        case (1, UInt8(ascii: "d"), _): milliseconds = number &* 86_400_000
        default: return nil
        }
        // HAProxy keeps timers in a signed 32-bit number of milliseconds.
        guard milliseconds >= 0, milliseconds <= Int64(Int32.max), number <= Int64(Int32.max) else { return nil }
        return (Duration(milliseconds: milliseconds), unitLength == 0)
    }

    /// A size with an optional `k`, `m`, `g` suffix (binary multiples).
    static func parseSize(_ text: String) -> Int64? {
        var digits = Substring(text)
        var multiplier: Int64 = 1
        switch digits.last {
        case "k", "K": multiplier = 1 << 10
        case "m", "M": multiplier = 1 << 20
        case "g", "G": multiplier = 1 << 30
        default: break
        }
        if multiplier != 1 { digits = digits.dropLast() }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let n = Int64(digits) else { return nil }
        let (v, overflow) = n.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : v
    }
}
