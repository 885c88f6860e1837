import Synchronization

/// A value made the first time it is asked for, then shared by every reader, even when several
/// threads ask at once. It is made outside the lock (making it may read other such values); when
/// two threads race, the first stored result wins and both return it.
///
/// A Mutex rather than `AtomicLazyReference`: the latter's `load()` is not inlined and looked up
/// generic metadata on every call (650 instructions; 3% of a large file's time).
struct OnceCell<Value: Sendable>: ~Copyable, Sendable {
    private let stored: Mutex<Value?>

    init() { stored = Mutex(nil) }

    /// A cell whose value is known already.
    init(_ value: Value) { stored = Mutex(value) }

    func value(_ make: () -> Value) -> Value {
        if let known = stored.withLock({ $0 }) { return known }
        let made = make()
        return stored.withLock { current in
            if let current { return current }
            current = made
            return made
        }
    }
}
