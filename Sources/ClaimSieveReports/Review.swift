/// What an editor may decide about a claim with `claimsieve review --verdict`. `false` is an
/// editor's finding only: the pipeline never calls a claim false.
public enum ReviewVerdict: String, Sendable, Codable, CaseIterable {
    case confirmed, attributed, unverified
    case `false`
}

/// An editor's decision on a claim, as the reports show it and `claims.jsonl` writes it
/// (`review`, absent when the claim has none, so files without decisions stay as they were).
public struct Review: Sendable, Codable, Equatable {
    /// The editor's verdict.
    public var verdict: ReviewVerdict
    /// Why, in the editor's words; nil when none was given.
    public var note: String?
    /// Who decided; nil when not given.
    public var by: String?
    /// When, in ISO 8601 (UTC).
    public var at: String
    /// True when the claim's text changed after the decision: the decision is shown for another
    /// look, not taken as settled. Nil (absent) otherwise.
    public var stale: Bool?
    /// The text as it was reviewed, set with `stale`.
    public var reviewedText: String?

    /// A decision as recorded.
    public init(verdict: ReviewVerdict, note: String? = nil, by: String? = nil, at: String, stale: Bool? = nil, reviewedText: String? = nil) {
        self.verdict = verdict
        self.note = note
        self.by = by
        self.at = at
        self.stale = stale
        self.reviewedText = reviewedText
    }

    enum CodingKeys: String, CodingKey {
        case verdict, note, by, at, stale
        case reviewedText = "reviewed_text"
    }
}

/// The decisions of the run state, by document, attached to claims as they reach the report.
///
/// A decision follows its claim while the claim's text is unchanged (the claim id is made from
/// the document and the text, so the same id and text is the same claim). When a document no
/// longer has the reviewed claim but has a claim at the same paragraph and sentence, that claim's
/// text changed after review: it gets the decision with `stale` set, so the editor looks again.
public struct ReviewBook: Sendable {
    /// One recorded decision with what identifies the claim it was made on.
    public struct Decision: Sendable, Equatable {
        /// The claim id as reviewed.
        public var claim: String
        /// The document id.
        public var doc: String
        /// The claim's text when it was reviewed.
        public var text: String
        /// Where the claim was (paragraph and sentence, from 0), to find it again after an edit.
        public var block: Int
        public var sentence: Int
        /// The decision.
        public var review: Review

        /// A decision on the claim `claim` of `doc`.
        public init(claim: String, doc: String, text: String, block: Int, sentence: Int, review: Review) {
            self.claim = claim
            self.doc = doc
            self.text = text
            self.block = block
            self.sentence = sentence
            self.review = review
        }
    }

    private var byDocument: [String: [Decision]] = [:]
    /// Decisions in the book.
    public private(set) var count = 0

    /// A book of `decisions` (the latest per claim wins when one is given twice).
    public init(_ decisions: [Decision] = []) {
        for decision in decisions {
            var list = byDocument[decision.doc, default: []]
            list.removeAll { $0.claim == decision.claim }
            list.append(decision)
            byDocument[decision.doc] = list
        }
        count = byDocument.values.reduce(0) { $0 + $1.count }
    }

    /// Every decision as text, by document then claim: what a kept spill's key takes from
    /// the book (`BatchRun`), so that a decision recorded since it was kept refuses it.
    public var digestText: String {
        var text = ""
        for doc in byDocument.keys.sorted() {
            for decision in byDocument[doc]!.sorted(by: { $0.claim < $1.claim }) { text += "\(decision)\n" }
        }
        return text
    }

    /// True when no decision is recorded: the run reads no decision at all.
    public var isEmpty: Bool { count == 0 }

    /// Whether a decision is recorded on a claim of document `doc`.
    public func hasDecisions(forDocument doc: String) -> Bool { byDocument[doc] != nil }

    /// Sets `review` on the records of one document (all of `records` have the same `doc`)
    /// that have a decision; returns how many were set.
    @discardableResult
    public func apply(to records: inout [ClaimRecord]) -> Int {
        guard let doc = records.first?.doc, let decisions = byDocument[doc] else { return 0 }
        var applied = 0
        var present: [String: Int] = [:]
        for (index, record) in records.enumerated() { present[record.id] = index }
        for decision in decisions {
            if let index = present[decision.claim], records[index].text == decision.text {
                records[index].review = decision.review
                applied += 1
            } else if let index = records.firstIndex(where: { record in
                record.block == decision.block && record.sentence == decision.sentence && record.review == nil
                    && !decisions.contains { other in other.claim == record.id }
            }) {
                var review = decision.review
                review.stale = true
                review.reviewedText = decision.text
                records[index].review = review
                applied += 1
            }
        }
        return applied
    }
}
