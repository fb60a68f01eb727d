/// Expands `{lemma}` in lexicon phrases to its forms (say → say, says, said, saying).
///
/// Irregular verbs come from the lexicon's `inflections:` table; everything else follows the
/// regular English spelling rules, so an editor writes `{confirm}` once instead of four entries.
struct Inflector: Sendable {
    let irregular: [String: [String]]

    func forms(of lemma: String) -> [String] {
        if let listed = irregular[lemma] { return listed }
        return Self.regularForms(of: lemma)
    }

    static func regularForms(of lemma: String) -> [String] {
        let bytes = Array(lemma.utf8)
        guard let last = bytes.last else { return [] }
        let vowels: Set<UInt8> = Set("aeiou".utf8)
        let beforeLast = bytes.count >= 2 ? bytes[bytes.count - 2] : 0
        var third = lemma + "s"
        var past = lemma + "ed"
        var progressive = lemma + "ing"
        if lemma.hasSuffix("s") || lemma.hasSuffix("x") || lemma.hasSuffix("z") || lemma.hasSuffix("ch")
            || lemma.hasSuffix("sh")
        {
            third = lemma + "es"
        }
        if last == UInt8(ascii: "y"), !vowels.contains(beforeLast) {
            let stem = String(lemma.dropLast())
            third = stem + "ies"
            past = stem + "ied"
        }
        if last == UInt8(ascii: "e") {
            past = lemma + "d"
            if !lemma.hasSuffix("ee") { progressive = String(lemma.dropLast()) + "ing" }
        }
        return [lemma, third, past, progressive]
    }
}
