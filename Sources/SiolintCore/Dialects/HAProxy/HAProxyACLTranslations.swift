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

    /// The translations kept of the last proxy that had them, by the definition's position in its
    /// proxy: a proxy mostly repeats the ACLs of the one before it in the same order, and comparing
    /// with that one's words costs less than hashing them.
    /// `nil` at the positions of untranslatable ones.
    private var recent: [(key: Key, condition: RequestCondition)?] = []

    /// The translation of `words`, the definition at `position` in its proxy, made by `translate`
    /// the first time.
    func translation(of words: Slice<WordList>, httpMode: Bool, position: Int,
                     _ translate: (Slice<WordList>) -> RequestCondition) -> RequestCondition {
        if position < recent.count, let (key, condition) = recent[position], key.httpMode == httpMode, Self.sameValues(key.words, words) {
            return condition
        }
        let key = Key(words: words, httpMode: httpMode)
        let condition: RequestCondition
        if let known = known[key] {
            condition = known
        } else {
            condition = translate(words)
            if case .unknown = condition { return condition }
            known[key] = condition
        }
        while recent.count <= position { recent.append(nil) }
        recent[position] = (key, condition)
        return condition
    }

    private static func sameValues(_ a: Slice<WordList>, _ b: Slice<WordList>) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.value == $1.value }
    }
}
