import Foundation

/// Path operations shared by the router.
enum PathMatching {
    /// `/app` matches `/app`, `/app/`, `/app/x`, but not `/apple`; `/app/` matches `/app/…`.
    static func segmentPrefix(_ prefix: String, matches path: String) -> Bool {
        guard path.hasBytePrefix(prefix) else { return false }
        if prefix.hasSuffix("/") || path.utf8.count == prefix.utf8.count { return true }
        let next = path.utf8[path.utf8.index(path.utf8.startIndex, offsetBy: prefix.utf8.count)]
        return next == UInt8(ascii: "/")
    }

    /// The path after a rewrite, `nil` when it cannot be evaluated.
    static func apply(_ operation: PathRewrite.Operation, to path: String) -> String? {
        switch operation {
        case .replacePrefix(let prefix, let replacement):
            guard path.hasBytePrefix(prefix) else { return path }
            return replacement + path.dropFirst(prefix.count)
        case .replaceAll(let replacement):
            return replacement
        case .regexReplace(let pattern, let replacement):
            guard let match = pattern.firstMatch(in: path) else {
                return pattern.isValid ? path : nil
            }
            let groups = match.groups
            var out = ""
            let chars = Array(replacement)
            var i = 0
            while i < chars.count {
                let c = chars[i]
                if (c == "$" || c == "\\"), i + 1 < chars.count, let digit = chars[i + 1].wholeNumberValue {
                    out += digit < groups.count ? groups[digit] : ""
                    i += 2
                    continue
                }
                out.append(c)
                i += 1
            }
            // A regex replace substitutes only the matched part of the path.
            return match.replacing(in: path, with: out)
        case .substitute(let pattern, let template):
            guard let match = pattern.firstMatch(in: path) else {
                return pattern.isValid ? path : nil
            }
            return expand(template, groups: match.groups, path: path)
        case .unknown:
            return nil
        }
    }

    /// A substitution template with `$0`–`$9` and `${path}` filled in.
    static func expand(_ template: String, groups: [String], path: String) -> String {
        var out = ""
        let chars = Array(template)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "$", i + 1 < chars.count {
                if let digit = chars[i + 1].wholeNumberValue {
                    out += digit < groups.count ? groups[digit] : ""
                    i += 2
                    continue
                }
                if chars[i + 1] == "{", String(chars[(i + 1)...].prefix(6)) == "{path}" {
                    out += path
                    i += 7
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return out
    }
}
