#if canImport(Glibc)
import Glibc
#endif

/// How the process's malloc heap is arranged before any work, on glibc. The process owns its
/// heap, so this lives in the command, not in the library.
enum HeapSetup {
    /// How far the heap grows at a time: untouched pages cost nothing.
    private static let growth = 64 << 20

    static func configure() {
        #if canImport(Glibc)
        // mallopt is declared in <malloc.h>, which the Glibc module does not import.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        typealias MallocOption = @convention(c) (Int32, Int32) -> Int32
        let mallopt = unsafeBitCast(symbol, to: MallocOption.self)
        // glibc gives every thread its own arena and grows it a few pages per mprotect call; the
        // lint runs on worker threads, so a large input spent about a quarter of its time in the
        // kernel. One arena grown 64 MB at a time measurably cut that (BENCHMARKS.md).
        let arenaMaximum: Int32 = -8, topPad: Int32 = -2  // M_ARENA_MAX, M_TOP_PAD
        _ = mallopt(arenaMaximum, 1)
        _ = mallopt(topPad, Int32(growth))
        adviseHugePages()
        #endif
    }

    #if canImport(Glibc)
    /// Grows the heap by `growth` now and lets the kernel back what it grew into with transparent
    /// huge pages (where the system leaves them to the program: `madvise` in
    /// `/sys/kernel/mm/transparent_hugepage/enabled`, the default of Debian and Ubuntu).
    ///
    /// A large configuration's tree and model are tens of megabytes written once, and faulting them
    /// in 4 KB at a time was a fifth of the run (`perf`: 12,000 faults in `exc_page_fault` on the
    /// 125,000-line nginx file); with 2 MB pages that is a few hundred. glibc does the same under
    /// `GLIBC_TUNABLES=glibc.malloc.hugetlb=1`, which a process cannot set for itself once it runs.
    /// The advice changes only which pages back the memory, never its contents.
    private static func adviseHugePages() {
        guard let start = sbrk(0) else { return }
        // A block the heap's free top cannot hold makes malloc grow the heap by it and the top pad
        // at once. The first heap is 132 KB, so a few blocks at most (each below the 128 KB mmap threshold).
        var blocks: [UnsafeMutableRawPointer] = []
        blocks.reserveCapacity(8)
        while sbrk(0) == start, blocks.count < 8, let block = malloc(96 << 10) { blocks.append(block) }
        for block in blocks { free(block) }
        guard let end = sbrk(0), end > start else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let first = (Int(bitPattern: start) + page - 1) / page * page
        _ = madvise(UnsafeMutableRawPointer(bitPattern: first), Int(bitPattern: end) - first, MADV_HUGEPAGE)
    }
    #endif
}
