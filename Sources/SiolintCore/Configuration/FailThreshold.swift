/// `--fail-on` / `"failOn"`: the lowest level that makes the exit status 1, or never.
public enum FailThreshold: Sendable, Hashable {
    case never
    case atLeast(Severity)

    public init?(_ text: String) {
        if text == "none" { self = .never; return }
        guard let level = Severity(rawValue: text) else { return nil }
        self = .atLeast(level)
    }

    var severity: Severity? {
        switch self {
        case .never: return nil
        case .atLeast(let s): return s
        }
    }
}
