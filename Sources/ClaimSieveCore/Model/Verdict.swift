/// How an editor should treat a claim. Raw values are part of the output contract.
public enum Verdict: String, Sendable, Codable, CaseIterable, Comparable {
    /// Stated as fact with no uncertainty cue, or explicitly confirmed.
    case confirmed
    /// On the record from a named person, organisation or outlet.
    case attributed
    /// Hearsay, an unnamed source, social media, speculation, or explicitly unconfirmed.
    case unverified
    /// Not judged: the document is in a language the pipeline has no lexicon for (or its language
    /// could not be told), so no cue could be seen; `Claim.context` names the language. Never
    /// counted as confirmed.
    case notJudged = "not_judged"

    /// The three verdicts the rules decide, in order of uncertainty: what `claimsieve eval`
    /// scores and a labelled file may name.
    public static let judged: [Verdict] = [.confirmed, .attributed, .unverified]

    /// False only for `notJudged`.
    public var isJudged: Bool { self != .notJudged }

    /// Higher is less certain; reports list the least certain first. A claim not judged is the
    /// least certain of all: nothing is known of it.
    public var uncertainty: Int {
        switch self {
        case .confirmed: 0
        case .attributed: 1
        case .unverified: 2
        case .notJudged: 3
        }
    }

    /// Orders by uncertainty: `confirmed` < `attributed` < `unverified` < `notJudged`, so `max` is the least certain.
    public static func < (lhs: Verdict, rhs: Verdict) -> Bool { lhs.uncertainty < rhs.uncertainty }
}
