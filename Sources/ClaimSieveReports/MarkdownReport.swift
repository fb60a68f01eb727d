import ClaimSieveCore

/// `report.md`: the same content as the HTML report for e-mail, chat or a terminal.
struct MarkdownReport {
    let model: ReportModel
    let claims: ClaimSpill
    let summary: RunSummary

    /// Writes the report to `md` section by section; claims are read back from the spill.
    func render(to md: ReportOutput) throws {
        md += "# ClaimSieve report\n\n"
        md += "Generated \(summary.generatedAt) · pipeline \(HTMLText.markdownEscape(summary.pipeline)) · \(summary.documents) documents · \(summary.claims) claims\n\n"
        md += "| unverified | attributed | confirmed | failed documents |\n|---:|---:|---:|---:|\n"
        md += "| \(summary.verdicts["unverified"] ?? 0) | \(summary.verdicts["attributed"] ?? 0) | \(summary.verdicts["confirmed"] ?? 0) | \(summary.failed) |\n\n"
        let notJudged = summary.verdicts[Verdict.notJudged.rawValue] ?? 0
        if notJudged > 0 { md += "\(notJudged) claims not judged (no lexicon for their language).\n\n" }

        let uncertain = Verdict.judged.filter { $0 != .confirmed }.sorted(by: >)
        if try uncertain.contains(where: { try claims.count(.freshChanges($0)) > 0 }) {
            md += "## New since the last run (not confirmed)\n\n"
            for verdict in uncertain {
                try claims.forEach(.freshChanges(verdict)) { record in
                    md += item(record, showDocument: true)
                    try md.flushIfFull()
                }
            }
            md += "\n"
        }
        let failures = model.failures
        if !failures.isEmpty {
            md += "## Failed documents (\(failures.count))\n\n| document | stage | reason |\n|---|---|---|\n"
            for failure in failures {
                md += "| \(HTMLText.markdownEscape(failure.doc)) | \(HTMLText.markdownEscape(failure.stage)) | \(HTMLText.markdownEscape(failure.reason)) |\n"
            }
            md += "\n"
        }
        var sections = [(Verdict.unverified, "Unverified claims"), (.attributed, "Attributed claims"), (.confirmed, "Confirmed claims")]
        if notJudged > 0 { sections.append((.notJudged, "Not judged")) }
        for (verdict, heading) in sections {
            md += "## \(heading) (\(try claims.count(.statements(verdict))))\n\n"
            if verdict == .notJudged { md += "\(HTMLReport.notJudgedNote)\n\n" }
            try claims.forEachDocument(.statements(verdict)) { doc, title, records in
                md += "### \(HTMLText.markdownEscape(title ?? doc))\n\n\(HTMLText.markdownEscape(doc))\n\n"
                for record in records { md += item(record, showDocument: false) }
                md += "\n"
                try md.flushIfFull()
            }
        }
        let others = try claims.count(.nonStatements)
        if others > 0 {
            md += "## Questions, instructions and exclamations (\(others))\n\n"
            md += "Not statements of fact, so in none of the lists above.\n\n"
            try claims.forEachDocument(.nonStatements) { doc, title, records in
                md += "### \(HTMLText.markdownEscape(title ?? doc))\n\n\(HTMLText.markdownEscape(doc))\n\n"
                for record in records {
                    md += "- \(HTMLText.markdownEscape(record.text))  \n  _\(HTMLText.markdownEscape(record.kind?.rawValue ?? ""))_ · paragraph \(record.block + 1), sentence \(record.sentence + 1)\n"
                }
                md += "\n"
                try md.flushIfFull()
            }
        }
        if !model.notProcessed.isEmpty {
            md += "## Not processed (\(model.notProcessed.count))\n\n| path | reason |\n|---|---|\n"
            for skipped in model.notProcessed {
                md += "| \(HTMLText.markdownEscape(skipped.path)) | \(skipped.reason.rawValue) |\n"
            }
            md += "\n"
        }
        if !model.gone.isEmpty {
            md += "## Gone since the last run (\(model.gone.count))\n\n"
            for record in model.gone { md += "- \(HTMLText.markdownEscape(record.text)) — \(HTMLText.markdownEscape(record.doc)), was \(record.verdict.rawValue)\n" }
            md += "\n"
        }
    }

    private func item(_ record: ClaimRecord, showDocument: Bool) -> String {
        var line = "- \(HTMLText.markdownHighlighted(record.text, cues: record.cues))  \n  _\(record.verdict.rawValue)"
        if let change = record.change, change != "unchanged" { line += ", \(HTMLText.markdownEscape(change))" }
        if showDocument { line += "_ · \(HTMLText.markdownEscape(record.doc)) · _" } else { line += " · " }
        line += "paragraph \(record.block + 1), sentence \(record.sentence + 1), score \(record.score)"
        if let source = record.source {
            line += ", source: \(HTMLText.markdownEscape(source.text)) (\(source.named ? "named" : "unnamed"))"
        }
        if let context = record.context { line += ", \(HTMLText.markdownEscape(context))" }
        if let corroboration = record.corroboration {
            line += ", also in \(corroboration.documents - 1) other documents (\(corroboration.sources) independent sources)"
            if corroboration.contradicted { line += ", contradicted" }
        }
        return line + "_\n"
    }
}
