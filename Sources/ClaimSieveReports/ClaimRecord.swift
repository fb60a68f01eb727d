public import ClaimSieveCore

/// One line of `claims.jsonl`: a claim with the document facts an editor needs beside it.
///
/// Field names are part of the output contract (DESIGN.md); keys are written sorted, so the file is
/// byte-identical for the same inputs whatever the concurrency.
public struct ClaimRecord: Sendable, Codable, Equatable {
    public var id: String
    /// The document id: the input path, plus `#item-N` for a feed item.
    public var doc: String
    public var title: String?
    public var url: String?
    public var text: String
    public var verdict: Verdict
    public var score: Double
    public var cues: [Cue]
    public var source: Source?
    /// Block (paragraph) index in the document, from 0.
    public var block: Int
    /// Sentence index in the block, from 0.
    public var sentence: Int
    public var headline: Bool
    /// Why the verdict comes from another sentence, when it does (see `Claim.context`).
    public var context: String?
    /// `new`, `unchanged` or `updated` since the previous run, when run state is kept.
    public var change: String?

    public init(claim: Claim, document: Document, change: String? = nil) {
        id = claim.id
        doc = document.id
        title = document.metadata.title
        url = document.metadata.canonicalURL
        text = claim.text
        verdict = claim.verdict ?? .confirmed
        // Two decimals: enough for a reviewer, and no float noise in a file that must be stable.
        score = ((claim.score ?? 0) * 100).rounded() / 100
        cues = claim.cues
        source = claim.source
        block = claim.block
        sentence = claim.sentence
        headline = claim.isHeadline
        context = claim.context
        self.change = change
    }
}
