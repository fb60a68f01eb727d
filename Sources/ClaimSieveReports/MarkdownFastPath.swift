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
    static let claimHash: UInt64 = 0xB980_5551_D689_92B7
    static let groupHash: UInt64 = 0x61D1_4C4D_7DAF_801E

    /// The FNV-1a hash of a template's text.
    static func hash(_ text: String) -> UInt64 { FNV1a.hash(text.utf8) }

    /// One claim, as `md-claim` renders `view.claim(record, fresh:, html: false, showDocument:)`;
    /// `heading` is set for the first claim of a document in a by-document list (true for
    /// the list's first document).
    static func claim(_ record: ClaimRecord, view: ReportView, fresh: Bool, showDocument: Bool, heading: Bool?,
                      words: inout ReportView.ScoreWordsCache, to o: inout [UInt8]) throws {
        let facts = try view.document(of: record.doc)?.facts
        let docTitle = record.title ?? facts?.title ?? record.doc
        if let heading {
            if !heading { o.append(0x0A) }
            text("### ", &o); Self.heading(docTitle, doc: record.doc, to: &o)
        }
        head(record, to: &o)
        marks(freshChange: fresh ? HTMLReportData.freshChange(record.change) : nil, previous: record.previousVerdict,
              review: record.review, to: &o)
        text("_ · ", &o)
        if showDocument { document(docTitle, publisher: facts?.publisher, to: &o) }
        body(record, words: words.words(of: record), to: &o)
        tail(corroboration: record.corroboration, review: record.review, to: &o)
        o.append(0x0A)
    }

    /// A document's heading in a by-document list, after `### `.
    static func heading(_ docTitle: String, doc: String, to o: inout [UInt8]) {
        escaped(docTitle, &o); text("\n\n", &o); escaped(doc, &o); text("\n\n", &o)
    }

    /// The claim's text with its cues marked, and its verdict (and kind) up to the marks.
    static func head(_ record: ClaimRecord, to o: inout [UInt8]) {
        text("- ", &o); HTMLText.markdownHighlighted(record.text, cues: record.cues, into: &o); text("  \n  _", &o)
        escaped(ReportView.verdictLabels[record.verdict] ?? record.verdict.rawValue, &o)
        if let kind = record.kind { text(", ", &o); escaped(kind.rawValue, &o) }
    }

    /// New or updated since the last report (`freshChange`), and reviewed.
    static func marks(freshChange: String?, previous: Verdict?, review: Review?, to o: inout [UInt8]) {
        if let change = freshChange {
            text(", ", &o); escaped(change, &o)
            if let previous {
                text(" (was ", &o); escaped(ReportView.verdictLabels[previous] ?? previous.rawValue, &o); text(")", &o)
            }
        }
        if let review {
            text(", reviewed ", &o); escaped(review.verdict.rawValue, &o)
            if review.stale == true { text(" (text changed since)", &o) }
        }
    }

    /// The document, where a list shows it (`showDocument`).
    static func document(_ docTitle: String, publisher: String?, to o: inout [UInt8]) {
        escaped(docTitle, &o)
        if let publisher { text(" (", &o); escaped(publisher, &o); text(")", &o) }
        text(" · ", &o)
    }

    /// Position, score in words, source and context.
    static func body(_ record: ClaimRecord, words: String, to o: inout [UInt8]) {
        text("paragraph ", &o); DecimalBytes.append(record.block &+ 1, to: &o)
        text(", sentence ", &o); DecimalBytes.append(record.sentence &+ 1, to: &o); text(" · ", &o)
        escaped(words, &o)
        if let source = record.source {
            text(" Source: ", &o); escaped(source.text, &o); text(source.named ? " (named)." : " (unnamed).", &o)
        }
        // "Context:" as report.html says it: the context starts lowercase ("the speaker is …"),
        // and after the source's full stop it must not start a sentence.
        if let context = record.context { text(" Context: ", &o); escaped(context, &o); text(".", &o) }
    }

    /// Corroboration and the editor's decision, before the newline.
    static func tail(corroboration: Corroboration?, review: Review?, to o: inout [UInt8]) {
        if let c = corroboration {
            let others = c.documents - 1
            text(" Also in ", &o); DecimalBytes.append(others, to: &o)
            text(others != 1 ? " other documents (" : " other document (", &o); DecimalBytes.append(c.sources, to: &o)
            text(c.sources != 1 ? " independent sources)" : " independent source)", &o)
            text(c.contradicted ? ", contradicted." : ".", &o)
        }
        if let review {
            text(" Editor: ", &o); escaped(review.verdict.rawValue, &o)
            if let by = review.by { text(" by ", &o); escaped(by, &o) }
            text(" on ", &o); escaped(review.at, &o)
            if let note = review.note { text(": “", &o); escaped(note, &o); text("”", &o) }
            text(".", &o)
        }
    }

    /// One group, as `md-group` renders `view.group(records, html: false)`: its first
    /// `ReportView.groupMembersShown` claims, and how many more.
    static func group(_ records: [ClaimRecord], view: ReportView, to o: inout [UInt8]) throws {
        let shown = records.prefix(ReportView.groupMembersShown)
        try group(first: records[0], members: shown.map { ClaimSpill.GroupMember(verdict: $0.verdict, doc: $0.doc, title: $0.title) },
                  more: records.count - shown.count, mixed: records.contains { $0.verdict != records[0].verdict },
                  view: view, to: &o)
    }

    /// One group from its first claim, what is shown of its first members and how many more it
    /// has (`ClaimSpill.forEachGroupMembers`), and whether their verdicts differ. A member's
    /// document title and publisher come with it (`GroupMember`), except when its position is
    /// unknown or its id is shared by several documents (the last one's are shown).
    static func group(first: ClaimRecord, members: [ClaimSpill.GroupMember], more: Int, mixed: Bool,
                      view: ReportView, to o: inout [UInt8]) throws {
        let corroboration = first.corroboration
        let documents = corroboration?.documents ?? (members.count + more)
        let sources = corroboration?.sources ?? 0
        text("- ", &o); HTMLText.markdownHighlighted(first.text, cues: first.cues, into: &o)
        text("  \n  _", &o); DecimalBytes.append(documents, to: &o); text(" documents, ", &o)
        DecimalBytes.append(sources, to: &o); text(sources != 1 ? " independent sources" : " independent source", &o)
        if corroboration?.contradicted == true { text(", contradicted", &o) }
        if mixed { text(", verdicts differ", &o) }
        text("_\n", &o)
        for record in members {
            var documentTitle = record.documentTitle, publisher = record.publisher
            if record.position < 0 || view.duplicated.contains(record.doc) {
                let facts = try view.document(of: record.doc)?.facts
                documentTitle = facts?.title
                publisher = facts?.publisher
            }
            text("  - ", &o); o.append(contentsOf: Self.escapedLabels[Self.labelIndex(record.verdict)]); text(": ", &o)
            escaped(record.title ?? documentTitle ?? record.doc, &o)
            if let publisher { text(" (", &o); escaped(publisher, &o); text(")", &o) }
            o.append(0x0A)
        }
        if more > 0 { text("  - … and ", &o); DecimalBytes.append(more, to: &o); text(" more\n", &o) }
    }

    /// Each verdict's label (`ReportView.verdictLabels`) escaped once, in `labelIndex` order: a
    /// group lists up to ten members, and looking each label up and escaping it was a fifth of
    /// a group's entry.
    private static let escapedLabels: [[UInt8]] = {
        var labels = [[UInt8]](repeating: [], count: Verdict.allCases.count)
        for verdict in Verdict.allCases {
            escaped(ReportView.verdictLabels[verdict] ?? verdict.rawValue, &labels[labelIndex(verdict)])
        }
        return labels
    }()

    @inline(__always) private static func labelIndex(_ verdict: Verdict) -> Int {
        switch verdict {
        case .confirmed: 0
        case .attributed: 1
        case .unverified: 2
        case .notJudged: 3
        }
    }

    @inline(__always) private static func text(_ string: StaticString, _ o: inout [UInt8]) {
        o.append(literal: string)
    }

    @inline(__always) private static func escaped(_ string: String, _ o: inout [UInt8]) {
        HTMLText.markdownEscape(string, into: &o)
    }
}
