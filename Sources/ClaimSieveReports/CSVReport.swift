import ClaimSieveCore

/// `claims.csv` (`reports: [..., csv]`): one claim per row for a spreadsheet, streamed from the
/// spill. RFC 4180 quoting; a field starting with `=`, `+`, `-`, `@` or a tab gets a leading `'`
/// so a spreadsheet shows it as text instead of running it as a formula.
enum CSVReport {
    static let header = ["id", "doc", "title", "url", "publisher", "verdict", "score", "change", "previous_verdict", "kind",
                         "paragraph", "sentence", "cues", "source", "source_named", "context", "group", "documents",
                         "sources", "contradicted", "review_verdict", "review_by", "review_at", "review_note",
                         "review_stale", "text"]

    static func render(view: ReportView, claims: ClaimSpill, to out: ReportOutput) throws {
        out += header.joined(separator: ",") + "\r\n"
        try claims.forEachEntry(.all) { record, fresh in
            let facts = try view.document(of: record.doc)?.facts
            let change = fresh && (record.change == "new" || record.change == "updated") ? record.change : nil
            let row: [String?] = [
                record.id, record.doc, record.title, record.url, facts?.publisher, record.verdict.rawValue,
                ReportView.number(record.score), change, change == "updated" ? record.previousVerdict?.rawValue : nil,
                record.kind?.rawValue, String(record.block &+ 1), String(record.sentence &+ 1),
                record.cues.map { "\($0.category.rawValue): \($0.text)" }.joined(separator: "; "),
                record.source?.text, record.source.map { $0.named ? "yes" : "no" }, record.context,
                record.corroboration?.group, record.corroboration.map { String($0.documents) },
                record.corroboration.map { String($0.sources) }, record.corroboration.map { $0.contradicted ? "yes" : "no" },
                record.review?.verdict.rawValue, record.review?.by, record.review?.at, record.review?.note,
                record.review.map { $0.stale == true ? "yes" : "no" }, record.text,
            ]
            out += row.map { field($0 ?? "") }.joined(separator: ",") + "\r\n"
            try out.flushIfFull()
        }
    }

    /// One field, quoted when it must be and defused when a spreadsheet would run it.
    static func field(_ value: String) -> String {
        var value = value
        if let first = value.first, "=+-@\t\r".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
