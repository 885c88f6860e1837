import Synchronization

/// Values made once per key and then shared, even when several threads ask at once (routes are
/// resolved on first use, from whichever thread reads them): for texts and templates a large
/// configuration repeats in every host. A value is made outside the lock; when two threads race,
/// both make it and the last stored one is kept, which is the same value.
final class OnceTable<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let values = Mutex<[Key: Value]>([:])

    init() {}

    func value(for key: Key, _ make: () -> Value) -> Value {
        if let known = values.withLock({ values in values[key] }) { return known }
        let made = make()
        values.withLock { values in values[key] = made }
        return made
    }
}
