import ClaimSieveCore
@testable import ClaimSieveReports
import ClaimSieveTestSupport
import Foundation
import Testing

/// The templated reports (issue 15): escaping, the editor's view, decisions, CSV, overrides.
@Suite struct ReportViewTests {
    let statistics = PipelineRunner.Statistics(inputs: 1, documents: 1, failed: 0, stageSeconds: [:],
                                               peakInFlight: 1, stoppedBy: nil, wallSeconds: 1)

    func document(_ id: String, title: String = "A title", publisher: String? = "The Daily", url: String? = "https://example.com/a",
                  claims: [Claim]) -> Document {
        var claims = claims
        ClaimID.assign(to: &claims, document: id)
        return Document(id: id, path: id, format: .html,
                        metadata: Metadata(title: title, byline: "Ann Author", publisher: publisher, published: "2026-11-30",
                                           canonicalURL: url, language: "en"),
                        claims: claims)
    }

    static let hedged = Claim(id: "", block: 0, sentence: 1, text: "Officials reportedly fled.",
                              cues: [Cue(text: "reportedly", category: .hearsay, start: 10, end: 20)], verdict: .unverified, score: 0.7)
    static let plain = Claim(id: "", block: 0, sentence: 0, text: "The river is long.", verdict: .confirmed, score: 0.6)

    func render(_ documents: [Document], formats: [String] = ["html", "markdown", "jsonl", "csv"], templates: String? = nil,
                reviews: ReviewBook = ReviewBook(), records: ((Document) -> [ClaimRecord])? = nil) throws -> String {
        let out = TestPaths.temporaryFolder()
        let writer = try ReportWriter(outputDirectory: out, formats: formats, pipelineName: "test.yml")
        try writer.useTemplates(overrides: templates)
        writer.reviews = reviews
        for document in documents {
            if let records {
                writer.add(document, records: records(document), fresh: true)
            } else {
                writer.add([document])
            }
        }
        try writer.finish(statistics: statistics)
        return out
    }

    func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func hostileTitlesTextsAndAddressesRenderAsText() throws {
        let evil = "\"><img src=x onerror=alert(1)>"
        let claim = Claim(id: "", block: 0, sentence: 0, text: "It said \(evil) and <script>alert(2)</script>.", verdict: .confirmed, score: 0.6)
        let out = try render([document("e.html", title: "<script>alert(3)</script>", publisher: evil, url: "javascript:alert(4)", claims: [claim])])
        let html = try read(out + "/report.html")
        #expect(!html.contains("<img"))
        #expect(!html.contains("<script>alert"))
        #expect(html.components(separatedBy: "<script").count == 2)
        #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("&lt;script&gt;alert(3)&lt;/script&gt;"))
        #expect(!html.contains("javascript:"), "only http(s) addresses become links")
        let markdown = try read(out + "/report.md")
        #expect(!markdown.contains("<img") && !markdown.contains("<script>"))
        #expect(!markdown.contains("javascript:"))
    }

    @Test func documentsShowTheirMetadataAndClaimsTheirReasonsAndScoreInWords() throws {
        let out = try render([document("a.html", claims: [Self.plain, Self.hedged])])
        let html = try read(out + "/report.html")
        #expect(html.contains("<a href=\"https://example.com/a\" rel=\"noopener noreferrer\">A title</a>"))
        for fact in ["The Daily", "Ann Author", "2026-11-30", "<td>en</td>"] { #expect(html.contains(fact), "\(fact)") }
        #expect(html.contains("Cue <mark class=\"cue\">reportedly</mark>: hearsay"))
        #expect(html.contains("Score 0.7: decided by “reportedly” (hearsay)"))
        #expect(html.contains("Score 0.6: no cue decided it"))
        // Filters' data: verdict, cue categories, document and publisher.
        #expect(html.contains("data-v=\"unverified\" data-c=\"hearsay\" data-d=\"0\" data-p=\"0\""))
        #expect(html.contains("<option value=\"0\">The Daily</option>"))
        // No state: nothing is new, and the page says why.
        #expect(html.contains("No earlier run is recorded"))
    }

    @Test func onlyFreshChangesAreNewAndAnUpdatedClaimShowsItsPreviousVerdict() throws {
        let out = try render([document("a.html", claims: [Self.plain, Self.hedged])]) { document in
            document.claims.map { claim in
                var record = ClaimRecord(claim: claim, document: document, change: claim.verdict == .unverified ? "updated" : "unchanged")
                if record.change == "updated" { record.previousVerdict = .attributed }
                return record
            }
        }
        let html = try read(out + "/report.html")
        let new = try #require(html.components(separatedBy: "<section id=\"new\"").dropFirst().first?.components(separatedBy: "</section>").first)
        #expect(new.contains("reportedly</mark> fled."))
        #expect(!new.contains("The river is long."))
        #expect(new.contains("updated, was attributed"))
        let markdown = try read(out + "/report.md")
        #expect(markdown.contains("updated (was attributed)"))
        // The previous verdict is not a claims.jsonl field.
        #expect(!(try read(out + "/claims.jsonl")).contains("previous"))
    }

    @Test func aDecisionFollowsItsClaimAndIsFlaggedWhenTheTextChanged() throws {
        var claims = [Self.plain, Self.hedged]
        ClaimID.assign(to: &claims, document: "a.html")
        let review = Review(verdict: .confirmed, note: "Checked", by: "Desk", at: "2026-12-01T07:00:00Z")
        let book = ReviewBook([
            ReviewBook.Decision(claim: claims[1].id, doc: "a.html", text: claims[1].text, block: 0, sentence: 1, review: review),
            ReviewBook.Decision(claim: "0000000000000000", doc: "a.html", text: "The river was long.", block: 0, sentence: 0, review: review),
        ])
        let out = try render([document("a.html", claims: [Self.plain, Self.hedged])], reviews: book)
        let lines = try read(out + "/claims.jsonl").split(separator: "\n")
        #expect(lines[1].contains("\"review\":{\"at\":\"2026-12-01T07:00:00Z\",\"by\":\"Desk\",\"note\":\"Checked\",\"verdict\":\"confirmed\"}"))
        #expect(lines[0].contains("\"review\":{\"at\":\"2026-12-01T07:00:00Z\",\"by\":\"Desk\",\"note\":\"Checked\",\"reviewed_text\":\"The river was long.\",\"stale\":true,\"verdict\":\"confirmed\"}"))
        let records = try lines.map { try ClaimRecord(jsonLine: Data($0.utf8)) }
        #expect(records[1].review == review)
        let html = try read(out + "/report.html")
        #expect(html.contains("data-r=\"confirmed\""))
        #expect(html.contains("data-r=\"stale\""))
        #expect(html.contains("text changed since review"))
        #expect(html.contains("<strong>2</strong> reviewed"))
        #expect(try read(out + "/report.md").contains("reviewed confirmed"))
        // Without decisions the line has no review field.
        let bare = try render([document("a.html", claims: [Self.plain, Self.hedged])])
        #expect(!(try read(bare + "/claims.jsonl")).contains("review"))
    }

    @Test func claimsCSVQuotesAndDefusesFormulas() throws {
        let claim = Claim(id: "", block: 2, sentence: 0, text: "=HYPERLINK(\"x\"), said \"he\"", verdict: .confirmed, score: 0.6)
        let out = try render([document("a.html", claims: [claim])], formats: ["csv"])
        let rows = try read(out + "/claims.csv").components(separatedBy: "\r\n")
        #expect(rows[0].hasPrefix("id,doc,title,url,publisher,verdict,score"))
        #expect(rows[1].hasSuffix(",\"'=HYPERLINK(\"\"x\"\"), said \"\"he\"\"\""))
        #expect(rows[1].contains(",The Daily,confirmed,0.6,"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["claims.csv"])
    }

    @Test func aTemplateFolderReplacesTheShippedTemplateOfTheSameName() throws {
        let folder = TestPaths.temporaryFolder()
        try "<li class=\"mine\">{{text}}</li>\n".write(toFile: folder + "/html-claim.mustache", atomically: true, encoding: .utf8)
        let out = try render([document("a.html", claims: [Self.hedged])], templates: folder)
        let html = try read(out + "/report.html")
        #expect(html.contains("<li class=\"mine\">Officials reportedly fled.</li>"))
        #expect(html.contains("<h1>ClaimSieve report</h1>"), "the other templates are the shipped ones")
        try "{{#broken}}".write(toFile: folder + "/md-claim.mustache", atomically: true, encoding: .utf8)
        #expect(throws: ReportTemplates.TemplateError.self) { try ReportTemplates(overrides: folder) }
    }

    @Test func claimsCarriedByTwoDocumentsAreOneGroupEntry() throws {
        let out = TestPaths.temporaryFolder()
        let writer = try ReportWriter(outputDirectory: out, formats: ["html"], pipelineName: "test.yml")
        writer.corroborator = Corroborator()
        let same = Claim(id: "", block: 0, sentence: 0, text: "The bridge closed on Monday after the storm.", verdict: .confirmed, score: 0.6)
        writer.add([document("a.html", claims: [same]), document("b.html", publisher: "The Other", claims: [same])])
        try writer.finish(statistics: statistics)
        let html = try read(out + "/report.html")
        let groups = try #require(html.components(separatedBy: "<section id=\"groups\"").dropFirst().first?.components(separatedBy: "</section>").first)
        #expect(groups.components(separatedBy: "<li class=\"group").count == 2)
        #expect(groups.components(separatedBy: "<li class=\"member").count == 3)
        #expect(groups.contains("2 documents"))
    }
}

/// `HTMLClaimFastPath` writes what the shipped `html-claim.mustache` gives through the engine.
@Suite struct HTMLClaimFastPathTests {
    let statistics = PipelineRunner.Statistics(inputs: 1, documents: 1, failed: 0, stageSeconds: [:],
                                               peakInFlight: 1, stoppedBy: nil, wallSeconds: 1)

    /// Claims of every kind, through a writer with `templates` (nil: the shipped ones).
    func claimsHTML(templates: String?) throws -> String {
        let out = TestPaths.temporaryFolder()
        let writer = try ReportWriter(outputDirectory: out, formats: ["html"], pipelineName: "t.yml")
        try writer.useTemplates(overrides: templates)
        writer.corroborator = Corroborator()
        let evil = "\"><img src=x onerror=alert(1)> & 'q'"
        var claims = [
            Claim(id: "", block: 0, sentence: 0, text: "The bridge over the river closed on Monday after the storm \(evil).", verdict: .confirmed, score: 0.6),
            Claim(id: "", block: 0, sentence: 1, text: "Officials reportedly said the bridge may reopen.",
                  cues: [Cue(text: "reportedly", category: .hearsay, start: 10, end: 20, weight: 0.8, by: .model),
                         Cue(text: "may", category: .speculation, start: 41, end: 44)],
                  source: Source(text: "Officials \(evil)", named: false), verdict: .unverified, score: 0.94, context: "context \(evil)"),
            Claim(id: "", block: 1, sentence: 0, text: "Who closed it?", verdict: .confirmed, score: 0.6, kind: .question),
            Claim(id: "", block: 2, sentence: 0, text: "The mayor said the bridge is safe.", source: Source(text: "The mayor", named: true),
                  verdict: .attributed, score: 0.6),
        ]
        ClaimID.assign(to: &claims, document: "a.html")
        writer.reviews = ReviewBook([
            .init(claim: claims[1].id, doc: "a.html", text: claims[1].text, block: 0, sentence: 1,
                  review: Review(verdict: .false, note: "No \(evil)", by: "Desk \(evil)", at: "2026-12-01T07:00:00Z")),
            .init(claim: "0000000000000000", doc: "a.html", text: "Before.", block: 2, sentence: 0,
                  review: Review(verdict: .confirmed, at: "2026-12-01T07:00:00Z")),
        ])
        let a = Document(id: "a.html", path: "a.html", format: .html,
                         metadata: Metadata(title: "Title \(evil)", publisher: "Pub \(evil)", canonicalURL: "https://e.example/a?x=1&y=\"2\""),
                         claims: claims)
        var denied = [Claim(id: "", block: 0, sentence: 0, text: "Officials denied the bridge over the river closed on Monday after the storm \(evil).",
                            cues: [Cue(text: "Officials denied", category: .denial, start: 0, end: 16)], verdict: .unverified, score: 0.7)]
        ClaimID.assign(to: &denied, document: "b.html")
        let b = Document(id: "b.html", path: "b.html", format: .html, metadata: Metadata(title: nil), claims: denied)
        writer.add(a, records: claims.enumerated().map { index, claim in
            var record = ClaimRecord(claim: claim, document: a, change: ["new", "updated", "unchanged", "updated"][index])
            if record.change == "updated" { record.previousVerdict = .confirmed }
            return record
        }, fresh: true)
        writer.add([b])
        try writer.finish(statistics: statistics)
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        let start = try #require(html.range(of: "<section id=\"new\""))
        let end = try #require(html.range(of: "<section id=\"documents\""))
        return String(html[start.lowerBound..<end.lowerBound])
    }

    @Test func theFastPathGivesTheEnginesBytes() throws {
        let shipped = try #require(ReportTemplates.defaultFile("html-claim"))
        let text = try String(contentsOfFile: shipped, encoding: .utf8)
        #expect(HTMLClaimFastPath.hash(text) == HTMLClaimFastPath.shippedHash,
                "html-claim.mustache changed: change HTMLClaimFastPath to match, then its hash to \(HTMLClaimFastPath.hash(text))")
        // The same template with a comment: another hash, so the engine renders it.
        let folder = TestPaths.temporaryFolder()
        try ("{{! rendered by the engine }}\n" + text).write(toFile: folder + "/html-claim.mustache", atomically: true, encoding: .utf8)
        let fast = try claimsHTML(templates: nil)
        let engine = try claimsHTML(templates: folder)
        #expect(fast.contains("data-r=\"stale\"") && fast.contains("found by a learned model") && fast.contains("contradicted"))
        #expect(fast.contains("updated, was confirmed") && fast.contains("badge kind"))
        #expect(fast == engine)
    }
}
