/// GitHub code scanning's `partialFingerprints.primaryLocationLineHash`: a port of
/// `hash()` in github/codeql-action `src/fingerprints.ts` (MIT). For each line, a rolling
/// polynomial hash (multiplier 37, wrapping 64-bit) of the next 100 characters from the start of
/// that line, skipping spaces and tabs, with CR and CRLF read as LF and a 65535 sentinel at the end
/// of the file. Characters are UTF-16 code units, as in JavaScript. Each value is printed as
/// lowercase hex plus `:n`, where n counts earlier lines with the same hash.
public enum LineHash {
    static let blockSize = 100
    static let multiplier: UInt64 = 37

    /// One hash per line (index 0 = line 1), plus one for the line after a trailing line break.
    public static func hashes(_ text: String) -> [String] {
        var firstMod: UInt64 = 1
        for _ in 0..<blockSize { firstMod = firstMod &* multiplier }
        var window = [UInt64](repeating: 0, count: blockSize)
        var lineNumbers = [Int](repeating: -1, count: blockSize)
        var hash: UInt64 = 0
        var index = 0
        var lineNumber = 0
        var lineStart = true
        var previousCR = false
        var counts: [String: Int] = [:]
        var output: [Int: String] = [:]

        func emit() {
            let value = String(hash, radix: 16)
            let n = (counts[value] ?? 0) + 1
            counts[value] = n
            output[lineNumbers[index]] = "\(value):\(n)"
            lineNumbers[index] = -1
        }
        func update(_ current: UInt64) {
            let begin = window[index]
            window[index] = current
            hash = multiplier &* hash &+ current &- firstMod &* begin
            index = (index + 1) % blockSize
        }
        func process(_ unit: UInt16) {
            var current = unit
            if current == 0x20 || current == 0x09 || (previousCR && current == 0x0A) {
                previousCR = false
                return
            }
            if current == 0x0D {
                current = 0x0A
                previousCR = true
            } else {
                previousCR = false
            }
            if lineNumbers[index] != -1 { emit() }
            if lineStart {
                lineStart = false
                lineNumber += 1
                lineNumbers[index] = lineNumber
            }
            if current == 0x0A { lineStart = true }
            update(UInt64(current))
        }

        for unit in text.utf16 { process(unit) }
        process(65535)
        for _ in 0..<blockSize {
            if lineNumbers[index] != -1 { emit() }
            update(0)
        }
        return (1...max(lineNumber, 1)).map { output[$0] ?? "" }
    }
}

/// Line hashes per file, computed once per file.
public struct LineHashCache {
    private var cache: [String: [String]] = [:]

    public init() {}

    /// The hash of a line (numbered as in `SourceLocation`), or `nil` when the file is unknown.
    public mutating func hash(file: SourceFile?, line: Int) -> String? {
        guard let file else { return nil }
        let hashes: [String]
        if let cached = cache[file.path] {
            hashes = cached
        } else {
            hashes = LineHash.hashes(String(decoding: file.bytes, as: UTF8.self))
            cache[file.path] = hashes
        }
        let index = line - file.firstLine
        guard index >= 0, index < hashes.count, !hashes[index].isEmpty else { return nil }
        return hashes[index]
    }
}
