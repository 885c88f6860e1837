/// Reads a configuration file through a provider and checks that it is text.
public enum SourceReader {
    public enum Outcome {
        /// Readable text.
        case text(SourceFile)
        /// Readable, but not text siolint can lex: the file and the problem at its spot.
        case notText(SourceFile, SyntaxProblem)
        /// Not readable at all.
        case unreadable(ReadFailure)
    }

    public static func read(_ path: String, provider: FileProvider) -> Outcome {
        switch provider.read(path) {
        case .failure(let failure):
            return .unreadable(failure)
        case .success(let bytes):
            return check(SourceFile(path: provider.displayPath(path), bytes: bytes))
        }
    }

    public static func check(_ file: SourceFile) -> Outcome {
        if let (offset, problem) = TextDecoding.firstProblem(in: file.bytes) {
            let range = file.range(offset, offset + 1)
            return .notText(file, SyntaxProblem(.syntax, "cannot read this file as configuration text: \(problem)", at: range))
        }
        return .text(file)
    }
}
