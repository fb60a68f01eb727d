import ClaimSieveCore
import Foundation

/// `report.md`: the same view as `report.html` for e-mail, chat or a terminal, rendered by the
/// `md-*` templates from the same contexts (`ReportView`), claims streamed from the spill.
final class MarkdownReport {
    let view: ReportView
    let claims: ClaimSpill
    let templates: ReportTemplates
    /// The fast path's scratch buffer, reused for every claim.
    private var bytes: [UInt8] = []
    private var scoreWords = ReportView.ScoreWordsCache()

    /// A folder for the lists' files while the report is written (`sections`).
    let scratch: String

    init(view: ReportView, claims: ClaimSpill, templates: ReportTemplates, scratch: String) {
        self.view = view
        self.claims = claims
        self.templates = templates
        self.scratch = scratch
    }

    /// Writes the report to `md` section by section.
    func render(to md: ReportOutput) throws {
        let notJudged = view.summary.verdicts[Verdict.notJudged.rawValue] ?? 0
        let fresh = try claims.count(.freshChanges(nil))
        let groups = try claims.groupCount()
        var page = try view.page(sections: [], newCount: try claims.count(.freshChange("new")),
                                 updatedCount: try claims.count(.freshChange("updated")), groups: groups,
                                 documentChoices: templates.pagesUsingDocumentChoices.contains("md-page"))
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
            page["documents"] = try view.documentContexts()
        }
        try templates.frame("md-page", page, marker: "sections", optional: "documentRows").write(to: md) { marker in
            if marker == "sections" {
                try sections(fresh: fresh, groups: groups, notJudged: notJudged, to: md)
            } else {
                try DocumentRows(view: view, templates: templates).write(html: false, to: md)
            }
        }
    }

    /// One list of claims of the report (the new claims of one verdict, the statements of one
    /// verdict by document, the other claims by document), filled in the one reading of the
    /// spill into a file of its own in `scratch`, then copied into the report in its place.
    private final class Part {
        let selection: ClaimSpill.Selection
        /// The by-document lists head each document's claims; "New since the last run" names the
        /// document in each entry instead.
        let byDocument: Bool
        let path: String
        let out: ReportOutput
        /// The document of the entry written last (by-document lists).
        var last: String?

        init(_ selection: ClaimSpill.Selection, byDocument: Bool, path: String) throws {
            self.selection = selection
            self.byDocument = byDocument
            self.path = path
            out = try ReportOutput(path: path, flushBytes: 256 << 10)
        }
    }

    /// The sections of claims, where the page has `{{{sections}}}`.
    ///
    /// The spill is read once: each claim goes to every list that selects it (`Part`), each
    /// list into its own file, and the files are copied into the report in section order.
    /// Reading the spill once per list (up to nine) was most of the time `report.md` took.
    private func sections(fresh: Int, groups: Int, notJudged: Int, to md: ReportOutput) throws {
        var verdicts: [Verdict] = [.unverified, .attributed, .confirmed]
        if notJudged > 0 { verdicts.append(.notJudged) }
        let freshVerdicts = Verdict.judged.sorted(by: >)
        var parts: [Part] = []
        defer { for part in parts { try? FileManager.default.removeItem(atPath: part.path) } }
        func part(_ selection: ClaimSpill.Selection, byDocument: Bool) throws -> Part? {
            guard try claims.count(selection) > 0 else { return nil }
            let made = try Part(selection, byDocument: byDocument, path: scratch + "/report.md.part\(parts.count)")
            parts.append(made)
            return made
        }
        let freshParts = try freshVerdicts.map { try part(.freshChanges($0), byDocument: false) }
        let verdictParts = try verdicts.map { try part(.statements($0), byDocument: true) }
        let otherPart = try part(.nonStatements, byDocument: true)
        if !parts.isEmpty {
            try forEachClaim { row in
                guard let tested = row.tested else { return }
                for part in parts where ClaimSpill.selects(part.selection, tested) {
                    var heading: Bool?
                    if part.byDocument, row.doc != part.last {
                        heading = part.last == nil
                        part.last = row.doc
                    }
                    try claim(row, showDocument: !part.byDocument, heading: heading, to: part.out)
                }
            }
            for part in parts { try part.out.close() }
        }

        let nothingNew = view.previousRun.map { "Nothing is new since the last run (\($0))." }
            ?? "No earlier run is recorded, so nothing is marked new."
        try section(title: "New since the last run", count: fresh,
                    note: fresh > 0 ? "New claims and claims whose verdict changed since the last report, least certain first." : nil,
                    empty: fresh == 0 ? nothingNew : nil, to: md) {
            for part in freshParts.compactMap({ $0 }) { try md.append(fileAt: part.path) }
        }
        for (verdict, part) in zip(verdicts, verdictParts) {
            let (heading, note) = ReportView.verdictHeadings[verdict]!
            try section(title: heading, count: try claims.count(.statements(verdict)), note: verdict == .notJudged ? note : nil,
                        empty: nil, to: md) {
                if let part { try md.append(fileAt: part.path) }
            }
        }
        if groups > 0 {
            try section(title: "Claims across documents", count: groups,
                        note: "One entry per claim carried by two documents or more.", empty: nil, to: md) {
                if templates.shippedMarkdownGroup {
                    try claims.forEachGroupMembers(shown: ReportView.groupMembersShown) { first, members, more, mixed in
                        bytes.removeAll(keepingCapacity: true)
                        try MarkdownFastPath.group(first: first, members: members, more: more, mixed: mixed, view: view, to: &bytes)
                        md.append(bytes: bytes)
                        try md.flushIfFull()
                    }
                } else {
                    try claims.forEachGroup { records in
                        md += templates.render("md-group", try view.group(records, html: false))
                        try md.flushIfFull()
                    }
                }
            }
        }
        if let otherPart {
            try section(title: "Questions, instructions and exclamations", count: try claims.count(.nonStatements),
                        note: "Not statements of fact, so in none of the lists above.", empty: nil, to: md) {
                try md.append(fileAt: otherPart.path)
            }
        }
    }

    /// Every claim as its pieces while `md-claim` is the shipped template (`MarkdownFastPath`
    /// made them), else as its record for the engine.
    private func forEachClaim(_ body: (ClaimSpill.Row) throws -> Void) throws {
        if templates.shippedMarkdownClaim {
            try claims.forEachRow(.all, recordFor: view.duplicated, groupIDs: false, body)
        } else {
            try claims.forEachEntry(.all) { record, fresh in
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
            try MarkdownFastPath.claim(record, view: view, fresh: fresh, showDocument: showDocument, heading: heading,
                                   words: &scoreWords, to: &bytes)
            md.append(bytes: bytes)
        } else {
            var context = try view.claim(record, fresh: fresh, html: false, showDocument: showDocument)
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
