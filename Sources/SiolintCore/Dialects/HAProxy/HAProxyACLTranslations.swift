/// ACL definitions already translated into conditions, shared by the proxies of one
/// configuration while its model is built. Large configurations repeat the same ACLs in every
/// frontend (`acl is_sio path_beg /socket.io/`): each translation cost thousands of instructions
/// and made boxes the model kept once per frontend.
///
/// A translation depends only on the definition's words and the mode (`HAProxyConditions.criterion`).
/// Untranslatable ones (`.unknown`, described with their own words, like `hdr(host) -i a.example`)
/// are not kept: they are seldom repeated, and the table would hold one per frontend.
final class HAProxyACLTranslations {
    /// The definition's words, compared and hashed by their values only: the words themselves
    /// are the definition line's, where an array of their values was made for every lookup.
    private struct Key: Hashable {
        let words: Slice<WordList>
        let httpMode: Bool

        static func == (a: Key, b: Key) -> Bool {
            a.httpMode == b.httpMode && sameValues(a.words, b.words)
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(httpMode)
            hasher.combine(words.count)
            for word in words { hasher.combine(word.value) }
        }
    }

    private var known: [Key: RequestCondition] = [:]
    /// What each fetch read so far tests (`HAProxyConditions.subject`): untranslatable ACLs are
    /// translated again for every proxy, and most of them read a header (`hdr(host)`).
    private var subjects: [String: (HAProxyConditions.Subject, String)?] = [:]

    /// `HAProxyConditions.subject(fetch)`, read once per configuration.
    func subject(_ fetch: String) -> (HAProxyConditions.Subject, String)? {
        if let known = subjects[fetch] { return known }
        let subject = HAProxyConditions.subject(fetch)
        subjects[fetch] = .some(subject)
        return subject
    }

    /// The definitions seen last at each position of a proxy, and their translations (`nil` for
    /// an untranslatable one): a proxy mostly repeats the ACLs of the one before it in the same
    /// order, and comparing with that one's words costs less than hashing them.
    private var recent: [(key: Key, condition: RequestCondition?)?] = []

    /// The translation of `words`, the definition at `position` in its proxy, made by `translate`
    /// the first time.
    func translation(of words: Slice<WordList>, httpMode: Bool, position: Int,
                     _ translate: (Slice<WordList>) -> RequestCondition) -> RequestCondition {
        var translated: RequestCondition?
        if position < recent.count, let (key, condition) = recent[position], key.httpMode == httpMode {
            if let condition {
                if Self.sameValues(key.words, words) { return condition }
            } else if Self.sameFetch(key.words, words) {
                // The fetch of an untranslatable definition at this place in the proxy before (the
                // Host ACL of every frontend): translated first, as it is most likely
                // untranslatable again, without hashing its words to look for a kept one.
                let condition = translate(words)
                if case .unknown = condition { return condition }
                translated = condition
            }
        }
        let key = Key(words: words, httpMode: httpMode)
        let condition: RequestCondition
        if let known = known[key] {
            condition = known
        } else {
            condition = translated ?? translate(words)
            while recent.count <= position { recent.append(nil) }
            if case .unknown = condition {
                recent[position] = (key, nil)
                return condition
            }
            known[key] = condition
        }
        while recent.count <= position { recent.append(nil) }
        recent[position] = (key, condition)
        return condition
    }

    private static func sameFetch(_ a: Slice<WordList>, _ b: Slice<WordList>) -> Bool {
        guard let first = a.first, let other = b.first else { return false }
        return first.value == other.value
    }

    private static func sameValues(_ a: Slice<WordList>, _ b: Slice<WordList>) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.value == $1.value }
    }
}
