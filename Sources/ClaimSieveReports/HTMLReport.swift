import ClaimSieveCore

/// `report.html`: the editor's morning read, rendered by the `html-*` templates. One
/// self-contained file (inline CSS and script, no network), every text escaped by the template.
/// The page's frame and sections come from the templates; the claims are read back from the
/// spill and written as they come into the page's data (`HTMLReportData`), which the page's
/// script lists a hundred entries at a time, so neither the writer's memory nor the browser's
/// work grows with the number of claims shown at once.
struct HTMLReport {
    let view: ReportView
    let claims: ClaimSpill
    let templates: ReportTemplates
    /// Where `claims.jsonl` is written in the same reading of the spill as the page's data; nil
    /// when it is written on its own.
    var alsoLines: ReportOutput? = nil

    /// Writes the report to `out`.
    func render(to out: ReportOutput) throws {
        let notJudged = view.summary.verdicts[Verdict.notJudged.rawValue] ?? 0
        let fresh = try claims.count(.freshChanges(nil))
        let newCount = try claims.count(.freshChange("new"))
        let updatedCount = try claims.count(.freshChange("updated"))
        let groups = try claims.groupCount()
        let others = try claims.count(.nonStatements)
        var verdicts: [Verdict] = [.unverified, .attributed, .confirmed]
        if notJudged > 0 { verdicts.append(.notJudged) }
        var toc: [(id: String, title: String, count: Int)] = [("new", "New since the last run", fresh)]
        if view.summary.failed > 0 { toc.insert(("failures", "Failed documents", view.summary.failed), at: 0) }
        for verdict in verdicts {
            toc.append((verdict.rawValue, ReportView.verdictHeadings[verdict]!.heading, try claims.count(.statements(verdict))))
        }
        if groups > 0 { toc.append(("groups", "Claims across documents", groups)) }
        if others > 0 { toc.append(("not-statements", "Questions, instructions and exclamations", others)) }
        if !view.model.gone.isEmpty { toc.append(("gone", "Gone since the last run", view.model.gone.count)) }
        if !view.model.notProcessed.isEmpty { toc.append(("not-processed", "Not processed", view.model.notProcessed.count)) }
        toc.append(("documents", "Documents", view.model.documentCount))

        // The shipped page's document filter is written where `{{{documentOptions}}}` stands, not
        // through the engine (`ReportTemplates.streamsDocumentOptions`); the contexts are made only
        // when the page still names `documentChoices` elsewhere (an edited page's own list).
        var page = try view.page(sections: toc, newCount: newCount, updatedCount: updatedCount, groups: groups,
                                 documentChoices: templates.pagesUsingDocumentChoices.contains("html-page"))
        page["failures"] = view.model.failures.map { ["doc": $0.doc, "stage": $0.stage, "reason": $0.reason] }
        page["hasFailures"] = view.summary.failed > 0
        page["failedCount"] = view.summary.failed
        page["hasGone"] = !view.model.gone.isEmpty
        page["goneCount"] = view.model.gone.count
        page["hasNotProcessed"] = !view.model.notProcessed.isEmpty
        page["notProcessedCount"] = view.model.notProcessed.count
        page["gone"] = view.model.gone.map { ["text": $0.text, "doc": $0.doc, "verdict": $0.verdict.rawValue] }
        page["notProcessed"] = view.model.notProcessed.map { ["path": $0.path, "reason": $0.reason.rawValue] }
        if templates.pagesListingDocuments.contains("html-page") {
            page["documents"] = try view.documentContexts()
        }
        // The sections are frames (heading, note, an empty list the script fills); the claims
        // and groups go into the page's data (`HTMLReportData`), written where `{{{data}}}` is.
        let nothingNew = view.previousRun.map { "Nothing is new since the last run (\($0))." }
            ?? "No earlier run is recorded, so nothing is marked new (keep state with --reports ROOT or --state FILE)."
        var sections = section(id: "new", title: "New since the last run", count: fresh, note: fresh > 0 ? "New claims and claims whose verdict changed since the last report (\(view.previousRun ?? "none")), least certain first; an updated claim shows its previous verdict." : nil,
                               empty: fresh == 0 ? nothingNew : nil)
        for verdict in verdicts {
            let (heading, note) = ReportView.verdictHeadings[verdict]!
            sections += section(id: verdict.rawValue, title: heading, count: try claims.count(.statements(verdict)), note: note, empty: nil)
        }
        if groups > 0 {
            sections += section(id: "groups", title: "Claims across documents", count: groups,
                                note: "One entry per claim carried by two documents or more, with the number of independent sources; open one to see each document's sentence.", empty: nil)
        }
        if others > 0 {
            sections += section(id: "not-statements", title: "Questions, instructions and exclamations", count: others,
                                note: "Not statements of fact, so in none of the lists above.", empty: nil)
        }
        page["sections"] = sections
        let optional = ["documentRows"] + (templates.streamsDocumentOptions ? [ReportTemplates.documentOptionsMarker] : [])
        try templates.frame("html-page", page, marker: "data", optional: optional).write(to: out) { marker in
            switch marker {
            case "data": try HTMLReportData(view: view, claims: claims, alsoLines: alsoLines).write(to: out)
            case "documentRows": try DocumentRows(view: view, templates: templates).write(html: true, to: out)
            default: try documentOptions(to: out)
            }
        }
    }

    /// The document filter's options as the shipped `html-page` lists `documentChoices`: each
    /// document with claims, by position, its title (its id without one) escaped as `{{label}}`.
    private func documentOptions(to out: ReportOutput) throws {
        var bytes: [UInt8] = []
        try view.forEachDocument { position, facts in
            guard facts.claims > 0 else { return }
            bytes.append(contentsOf: "<option value=\"\(position)\">".utf8)
            HTMLText.escape(facts.title ?? facts.id, into: &bytes)
            bytes.append(literal: "</option>")
            if bytes.count >= 1 << 16 {
                out.append(bytes: bytes)
                bytes.removeAll(keepingCapacity: true)
                try out.flushIfFull()
            }
        }
        out.append(bytes: bytes)
    }

    private func section(id: String, title: String, count: Int, note: String?, empty: String?) -> String {
        templates.render("html-section", ReportView.present(["id": id, "title": title, "n": count, "note": note, "empty": empty]))
    }
}
