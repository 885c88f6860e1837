import Foundation

/// Path arithmetic without touching the disk.
public enum PathUtilities {
    /// `path` made absolute against `base`, with `.` and `..` resolved.
    public static func absolute(_ path: String, base: String) -> String {
        let joined = path.hasPrefix("/") ? path : (base.hasSuffix("/") ? base + path : base + "/" + path)
        return normalize(joined)
    }

    /// Resolves `.`, `..` and repeated slashes.
    public static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The directory part of a path.
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// `path` relative to `base` when it lies below it; otherwise unchanged.
    public static func relative(_ path: String, to base: String) -> String {
        let prefix = base.hasSuffix("/") ? base : base + "/"
        if path.hasPrefix(prefix) { return String(path.dropFirst(prefix.count)) }
        return path
    }
}

/// Shell-style globbing (`*`, `?`, `[…]`), as glob(3) does it for include patterns.
public enum PathGlob {
    public static func hasMagic(_ s: String) -> Bool {
        s.utf8.contains { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "[") }
    }

    /// Expands a pattern component by component against the disk.
    static func expand(_ pattern: String, provider: DiskFileProvider) -> [String] {
        let components = pattern.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var current = ["/"]
        for (index, component) in components.enumerated() {
            let last = index == components.count - 1
            var next: [String] = []
            for dir in current {
                if hasMagic(component) {
                    for name in provider.listDirectory(dir) where !(name.hasPrefix(".") && !component.hasPrefix(".")) {
                        if fnmatch(Array(component.utf8), Array(name.utf8)) {
                            next.append(dir == "/" ? "/" + name : dir + "/" + name)
                        }
                    }
                } else {
                    next.append(dir == "/" ? "/" + component : dir + "/" + component)
                }
            }
            current = next.filter { last ? provider.exists($0, directory: false) || provider.exists($0, directory: true) : provider.exists($0, directory: true) }
            if current.isEmpty { return [] }
        }
        return current.sorted()
    }

    /// Whether a whole path matches a pattern; `*` does not cross `/`.
    public static func matches(pattern: String, path: String) -> Bool {
        let p = pattern.split(separator: "/", omittingEmptySubsequences: true)
        let s = path.split(separator: "/", omittingEmptySubsequences: true)
        guard p.count == s.count else { return false }
        return zip(p, s).allSatisfy { fnmatch(Array($0.utf8), Array($1.utf8)) }
    }

    /// fnmatch(3) for one path component, iterative (no recursion, linear backtracking on `*`).
    static func fnmatch(_ p: [UInt8], _ s: [UInt8]) -> Bool {
        var pi = 0, si = 0
        var starP = -1, starS = 0
        while si < s.count {
            if pi < p.count {
                let c = p[pi]
                if c == UInt8(ascii: "*") {
                    starP = pi; starS = si; pi += 1; continue
                }
                if c == UInt8(ascii: "?") { pi += 1; si += 1; continue }
                if c == UInt8(ascii: "["), let (matched, next) = matchClass(p, pi, s[si]) {
                    if matched { pi = next; si += 1; continue }
                } else if c == UInt8(ascii: "\\"), pi + 1 < p.count {
                    if p[pi + 1] == s[si] { pi += 2; si += 1; continue }
                } else if c == s[si] {
                    pi += 1; si += 1; continue
                }
            }
            if starP >= 0 {
                pi = starP + 1; starS += 1; si = starS; continue
            }
            return false
        }
        while pi < p.count, p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }

    private static func matchClass(_ p: [UInt8], _ start: Int, _ c: UInt8) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < p.count, p[i] == UInt8(ascii: "!") || p[i] == UInt8(ascii: "^") { negate = true; i += 1 }
        var matched = false
        var first = true
        while i < p.count {
            if p[i] == UInt8(ascii: "]") && !first { return (matched != negate, i + 1) }
            first = false
            if i + 2 < p.count, p[i + 1] == UInt8(ascii: "-"), p[i + 2] != UInt8(ascii: "]") {
                if p[i] <= c && c <= p[i + 2] { matched = true }
                i += 3
            } else {
                if p[i] == c { matched = true }
                i += 1
            }
        }
        return nil
    }
}
