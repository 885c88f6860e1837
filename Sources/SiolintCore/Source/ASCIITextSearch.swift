import Foundation

/// Byte-level versions of Foundation and `Character` string searches, for builders that run them
/// on every parameter and flag (Apache's). They give the same results; on ASCII text (nearly all
/// configuration text) they skip grapheme-cluster comparison and Foundation's `NSString`
/// bridging, which took a tenth of the time on large files.
extension StringProtocol where UTF8View: BidirectionalCollection {
    /// `trimmingCharacters(in: .whitespaces)`: text that starts and ends with an ASCII byte other
    /// than a space or tab has nothing to trim (the other whitespace characters are not ASCII).
    func trimmingWhitespace() -> String {
        guard let first = utf8.first, let last = utf8.last else { return "" }
        func keeps(_ byte: UInt8) -> Bool { byte < 0x80 && byte != 0x20 && byte != 0x09 }
        if keeps(first) && keeps(last) { return String(self) }
        return trimmingCharacters(in: .whitespaces)
    }

    /// `firstIndex(of: character)` for an ASCII character: in ASCII text every byte is a
    /// character, so a byte search finds the same index.
    func firstIndex(ofASCII character: Character) -> Index? {
        guard let byte = character.asciiValue, utf8.allSatisfy({ $0 < 0x80 }) else { return firstIndex(of: character) }
        return utf8.firstIndex(of: byte)
    }
}
