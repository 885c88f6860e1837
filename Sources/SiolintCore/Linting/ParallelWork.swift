import Foundation

/// Spreads independent pieces of one large configuration (virtual servers, rules) over the cores.
///
/// Small configurations stay on one thread: starting threads costs more than it saves, and a run
/// over many files already lints files in parallel.
enum ParallelWork {
    static let cores = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))

    /// `items.map(transform)`, in order, split over the cores when `worthIt` and there are at least
    /// `minimumPerPart` items for each part.
    static func map<T: Sendable, R: Sendable>(_ items: [T], minimumPerPart: Int, when worthIt: Bool = true,
                                              _ transform: @Sendable (T) -> R) -> [R] {
        let parts = worthIt ? min(cores, items.count / max(1, minimumPerPart)) : 1
        guard parts > 1 else { return items.map(transform) }
        let results = UnsafeMutableBufferPointer<R>.allocate(capacity: items.count)
        defer { results.deallocate() }
        nonisolated(unsafe) let slots = results
        LargeStack.concurrently(parts) { part in
            // Each part writes only its own slice of the buffer.
            let range = bounds(of: part, parts: parts, count: items.count)
            for index in range { (slots.baseAddress! + index).initialize(to: transform(items[index])) }
        }
        let mapped = Array(results)
        _ = results.deinitialize()
        return mapped
    }

    /// Runs `first` and `second` at the same time when `worthIt`, one after the other otherwise,
    /// and returns both results.
    static func both<A: Sendable, B: Sendable>(when worthIt: Bool = true, _ first: @Sendable () -> A,
                                               _ second: @Sendable () -> B) -> (A, B) {
        guard worthIt, cores > 1 else { return (first(), second()) }
        nonisolated(unsafe) var a: A?
        nonisolated(unsafe) var b: B?
        LargeStack.concurrently(2) { part in
            if part == 0 { a = first() } else { b = second() }
        }
        return (a!, b!)
    }

    private static func bounds(of part: Int, parts: Int, count: Int) -> Range<Int> {
        (count * part / parts)..<(count * (part + 1) / parts)
    }
}
