import Foundation

/// Runs work on a thread with a stack large enough for the deepest configuration the parsers accept.
///
/// Parsers are iterative and cap nesting (`NginxParser.maximumDepth`), but the model builders and the
/// router walk nested blocks recursively. Callers' threads can have small stacks (Dispatch and
/// Swift Testing workers); 1,000 nested `location`s need about 18 MB in a debug build. Larger reservations cost: with 256 MB per input, linting 10,000 small files took 40% longer (mapping and unmapping). The stack is
/// reserved address space: only the pages a deep configuration touches are ever committed.
enum LargeStack {
    static let size = 64 << 20

    private final class Job {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    static func run<T>(_ body: () -> T) -> T {
        var result: T?
        withoutActuallyEscaping(body) { escapable in
            withUnsafeMutablePointer(to: &result) { slot in
                // The thread is joined before this returns: the closure and the slot outlive it.
                nonisolated(unsafe) let slot = slot
                let job = Job { slot.pointee = escapable() }
                var attributes = pthread_attr_t()
                pthread_attr_init(&attributes)
                defer { pthread_attr_destroy(&attributes) }
                pthread_attr_setstacksize(&attributes, size)
                let context = Unmanaged.passRetained(job).toOpaque()
                var thread = pthread_t()
                let started = pthread_create(&thread, &attributes, { context in
                    let job = Unmanaged<Job>.fromOpaque(context!).takeRetainedValue()
                    job.body()
                    return nil
                }, context)
                if started == 0 {
                    pthread_join(thread, nil)
                } else {
                    // No thread (address space or thread limits): run here, as before.
                    Unmanaged<Job>.fromOpaque(context).takeRetainedValue().body()
                }
            }
        }
        return result!
    }
}
