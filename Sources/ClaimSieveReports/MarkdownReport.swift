import ClaimSieveCore

/// `report.md`: the same content as the HTML report for e-mail, chat or a terminal.
struct MarkdownReport {
    let model: ReportModel
    let summary: RunSummary

    func render() -> String {
        var md = "# ClaimSieve report\n\n"
        md += "Generated \(summary.generatedAt) · pipeline \(HTMLText.markdownEscape(summary.pipeline)) · \(summary.documents) documents · \(summary.claims) claims\n\n"
        md += "| unverified | attributed | confirmed | failed documents |\n|---:|---:|---:|---:|\n"
        md += "| \(summary.verdicts["unverified"] ?? 0) | \(summary.verdicts["attributed"] ?? 0) | \(summary.verdicts["confirmed"] ?? 0) | \(summary.failed) |\n\n"
        let notJudged = summary.verdicts[Verdict.notJudged.rawValue] ?? 0
        if notJudged > 0 { md += "\(notJudged) claims not judged (no lexicon for their language).\n\n" }

        let fresh = model.newSinceLastReport.filter { $0.verdict != .confirmed }
        if !fresh.isEmpty {
            md += "## New since the last run (not confirmed)\n\n"
            for record in fresh.sorted(by: { $0.verdict > $1.verdict }) { md += item(record, showDocument: true) }
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
            let groups = model.grouped(verdict)
            md += "## \(heading) (\(groups.reduce(0) { $0 + $1.records.count }))\n\n"
            if verdict == .notJudged { md += "\(HTMLReport.notJudgedNote)\n\n" }
            for group in groups {
                md += "### \(HTMLText.markdownEscape(group.title ?? group.doc))\n\n\(HTMLText.markdownEscape(group.doc))\n\n"
                for record in group.records { md += item(record, showDocument: false) }
                md += "\n"
            }
        }
        let others = model.groupedNonStatements()
        if !others.isEmpty {
            md += "## Questions, instructions and exclamations (\(others.reduce(0) { $0 + $1.records.count }))\n\n"
            md += "Not statements of fact, so in none of the lists above.\n\n"
            for group in others {
                md += "### \(HTMLText.markdownEscape(group.title ?? group.doc))\n\n\(HTMLText.markdownEscape(group.doc))\n\n"
                for record in group.records {
                    md += "- \(HTMLText.markdownEscape(record.text))  \n  _\(HTMLText.markdownEscape(record.kind?.rawValue ?? ""))_ · paragraph \(record.block + 1), sentence \(record.sentence + 1)\n"
                }
                md += "\n"
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
        return md
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
