/// Route labels (and the text of untranslatable conditions) made of parts, written into one byte
/// buffer and made a string once at their exact length: labels live as long as the model, and one
/// grown by appending kept up to twice the room it needs (half a megabyte on a large
/// configuration). One buffer serves every label of a frontend (copies of this value share it): an
/// array of parts per label, and a string per rule's source text joined into it afterwards, were
/// about a sixth of the time spent on a frontend.
struct HAProxyLabelText {
    /// The bytes, in memory of its own: appending to a byte array went through its generic
    /// sequence path, over a hundred instructions per part.
    private final class Storage {
        var base: UnsafeMutablePointer<UInt8>
        var capacity: Int
        var count = 0

        init(capacity: Int) {
            self.capacity = max(capacity, 16)
            base = .allocate(capacity: self.capacity)
        }

        deinit { base.deallocate() }

        func write(_ source: UnsafeBufferPointer<UInt8>) {
            guard let from = source.baseAddress else { return }
            if count + source.count > capacity { grow(toHold: count + source.count) }
            (base + count).update(from: from, count: source.count)
            count += source.count
        }

        func write(_ byte: UInt8) {
            if count == capacity { grow(toHold: count + 1) }
            base[count] = byte
            count += 1
        }

        /// Doubles the room, or more when `needed` asks for more.
        private func grow(toHold needed: Int) {
            let room = max(capacity * 2, needed)
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: room)
            larger.update(from: base, count: count)
            base.deallocate()
            base = larger
            capacity = room
        }

        func text(from start: Int, to end: Int) -> String {
            String(copyingUTF8: UnsafeBufferPointer(start: base + start, count: end - start))
        }
    }

    private let storage: Storage

    init(capacity: Int = 128) {
        storage = Storage(capacity: capacity)
    }

    /// Empties the text and keeps its room, for the next label.
    func removeAll() {
        storage.count = 0
    }

    /// The number of bytes written so far.
    var count: Int { storage.count }

    func append(_ part: String) {
        // The string's own bytes in one piece (a small string's are copied to the stack).
        var part = part
        part.withUTF8 { storage.write($0) }
    }

    func append(byte: UInt8) {
        storage.write(byte)
    }

    /// `line.sourceText` (`Directive.sourceText`: quoted arguments in double quotes), written in
    /// place instead of made as a string of its own first.
    func appendSourceText(of line: Directive) {
        append(line.name.value)
        let arguments = line.arguments
        for index in arguments.indices {
            let argument = arguments[index]
            storage.write(UInt8(ascii: " "))
            if argument.quote == .none {
                append(argument.value)
            } else {
                storage.write(UInt8(ascii: "\""))
                append(argument.value)
                storage.write(UInt8(ascii: "\""))
            }
        }
    }

    var text: String { storage.text(from: 0, to: storage.count) }

    /// The bytes between two `count`s read earlier, as a string.
    func text(from start: Int, to end: Int) -> String { storage.text(from: start, to: end) }
}
