import Foundation
import Testing
@testable import SiolintCore

/// Reading files from the disk: whole, by prefix, empty, and files whose size says nothing.
@Suite struct DiskFileProviderTests {
    static func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = NSTemporaryDirectory() + "siolint-read-\(UUID().uuidString).conf"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func readsEveryByteOfFilesOfManySizes() throws {
        let disk = DiskFileProvider()
        for size in [0, 1, 4095, 4096, 4097, 70_000, 1 << 20] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let path = try Self.temporaryFile(bytes)
            defer { try? FileManager.default.removeItem(atPath: path) }
            #expect(try disk.read(path).get() == bytes, "size \(size)")
            #expect(try disk.read(path, upTo: 5000).get() == Array(bytes.prefix(5000)), "size \(size), prefix")
        }
    }

    @Test func readsFilesWhoseSizeIsZeroToTheirEnd() throws {
        // /proc files report a size of 0 and still have contents.
        let path = "/proc/self/status"
        guard FileManager.default.fileExists(atPath: path) else { return }
        let bytes = try DiskFileProvider().read(path).get()
        #expect(String(decoding: bytes, as: UTF8.self).contains("Name:"))
    }

    @Test func namesWhatCannotBeRead() {
        let disk = DiskFileProvider()
        #expect(disk.read("/nonexistent/siolint.conf") == .failure(ReadFailure(path: "/nonexistent/siolint.conf", reason: "no such file")))
        #expect(disk.read(NSTemporaryDirectory()) == .failure(ReadFailure(path: NSTemporaryDirectory(), reason: "is a directory")))
    }
}
