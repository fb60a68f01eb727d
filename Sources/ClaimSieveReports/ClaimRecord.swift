public import ClaimSieveCore

/// One line of `claims.jsonl`: a claim with the document facts an editor needs beside it.
///
/// Field names are part of the output contract (DESIGN.md); keys are written sorted, so the file is
/// byte-identical for the same inputs whatever the concurrency.
public struct ClaimRecord: Sendable, Codable, Equatable {
    /// The claim's stable id (16 hex digits, `-N` added for a repeated text); tracks it across runs.
    public var id: String
    /// The document id: the input path, plus `#item-N` for a feed item.
    public var doc: String
    /// The document's title, nil when it has none.
    public var title: String?
    /// The article's canonical address, nil when the page or feed gave none.
    public var url: String?
    /// The claim as written; cue offsets are UTF-8 bytes into it.
    public var text: String
    /// The claim's verdict; `confirmed` when no `verdict` stage ran.
    public var verdict: Verdict
    /// How sure the verdict is, in [0, 1], rounded to two decimals so the file stays stable.
    public var score: Double
    /// The uncertainty cues found in `text`, in text order.
    public var cues: [Cue]
    /// Who the claim is attributed to, nil when no speaker was found.
    public var source: Source?
    /// Block (paragraph) index in the document, from 0.
    public var block: Int
    /// Sentence index in the block, from 0.
    public var sentence: Int
    /// True for the document's headline rather than a sentence of its body.
    public var headline: Bool
    /// Why the verdict comes from another sentence, when it does (see `Claim.context`).
    public var context: String?
    /// Who else in the run carries this claim, when the pipeline has `corroborate`.
    public var corroboration: Corroboration?
    /// `new`, `unchanged` or `updated` since the previous run, when run state is kept.
    public var change: String?
    /// The claim's kind when it is not a statement (question, instruction, exclamation); nil for
    /// a statement, so statements' lines stay as they were.
    public var kind: ClaimKind?
    /// An editor's decision (`claimsieve review`), nil when there is none; written as `review`
    /// only when set, so `claims.jsonl` without decisions is byte-identical to before.
    public var review: Review?
    /// The verdict before this run, for a claim whose `change` is `updated`: the report says
    /// what it was. Kept in the state and the spill, not written to `claims.jsonl`.
    public var previousVerdict: Verdict?

    enum CodingKeys: String, CodingKey {
        case id, doc, title, url, text, verdict, score, cues, source, block, sentence, headline, context
        case corroboration, change, kind, review
    }

    /// Flattens a claim with its document's facts; `change` is set by the state, nil without it.
    public init(claim: Claim, document: Document, change: String? = nil) {
        id = claim.id
        doc = document.id
        title = document.metadata.title
        url = document.metadata.canonicalURL
        text = claim.text
        verdict = claim.verdict ?? .confirmed
        // Two decimals: enough for a reviewer, and no float noise in a file that must be stable.
        // Clamped: a custom stage may send anything, and a non-finite number is not JSON.
        let raw = claim.score ?? 0
        score = raw.isFinite ? (min(max(raw, 0), 1) * 100).rounded() / 100 : 0
        cues = claim.cues
        source = claim.source
        block = min(max(claim.block, 0), Int(Int32.max))
        sentence = min(max(claim.sentence, 0), Int(Int32.max))
        headline = claim.isHeadline
        context = claim.context
        kind = claim.kind == .statement ? nil : claim.kind
        self.change = change
    }
}
