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
        #expect(html.components(separatedBy: "<script").count == 3, "the data and the script, nothing else")
        #expect(html.components(separatedBy: "</script").count == 3, "no text closes the data's script element")
        #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("&lt;script&gt;alert(3)&lt;/script&gt;"))
        #expect(!html.contains("javascript:"), "only http(s) addresses become links")
        // In the data, the text is whole once parsed, and no byte of it can end the element.
        let raw = ReportHTML.rawData(html)
        #expect(!raw.contains("<") && !raw.contains(">") && !raw.contains("&"))
        #expect(try ReportHTML.claims(html).first?["t"] as? String == claim.text)
        #expect(try (ReportHTML.data(html)["docs"] as? [[String: Any]])?.first?["t"] as? String == "<script>alert(3)</script>")
        let markdown = try read(out + "/report.md")
        #expect(!markdown.contains("<img") && !markdown.contains("<script>"))
        #expect(!markdown.contains("javascript:"))
    }

    /// The claims go where the template puts `{{{data}}}`, never where a page's own text holds
    /// the marker's old fixed spelling (an address or title is input: inside an `href` the data
    /// would have opened attributes on the link).
    @Test func aPageHoldingTheDataMarkerCannotMoveTheData() throws {
        let marker = "\u{1}claimsieve-data\u{1}"
        let out = try render([document("m.html", title: "Title \(marker) x onfocus=alert(1) autofocus", url: "https://a.example/\(marker)",
                                       claims: [Self.hedged])])
        let html = try read(out + "/report.html")
        #expect(try ReportHTML.claims(html).first?["t"] as? String == Self.hedged.text)
        #expect(try (ReportHTML.data(html)["docs"] as? [[String: Any]])?.first?["t"] as? String == "Title \(marker) x onfocus=alert(1) autofocus")
        #expect(html.components(separatedBy: "<script").count == 3)
    }

    @Test func aPageTemplateWithoutTheDataMarkerIsAnErrorNamingIt() throws {
        let folder = TestPaths.temporaryFolder()
        try "<html><body>{{title}}</body></html>\n".write(toFile: folder + "/html-page.mustache", atomically: true, encoding: .utf8)
        #expect {
            _ = try render([document("a.html", claims: [Self.hedged])], formats: ["html"], templates: folder)
        } throws: { error in
            "\(error)".contains("html-page.mustache") && "\(error)".contains("{{{data}}}")
        }
    }

    @Test func documentsShowTheirMetadataAndClaimsTheirReasonsAndScoreInWords() throws {
        let out = try render([document("a.html", claims: [Self.plain, Self.hedged])])
        let html = try read(out + "/report.html")
        #expect(html.contains("<a href=\"https://example.com/a\" rel=\"noopener noreferrer\">A title</a>"))
        for fact in ["The Daily", "Ann Author", "2026-11-30", "<td>en</td>"] { #expect(html.contains(fact), "\(fact)") }
        let data = try ReportHTML.data(html)
        let claims = try ReportHTML.claims(html)
        let hedged = try #require(claims.first { $0["v"] as? String == "unverified" })
        // The cue, as UTF-16 offsets into the text, its category by index, not learned.
        let cats = try #require(data["cats"] as? [String])
        let cue = try #require((hedged["k"] as? [[Any]])?.first)
        #expect(cue[0] as? Int == 10 && cue[1] as? Int == 20 && cats[cue[2] as! Int] == "hearsay" && cue[3] as? Int == 0)
        #expect((hedged["W"] as? String)?.hasPrefix("Score 0.7: decided by “reportedly” (hearsay)") == true)
        let plain = try #require(claims.first { $0["v"] as? String == "confirmed" })
        #expect(((data["words"] as? [String])?[plain["w"] as! Int])?.hasPrefix("Score 0.6: no cue decided it") == true)
        // Filters' data: verdict, document and publisher.
        #expect(hedged["d"] as? Int == 0)
        #expect(((data["docs"] as? [[String: Any]])?[0])?["p"] as? Int == 0)
        #expect((data["pubs"] as? [String]) == ["The Daily"])
        #expect(html.contains("<option value=\"0\">The Daily</option>"))
        // No state: nothing is new, and the page says why.
        #expect(html.contains("No earlier run is recorded"))
    }

    /// A question, an instruction or an exclamation has a verdict in `claims.jsonl` but is in
    /// none of the verdict lists: the header counts what the lists hold, and shows those claims
    /// apart, so "N confirmed" at the top is the number in "Confirmed claims (N)" below.
    @Test func theHeaderCountsWhatTheVerdictSectionsList() throws {
        let question = Claim(id: "", block: 1, sentence: 0, text: "Who closed it?", verdict: .confirmed, score: 0.6, kind: .question)
        let shout = Claim(id: "", block: 2, sentence: 0, text: "Officials reportedly fled!",
                          cues: [Cue(text: "reportedly", category: .hearsay, start: 10, end: 20)], verdict: .unverified, score: 0.7,
                          kind: .exclamation)
        let out = try render([document("a.html", claims: [Self.plain, Self.hedged, question, shout])],
                             formats: ["html", "markdown", "summary"])
        let markdown = try read(out + "/report.md")
        #expect(markdown.contains("| 1 | 0 | 1 | 0 |"), "\(markdown)")
        #expect(markdown.contains("1 unverified · 0 attributed · 1 confirmed · 2 questions, instructions, exclamations"), "\(markdown)")
        #expect(markdown.contains("## Unverified claims (1)") && markdown.contains("## Confirmed claims (1)"), "\(markdown)")
        let html = try read(out + "/report.html")
        #expect(html.contains("<li class=\"unverified\"><strong>1</strong> unverified</li>"), "\(html)")
        #expect(html.contains("<li class=\"confirmed\"><strong>1</strong> confirmed</li>"))
        #expect(html.contains("<li class=\"not_statements\"><strong>2</strong> questions, instructions, exclamations</li>"))
        // summary.json counts every claim by verdict, as claims.jsonl gives them, and says how
        // many of them the reports show apart.
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as? [String: Any]
        #expect((summary?["verdicts"] as? [String: Int])?["confirmed"] == 2)
        #expect(summary?["non_statements"] as? Int == 2)
    }

    /// Markdown's reasons are sentences: the context, which starts lowercase ("the speaker is
    /// …"), follows the source's full stop under a label, as report.html shows it.
    @Test func markdownLabelsTheContextAfterTheSource() throws {
        let quoted = Claim(id: "", block: 5, sentence: 0, text: "“Nobody wants to move first,” she said.",
                           source: Source(text: "A senior official", named: false), verdict: .unverified, score: 0.6,
                           context: "“she” is A senior official, mentioned in paragraph 5, sentence 1")
        let out = try render([document("a.html", claims: [quoted])])
        let markdown = try read(out + "/report.md")
        #expect(markdown.contains("Source: A senior official (unnamed). Context: “she” is A senior official, mentioned in paragraph 5, sentence 1."),
                "\(markdown)")
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
        let new = try ReportHTML.list("new", in: html)
        #expect(new.map { $0["t"] as? String } == ["Officials reportedly fled."])
        #expect(new.first?["n"] as? String == "updated" && new.first?["pv"] as? String == "attributed")
        #expect(try ReportHTML.claims(html).filter { $0["n"] != nil }.count == 1, "an unchanged claim is not marked")
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
        let decisions = try ReportHTML.claims(html).map { $0["r"] as? [String: Any] }
        #expect(decisions[1]?["v"] as? String == "confirmed" && decisions[1]?["note"] as? String == "Checked" && decisions[1]?["stale"] == nil)
        #expect(decisions[0]?["stale"] as? Int == 1 && decisions[0]?["rt"] as? String == "The river was long.")
        #expect(html.contains("<strong>2</strong> reviewed"))
        #expect(try read(out + "/report.md").contains("reviewed confirmed"))
        // Without decisions the line has no review field.
        let bare = try render([document("a.html", claims: [Self.plain, Self.hedged])])
        #expect(!(try read(bare + "/claims.jsonl")).contains("review"))
    }

    /// With `report.html`, `claims.jsonl` is written in the same reading of the spill: the same
    /// bytes as written alone, past the 1 MB pieces the writers flush in.
    @Test func claimsJSONLinesWrittenBesideTheHTMLDataAreTheSameAsAlone() throws {
        let long = String(repeating: "The river was reportedly long and wide. ", count: 10)
        let documents = (0..<3).map { number in
            document("d\(number).html", claims: (0..<1_000).map { index in
                Claim(id: "", block: index, sentence: 0, text: "\(long)\(number) \(index).",
                      cues: index % 2 == 0 ? [Cue(text: "reportedly", category: .hearsay, start: 18, end: 28)] : [],
                      verdict: index % 2 == 0 ? .unverified : .confirmed, score: 0.7)
            })
        }
        let alone = try Data(contentsOf: URL(fileURLWithPath: render(documents, formats: ["jsonl"]) + "/claims.jsonl"))
        let beside = try render(documents, formats: ["jsonl", "html"])
        #expect(alone.count > 1 << 20)
        #expect(try Data(contentsOf: URL(fileURLWithPath: beside + "/claims.jsonl")) == alone)
        #expect(try ReportHTML.claims(read(beside + "/report.html")).count == 3_000)
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
        try "<section class=\"mine\">{{title}} {{n}}</section>\n".write(toFile: folder + "/html-section.mustache", atomically: true, encoding: .utf8)
        let out = try render([document("a.html", claims: [Self.hedged])], templates: folder)
        let html = try read(out + "/report.html")
        #expect(html.contains("<section class=\"mine\">Unverified claims 1</section>"))
        #expect(html.contains("<h1>ClaimSieve report</h1>"), "the other templates are the shipped ones")
        try "{{#broken}}".write(toFile: folder + "/md-claim.mustache", atomically: true, encoding: .utf8)
        #expect(throws: ReportTemplates.TemplateError.self) { try ReportTemplates(overrides: folder) }
    }

    @Test func aTemplateFolderWithAnUnknownOrRetiredTemplateIsAnErrorNamingIt() throws {
        for (file, words) in [("html-stlye.mustache", "is not one of the report templates"), ("html-claim.mustache", "is no longer used")] {
            let folder = TestPaths.temporaryFolder()
            try "<p>{{text}}</p>\n".write(toFile: folder + "/" + file, atomically: true, encoding: .utf8)
            try "notes\n".write(toFile: folder + "/README.txt", atomically: true, encoding: .utf8)
            #expect {
                _ = try ReportTemplates(overrides: folder)
            } throws: { error in
                "\(error)".contains(folder + "/" + file) && "\(error)".contains(words)
            }
        }
    }

    @Test func claimsCarriedByTwoDocumentsAreOneGroupEntry() throws {
        let out = TestPaths.temporaryFolder()
        let writer = try ReportWriter(outputDirectory: out, formats: ["html"], pipelineName: "test.yml")
        writer.corroborator = Corroborator()
        let same = Claim(id: "", block: 0, sentence: 0, text: "The bridge closed on Monday after the storm.", verdict: .confirmed, score: 0.6)
        writer.add([document("a.html", claims: [same]), document("b.html", publisher: "The Other", claims: [same])])
        try writer.finish(statistics: statistics)
        let html = try read(out + "/report.html")
        #expect(html.contains("<section id=\"groups\""))
        let groups = try #require(try ReportHTML.data(html)["groups"] as? [[String: Any]])
        #expect(groups.count == 1)
        #expect(groups.first?["m"] as? [Int] == [0, 1], "both documents' claims, by position")
        #expect(groups.first?["n"] as? Int == 2)
        let claims = try ReportHTML.claims(html)
        #expect(claims.allSatisfy { ($0["c"] as? [Any])?.count == 4 }, "each claim knows its group")
    }
}

/// Claims of every kind the report writers must get right, with hostile strings in their text,
/// source and context: shared by the Markdown fast path's and the report pieces' tests.
enum HostileClaims {
    static let evil = "\"><img src=x onerror=alert(1)> & 'q' *b* _i_ [l](x) \u{2028}|"

    static func claims() -> [Claim] {
        [
            Claim(id: "", block: 0, sentence: 0, text: "The bridge over the river closed on Monday after the storm \(evil).", verdict: .confirmed, score: 0.6),
            Claim(id: "", block: 0, sentence: 1, text: "Officials reportedly said the bridge may reopen.",
                  cues: [Cue(text: "reportedly", category: .hearsay, start: 10, end: 20, weight: 0.8, by: .model),
                         Cue(text: "may", category: .speculation, start: 41, end: 44)],
                  source: Source(text: "Officials \(evil)", named: false), verdict: .unverified, score: 0.94, context: "context \(evil)"),
            Claim(id: "", block: 1, sentence: 0, text: "Who closed it?", verdict: .confirmed, score: 0.6, kind: .question),
            Claim(id: "", block: 2, sentence: 0, text: "The mayor said the bridge is safe.", source: Source(text: "The mayor", named: true),
                  verdict: .attributed, score: 0.6),
            Claim(id: "", block: 3, sentence: 0, text: "Ünïcödé 🚀 cues reportedly after astral.",
                  cues: [Cue(text: "reportedly", category: .hearsay, start: 22, end: 32)], verdict: .unverified, score: 0.7),
        ]
    }
}

/// `MarkdownFastPath` writes what the shipped `md-claim` and `md-group` give through the
/// engine, and `report.html`'s data carries every part of a claim the page shows.
@Suite struct MarkdownFastPathTests {
    let statistics = PipelineRunner.Statistics(inputs: 1, documents: 1, failed: 0, stageSeconds: [:],
                                               peakInFlight: 1, stoppedBy: nil, wallSeconds: 1)

    /// Claims of every kind through a writer with `templates` (nil: the shipped ones); the
    /// folder written.
    func reports(templates: String?) throws -> String {
        let out = TestPaths.temporaryFolder()
        let writer = try ReportWriter(outputDirectory: out, formats: ["html", "markdown"], pipelineName: "t.yml")
        try writer.useTemplates(overrides: templates)
        writer.corroborator = Corroborator()
        let evil = HostileClaims.evil
        var claims = HostileClaims.claims()
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
                            cues: [Cue(text: "Officials denied", category: .denial, start: 0, end: 16,
                                       speaker: SourceMention(text: "Officials \(evil)", start: 0, end: 9))],
                            verdict: .unverified, score: 0.7)]
        ClaimID.assign(to: &denied, document: "b.html")
        let b = Document(id: "b.html", path: "b.html", format: .html, metadata: Metadata(title: nil), claims: denied)
        writer.add(a, records: claims.enumerated().map { index, claim in
            var record = ClaimRecord(claim: claim, document: a, change: ["new", "updated", "unchanged", "updated", "new"][index])
            if record.change == "updated" { record.previousVerdict = .confirmed }
            return record
        }, fresh: true)
        writer.add([b])
        try writer.finish(statistics: statistics)
        return out
    }

    /// `report.md` from its first section on (the header holds the time of writing).
    func claimsMarkdown(_ folder: String) throws -> String {
        let markdown = try String(contentsOfFile: folder + "/report.md", encoding: .utf8)
        let start = try #require(markdown.range(of: "## New since the last run"))
        return String(markdown[start.lowerBound...])
    }

    @Test func theFastPathGivesTheEnginesBytes() throws {
        let folder = TestPaths.temporaryFolder()
        for (name, hash) in [("md-claim", MarkdownFastPath.claimHash), ("md-group", MarkdownFastPath.groupHash)] {
            let shipped = try #require(ReportTemplates.defaultFile(name))
            let text = try String(contentsOfFile: shipped, encoding: .utf8)
            #expect(MarkdownFastPath.hash(text) == hash,
                    "\(name).mustache changed: change MarkdownFastPath to match, then its hash to \(String(MarkdownFastPath.hash(text), radix: 16))")
            // The same template with a comment: another hash, so the engine renders it.
            try ("{{! rendered by the engine }}\n" + text).write(toFile: folder + "/\(name).mustache", atomically: true, encoding: .utf8)
        }
        let fast = try claimsMarkdown(reports(templates: nil))
        let engine = try claimsMarkdown(reports(templates: folder))
        #expect(fast.contains("text changed since") && fast.contains("Editor: false by Desk") && fast.contains("contradicted"))
        #expect(fast.contains("updated (was confirmed)") && fast.contains(", question") && fast.contains("### "))
        #expect(fast.contains("2 documents, ") && fast.contains("contradicted, verdicts differ"))
        #expect(fast == engine)
    }

    /// A claim carried by 13 documents: `report.md` lists its first 10 (`ReportView.groupMembersShown`)
    /// and counts the rest, by the fast path and by the engine alike; `report.html` keeps all 13.
    @Test func aGroupListsItsFirstMembersAndCountsTheRest() throws {
        func reports(templates: String?) throws -> String {
            let out = TestPaths.temporaryFolder()
            let writer = try ReportWriter(outputDirectory: out, formats: ["html", "markdown"], pipelineName: "t.yml")
            try writer.useTemplates(overrides: templates)
            writer.corroborator = Corroborator()
            for index in 0..<13 {
                var claims = [Claim(id: "", block: 0, sentence: 0, text: "The bridge over the river was closed on Monday after the storm.",
                                    verdict: index == 12 ? .unverified : .confirmed, score: 0)]
                ClaimID.assign(to: &claims, document: "d\(index).html")
                writer.add([Document(id: "d\(index).html", path: "d\(index).html", format: .html,
                                     metadata: Metadata(title: "Page \(index)", publisher: "Outlet \(index)",
                                                        canonicalURL: "https://site\(index).example/a"), claims: claims)])
            }
            try writer.finish(statistics: statistics)
            return out
        }
        let folder = TestPaths.temporaryFolder()
        let shipped = try #require(ReportTemplates.defaultFile("md-group"))
        try ("{{! rendered by the engine }}\n" + String(contentsOfFile: shipped, encoding: .utf8))
            .write(toFile: folder + "/md-group.mustache", atomically: true, encoding: .utf8)
        let out = try reports(templates: nil)
        let fast = try claimsMarkdown(out)
        let group = try #require(fast.range(of: "## Claims across documents")).upperBound
        let section = String(fast[group...])
        #expect(section.contains("_13 documents, 13 independent sources, verdicts differ_\n"), "\(section)")
        let members = section.split(separator: "\n").filter { $0.hasPrefix("  - ") }
        #expect(members.count == 11)
        #expect(members.first == "  - confirmed: Page 0 (Outlet 0)" && members[9] == "  - confirmed: Page 9 (Outlet 9)")
        #expect(members.last == "  - … and 3 more")
        #expect(try claimsMarkdown(reports(templates: folder)) == fast)
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        let groups = try #require(ReportHTML.data(html)["groups"] as? [[String: Any]])
        #expect(groups.count == 1 && (groups.first?["m"] as? [Any])?.count == 13, "\(groups)")
    }

    @Test func theHTMLDataCarriesEveryPartOfAClaim() throws {
        let html = try String(contentsOfFile: reports(templates: nil) + "/report.html", encoding: .utf8)
        let raw = ReportHTML.rawData(html)
        #expect(!raw.contains("<") && !raw.contains(">") && !raw.contains("&") && !raw.contains("\u{2028}"))
        #expect(raw.contains("\\u003cimg") && raw.contains("\\u2028"))
        let data = try ReportHTML.data(html)
        let claims = try ReportHTML.claims(html)
        #expect(claims.count == 6)
        let hedged = claims[1]
        #expect(hedged["o"] as? [AnyHashable] == ["Officials \"><img src=x onerror=alert(1)> & 'q' *b* _i_ [l](x) \u{2028}|", 0])
        #expect((hedged["x"] as? String)?.hasPrefix("context \"><img") == true)
        #expect((hedged["k"] as? [[Any]])?.map { $0[3] as? Int } == [1, 0], "the learned cue is marked")
        #expect((hedged["k"] as? [[Any]])?.allSatisfy { $0.count <= 5 } == true, "no speaker, no slot for one")
        // A cue's own speaker last, after a 0 for "the text is the slice".
        let denial = try #require((claims[5]["k"] as? [[Any]])?.first)
        #expect(denial.count == 6 && denial[4] as? Int == 0 && denial[5] as? String == "Officials \(HostileClaims.evil)", "\(denial)")
        #expect((hedged["r"] as? [String: Any])?["by"] as? String == "Desk \"><img src=x onerror=alert(1)> & 'q' *b* _i_ [l](x) \u{2028}|")
        #expect(hedged["n"] as? String == "updated" && hedged["pv"] as? String == "confirmed")
        #expect(claims[2]["kd"] as? String == "question")
        #expect(claims[2]["n"] == nil, "unchanged: not new")
        #expect(claims[3]["r"].flatMap { $0 as? [String: Any] }?["stale"] as? Int == 1)
        // Offsets are UTF-16 units, what a script's string counts: after "🚀" (2 units, 4 bytes).
        let text = try #require(claims[4]["t"] as? String)
        let cue = try #require((claims[4]["k"] as? [[Int]])?.first)
        let units = Array(text.utf16)
        #expect(String(decoding: units[cue[0]..<cue[1]], as: UTF16.self) == "reportedly")
        // The group of the two documents' sentence, contradicted; b.html has no title: its id.
        let groups = try #require(data["groups"] as? [[String: Any]])
        #expect(groups.count == 1 && groups[0]["x"] as? Int == 1 && groups[0]["m"] as? [Int] == [0, 5])
        #expect((data["docs"] as? [[String: Any]])?[1]["t"] as? String == "b.html")
        #expect((data["docs"] as? [[String: Any]])?[0]["u"] as? String == "https://e.example/a?x=1&y=\"2\"")
    }
}
