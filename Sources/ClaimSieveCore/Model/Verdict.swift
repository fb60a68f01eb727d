/// How an editor should treat a claim. Raw values are part of the output contract.
public enum Verdict: String, Sendable, Codable, CaseIterable, Comparable {
    /// Stated as fact with no uncertainty cue, or explicitly confirmed.
    case confirmed
    /// On the record from a named person, organisation or outlet.
    case attributed
    /// Hearsay, an unnamed source, social media, speculation, or explicitly unconfirmed.
    case unverified

    /// Higher is less certain; reports list the least certain first.
    public var uncertainty: Int {
        switch self {
        case .confirmed: 0
        case .attributed: 1
        case .unverified: 2
        }
    }

    /// Orders by uncertainty: `confirmed` < `attributed` < `unverified`, so `max` is the least certain.
    public static func < (lhs: Verdict, rhs: Verdict) -> Bool { lhs.uncertainty < rhs.uncertainty }
}
