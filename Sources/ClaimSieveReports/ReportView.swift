import ClaimSieveCore
import Foundation

/// The report's view model, one piece at a time: the page's facts (`page`), and the context of
/// one claim, group or document, made as each is read from the spill and dropped once rendered.
/// `report.html` and `report.md` render the same contexts with their own templates, so the two
/// cannot drift apart.
struct ReportView {
    let model: ReportModel
    let summary: RunSummary
    /// Previous report's time, ISO 8601; nil when no earlier run is recorded.
    let previousRun: String?
    /// Each claim's document (position and facts), read from the spill as the claims come.
    let documents: DocumentLookup
    /// Document ids that more than one document has: a claim of such a document is rendered
    /// from its record (its pieces were made with its own document's facts, the view uses the last's).
    let duplicated: Set<String>
    /// Publishers in order of first appearance, and each one's index.
    var publishers: [String] { model.publishers }
    var publisherIndex: [String: Int] { model.publisherIndex }

    /// The view of one report file; `claims` is that file's own reader of the spill.
    init(model: ReportModel, summary: RunSummary, previousRun: String?, claims: ClaimSpill) {
        self.model = model
        self.summary = summary
        self.previousRun = previousRun
        documents = DocumentLookup(spill: claims)
        duplicated = claims.duplicatedDocuments
    }

    /// The position and facts of a claim's document, nil when no document has its id.
    func document(of doc: String) throws -> (position: Int, facts: ReportModel.DocumentFacts)? {
        try documents.document(doc)
    }

    /// Calls `body` with each document's position and facts, in input order.
    func forEachDocument(_ body: (_ position: Int, _ facts: ReportModel.DocumentFacts) throws -> Void) throws {
        try documents.spill.forEachDocumentFacts(body)
    }

    /// Every document's row context (for a page template that lists `{{#documents}}` itself).
    func documentContexts() throws -> [[String: Any]] {
        var rows: [[String: Any]] = []
        try forEachDocument { position, facts in rows.append(document(facts, index: position)) }
        return rows
    }

    static let verdictHeadings: [Verdict: (heading: String, note: String)] = [
        .unverified: ("Unverified claims", "Hearsay, unnamed sources, social media, speculation or explicitly unconfirmed: check before use."),
        .attributed: ("Attributed claims", "On the record from a named source."),
        .confirmed: ("Confirmed claims", "Stated as fact with no uncertainty cue, or explicitly confirmed."),
        .notJudged: ("Not judged", "In a language the pipeline has no lexicon for (named with each claim): its hedges cannot be seen, so these are neither confirmed nor questioned. README, \"Languages\", says how to add one."),
    ]

    /// The page's facts: run times, counts, the table of contents, the filters' choices.
    /// `documentChoices` (every document with claims, a context each) is made only when
    /// `documentChoices` is true: the page that shows them asks for them.
    func page(sections: [(id: String, title: String, count: Int)], newCount: Int, updatedCount: Int,
              groups: Int, documentChoices: Bool = true) throws -> [String: Any] {
        var choices: [[String: Any]] = []
        if documentChoices {
            try forEachDocument { position, facts in
                if facts.claims > 0 { choices.append(["value": position, "label": facts.title ?? facts.id]) }
            }
        }
        // The header counts what the sections list: statements by verdict. Questions,
        // instructions and exclamations (claims with a `kind`) have a verdict too, but are kept
        // out of the verdict lists and counted apart, so the header agrees with the headings.
        var verdicts: [String: Int] = [:]
        for verdict in Verdict.allCases { verdicts[verdict.rawValue] = try documents.spill.count(.statements(verdict)) }
        let others = try documents.spill.count(.nonStatements)
        let notJudged = verdicts[Verdict.notJudged.rawValue] ?? 0
        var counts: [[String: Any]] = [
            ["key": "unverified", "label": "unverified", "n": verdicts["unverified"] ?? 0],
            ["key": "attributed", "label": "attributed", "n": verdicts["attributed"] ?? 0],
            ["key": "confirmed", "label": "confirmed", "n": verdicts["confirmed"] ?? 0],
        ]
        if notJudged > 0 { counts.append(["key": "not_judged", "label": "not judged", "n": notJudged]) }
        if others > 0 { counts.append(["key": "not_statements", "label": "questions, instructions, exclamations", "n": others]) }
        counts.append(["key": "new", "label": "new", "n": newCount])
        counts.append(["key": "updated", "label": "updated", "n": updatedCount])
        counts.append(["key": "gone", "label": "gone", "n": model.gone.count])
        counts.append(["key": "failed", "label": "failed documents", "n": summary.failed])
        counts.append(["key": "reviewed", "label": "reviewed", "n": model.reviewed])
        return [
            "generatedAt": summary.generatedAt,
            "noPreviousRun": previousRun == nil,
            "pipeline": summary.pipeline,
            "documentCount": summary.documents,
            "claimCount": summary.claims,
            "counts": counts,
            "verdictTable": [
                "unverified": verdicts["unverified"] ?? 0, "attributed": verdicts["attributed"] ?? 0,
                "confirmed": verdicts["confirmed"] ?? 0, "failed": summary.failed,
            ],
            "notJudged": notJudged > 0 ? notJudged : 0,
            "hasNotJudged": notJudged > 0,
            "toc": sections.map { ["id": $0.id, "title": $0.title, "n": $0.count] as [String: Any] },
            "verdictChoices": (Verdict.judged.sorted(by: >) + (notJudged > 0 ? [.notJudged] : [])).map {
                ["value": $0.rawValue, "label": $0.rawValue.replacingOccurrences(of: "_", with: " ")]
            },
            "cueChoices": CueCategory.allCases.map { ["value": $0.rawValue, "label": $0.rawValue.replacingOccurrences(of: "_", with: " ")] },
            "documentChoices": choices,
            "publisherChoices": publishers.enumerated().map { ["value": $0.offset, "label": $0.element] as [String: Any] },
            "reviewVerdicts": ReviewVerdict.allCases.map(\.rawValue),
            "groupCount": groups,
            "cueLegend": CueCategory.allCases.map(\.rawValue),
        ].merging(Self.present(["previousRun": previousRun])) { first, _ in first }
    }

    /// One claim. `fresh` says whether its change is since the last report; `html` picks the
    /// pre-rendered highlight form (HTML marks or Markdown bold).
    func claim(_ record: ClaimRecord, fresh: Bool, html: Bool, showDocument: Bool = true) throws -> [String: Any] {
        let found = try document(of: record.doc)
        let position = found?.position
        let facts = found?.facts
        var context: [String: Any] = [
            "id": record.id,
            "anchor": "c\(record.id)-\(position ?? -1)",
            "verdict": record.verdict.rawValue,
            "verdictLabel": Self.verdictLabels[record.verdict] ?? record.verdict.rawValue,
            "highlighted": html ? HTMLText.highlighted(record.text, cues: record.cues) : HTMLText.markdownHighlighted(record.text, cues: record.cues),
            "text": record.text,
            "doc": record.doc,
            "docIndex": position ?? -1,
            "docTitle": record.title ?? facts?.title ?? record.doc,
            "paragraph": record.block &+ 1,
            "sentence": record.sentence &+ 1,
            "block0": record.block,
            "sentence0": record.sentence,
            "score": Self.number(record.score),
            "scoreWords": Self.scoreWords(record),
            "cueCategories": record.cues.isEmpty ? "" : Array(Set(record.cues.map(\.category.rawValue))).sorted().joined(separator: " "),
            "showDocument": showDocument,
            "headline": record.headline,
        ]
        if let url = record.url ?? facts?.url, Self.isWebAddress(url) { context["url"] = url }
        if let publisher = facts?.publisher {
            context["publisher"] = publisher
            context["publisherIndex"] = publisherIndex[publisher] ?? -1
        }
        if let kind = record.kind { context["kind"] = kind.rawValue }
        if fresh, let change = record.change, change == "new" || change == "updated" {
            context["change"] = change
            context["isUpdated"] = change == "updated"
            if let previous = record.previousVerdict { context["previousVerdict"] = Self.verdictLabels[previous] ?? previous.rawValue }
        }
        var reasons: [[String: Any]] = record.cues.map { cue in
            ["kind": "cue", "category": Self.categoryLabels[cue.category] ?? cue.category.rawValue, "text": cue.text,
             "learned": cue.by != nil]
        }
        if let source = record.source {
            reasons.append(["kind": "speaker", "text": source.text, "named": source.named])
        }
        if let contextText = record.context { reasons.append(["kind": "context", "text": contextText]) }
        context["reasons"] = reasons.map { reason -> [String: Any] in
            var reason = reason
            reason[(reason["kind"] as? String ?? "cue")] = true
            return reason
        }
        context["noReasons"] = reasons.isEmpty
        if let corroboration = record.corroboration {
            let others = corroboration.documents - 1
            context["corroboration"] = [
                "others": others, "othersPlural": others != 1, "sources": corroboration.sources,
                "sourcesPlural": corroboration.sources != 1, "contradicted": corroboration.contradicted,
                "group": corroboration.group,
            ] as [String: Any]
            context["group"] = corroboration.group
            if corroboration.contradicted { context["contested"] = true }
        }
        if let review = record.review {
            context["review"] = Self.present([
                "verdict": review.verdict.rawValue, "note": review.note, "by": review.by, "at": review.at,
                "stale": review.stale == true, "reviewedText": review.reviewedText,
            ])
            context["reviewState"] = review.stale == true ? "stale" : review.verdict.rawValue
        }
        return context
    }

    /// One group of claims across documents (every member carries the same content words).
    func group(_ records: [ClaimRecord], html: Bool) throws -> [String: Any] {
        let first = records[0]
        let corroboration = first.corroboration
        let verdicts = Set(records.map(\.verdict))
        let more = records.count - min(records.count, Self.groupMembersShown)
        return [
            "group": corroboration?.group ?? first.id,
            "highlighted": html ? HTMLText.highlighted(first.text, cues: first.cues) : HTMLText.markdownHighlighted(first.text, cues: first.cues),
            "documents": corroboration?.documents ?? records.count,
            "sources": corroboration?.sources ?? 0,
            "sourcesPlural": (corroboration?.sources ?? 0) != 1,
            "contradicted": corroboration?.contradicted ?? false,
            "mixedVerdicts": verdicts.count > 1,
            "verdict": first.verdict.rawValue,
            "verdicts": verdicts.map(\.rawValue).sorted().joined(separator: " "),
            "members": try records.prefix(Self.groupMembersShown).map { try claim($0, fresh: false, html: html) },
            "more": more,
            "moreMembers": more > 0,
        ]
    }

    /// How many of a group's claims `report.md` lists (`md-group`'s `members`; `more` counts
    /// the others): a claim a wire service sent to a hundred sites is one entry with its
    /// count, not a hundred lines of the same title. `report.html` lists them all.
    static let groupMembersShown = 10

    /// One row of the documents table.
    func document(_ facts: ReportModel.DocumentFacts, index: Int) -> [String: Any] {
        var row: [String: Any] = [
            "index": index, "id": facts.id, "title": facts.title ?? "", "format": facts.format.rawValue,
            "language": facts.language ?? "", "claims": facts.claims,
            "unverified": facts.verdicts[.unverified] ?? 0, "attributed": facts.verdicts[.attributed] ?? 0,
            "confirmed": facts.verdicts[.confirmed] ?? 0, "notJudged": facts.verdicts[.notJudged] ?? 0,
            "failed": facts.failure != nil,
        ]
        if let url = facts.url, Self.isWebAddress(url) {
            row["url"] = url
            row["markdownURL"] = Self.percentEncoded(url)
        }
        if let publisher = facts.publisher { row["publisher"] = publisher }
        if let byline = facts.byline { row["byline"] = byline }
        if let published = facts.published { row["published"] = published }
        return row
    }

    /// The context without its nil values: a template tests a key's presence, and a nil in an
    /// `Any` would render as "nil".
    static func present(_ values: [String: Any?]) -> [String: Any] {
        values.compactMapValues { $0 }
    }

    /// Only http(s) addresses become links: a page's canonical URL could be `javascript:`.
    static func isWebAddress(_ url: String) -> Bool {
        // On the bytes, ASCII letters folded: `lowercased()` made a string for each document.
        // With a byte past ASCII among the first nine (a combining mark after "//" makes one
        // character with the "/"), the string test decides, as it did.
        if url.utf8.prefix(9).contains(where: { $0 >= 0x80 }) {
            let lower = url.lowercased()
            return lower.hasPrefix("https://") || lower.hasPrefix("http://")
        }
        var utf8 = url.utf8.makeIterator()
        func next(_ lower: UInt8) -> Bool { utf8.next().map { $0 | 0x20 == lower } ?? false }
        guard next(0x68), next(0x74), next(0x74), next(0x70) else { return false }  // "http"
        guard let byte = utf8.next() else { return false }
        if byte | 0x20 == 0x73 {  // "s"
            return utf8.next() == UInt8(ascii: ":") && utf8.next() == UInt8(ascii: "/") && utf8.next() == UInt8(ascii: "/")
        }
        return byte == UInt8(ascii: ":") && utf8.next() == UInt8(ascii: "/") && utf8.next() == UInt8(ascii: "/")
    }

    /// An address safe inside a Markdown link's `<...>`: every byte but unreserved and a few
    /// delimiters percent-encoded, so no `>`, space or markup can end it early.
    static func percentEncoded(_ url: String) -> String {
        var out: [UInt8] = []
        percentEncoded(url, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// As `percentEncoded(_:)`, appended to `out` (a table lookup a byte).
    static func percentEncoded(_ url: String, into out: inout [UInt8]) {
        for byte in url.utf8 {
            if keptInAddress[Int(byte)] {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            }
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// The bytes `percentEncoded` leaves as they are: ASCII letters, digits and `-._~:/?#@!$&'*+,;=%`.
    private static let keptInAddress: [Bool] = (0..<256).map { value in
        let byte = UInt8(value)
        return (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || "-._~:/?#@!$&'*+,;=%".utf8.contains(byte)
    }

    /// A score (two decimals) as `claims.jsonl` writes it: 0.6, 0.85, 1. No Foundation
    /// formatting: it is called for every claim.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        // Clamped: a command stage may return any score, and `Int(_:)` traps beyond its range.
        let hundredths = Int((min(max(value, -1e12), 1e12) * 100).rounded())
        let whole = hundredths / 100, fraction = abs(hundredths % 100)
        if fraction == 0 { return String(whole) }
        return fraction % 10 == 0 ? "\(whole).\(fraction / 10)" : "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// Names with spaces for underscores ("not judged", "unnamed source"), made once.
    static let verdictLabels = Dictionary(uniqueKeysWithValues: Verdict.allCases.map { ($0, $0.rawValue.replacingOccurrences(of: "_", with: " ")) })
    static let categoryLabels = Dictionary(uniqueKeysWithValues: CueCategory.allCases.map { ($0, $0.rawValue.replacingOccurrences(of: "_", with: " ")) })

    /// `scoreWords` of the claims without cues, each made once: without cues the words depend
    /// only on the verdict, the score and whether a speaker is named, so most claims of a run
    /// share a handful of sentences (the report writers' fast paths ask here first).
    struct ScoreWordsCache {
        private struct Key: Hashable {
            var verdict: Verdict
            var score: Double
            var speaker: Int
        }
        private var known: [Key: Int] = [:]
        /// The sentences made so far, by index.
        private(set) var list: [String] = []

        /// The index in `list` of the record's words; nil when it has cues (its words are its own).
        mutating func index(of record: ClaimRecord) -> Int? {
            guard record.cues.isEmpty else { return nil }
            return index(verdict: record.verdict, score: record.score, speaker: record.source.map { $0.named ? 2 : 1 } ?? 0) {
                ReportView.scoreWords(record)
            }
        }

        /// The index of the words of a claim without cues (speaker: 0 none, 1 unnamed, 2
        /// named), made by `words` the first time: `ClaimPieces` keeps them made.
        mutating func index(verdict: Verdict, score: Double, speaker: Int, words: () -> String) -> Int {
            let key = Key(verdict: verdict, score: score, speaker: speaker)
            if let index = known[key] { return index }
            known[key] = list.count
            list.append(words())
            return list.count - 1
        }

        /// The record's words, from the cache when it has no cues.
        mutating func words(of record: ClaimRecord) -> String {
            index(of: record).map { list[$0] } ?? ReportView.scoreWords(record)
        }
    }

    /// The score in words: what decided it and how strong that is.
    static func scoreWords(_ record: ClaimRecord) -> String {
        let score = number(record.score)
        if record.verdict == .notJudged { return "Score \(score): not judged, so the score says nothing." }
        let uncertain: Set<CueCategory> = [.hearsay, .unnamedSource, .socialMedia, .speculation, .unconfirmed, .weasel]
        // The categories the verdict rules decide by, least certain first (VerdictRules).
        let deciding: [Cue]
        switch record.verdict {
        case .unverified:
            let doubt = record.cues.filter { uncertain.contains($0.category) }
            deciding = doubt.isEmpty ? record.cues.filter { $0.category == .denial || $0.category == .confirmation } : doubt
        case .attributed:
            let denial = record.cues.filter { $0.category == .denial }
            deciding = denial.isEmpty ? record.cues.filter { $0.category == .namedSource } : denial
        case .confirmed: deciding = record.cues.filter { $0.category == .confirmation }
        case .notJudged: deciding = []
        }
        if deciding.isEmpty {
            if record.source != nil {
                return "Score \(score): no cue in the sentence decided it; the speaker (\(record.source!.named ? "named" : "not named")) did, which scores the baseline 0.6."
            }
            return "Score \(score): no cue decided it; a claim stated as fact scores the baseline 0.6, which is not a check of the fact."
        }
        let named = deciding.map { "“\($0.text)” (\(categoryLabels[$0.category] ?? $0.category.rawValue))" }.joined(separator: ", ")
        let strength = record.score >= 0.85 ? "strong" : record.score >= 0.65 ? "fair" : "weak"
        return "Score \(score): decided by \(named); each cue's weight adds to the score (1 − the product of 1 − weight), so \(deciding.count > 1 ? "these cues together are" : "this cue is") \(strength) evidence for the verdict."
    }
}
