import Foundation
import Synchronization

/// Runs work on threads with a stack large enough for the deepest configuration the parsers accept.
///
/// Parsers are iterative and cap nesting (`NginxParser.maximumDepth`), but the model builders and the
/// router walk nested blocks recursively. Callers' threads can have small stacks (Dispatch and
/// Swift Testing workers); 1,000 nested `location`s need about 18 MB in a debug build. The stack is
/// reserved address space: only the pages a deep configuration touches are ever committed.
///
/// Many inputs share a few such threads (`forEach`), one per core: a thread per input made and
/// unmapped a stack per file, and on a tree of 10,000 files those system calls kept the second
/// core idle and took more time than the linting.
///
/// `forEach` is the project's one way to spread independent work over the cores: reading the
/// inputs' dialects needs no deep stack, but uses it too.
enum LargeStack {
    static let size = 64 << 20

    /// The threads `forEach` is given for work whose items do not depend on each other (the
    /// inputs' dialects, the configurations' lints): one per core.
    static var threadsForIndependentWork: Int { ProcessInfo.processInfo.activeProcessorCount }

    private final class Job {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    /// `body`'s result, computed on a thread with a large stack.
    static func run<T>(_ body: () -> T) -> T {
        var result: T?
        withoutActuallyEscaping(body) { escapable in
            withUnsafeMutablePointer(to: &result) { slot in
                // The thread is joined before this returns: the closure and the slot outlive it.
                nonisolated(unsafe) let slot = slot
                runOnThreads(1) { slot.pointee = escapable() }
            }
        }
        return result!
    }

    /// Calls `body` with each index in `0..<count`, on up to `threads` large-stack threads at once;
    /// returns when every call has returned.
    static func forEach(_ count: Int, threads: Int, _ body: (Int) -> Void) {
        guard count > 0 else { return }
        withoutActuallyEscaping(body) { escapable in
            // The threads are joined before this returns: the closure outlives them.
            nonisolated(unsafe) let escapable = escapable
            let next = Counter()
            runOnThreads(min(max(threads, 1), count)) {
                while true {
                    let index = next.value.add(1, ordering: .relaxed).oldValue
                    guard index < count else { return }
                    escapable(index)
                }
            }
        }
    }

    private final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    /// Runs `body` on `count` new large-stack threads and joins them. A thread that cannot be made
    /// (address space or thread limits) runs its share here instead, after the others started.
    private static func runOnThreads(_ count: Int, _ body: @escaping () -> Void) {
        var threads: [pthread_t] = []
        var unstarted = 0
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, size)
        for _ in 0..<count {
            let context = Unmanaged.passRetained(Job(body)).toOpaque()
            var thread = pthread_t()
            let started = pthread_create(&thread, &attributes, { context in
                let job = Unmanaged<Job>.fromOpaque(context!).takeRetainedValue()
                job.body()
                return nil
            }, context)
            if started == 0 {
                threads.append(thread)
            } else {
                Unmanaged<Job>.fromOpaque(context).release()
                unstarted += 1
            }
        }
        for _ in 0..<unstarted { body() }
        for thread in threads { pthread_join(thread, nil) }
    }
}
