/// Reads each file once per lint: the linter's dialect check, the nginx dump check and the
/// parser all ask for the main file, and a tree of 10,000 inputs paid for every extra read.
/// Used by one lint on one thread, then dropped.
final class ReadOnceFileProvider: FileProvider, @unchecked Sendable {
    private let base: FileProvider
    private var reads: [String: Result<[UInt8], ReadFailure>] = [:]

    init(base: FileProvider) {
        self.base = base
    }

    func read(_ path: String) -> Result<[UInt8], ReadFailure> {
        if let known = reads[path] { return known }
        let result = base.read(path)
        reads[path] = result
        return result
    }

    func exists(_ path: String, directory: Bool) -> Bool { base.exists(path, directory: directory) }
    func glob(_ pattern: String) -> [String] { base.glob(pattern) }
    func filesUnder(_ directory: String) -> [String] { base.filesUnder(directory) }
    func displayPath(_ path: String) -> String { base.displayPath(path) }
}
