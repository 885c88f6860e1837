import Foundation

/// nginx's value syntax: times, sizes, and strings with variables.
enum NginxValues {
    /// `ngx_parse_time`: units ms s m h d w M y, combinable from most to least significant
    /// (`1h30m`, `"1h 30m"`), a bare number is seconds. Millisecond-resolution directives (all
    /// `proxy_*_timeout`) reject `M` and `y`. `nil` when nginx would reject the value.
    static func parseTime(_ text: String, millisecondDirective: Bool = true) -> (duration: Duration, unitless: Bool)? {
        // The string's own bytes, not an array of them: every route reads its timeouts.
        var text = text
        return text.withUTF8 { parseTime($0, millisecondDirective: millisecondDirective) }
    }

    private static func parseTime(_ bytes: UnsafeBufferPointer<UInt8>, millisecondDirective: Bool) -> (duration: Duration, unitless: Bool)? {
        var total: Int64 = 0
        var lastRank = -1
        var sawUnit = false
        var i = 0
        guard !bytes.isEmpty else { return nil }
        while i < bytes.count {
            while i < bytes.count, bytes[i] == 0x20 { i += 1 }
            if i == bytes.count { break }
            var number: Int64 = 0
            var digits = 0
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                let (m, o1) = number.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int64(bytes[i] - 0x30))
                if o1 || o2 { return nil }
                number = a
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            let unitStart = i
            while i < bytes.count, bytes[i] != 0x20, !(bytes[i] >= 0x30 && bytes[i] <= 0x39) { i += 1 }
            let unit = bytes[unitStart..<i]
            let multiplier: Int64
            if unitStart == i {
                // A bare number is seconds, and only as the last element.
                guard bytes[i...].allSatisfy({ $0 == 0x20 }) else { return nil }
                multiplier = 1000
                let rank = 6
                if rank <= lastRank { return nil }
            } else {
                guard let index = timeUnitRank(unit) else { return nil }
                if millisecondDirective == false && index == 7 { return nil }  // "ms"
                if millisecondDirective && index <= 1 { return nil }  // "y", "M"
                if index <= lastRank { return nil }
                lastRank = index
                multiplier = timeUnitMilliseconds[index]
                sawUnit = true
            }
            let (product, overflow) = number.multipliedReportingOverflow(by: multiplier)
            if overflow { return nil }
            let (sum, overflow2) = total.addingReportingOverflow(product)
            if overflow2 { return nil }
            total = sum
            if unitStart == i { break }
        }
        // nginx keeps times in a signed int of milliseconds; larger values are invalid.
        if total > Int64(Int32.max) * 1000 { return nil }
        return (Duration(milliseconds: total), !sawUnit)
    }

    /// The length of nginx's time units in milliseconds, most significant first (the order a value
    /// must use them in): y M w d h m s ms.
    private static let timeUnitMilliseconds: [Int64] = [365 * 86_400_000, 30 * 86_400_000, 7 * 86_400_000,
                                                        86_400_000, 3_600_000, 60_000, 1000, 1]

    /// A unit's index in `timeUnitMilliseconds`, `nil` for a unit nginx does not know.
    private static func timeUnitRank(_ unit: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard let first = unit.first else { return nil }
        if unit.count == 2 { return first == UInt8(ascii: "m") && unit.last == UInt8(ascii: "s") ? 7 : nil }
        guard unit.count == 1 else { return nil }
        switch first {
        case UInt8(ascii: "y"): return 0
        case UInt8(ascii: "M"): return 1
        case UInt8(ascii: "w"): return 2
        case UInt8(ascii: "d"): return 3
        case UInt8(ascii: "h"): return 4
        case UInt8(ascii: "m"): return 5
        case UInt8(ascii: "s"): return 6
        default: return nil
        }
    }

    /// `ngx_parse_offset`: bytes, with k/K, m/M, g/G suffixes. `nil` when invalid.
    static func parseSize(_ text: String) -> Int64? {
        var digits = text.utf8[...]
        guard let last = digits.last else { return nil }
        var multiplier: Int64 = 1
        switch last {
        case UInt8(ascii: "k"), UInt8(ascii: "K"): multiplier = 1 << 10
        case UInt8(ascii: "m"), UInt8(ascii: "M"): multiplier = 1 << 20
        case UInt8(ascii: "g"), UInt8(ascii: "G"): multiplier = 1 << 30
        default: break
        }
        if multiplier != 1 { digits = digits.dropLast() }
        guard !digits.isEmpty else { return nil }
        var n: Int64 = 0
        for b in digits {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            let (m, o1) = n.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(b - 0x30))
            if o1 || o2 { return nil }
            n = a
        }
        let (v, overflow) = n.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : v
    }

    /// A string with `$name` / `${name}` variables as a value template. Variables that name a
    /// request header (`$http_*`) or the host become request data; map results become lookups;
    /// the rest cannot be evaluated.
    static func template(_ text: String, lookups: Set<String>) -> ValueTemplate {
        // Without a `$` the whole text is one literal (most header values: `upgrade`, `close`).
        if !text.utf8.contains(0x24) { return ValueTemplate(parts: text.isEmpty ? [] : [.literal(text)], written: text) }
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiTemplate(text, lookups: lookups) }
        var parts: [ValueTemplate.Part] = []
        var literal = ""
        let chars = Array(text.unicodeScalars)
        var i = 0
        func flush() {
            if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
        }
        while i < chars.count {
            let c = chars[i]
            if c == "$", i + 1 < chars.count {
                var name = ""
                var j = i + 1
                if chars[j] == "{" {
                    j += 1
                    while j < chars.count, chars[j] != "}" { name.unicodeScalars.append(chars[j]); j += 1 }
                    j += 1
                } else {
                    while j < chars.count, chars[j].properties.isAlphabetic || chars[j] == "_" || ("0"..."9").contains(chars[j]) {
                        name.unicodeScalars.append(chars[j])
                        j += 1
                    }
                }
                if !name.isEmpty {
                    flush()
                    parts.append(variable(name, lookups: lookups))
                    i = j
                    continue
                }
            }
            literal.unicodeScalars.append(c)
            i += 1
        }
        flush()
        return ValueTemplate(parts: parts, written: text)
    }

    /// `template` for ASCII text, on bytes (for ASCII, "alphabetic" is A–Z and a–z).
    private static func asciiTemplate(_ text: String, lookups: Set<String>) -> ValueTemplate {
        var parts: [ValueTemplate.Part] = []
        let bytes = Array(text.utf8)
        var literalStart = 0
        var i = 0
        func string(_ from: Int, _ to: Int) -> String { String(decoding: bytes[from..<to], as: UTF8.self) }
        func isNameByte(_ b: UInt8) -> Bool {
            (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || (b >= 0x30 && b <= 0x39)
        }
        while i < bytes.count {
            if bytes[i] == 0x24, i + 1 < bytes.count {
                var j = i + 1
                let nameStart: Int, nameEnd: Int
                if bytes[j] == 0x7B {
                    j += 1
                    nameStart = j
                    while j < bytes.count, bytes[j] != 0x7D { j += 1 }
                    nameEnd = j
                    j += 1
                } else {
                    nameStart = j
                    while j < bytes.count, isNameByte(bytes[j]) { j += 1 }
                    nameEnd = j
                }
                if nameEnd > nameStart {
                    if literalStart < i { parts.append(.literal(string(literalStart, i))) }
                    parts.append(variable(string(nameStart, nameEnd), lookups: lookups))
                    i = j
                    literalStart = i
                    continue
                }
            }
            i += 1
        }
        // An unclosed `${` reads past the end; the literal never does.
        if literalStart < min(i, bytes.count) { parts.append(.literal(string(literalStart, min(i, bytes.count)))) }
        return ValueTemplate(parts: parts, written: text)
    }

    static func variable(_ name: String, lookups: Set<String>) -> ValueTemplate.Part {
        if lookups.contains(name) { return .lookup(name) }
        if name.hasBytePrefix("http_") {
            return .requestHeader(headerName(fromVariable: name.dropFirst(5)))
        }
        if name == "host" || name == "http_host" { return .requestHeader("host") }
        return .unknown("$" + name)
    }

    /// `$http_x_forwarded_for` → `x-forwarded-for`: underscores become dashes (on bytes for ASCII names).
    static func headerName(fromVariable name: Substring) -> String {
        guard name.utf8.allSatisfy({ $0 < 0x80 }) else { return String(name).replacingOccurrences(of: "_", with: "-") }
        return String(decoding: name.utf8.map { $0 == 0x5F ? 0x2D : $0 }, as: UTF8.self)
    }

    static func hasVariables(_ text: String) -> Bool {
        // No canonical equivalent of "$" is anything but the byte 0x24, so without that byte
        // Foundation's search cannot match; on ASCII text a byte hit is its match too.
        // Through the contiguous bytes: iterating the UTF-8 view cost 140 instructions a short value.
        var copy = text
        let (dollar, ascii) = copy.withUTF8 { bytes in (bytes.contains(0x24), bytes.allSatisfy { $0 < 0x80 }) }
        guard dollar else { return false }
        if ascii { return true }
        return text.containsBytes("$")
    }

    /// Variables other than regex captures (`$1`…`$9`).
    static func hasNamedVariables(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        for (i, c) in scalars.enumerated() where c == "$" {
            guard i + 1 < scalars.count, ("0"..."9").contains(scalars[i + 1]) else { return true }
        }
        return false
    }
}
