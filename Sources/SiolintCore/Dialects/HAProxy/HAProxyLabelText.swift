/// Text made of parts, written once at its exact length: route labels live as long as the model,
/// and one grown by appending kept up to twice the room it needs (half a megabyte on a large
/// configuration); appending to a string also checked its storage every time.
struct HAProxyLabelText {
    private var parts: [String] = []

    init(capacity: Int = 8) {
        parts.reserveCapacity(capacity)
    }

    mutating func append(_ part: String) {
        parts.append(part)
    }

    var text: String { String(concatenating: parts) }

    /// `parts` as one string, written once at its exact length.
    static func joined(_ parts: String...) -> String { String(concatenating: parts) }
}
