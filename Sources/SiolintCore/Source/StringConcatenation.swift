extension String {
    /// `parts` as one string, written once at its exact length: `+` and interpolation grow the
    /// result piece by piece (each append checks its storage) and can leave room unused in
    /// strings the model keeps for as long as it lives (labels, level names).
    init(concatenating parts: [String]) {
        var length = 0
        for part in parts { length += part.utf8.count }
        self.init(unsafeUninitializedCapacity: length) { buffer in
            var offset = 0
            for part in parts { offset = buffer[offset...].initialize(from: part.utf8).1 }
            return offset
        }
    }

    init(concatenating parts: String...) {
        self.init(concatenating: parts)
    }
}
