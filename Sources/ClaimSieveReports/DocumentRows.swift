import ClaimSieveCore

/// The rows of the documents table of `report.html` and `report.md` (`html-document` and
/// `md-document`, one row a document), written where the page has `{{{documentRows}}}`.
///
/// While a row template is exactly the shipped one (`htmlHash`, `markdownHash`: FNV-1a of its
/// text), the rows are written here as bytes: the engine took about 0.4 M instructions a row
/// (a context dictionary per document, each name resolved through dynamic casts), which made
/// the two tables 8% of a night where nothing changed. An edited or overriding row template is
/// rendered by the engine. `DocumentRowsTests` checks the hashes and that both ways give the
/// same bytes; change the template, then this, then the hash.
struct DocumentRows {
    static let htmlHash: UInt64 = 0xFB3A_9917_5ACF_FF6B
    static let markdownHash: UInt64 = 0xFA6D_5767_06FC_21B7

    let view: ReportView
    let templates: ReportTemplates

    /// Writes every row of `report.html`'s table (`html: true`) or `report.md`'s to `out`.
    func write(html: Bool, to out: ReportOutput) throws {
        let fast = html ? templates.shippedHTMLDocument : templates.shippedMarkdownDocument
        var bytes: [UInt8] = []
        try view.forEachDocument { index, facts in
            if fast {
                bytes.removeAll(keepingCapacity: true)
                if html { Self.htmlRow(facts, index: index, to: &bytes) } else { Self.markdownRow(facts, to: &bytes) }
                out.append(bytes: bytes)
            } else {
                out += templates.render(html ? "html-document" : "md-document", view.document(facts, index: index))
            }
            try out.flushIfFull()
        }
    }

    /// One row as the shipped `html-document` renders `view.document(facts, index:)`. The title
    /// is always a string there (empty when the page has none), so `{{^title}}` never shows.
    static func htmlRow(_ facts: ReportModel.DocumentFacts, index: Int, to o: inout [UInt8]) {
        text("<tr id=\"d", &o); DecimalBytes.append(index, to: &o); text("\"", &o)
        if facts.failure != nil { text(" class=\"failed\"", &o) }
        text("><td>", &o)
        let url = facts.url.flatMap { ReportView.isWebAddress($0) ? $0 : nil }
        if let url { text("<a href=\"", &o); HTMLText.escape(url, into: &o); text("\" rel=\"noopener noreferrer\">", &o) }
        HTMLText.escape(facts.title ?? "", into: &o)
        if url != nil { text("</a>", &o) }
        text("<br><code>", &o); HTMLText.escape(facts.id, into: &o)
        text("</code></td><td>", &o); HTMLText.escape(facts.publisher ?? "", into: &o)
        text("</td><td>", &o); HTMLText.escape(facts.byline ?? "", into: &o)
        text("</td><td>", &o); HTMLText.escape(facts.published ?? "", into: &o)
        text("</td><td>", &o); HTMLText.escape(facts.language ?? "", into: &o)
        text("</td><td>", &o); DecimalBytes.append(facts.claims, to: &o)
        for verdict in [Verdict.unverified, .attributed, .confirmed, .notJudged] {
            text("</td><td>", &o); DecimalBytes.append(facts.verdicts[verdict] ?? 0, to: &o)
        }
        text("</td></tr>\n", &o)
    }

    /// One row as the shipped `md-document` renders `view.document(facts, index:)`.
    static func markdownRow(_ facts: ReportModel.DocumentFacts, to o: inout [UInt8]) {
        text("| ", &o)
        if let url = facts.url, ReportView.isWebAddress(url) {
            text("[", &o); HTMLText.markdownEscape(facts.title ?? "", into: &o)
            text("](<", &o); ReportView.percentEncoded(url, into: &o); text(">)", &o)
        } else {
            HTMLText.markdownEscape(facts.title ?? "", into: &o)
        }
        text(" ", &o); HTMLText.markdownEscape(facts.id, into: &o)
        text(" | ", &o); HTMLText.markdownEscape(facts.publisher ?? "", into: &o)
        text(" | ", &o); HTMLText.markdownEscape(facts.byline ?? "", into: &o)
        text(" | ", &o); HTMLText.markdownEscape(facts.published ?? "", into: &o)
        text(" | ", &o); HTMLText.markdownEscape(facts.language ?? "", into: &o)
        text(" | ", &o); DecimalBytes.append(facts.claims, to: &o); text(" |\n", &o)
    }

    @inline(__always) private static func text(_ string: String, _ o: inout [UInt8]) {
        o.append(contentsOf: string.utf8)
    }
}
