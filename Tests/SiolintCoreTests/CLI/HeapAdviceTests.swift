import Foundation
import Testing

/// End-to-end: the built `siolint` grows its malloc heap by 64 MB at start and advises the kernel
/// to back it with transparent huge pages (`HeapSetup`, in the executable). Read from the outside,
/// in `/proc/<pid>/smaps`, while the process waits on a standard input the test holds open until
/// it has looked. Linux only.
@Suite struct HeapAdviceTests {
    /// `read(2)` in `/proc/<pid>/syscall`; `nil` on architectures this test does not know.
    private static let readSyscall: String? = {
        #if arch(x86_64)
        return "0"
        #elseif arch(arm64)
        return "63"
        #else
        return nil
        #endif
    }()

    /// Why the test cannot run here, `nil` when it can.
    private static let skipReason: String? = {
        guard RepositoryLayout.binary != nil else { return "siolint binary not built (swift build)" }
        guard FileManager.default.isReadableFile(atPath: "/proc/self/smaps"),
              FileManager.default.isReadableFile(atPath: "/proc/self/syscall") else {
            return "no /proc/<pid>/smaps and /proc/<pid>/syscall (not Linux, or /proc not mounted)"
        }
        guard FileManager.default.fileExists(atPath: "/sys/kernel/mm/transparent_hugepage/enabled") else {
            return "kernel without transparent huge pages: madvise(MADV_HUGEPAGE) is refused"
        }
        guard readSyscall != nil else { return "read(2)'s number on this architecture is not known to the test" }
        return nil
    }()

    private static var runnable: Bool {
        if let skipReason { print("HeapAdviceTests skipped: \(skipReason)") }
        return skipReason == nil
    }

    /// A `[heap]` mapping of `/proc/<pid>/smaps`: its size and its `VmFlags`.
    struct HeapMapping: CustomStringConvertible {
        var kilobytes = 0
        var flags: [Substring] = []
        var description: String { "[heap] \(kilobytes) kB, VmFlags \(flags.joined(separator: " "))" }
    }

    /// The `[heap]` mappings listed in an `smaps` text, in address order.
    static func heapMappings(_ smaps: String) -> [HeapMapping] {
        var result: [HeapMapping] = []
        var inHeap = false
        for line in smaps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let first = fields.first else { continue }
            // A mapping starts with its address range (`start-end perms offset dev inode [path]`);
            // its `Key: value` lines follow.
            if !first.hasSuffix(":") {
                inHeap = fields.count >= 6 && fields.last == "[heap]"
                if inHeap { result.append(HeapMapping()) }
            } else if inHeap, first == "Size:", fields.count >= 2, let size = Int(fields[1]) {
                result[result.count - 1].kilobytes = size
            } else if inHeap, first == "VmFlags:" {
                result[result.count - 1].flags = Array(fields.dropFirst())
            }
        }
        return result
    }

    /// A `/proc` file's text, read to its end: such files report a size of 0, and
    /// `String(contentsOfFile:)` returned only the first part of a long `smaps`.
    static func procText(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return (try? handle.readToEnd()).map { String(decoding: $0 ?? Data(), as: UTF8.self) }
    }

    /// Polls `condition` every 10 ms until it holds or `seconds` have passed; whether it held.
    private static func wait(seconds: Double, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() {
            if Date() > deadline { return false }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return true
    }

    @Test(.enabled(if: runnable, "needs the built siolint and Linux /proc with transparent huge pages"))
    func heapIsGrownAndAdvisedForHugePages() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: RepositoryLayout.binary!)
        process.arguments = ["--no-config", "--stdin-filename", "x.conf", "-"]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let pid = process.processIdentifier

        // Start-up is over once the process sleeps in read(2) on standard input (fd 0), which the
        // test holds open: HeapSetup runs before anything else in main.
        let reading = Self.readSyscall! + " 0x0 "
        let blocked = Self.wait(seconds: 60) {
            !process.isRunning || (Self.procText("/proc/\(pid)/syscall")?.hasPrefix(reading) ?? false)
        }
        try #require(process.isRunning, "siolint exited before reading standard input")
        try #require(blocked, "siolint did not block reading standard input within 60 s")

        let smaps = try #require(Self.procText("/proc/\(pid)/smaps"), "/proc/\(pid)/smaps unreadable")
        let heaps = Self.heapMappings(smaps)
        // 64 MB grown at start; the first part of the heap, before the advice, keeps its own mapping.
        let advised = heaps.filter { $0.flags.contains("hg") }
        #expect(!advised.isEmpty, "no [heap] mapping advised MADV_HUGEPAGE (VmFlags hg): \(heaps)")
        #expect(advised.contains { $0.kilobytes >= 60 << 10 }, "the advised heap is under 60 MB: \(heaps)")

        try input.fileHandleForWriting.close()
        let exited = Self.wait(seconds: 60) { !process.isRunning }
        #expect(exited, "siolint did not exit within 60 s of its standard input closing")
        if exited { #expect(process.terminationReason == .exit) }
    }

    @Test func smapsHeapMappingsAreRead() {
        let smaps = """
        55c982d83000-55c982da4000 rw-p 00000000 00:00 0                          [heap]
        Size:                132 kB
        VmFlags: rd wr mr mw me ac
        55c982da4000-55c986daf000 rw-p 00000000 00:00 0                          [heap]
        Size:              65580 kB
        KernelPageSize:        4 kB
        VmFlags: rd wr mr mw me ac hg
        7f6828454000-7f6828456000 rw-p 00000000 00:00 0
        Size:                  8 kB
        VmFlags: rd wr mr mw me ac hg
        """
        let heaps = Self.heapMappings(smaps)
        #expect(heaps.map(\.kilobytes) == [132, 65580])
        #expect(heaps.map { $0.flags.contains("hg") } == [false, true])
    }
}
