import ClaimSieveCore
@testable import ClaimSieveReports
import ClaimSieveTestSupport
import Foundation
import Testing

/// `DocumentRows` writes what the shipped `html-document` and `md-document` give through the
/// engine, and a page template written before the rows had their own template still lists them.
@Suite struct DocumentRowsTests {
    let statistics = PipelineRunner.Statistics(inputs: 1, documents: 1, failed: 0, stageSeconds: [:],
                                               peakInFlight: 1, stoppedBy: nil, wallSeconds: 1)
    static let evil = "\"><img src=x onerror=alert(1)> & 'q' *b* _i_ [l](x) \u{2028}|\n`c`"

    /// Documents of every shape through a writer with `templates` (nil: the shipped ones).
    func reports(templates: String?) throws -> String {
        let out = TestPaths.temporaryFolder()
        let writer = try ReportWriter(outputDirectory: out, formats: ["html", "markdown"], pipelineName: "t.yml")
        try writer.useTemplates(overrides: templates)
        let evil = Self.evil
        func claims(_ id: String, _ verdicts: [Verdict]) -> [Claim] {
            var claims = verdicts.enumerated().map { index, verdict in
                Claim(id: "", block: index, sentence: 0, text: "Claim \(index) of \(id).", verdict: verdict, score: 0.6)
            }
            ClaimID.assign(to: &claims, document: id)
            return claims
        }
        let documents = [
            Document(id: "a \(evil).html", path: "a.html", format: .html,
                     metadata: Metadata(title: "Title \(evil)", byline: "By \(evil)", publisher: "Pub \(evil)", published: "2026-12-01",
                                        canonicalURL: "https://e.example/a?x=1&y=\"2\" <z>", language: "en"),
                     claims: claims("a", [.unverified, .attributed, .confirmed, .confirmed])),
            Document(id: "b.html", path: "b.html", format: .html, metadata: Metadata(title: nil, canonicalURL: "javascript:alert(1)"),
                     claims: claims("b", [.notJudged])),
            Document(id: "c.html", path: "c.html", format: .html, metadata: Metadata(title: "", language: "de"), claims: []),
            Document(id: "d.xml#item-2", path: "d.xml", format: .rss,
                     metadata: Metadata(title: "Ünïcödé 🚀", canonicalURL: "HTTP://E.EXAMPLE/ü path"), claims: claims("d", [.unverified])),
            Document(id: "e.html", path: "e.html", format: .html, metadata: Metadata(title: "Failed"),
                     failure: Failure(stage: "clean", reason: "no text \(evil)")),
        ]
        writer.add(documents)
        try writer.finish(statistics: statistics)
        return out
    }

    /// The documents table of each report: from its heading to the end of the table.
    func tables(_ folder: String) throws -> (html: String, markdown: String) {
        let html = try String(contentsOfFile: folder + "/report.html", encoding: .utf8)
        let markdown = try String(contentsOfFile: folder + "/report.md", encoding: .utf8)
        let htmlStart = try #require(html.range(of: "<section id=\"documents\""))
        let htmlEnd = try #require(html.range(of: "</section>", range: htmlStart.upperBound..<html.endIndex))
        let markdownStart = try #require(markdown.range(of: "## Documents ("))
        return (String(html[htmlStart.lowerBound..<htmlEnd.upperBound]), String(markdown[markdownStart.lowerBound...]))
    }

    @Test func theFastPathGivesTheEnginesBytes() throws {
        let folder = TestPaths.temporaryFolder()
        for (name, hash) in [("html-document", DocumentRows.htmlHash), ("md-document", DocumentRows.markdownHash)] {
            let text = try String(contentsOfFile: try #require(ReportTemplates.defaultFile(name)), encoding: .utf8)
            #expect(MarkdownFastPath.hash(text) == hash,
                    "\(name).mustache changed: change DocumentRows to match, then its hash to \(String(MarkdownFastPath.hash(text), radix: 16))")
            // The same template with a comment: another hash, so the engine renders it.
            try ("{{! rendered by the engine }}\n" + text).write(toFile: folder + "/\(name).mustache", atomically: true, encoding: .utf8)
        }
        #expect(try ReportTemplates().shippedHTMLDocument && ReportTemplates().shippedMarkdownDocument)
        #expect(try !ReportTemplates(overrides: folder).shippedHTMLDocument && !ReportTemplates(overrides: folder).shippedMarkdownDocument)
        let fast = try tables(reports(templates: nil))
        let engine = try tables(reports(templates: folder))
        #expect(fast.html.contains("<tr id=\"d4\" class=\"failed\">") && fast.html.contains("&lt;img") && fast.html.contains("href=\"https://e.example/a?x=1&amp;y=&quot;2&quot; &lt;z&gt;\""))
        #expect(fast.markdown.contains("](<https://e.example/a?x=1&y=%222%22%20%3Cz%3E>)") && fast.markdown.contains("| 4 |"))
        #expect(!fast.html.contains("javascript") && !fast.markdown.contains("javascript"))
        #expect(fast.html == engine.html)
        #expect(fast.markdown == engine.markdown)
    }

    @Test func aPageThatListsTheDocumentsItselfStillDoes() throws {
        // `md-page` and `html-page` as they were before `{{{documentRows}}}`: the rows inline.
        let folder = TestPaths.temporaryFolder()
        for (page, row) in [("html-page", "html-document"), ("md-page", "md-document")] {
            let text = try String(contentsOfFile: try #require(ReportTemplates.defaultFile(page)), encoding: .utf8)
            let rowText = try String(contentsOfFile: try #require(ReportTemplates.defaultFile(row)), encoding: .utf8)
            let line = String(rowText.drop { $0 != "\n" }.dropFirst())
            let old = text.replacingOccurrences(of: "{{{documentRows}}}", with: "{{#documents}}\n" + line + "{{/documents}}\n")
            #expect(old != text)
            try old.write(toFile: folder + "/\(page).mustache", atomically: true, encoding: .utf8)
        }
        let shipped = try tables(reports(templates: nil))
        let old = try tables(reports(templates: folder))
        #expect(old.html == shipped.html)
        #expect(old.markdown == shipped.markdown)
    }

    @Test func aSecondDocumentRowsMarkerIsAnErrorNamingThePage() throws {
        let folder = TestPaths.temporaryFolder()
        let text = try String(contentsOfFile: try #require(ReportTemplates.defaultFile("md-page")), encoding: .utf8)
        try (text + "{{{documentRows}}}").write(toFile: folder + "/md-page.mustache", atomically: true, encoding: .utf8)
        #expect {
            _ = try reports(templates: folder)
        } throws: { error in
            "\(error)".contains("md-page.mustache") && "\(error)".contains("{{{documentRows}}} 2 times")
        }
    }
}
