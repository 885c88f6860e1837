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
            a.httpMode == b.httpMode && a.words.count == b.words.count && zip(a.words, b.words).allSatisfy { $0.value == $1.value }
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

    /// The translation of `words`, made by `translate` the first time.
    func translation(of words: Slice<WordList>, httpMode: Bool, _ translate: (Slice<WordList>) -> RequestCondition) -> RequestCondition {
        let key = Key(words: words, httpMode: httpMode)
        if let condition = known[key] { return condition }
        let condition = translate(words)
        if case .unknown = condition { return condition }
        known[key] = condition
        return condition
    }
}
