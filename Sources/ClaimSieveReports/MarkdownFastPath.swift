import ClaimSieveCore

/// `md-claim.mustache` and `md-group.mustache` rendered without the template engine, for speed:
/// swift-mustache looks every name up through dynamic casts, and a claim's context is a
/// dictionary of some twenty entries built for it; together about 0.13 ms a claim, which made
/// `report.md` 9.6 s of the end of a 72,000-claim run. This writes the same bytes straight from
/// the records.
///
/// It is used only while the loaded template is exactly the shipped one (`claimHash` and
/// `groupHash` are the FNV-1a hashes of their text): an edited or overriding template is always
/// rendered by the engine. `MarkdownFastPathTests` checks that the shipped files have these
/// hashes and that both ways give the same bytes on claims of every kind; change the template,
/// then this, then the hash.
enum MarkdownFastPath {
    static let claimHash: UInt64 = 0xA355_2D74_AF17_CB8C
    static let groupHash: UInt64 = 0xBE4F_9E23_FFF4_BAFA

    /// The FNV-1a hash of a template's text.
    static func hash(_ text: String) -> UInt64 { FNV1a.hash(text.utf8) }

    /// One claim, as `md-claim` renders `view.claim(record, fresh:, html: false, showDocument:)`;
    /// `heading` is set for the first claim of a document in a by-document list (true for
    /// the list's first document).
    static func claim(_ record: ClaimRecord, view: ReportView, fresh: Bool, showDocument: Bool, heading: Bool?,
                      words: inout ReportView.ScoreWordsCache, to o: inout [UInt8]) {
        let facts = view.documentIndex[record.doc].map { view.model.documents[$0] }
        let docTitle = record.title ?? facts?.title ?? record.doc
        if let heading {
            if !heading { o.append(0x0A) }
            text("### ", &o); escaped(docTitle, &o); text("\n\n", &o); escaped(record.doc, &o); text("\n\n", &o)
        }
        text("- ", &o); HTMLText.markdownHighlighted(record.text, cues: record.cues, into: &o); text("  \n  _", &o)
        escaped(ReportView.verdictLabels[record.verdict] ?? record.verdict.rawValue, &o)
        if let kind = record.kind { text(", ", &o); escaped(kind.rawValue, &o) }
        if fresh, let change = record.change, change == "new" || change == "updated" {
            text(", ", &o); escaped(change, &o)
            if let previous = record.previousVerdict {
                text(" (was ", &o); escaped(ReportView.verdictLabels[previous] ?? previous.rawValue, &o); text(")", &o)
            }
        }
        if let review = record.review {
            text(", reviewed ", &o); escaped(review.verdict.rawValue, &o)
            if review.stale == true { text(" (text changed since)", &o) }
        }
        text("_ · ", &o)
        if showDocument {
            escaped(docTitle, &o)
            if let publisher = facts?.publisher { text(" (", &o); escaped(publisher, &o); text(")", &o) }
            text(" · ", &o)
        }
        text("paragraph \(record.block &+ 1), sentence \(record.sentence &+ 1) · ", &o)
        escaped(words.words(of: record), &o)
        if let source = record.source {
            text(" Source: ", &o); escaped(source.text, &o); text(source.named ? " (named)." : " (unnamed).", &o)
        }
        if let context = record.context { text(" ", &o); escaped(context, &o); text(".", &o) }
        if let c = record.corroboration {
            let others = c.documents - 1
            text(" Also in \(others) other document\(others != 1 ? "s" : "") (\(c.sources) independent source\(c.sources != 1 ? "s" : ""))\(c.contradicted ? ", contradicted" : "").", &o)
        }
        if let review = record.review {
            text(" Editor: ", &o); escaped(review.verdict.rawValue, &o)
            if let by = review.by { text(" by ", &o); escaped(by, &o) }
            text(" on ", &o); escaped(review.at, &o)
            if let note = review.note { text(": “", &o); escaped(note, &o); text("”", &o) }
            text(".", &o)
        }
        o.append(0x0A)
    }

    /// One group, as `md-group` renders `view.group(records, html: false)`.
    static func group(_ records: [ClaimRecord], view: ReportView, to o: inout [UInt8]) {
        let first = records[0]
        let corroboration = first.corroboration
        let documents = corroboration?.documents ?? records.count
        let sources = corroboration?.sources ?? 0
        let mixed = records.contains { $0.verdict != first.verdict }
        text("- ", &o); HTMLText.markdownHighlighted(first.text, cues: first.cues, into: &o)
        text("  \n  _\(documents) documents, \(sources) independent source\(sources != 1 ? "s" : "")\(corroboration?.contradicted == true ? ", contradicted" : "")\(mixed ? ", verdicts differ" : "")_\n", &o)
        for record in records {
            let facts = view.documentIndex[record.doc].map { view.model.documents[$0] }
            text("  - ", &o); escaped(ReportView.verdictLabels[record.verdict] ?? record.verdict.rawValue, &o); text(": ", &o)
            escaped(record.title ?? facts?.title ?? record.doc, &o)
            if let publisher = facts?.publisher { text(" (", &o); escaped(publisher, &o); text(")", &o) }
            o.append(0x0A)
        }
    }

    @inline(__always) private static func text(_ string: String, _ o: inout [UInt8]) {
        o.append(contentsOf: string.utf8)
    }

    @inline(__always) private static func escaped(_ string: String, _ o: inout [UInt8]) {
        HTMLText.markdownEscape(string, into: &o)
    }
}
