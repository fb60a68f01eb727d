public import ClaimSieveCore

/// The verdict rules, in the order they are tried: the least certain evidence wins.
///
/// 1. Hearsay, an unnamed source, social media, speculation, "unconfirmed" or a weasel word
///    anywhere in the claim → `unverified`.
/// 2. A denial → `attributed` when a named source denies, otherwise `unverified`.
/// 3. A named source (a `named_source` cue) → `attributed`.
/// 4. A confirmation → `confirmed` (by an unnamed confirmer → `unverified`).
/// 5. A speaker inherited from context (a quotation after "…, Jalali said") → `attributed` when
///    named, `unverified` when not.
/// 6. No cue at all → `confirmed`: stated as fact.
///
/// The score says how strong the deciding evidence is: 1 − Π(1 − weight) over the cues that
/// decided it, so two weak hedges weigh more than one; a verdict without a deciding cue scores
/// `baseline`.
public enum VerdictRules {
    /// The categories that make a claim unverified.
    public static let uncertain: Set<CueCategory> = [
        .hearsay, .unnamedSource, .socialMedia, .speculation, .unconfirmed, .weasel,
    ]

    /// The score of a verdict no cue decided (stated as fact, or a speaker from context).
    public static let baseline = 0.6

    /// The verdict and its score for a claim's cues and source.
    public static func decide(cues: [Cue], source: Source?) -> (verdict: Verdict, score: Double) {
        func has(_ category: CueCategory) -> Bool { cues.contains { $0.category == category } }
        let named = source?.named ?? false
        if cues.contains(where: { uncertain.contains($0.category) }) {
            return (.unverified, strength(cues, in: uncertain))
        }
        if has(.denial) {
            return (named ? .attributed : .unverified, strength(cues, in: [.denial]))
        }
        if has(.namedSource) {
            return (.attributed, strength(cues, in: [.namedSource]))
        }
        if has(.confirmation) {
            return (source.map(\.named) == false ? .unverified : .confirmed, strength(cues, in: [.confirmation]))
        }
        if let source {
            return (source.named ? .attributed : .unverified, baseline)
        }
        return (.confirmed, baseline)
    }

    static func strength(_ cues: [Cue], in categories: Set<CueCategory>) -> Double {
        var doubt = 1.0
        for cue in cues where categories.contains(cue.category) {
            doubt *= 1 - min(max(cue.weight ?? 0.7, 0), 1)
        }
        return min(max(1 - doubt, 0), 1)
    }
}
