/// ACL definitions already translated into conditions, shared by the proxies of one
/// configuration while its model is built. Large configurations repeat the same ACLs in every
/// frontend (`acl is_sio path_beg /socket.io/`): each translation cost thousands of instructions
/// and made boxes the model kept once per frontend.
///
/// A translation depends only on the definition's words and the mode (`HAProxyConditions.criterion`).
/// Untranslatable ones (`.unknown`, described with their own words, like `hdr(host) -i a.example`)
/// are not kept: they are seldom repeated, and the table would hold one per frontend.
final class HAProxyACLTranslations {
    private struct Key: Hashable {
        let words: [String]
        let httpMode: Bool
    }

    private var known: [Key: RequestCondition] = [:]

    /// The translation of `words`, made by `translate` the first time.
    func translation(of words: [Word], httpMode: Bool, _ translate: ([Word]) -> RequestCondition) -> RequestCondition {
        let key = Key(words: words.map(\.value), httpMode: httpMode)
        if let condition = known[key] { return condition }
        let condition = translate(words)
        if case .unknown = condition { return condition }
        known[key] = condition
        return condition
    }
}
