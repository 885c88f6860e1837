import Foundation

/// Why an input could not be read.
public struct ReadFailure: Error, Sendable, Equatable {
    public var path: String
    public var reason: String
}

/// Where configuration files come from: the disk, or the files cut out of an `nginx -T` dump.
/// Include resolution goes through this, so a dump resolves its includes without the disk.
public protocol FileProvider: Sendable {
    /// The bytes of the file at an absolute path.
    func read(_ path: String) -> Result<[UInt8], ReadFailure>
    /// Whether a path names a regular file (or a directory, when `directory` is true).
    func exists(_ path: String, directory: Bool) -> Bool
    /// The paths matching a glob pattern (`*`, `?`, `[…]` in any component), sorted.
    func glob(_ pattern: String) -> [String]
    /// The regular files under a directory, recursively, sorted.
    func filesUnder(_ directory: String) -> [String]
    /// The path shown to users for an absolute path.
    func displayPath(_ path: String) -> String
}

/// Files on the local disk.
public struct DiskFileProvider: FileProvider {
    public let workingDirectory: String

    public init(workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.workingDirectory = workingDirectory
    }

    public func read(_ path: String) -> Result<[UInt8], ReadFailure> {
        read(path, upTo: nil)
    }

    /// The first `limit` bytes of the file at an absolute path (all of them when `nil`).
    public func read(_ path: String, upTo limit: Int?) -> Result<[UInt8], ReadFailure> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(ReadFailure(path: path, reason: "no such file"))
        }
        if isDirectory.boolValue { return .failure(ReadFailure(path: path, reason: "is a directory")) }
        // lstat, as FileManager.attributesOfItem does, without the owner and group name look-ups
        // (each reads /etc/passwd and /etc/group), which cost more than reading a small file.
        var status = stat()
        guard lstat(path, &status) == 0 else {
            return .failure(ReadFailure(path: path, reason: "cannot be read"))
        }
        let type = status.st_mode & S_IFMT
        // A FIFO or device would block or never end; a linter has no business reading one.
        guard type == S_IFREG || type == S_IFLNK else {
            return .failure(ReadFailure(path: path, reason: "is not a regular file"))
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            return .failure(ReadFailure(path: path, reason: "permission denied"))
        }
        defer { close(descriptor) }
        guard fstat(descriptor, &status) == 0, let bytes = DiskFileProvider.readAll(descriptor, expected: Int(status.st_size), limit: limit) else {
            return .failure(ReadFailure(path: path, reason: "cannot be read"))
        }
        return .success(bytes)
    }

    /// Reads to the end of the file (or `limit` bytes) straight into the array: FileHandle read
    /// a 3.9 MB file in 1,900 calls into a Data that was then copied.
    private static func readAll(_ descriptor: Int32, expected: Int, limit: Int?) -> [UInt8]? {
        // One byte more than the size, so that the end shows without growing the buffer; files
        // whose size says nothing (under /proc) grow from a page.
        var capacity = max(expected, 4095) + 1
        if let limit { capacity = min(capacity, limit) }
        var buffer = [UInt8](repeating: 0, count: capacity)
        var count = 0
        while true {
            if count == buffer.count {
                if let limit, count >= limit { break }
                let more = limit.map { min(buffer.count, $0 - buffer.count) } ?? buffer.count
                buffer.append(contentsOf: repeatElement(0, count: more))
            }
            let got = buffer.withUnsafeMutableBytes { raw in
                Foundation.read(descriptor, raw.baseAddress! + count, raw.count - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if got == 0 { break }
            count += got
        }
        buffer.removeLast(buffer.count - count)
        return buffer
    }

    public func exists(_ path: String, directory: Bool) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue == directory
    }

    public func glob(_ pattern: String) -> [String] {
        PathGlob.expand(pattern, provider: self)
    }

    public func filesUnder(_ directory: String) -> [String] {
        var result: [String] = []
        var visited = Set<String>()
        func walk(_ dir: String, depth: Int) {
            guard depth < 64 else { return }
            // realpath(3): NSString's resolvingSymlinksInPath does not settle relative links such as `loop -> ..`.
            guard let resolved = realpath(dir, nil) else { return }
            let real = String(cString: resolved)
            free(resolved)
            guard visited.insert(real).inserted else { return }
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
            for name in names.sorted() where !name.hasPrefix(".") {
                let path = dir.hasSuffix("/") ? dir + name : dir + "/" + name
                if exists(path, directory: true) {
                    walk(path, depth: depth + 1)
                } else if exists(path, directory: false) {
                    result.append(path)
                }
            }
        }
        walk(directory, depth: 0)
        return result
    }

    func listDirectory(_ path: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: path))?.sorted() ?? []
    }

    public func displayPath(_ path: String) -> String {
        PathUtilities.relative(path, to: workingDirectory)
    }
}

/// Files held in memory: the sections of an `nginx -T` dump, or test fixtures.
public struct InMemoryFileProvider: FileProvider {
    public var files: [String: [UInt8]]
    public var workingDirectory: String

    public init(files: [String: [UInt8]], workingDirectory: String = "/") {
        self.files = files
        self.workingDirectory = workingDirectory
    }

    public func read(_ path: String) -> Result<[UInt8], ReadFailure> {
        if let bytes = files[path] { return .success(bytes) }
        return .failure(ReadFailure(path: path, reason: "no such file"))
    }

    public func exists(_ path: String, directory: Bool) -> Bool {
        if directory {
            let prefix = path.hasSuffix("/") ? path : path + "/"
            return files.keys.contains { $0.hasPrefix(prefix) }
        }
        return files[path] != nil
    }

    public func glob(_ pattern: String) -> [String] {
        files.keys.filter { PathGlob.matches(pattern: pattern, path: $0) }.sorted()
    }

    public func filesUnder(_ directory: String) -> [String] {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return files.keys.filter { $0.hasPrefix(prefix) }.sorted()
    }

    public func displayPath(_ path: String) -> String {
        PathUtilities.relative(path, to: workingDirectory)
    }
}
