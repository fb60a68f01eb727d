public import ClaimSieveCore

/// Tags and judges lone sentences, as `claimsieve tag` and `claimsieve eval` need: one sentence in,
/// a claim with cues, source, verdict and score out. Consecutive sentences given to `analyze(_:)`
/// in one call are treated as one document, so context rules (a quote after its speaker) apply.
/// (Stub.)
public struct SentenceAnalyzer: Sendable {
    /// Loads the lexicon files (the built-in English lexicon when empty).
    public init(lexiconPaths: [String] = []) throws {}

    /// One claim per sentence, in order.
    public func analyze(_ sentences: [String]) -> [Claim] {
        sentences.enumerated().map { Claim(id: "", block: 0, sentence: $0.offset, text: $0.element, verdict: .confirmed, score: 0.5) }
    }
}
