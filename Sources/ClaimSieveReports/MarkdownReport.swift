import ClaimSieveCore

/// `report.md`: the same view as `report.html` for e-mail, chat or a terminal, rendered by the
/// `md-*` templates from the same contexts (`ReportView`), claims streamed from the spill.
final class MarkdownReport {
    let view: ReportView
    let claims: ClaimSpill
    let templates: ReportTemplates
    /// The fast path's scratch buffer, reused for every claim.
    private var bytes: [UInt8] = []
    private var scoreWords = ReportView.ScoreWordsCache()

    init(view: ReportView, claims: ClaimSpill, templates: ReportTemplates) {
        self.view = view
        self.claims = claims
        self.templates = templates
    }

    /// Writes the report to `md` section by section.
    func render(to md: ReportOutput) throws {
        let notJudged = view.summary.verdicts[Verdict.notJudged.rawValue] ?? 0
        let fresh = try claims.count(.freshChanges(nil))
        let groups = try claims.groupCount()
        var page = view.page(sections: [], newCount: try claims.count(.freshChange("new")),
                             updatedCount: try claims.count(.freshChange("updated")), groups: groups)
        page["failures"] = view.model.failures.map { ["doc": $0.doc, "stage": $0.stage, "reason": $0.reason] }
        page["hasFailures"] = view.summary.failed > 0
        page["failedCount"] = view.summary.failed
        page["hasGone"] = !view.model.gone.isEmpty
        page["goneCount"] = view.model.gone.count
        page["gone"] = view.model.gone.map { ["text": $0.text, "doc": $0.doc, "verdict": $0.verdict.rawValue] }
        page["hasNotProcessed"] = !view.model.notProcessed.isEmpty
        page["notProcessedCount"] = view.model.notProcessed.count
        page["notProcessed"] = view.model.notProcessed.map { ["path": $0.path, "reason": $0.reason.rawValue] }
        if templates.pagesListingDocuments.contains("md-page") {
            page["documents"] = view.model.documents.enumerated().map { view.document($0.element, index: $0.offset) }
        }
        try templates.frame("md-page", page, marker: "sections", optional: "documentRows").write(to: md) { marker in
            if marker == "sections" {
                try sections(fresh: fresh, groups: groups, notJudged: notJudged, to: md)
            } else {
                try DocumentRows(view: view, templates: templates).write(html: false, to: md)
            }
        }
    }

    /// The sections of claims, where the page has `{{{sections}}}`.
    private func sections(fresh: Int, groups: Int, notJudged: Int, to md: ReportOutput) throws {
        let nothingNew = view.previousRun.map { "Nothing is new since the last run (\($0))." }
            ?? "No earlier run is recorded, so nothing is marked new."
        try section(title: "New since the last run", count: fresh,
                    note: fresh > 0 ? "New claims and claims whose verdict changed since the last report, least certain first." : nil,
                    empty: fresh == 0 ? nothingNew : nil, to: md) {
            for verdict in Verdict.judged.sorted(by: >) {
                try forEachClaim(.freshChanges(verdict)) { row in
                    try claim(row, showDocument: true, heading: nil, to: md)
                }
            }
        }
        var verdicts: [Verdict] = [.unverified, .attributed, .confirmed]
        if notJudged > 0 { verdicts.append(.notJudged) }
        for verdict in verdicts {
            let (heading, note) = ReportView.verdictHeadings[verdict]!
            try byDocument(title: heading, note: verdict == .notJudged ? note : nil, selection: .statements(verdict), to: md)
        }
        if groups > 0 {
            try section(title: "Claims across documents", count: groups,
                        note: "One entry per claim carried by two documents or more.", empty: nil, to: md) {
                try claims.forEachGroup { records in
                    if templates.shippedMarkdownGroup {
                        bytes.removeAll(keepingCapacity: true)
                        MarkdownFastPath.group(records, view: view, to: &bytes)
                        md.append(bytes: bytes)
                    } else {
                        md += templates.render("md-group", view.group(records, html: false))
                    }
                    try md.flushIfFull()
                }
            }
        }
        if try claims.count(.nonStatements) > 0 {
            try byDocument(title: "Questions, instructions and exclamations",
                           note: "Not statements of fact, so in none of the lists above.", selection: .nonStatements, to: md)
        }
    }

    /// A section whose claims are listed under a heading per document.
    private func byDocument(title: String, note: String?, selection: ClaimSpill.Selection, to md: ReportOutput) throws {
        try section(title: title, count: try claims.count(selection), note: note, empty: nil, to: md) {
            var last: String?
            try forEachClaim(selection) { row in
                var heading: Bool?
                if row.doc != last {
                    heading = last == nil
                    last = row.doc
                }
                try claim(row, showDocument: false, heading: heading, to: md)
            }
        }
    }

    /// The selected claims as pieces while `md-claim` is the shipped template (`MarkdownFastPath`
    /// made them), else as records for the engine.
    private func forEachClaim(_ selection: ClaimSpill.Selection, _ body: (ClaimSpill.Row) throws -> Void) throws {
        if templates.shippedMarkdownClaim {
            try claims.forEachRow(selection, recordFor: view.duplicated, body)
        } else {
            try claims.forEachEntry(selection) { record, fresh in
                try body(ClaimSpill.Row(record: record, doc: record.doc, position: -1, fresh: fresh))
            }
        }
    }

    /// One claim from its pieces, else from its record.
    private func claim(_ row: ClaimSpill.Row, showDocument: Bool, heading: Bool?, to md: ReportOutput) throws {
        if let pieces = row.pieces {
            bytes.removeAll(keepingCapacity: true)
            pieces.writeMarkdown(row.holes(position: row.position), showDocument: showDocument, heading: heading, to: &bytes)
            md.append(bytes: bytes)
            try md.flushIfFull()
        } else if let record = row.record {
            try claim(record, fresh: row.fresh, showDocument: showDocument, heading: heading, to: md)
        }
    }

    /// One claim by `MarkdownFastPath`, or by the `md-claim` template when it is not the shipped one.
    private func claim(_ record: ClaimRecord, fresh: Bool, showDocument: Bool, heading: Bool?, to md: ReportOutput) throws {
        if templates.shippedMarkdownClaim {
            bytes.removeAll(keepingCapacity: true)
            MarkdownFastPath.claim(record, view: view, fresh: fresh, showDocument: showDocument, heading: heading,
                                   words: &scoreWords, to: &bytes)
            md.append(bytes: bytes)
        } else {
            var context = view.claim(record, fresh: fresh, html: false, showDocument: showDocument)
            if let heading {
                context["docHeading"] = true
                context["first"] = heading
            }
            md += templates.render("md-claim", context)
        }
        try md.flushIfFull()
    }

    private func section(title: String, count: Int, note: String?, empty: String?, to md: ReportOutput, items: () throws -> Void) throws {
        let context = ReportView.present(["title": title, "n": count, "note": note, "empty": empty])
        let frame = try templates.frame("md-section", context, marker: "items")
        md += frame.before
        try items()
        md += frame.after
        try md.flushIfFull()
    }
}
