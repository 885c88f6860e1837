extension String {
    /// UTF-8 bytes as a string, validated (and repaired) as `String(decoding:as:)` does. A short one
    /// (at most 15 bytes, stored inline) is copied straight into its string: decoding cost about 25
    /// instructions a word more, and the parsers make a string for most words. A longer one is
    /// decoded, which was the cheaper of the two there.
    init(copyingUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        let count = bytes.count
        guard count > 0, count <= 15 else {
            self.init(decoding: bytes, as: UTF8.self)
            return
        }
        self.init(unsafeUninitializedCapacity: count) { buffer in
            buffer.baseAddress!.update(from: bytes.baseAddress!, count: count)
            return count
        }
    }
}
