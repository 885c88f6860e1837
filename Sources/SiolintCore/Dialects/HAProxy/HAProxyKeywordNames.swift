import Foundation

/// The keywords most HAProxy lines start with, recognised on the bytes of a line: the parser takes
/// their name from here instead of making a string of the bytes (a string made from bytes was a
/// sixth of the parse), and knows without comparing again whether a name opens a section.
/// Other names are read as written; the table only spares work.
enum HAProxyKeywordNames {
    /// A keyword of the table: its name (a literal, which costs nothing to copy), whether it
    /// opens a section and whether that section needs a name (`HAProxyParser.namedSections`).
    struct Entry {
        let name: String
        let opensSection: Bool
        let needsName: Bool
    }

    /// The keyword written in `bytes`, `nil` when it is not in the table.
    static func entry(_ bytes: UnsafeBufferPointer<UInt8>) -> Entry? {
        table.entry(bytes)
    }

    /// The section keywords (`HAProxyParser.sectionKeywords`).
    static let sections = ["global", "defaults", "frontend", "backend", "listen", "peers", "resolvers", "userlist", "cache", "program",
                           "http-errors", "ring", "mailers", "fcgi-app", "log-forward", "crt-store", "traces", "acme", "namespace_list"]

    /// Keywords of the sections that hold most lines (HAPDOC §3, §4).
    static let lineKeywords = [
        "acl", "bind", "server", "http-request", "http-response", "http-after-response", "use_backend", "default_backend", "timeout",
        "option", "no", "default", "mode", "balance", "cookie", "maxconn", "log", "stats", "tcp-request", "tcp-response", "http-check",
        "redirect", "errorfile", "default-server", "hash-type", "retries", "http-reuse", "compression", "capture", "monitor-uri",
        "daemon", "user", "group", "nbthread", "chroot", "pidfile", "description", "log-format", "unique-id-format", "unique-id-header",
        "use-server", "server-template", "filter", "email-alert", "fullconn", "stick-table", "stick", "ssl-default-bind-options",
        "ssl-default-bind-ciphers", "ssl-default-bind-ciphersuites", "ssl-default-server-options", "tune.ssl.default-dh-param",
        "tune.bufsize", "stats-file", "nameserver", "peer", "total-max-size", "max-age", "dispatch", "source",
    ]

    private static let table = Table(sections.map { ($0, true) } + lineKeywords.map { ($0, false) })

    /// The names' bytes one after the other, found by a hash of their length and first and last
    /// bytes (open addressing): an array of arrays of names cost more to walk than the string it spared.
    private final class Table: Sendable {
        private let bytes: [UInt8]
        /// Where each entry's bytes start in `bytes`; one more for the end of the last.
        private let starts: [Int]
        private let entries: [Entry]
        /// Entry indices by hash, -1 for an empty slot.
        private let slots: [Int16]
        private static let slotMask = 255

        init(_ names: [(String, Bool)]) {
            var bytes: [UInt8] = [], starts: [Int] = [], entries: [Entry] = []
            var slots = [Int16](repeating: -1, count: Table.slotMask + 1)
            for (name, opensSection) in names {
                let utf8 = Array(name.utf8)
                var slot = Table.hash(utf8.count, utf8[0], utf8[utf8.count - 1])
                var duplicate = false
                while slots[slot] >= 0 {
                    if entries[Int(slots[slot])].name == name { duplicate = true; break }
                    slot = (slot + 1) & Table.slotMask
                }
                guard !duplicate else { continue }
                slots[slot] = Int16(entries.count)
                starts.append(bytes.count)
                bytes += utf8
                entries.append(Entry(name: name, opensSection: opensSection,
                                     needsName: opensSection && HAProxyParser.namedSections.contains(name)))
            }
            precondition(entries.count < Table.slotMask / 2, "keep the table at most half full")
            starts.append(bytes.count)
            self.bytes = bytes
            self.starts = starts
            self.entries = entries
            self.slots = slots
        }

        @inline(__always) private static func hash(_ count: Int, _ first: UInt8, _ last: UInt8) -> Int {
            (count &* 37 &+ Int(first) &* 7 &+ Int(last) &* 3) & slotMask
        }

        func entry(_ candidate: UnsafeBufferPointer<UInt8>) -> Entry? {
            let count = candidate.count
            guard count > 0, let base = candidate.baseAddress else { return nil }
            var slot = Table.hash(count, base[0], base[count - 1])
            return bytes.withUnsafeBufferPointer { stored in
                while true {
                    let index = Int(slots[slot])
                    if index < 0 { return nil }
                    let start = starts[index]
                    if starts[index + 1] - start == count, memcmp(stored.baseAddress! + start, base, count) == 0 { return entries[index] }
                    slot = (slot + 1) & Table.slotMask
                }
            }
        }
    }
}
