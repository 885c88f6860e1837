/// Fields kept behind one reference, for values held by the thousand whose fields seldom change:
/// a copy is one reference, and a change copies the fields into new storage.
struct SharedFields<Fields: Sendable>: Sendable {
    private final class Storage: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var storage: Storage

    init(_ fields: Fields) { storage = Storage(fields) }

    var fields: Fields { storage.fields }

    /// Whether both share one storage (equal without comparing the fields).
    func isSameStorage(as other: SharedFields) -> Bool { storage === other.storage }

    mutating func set<T>(_ path: WritableKeyPath<Fields, T>, _ value: T) {
        var fields = storage.fields
        fields[keyPath: path] = value
        storage = Storage(fields)
    }
}
