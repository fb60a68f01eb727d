import ClaimSieveCore

/// `report.html`: the editor's morning read. One self-contained file (inline CSS, no scripts, no
/// external assets), unverified claims first, each cue highlighted and named, every text escaped.
struct HTMLReport {
    let model: ReportModel
    let claims: ClaimSpill
    let summary: RunSummary

    /// Why claims are not judged, under the section's heading (both reports).
    static let notJudgedNote = "In a language the pipeline has no lexicon for (named with each claim): its hedges cannot be seen, so these are neither confirmed nor questioned. README, \"Languages\", says how to add one."

    /// Writes the report to `out` section by section; claims are read back from the spill.
    func render(to out: ReportOutput) throws {
        let notJudged = summary.verdicts[Verdict.notJudged.rawValue] ?? 0
        out += """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>ClaimSieve report — \(HTMLText.escape(summary.generatedAt))</title>
        <style>\(Self.style)</style>
        </head>
        <body>
        <header>
        <h1>ClaimSieve report</h1>
        <p class="meta">Generated \(HTMLText.escape(summary.generatedAt)) · pipeline \(HTMLText.escape(summary.pipeline)) · \(summary.documents) documents · \(summary.claims) claims</p>
        <ul class="counts">
        <li class="unverified"><strong>\(summary.verdicts["unverified"] ?? 0)</strong> unverified</li>
        <li class="attributed"><strong>\(summary.verdicts["attributed"] ?? 0)</strong> attributed</li>
        <li class="confirmed"><strong>\(summary.verdicts["confirmed"] ?? 0)</strong> confirmed</li>
        \(notJudged > 0 ? "<li class=\"not_judged\"><strong>\(notJudged)</strong> not judged</li>\n" : "")        <li class="failed"><strong>\(summary.failed)</strong> failed documents</li>
        </ul>
        </header>
        <main>

        """
        try newSection(to: out)
        out += failuresSection()
        try claimsSection(.unverified, heading: "Unverified claims", note: "Hearsay, unnamed sources, social media, speculation or explicitly unconfirmed: check before use.", open: true, to: out)
        try claimsSection(.attributed, heading: "Attributed claims", note: "On the record from a named source.", open: true, to: out)
        try claimsSection(.confirmed, heading: "Confirmed claims", note: "Stated as fact with no uncertainty cue, or explicitly confirmed.", open: false, to: out)
        if notJudged > 0 {
            try claimsSection(.notJudged, heading: "Not judged", note: Self.notJudgedNote, open: false, to: out)
        }
        try nonStatementsSection(to: out)
        out += goneSection()
        out += notProcessedSection()
        try documentsSection(to: out)
        out += "</main>\n<footer><p>Cue categories: "
        out += CueCategory.allCases.map { "<mark class=\"cue \($0.rawValue)\">\($0.rawValue)</mark>" }.joined(separator: " ")
        out += "</p></footer>\n</body>\n</html>\n"
    }

    /// Claims new or updated since the last report; the ones not confirmed are listed, least
    /// certain first, each verdict in input order.
    private func newSection(to out: ReportOutput) throws {
        let total = try claims.count(.freshChanges(nil))
        guard total > 0 else { return }
        let uncertain = Verdict.judged.filter { $0 != .confirmed }.sorted(by: >)
        let listed = try uncertain.reduce(0) { $0 + (try claims.count(.freshChanges($1))) }
        out += "<section id=\"new\"><h2>New since the last run <span class=\"n\">\(total)</span></h2>\n"
        out += "<p class=\"note\">\(listed) of them are not confirmed.</p>\n<ol class=\"claims\">\n"
        for verdict in uncertain {
            try claims.forEach(.freshChanges(verdict)) { record in
                out += item(record, showDocument: true)
                try out.flushIfFull()
            }
        }
        out += "</ol></section>\n"
    }

    private func failuresSection() -> String {
        let failures = model.failures
        guard !failures.isEmpty else { return "" }
        var html = "<section id=\"failures\"><h2>Failed documents <span class=\"n\">\(failures.count)</span></h2>\n<table><thead><tr><th>Document</th><th>Stage</th><th>Reason</th></tr></thead><tbody>\n"
        for failure in failures {
            html += "<tr><td><code>\(HTMLText.escape(failure.doc))</code></td><td>\(HTMLText.escape(failure.stage))</td><td>\(HTMLText.escape(failure.reason))</td></tr>\n"
        }
        return html + "</tbody></table></section>\n"
    }

    private func notProcessedSection() -> String {
        guard !model.notProcessed.isEmpty else { return "" }
        var html = "<section id=\"not-processed\"><details><summary><h2>Not processed <span class=\"n\">\(model.notProcessed.count)</span></h2></summary>\n<table><thead><tr><th>Path</th><th>Reason</th></tr></thead><tbody>\n"
        for skipped in model.notProcessed {
            html += "<tr><td><code>\(HTMLText.escape(skipped.path))</code></td><td>\(HTMLText.escape(skipped.reason.rawValue))</td></tr>\n"
        }
        return html + "</tbody></table></details></section>\n"
    }

    private func claimsSection(_ verdict: Verdict, heading: String, note: String, open: Bool, to out: ReportOutput) throws {
        let count = try claims.count(.statements(verdict))
        out += "<section id=\"\(verdict.rawValue)\" class=\"\(verdict.rawValue)\"><details\(open ? " open" : "")><summary><h2>\(heading) <span class=\"n\">\(count)</span></h2></summary>\n<p class=\"note\">\(note)</p>\n"
        try claims.forEachDocument(.statements(verdict)) { doc, title, records in
            out += "<article><h3>\(HTMLText.escape(title ?? doc))</h3><p class=\"doc\"><code>\(HTMLText.escape(doc))</code></p>\n<ol class=\"claims\">\n"
            for record in records { out += item(record, showDocument: false) }
            out += "</ol></article>\n"
            try out.flushIfFull()
        }
        out += "</details></section>\n"
    }

    /// Questions, instructions and exclamations: not statements of fact, so in no verdict list.
    private func nonStatementsSection(to out: ReportOutput) throws {
        let count = try claims.count(.nonStatements)
        guard count > 0 else { return }
        out += "<section id=\"not-statements\"><details><summary><h2>Questions, instructions and exclamations <span class=\"n\">\(count)</span></h2></summary>\n<p class=\"note\">Not statements of fact, so in none of the lists above.</p>\n"
        try claims.forEachDocument(.nonStatements) { doc, title, records in
            out += "<article><h3>\(HTMLText.escape(title ?? doc))</h3><p class=\"doc\"><code>\(HTMLText.escape(doc))</code></p>\n<ol class=\"claims\">\n"
            for record in records {
                out += "<li class=\"claim \(record.kind?.rawValue ?? "")\" id=\"c\(HTMLText.escape(record.id))\"><p class=\"text\">\(HTMLText.escape(record.text))</p><p class=\"why\"><span class=\"badge\">\(record.kind?.rawValue ?? "")</span> paragraph \(record.block + 1), sentence \(record.sentence + 1)</p></li>\n"
            }
            out += "</ol></article>\n"
            try out.flushIfFull()
        }
        out += "</details></section>\n"
    }

    private func item(_ record: ClaimRecord, showDocument: Bool) -> String {
        var html = "<li class=\"claim \(record.verdict.rawValue)\" id=\"c\(HTMLText.escape(record.id))\">"
        html += "<p class=\"text\">\(HTMLText.highlighted(record.text, cues: record.cues))</p><p class=\"why\">"
        html += "<span class=\"badge \(record.verdict.rawValue)\">\(record.verdict.rawValue)</span> "
        if let change = record.change, change != "unchanged" { html += "<span class=\"badge change\">\(HTMLText.escape(change))</span> " }
        if showDocument { html += "<code>\(HTMLText.escape(record.doc))</code> · " }
        html += "paragraph \(record.block + 1), sentence \(record.sentence + 1) · score \(record.score)"
        if let source = record.source {
            html += " · source: <q>\(HTMLText.escape(source.text))</q> (\(source.named ? "named" : "unnamed"))"
        }
        if let context = record.context { html += " · \(HTMLText.escape(context))" }
        if let corroboration = record.corroboration {
            html += " · also in \(corroboration.documents - 1) other document\(corroboration.documents == 2 ? "" : "s")"
            html += " (\(corroboration.sources) independent source\(corroboration.sources == 1 ? "" : "s"))"
            if corroboration.contradicted { html += " <span class=\"badge contradicted\">contradicted</span>" }
        }
        if !record.cues.isEmpty {
            let reasons = record.cues.map { "\(HTMLText.escape($0.category.rawValue)): “\(HTMLText.escape($0.text))”" }
            html += " · cues: " + reasons.joined(separator: "; ")
        }
        return html + "</p></li>\n"
    }

    private func goneSection() -> String {
        guard !model.gone.isEmpty else { return "" }
        var html = "<section id=\"gone\"><details><summary><h2>Gone since the last run <span class=\"n\">\(model.gone.count)</span></h2></summary><ol class=\"claims\">\n"
        for record in model.gone {
            html += "<li class=\"claim gone\"><p class=\"text\">\(HTMLText.escape(record.text))</p><p class=\"why\"><code>\(HTMLText.escape(record.doc))</code> · was \(record.verdict.rawValue)</p></li>\n"
        }
        return html + "</ol></details></section>\n"
    }

    private func documentsSection(to out: ReportOutput) throws {
        out += "<section id=\"documents\"><details><summary><h2>Documents <span class=\"n\">\(model.documents.count)</span></h2></summary><table><thead><tr><th>Document</th><th>Title</th><th>Format</th><th>Language</th><th>Claims</th><th>Unverified</th><th>Attributed</th><th>Confirmed</th><th>Not judged</th></tr></thead><tbody>\n"
        for facts in model.documents {
            out += "<tr\(facts.failure == nil ? "" : " class=\"failed\"")><td><code>\(HTMLText.escape(facts.id))</code></td><td>\(HTMLText.escape(facts.title ?? ""))</td><td>\(facts.format.rawValue)</td><td>\(HTMLText.escape(facts.language ?? ""))</td><td>\(facts.claims)</td><td>\(facts.verdicts[.unverified] ?? 0)</td><td>\(facts.verdicts[.attributed] ?? 0)</td><td>\(facts.verdicts[.confirmed] ?? 0)</td><td>\(facts.verdicts[.notJudged] ?? 0)</td></tr>\n"
            try out.flushIfFull()
        }
        out += "</tbody></table></details></section>\n"
    }

    static let style = """
    body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:60rem;padding:1rem 1.5rem;color:#1d1d1f;background:#fff}
    h1{margin:.2rem 0}h2{display:inline;font-size:1.3rem}h3{margin:1rem 0 0;font-size:1.05rem}
    summary{cursor:pointer;margin:1.2rem 0 .4rem}.meta,.note,.doc{color:#555;margin:.2rem 0}.n{color:#555;font-weight:normal}
    .counts{list-style:none;padding:0;display:flex;gap:1rem;flex-wrap:wrap}.counts li{padding:.3rem .7rem;border-radius:.4rem;background:#f2f2f2}
    .counts .unverified{background:#fde2e1}.counts .attributed{background:#fff1c9}.counts .confirmed{background:#dff3e3}.counts .not_judged{background:#e3e3e3}.counts .failed{background:#e8e8ee}
    .claims{padding-left:1.4rem}.claim{margin:.6rem 0}.claim .text{margin:0}.why{margin:0;font-size:.85rem;color:#555}
    .badge{display:inline-block;padding:0 .4rem;border-radius:.3rem;font-size:.8rem;font-weight:600}
    .badge.unverified{background:#c62828;color:#fff}.badge.attributed{background:#b26a00;color:#fff}.badge.confirmed{background:#2e7d32;color:#fff}.badge.not_judged{background:#616161;color:#fff}.badge.change{background:#1565c0;color:#fff}.badge.contradicted{background:#6a1b9a;color:#fff}
    mark.cue{padding:0 .15rem;border-radius:.2rem;background:#ffe58a}
    mark.hearsay,mark.unnamed_source,mark.social_media,mark.weasel{background:#ffc9c5}mark.speculation,mark.unconfirmed{background:#ffd9a8}
    mark.named_source{background:#fff1a8}mark.confirmation{background:#c8ecc9}mark.denial{background:#d9d2f5}
    table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border-bottom:1px solid #ddd;padding:.3rem;text-align:left;vertical-align:top}
    tr.failed{background:#fde2e1}code{font-size:.85em;word-break:break-all}footer{margin-top:2rem;color:#555;font-size:.85rem}
    """
}
