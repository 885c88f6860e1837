/// Text made of parts, written once at its exact length: route labels live as long as the model,
/// and one grown by appending kept up to twice the room it needs (half a megabyte on a large
/// configuration); appending to a string also checked its storage every time.
struct HAProxyLabelText {
    private var parts: [String] = []
    private var length = 0

    init(capacity: Int = 8) {
        parts.reserveCapacity(capacity)
    }

    mutating func append(_ part: String) {
        parts.append(part)
        length += part.utf8.count
    }

    var text: String {
        String(unsafeUninitializedCapacity: length) { buffer in
            var offset = 0
            for part in parts {
                offset = buffer[offset...].initialize(from: part.utf8).1
            }
            return offset
        }
    }

    /// `parts` as one string, written from the arguments themselves (no array of parts).
    static func joined(_ parts: String...) -> String {
        var length = 0
        for part in parts { length += part.utf8.count }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var offset = 0
            for part in parts {
                offset = buffer[offset...].initialize(from: part.utf8).1
            }
            return offset
        }
    }
}
