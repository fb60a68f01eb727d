import ClaimSieveCore
@testable import ClaimSieveReports
import ClaimSieveTestSupport
import Foundation
import Testing

/// Report pieces (`ClaimPieces`, issue 12): every report written from pieces is the report
/// written from the records, and a claim that cannot use its pieces is rendered from its record.
@Suite struct ClaimPiecesTests {
    let statistics = PipelineRunner.Statistics(inputs: 1, documents: 1, failed: 0, stageSeconds: [:],
                                               peakInFlight: 1, stoppedBy: nil, wallSeconds: 1)
    static let formats = ["html", "markdown", "jsonl", "csv"]
    static let files = ["report.html", "report.md", "claims.jsonl", "claims.csv"]

    /// Claims of every kind: cues (learned, astral text), sources, context, a question, a
    /// decision and a stale one, new/updated/unchanged, a group across documents contradicted,
    /// hostile strings, a document without a title, and two documents sharing an id.
    static func documents() -> [(Document, [ClaimRecord])] {
        let evil = HostileClaims.evil
        var claims = HostileClaims.claims() + [
            Claim(id: "", block: 4, sentence: 0, text: "The council voted on the budget for the new school year.", verdict: .confirmed, score: 0.6),
        ]
        ClaimID.assign(to: &claims, document: "a.html")
        let a = Document(id: "a.html", path: "a.html", format: .html,
                         metadata: Metadata(title: "Title \(evil)", publisher: "Pub \(evil)", canonicalURL: "https://e.example/a?x=1&y=\"2\""),
                         claims: claims)
        let records = claims.enumerated().map { index, claim in
            var record = ClaimRecord(claim: claim, document: a, change: ["new", "updated", "unchanged", "updated", "new", "unchanged"][index])
            if record.change == "updated" { record.previousVerdict = .confirmed }
            return record
        }
        var denied = [Claim(id: "", block: 0, sentence: 0, text: "Officials denied the bridge over the river closed on Monday after the storm \(evil).",
                            cues: [Cue(text: "Officials denied", category: .denial, start: 0, end: 16)], verdict: .unverified, score: 0.7),
                      Claim(id: "", block: 1, sentence: 0, text: "The council voted on the budget for the new school year.", verdict: .confirmed, score: 0.6)]
        ClaimID.assign(to: &denied, document: "b.html")
        let b = Document(id: "b.html", path: "b.html", format: .html, metadata: Metadata(title: nil), claims: denied)
        var twin = [Claim(id: "", block: 0, sentence: 0, text: "A second document with the same id says this.", verdict: .confirmed, score: 0.6)]
        ClaimID.assign(to: &twin, document: "a.html")
        let c = Document(id: "a.html", path: "a.html", format: .html, metadata: Metadata(title: "Another title", publisher: "Other"), claims: twin)
        let failed = Document(id: "d.html", path: "d.html", format: .html, failure: Failure(stage: "clean", reason: "no text"))
        return [(a, records), (b, denied.map { ClaimRecord(claim: $0, document: b, change: "unchanged") }),
                (c, twin.map { ClaimRecord(claim: $0, document: c, change: "new") }), (failed, [])]
    }

    static func reviews(_ documents: [(Document, [ClaimRecord])]) -> ReviewBook {
        let records = documents[0].1
        return ReviewBook([
            .init(claim: records[1].id, doc: "a.html", text: records[1].text, block: 0, sentence: 1,
                  review: Review(verdict: .false, note: "No", by: "Desk", at: "2026-12-01T07:00:00Z")),
            .init(claim: "0000000000000000", doc: "a.html", text: "Before.", block: 2, sentence: 0,
                  review: Review(verdict: .confirmed, at: "2026-12-01T07:00:00Z")),
        ])
    }

    enum Way { case records, pieces }

    /// The reports of `documents()` written one way; the folder.
    func reports(_ way: Way, reviews: Bool = true, templates: String? = nil, freshIndex: Int = 0) throws -> String {
        let out = TestPaths.temporaryFolder()
        let writer = try ReportWriter(outputDirectory: out, formats: Self.formats, pipelineName: "t.yml")
        try writer.useTemplates(overrides: templates)
        writer.corroborator = Corroborator()
        writer.usesPieces = way != .records
        writer.previousRun = Date(timeIntervalSince1970: 1_700_000_000)
        let documents = Self.documents()
        if reviews { writer.reviews = Self.reviews(documents) }
        for (index, (document, records)) in documents.enumerated() {
            let fresh = index == freshIndex
            writer.add(document, records: records, pieces: way == .pieces ? writer.pieces(for: document, records: records) : nil, fresh: fresh)
        }
        try writer.finish(statistics: statistics)
        return out
    }

    /// A report's bytes without the time it was written.
    func bytes(_ folder: String, _ file: String) throws -> String {
        let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
        return text.replacingOccurrences(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"#, with: "TIME", options: .regularExpression)
    }

    @Test(arguments: [true, false])
    func piecesWriteTheRecordsBytes(reviews: Bool) throws {
        for freshIndex in [0, 1] {
            let records = try reports(.records, reviews: reviews, freshIndex: freshIndex)
            let pieces = try reports(.pieces, reviews: reviews, freshIndex: freshIndex)
            for file in Self.files {
                let expected = try bytes(records, file)
                #expect(try bytes(pieces, file) == expected, "\(file) from pieces")
            }
            let markdown = try bytes(records, "report.md")
            #expect(markdown.contains("contradicted") && markdown.contains("### Another title"))
            if reviews { #expect(markdown.contains("Editor: false by Desk") && markdown.contains("text changed since")) }
        }
    }

    /// An edited `md-claim` is rendered by the engine from the records, pieces or not.
    @Test func anEditedTemplateIsRenderedByTheEngine() throws {
        let folder = TestPaths.temporaryFolder()
        let shipped = try #require(ReportTemplates.defaultFile("md-claim"))
        // After the pragma, which must come first: each entry begins with "[custom] ".
        let text = try String(contentsOfFile: shipped, encoding: .utf8).replacingOccurrences(of: "\n- ", with: "\n[custom] - ")
        try text.write(toFile: folder + "/md-claim.mustache", atomically: true, encoding: .utf8)
        let expected = try bytes(reports(.records, templates: folder), "report.md")
        #expect(expected.contains("[custom] - "))
        #expect(try bytes(reports(.pieces, templates: folder), "report.md") == expected)
    }

    @Test func piecesReadBackAsWritten() throws {
        let (document, records) = Self.documents()[0]
        for record in records {
            var pieces = ClaimPieces(record, facts: .init(document: document, first: records.first), key: 42, keyed: true)
            pieces.source = "e.example"
            pieces.change = "updated"
            pieces.previousVerdict = .confirmed
            var encoded: [UInt8] = []
            pieces.encode(to: &encoded)
            #expect(encoded.withUnsafeBytes { ClaimPieces($0) } == pieces)
            // Truncated or of another version: not pieces (the claim is rendered from its record).
            #expect(encoded.dropLast().withUnsafeBytes { ClaimPieces($0) } == nil)
            encoded[0] = ClaimPieces.version &+ 1
            #expect(encoded.withUnsafeBytes { ClaimPieces($0) } == nil)
        }
    }

    /// The spill's readers decode each claim's pieces into the buffers of the claim before
    /// (`decode`): nothing of the one before may stay (its key, site, change, segments).
    @Test func piecesDecodedOverOthersAreTheirOwn() throws {
        let (document, records) = Self.documents()[0]
        var encoded: [[UInt8]] = []
        var expected: [ClaimPieces] = []
        for (index, record) in records.enumerated() {
            var pieces = ClaimPieces(record, facts: .init(document: document, first: records.first),
                                     key: index % 2 == 0 ? Int64(index) : nil, keyed: index % 2 == 0)
            pieces.source = index % 2 == 0 ? "site\(index).example" : nil
            pieces.change = index % 3 == 0 ? "new" : nil
            var bytes: [UInt8] = []
            pieces.encode(to: &bytes)
            encoded.append(bytes)
            expected.append(pieces)
        }
        #expect(records.count >= 3)
        var reused = try #require(encoded[0].withUnsafeBytes { ClaimPieces($0) })
        for (bytes, pieces) in zip(encoded, expected).reversed() {
            #expect(bytes.withUnsafeBytes { reused.decode($0) })
            #expect(reused == pieces)
        }
        // Without the site and address (`facts: false`, as the readers ask): none left over.
        #expect(encoded[0].withUnsafeBytes { reused.decode($0, facts: false) })
        #expect(reused.source == nil && reused.url == nil)
        #expect(encoded[0].dropLast().withUnsafeBytes { reused.decode($0) } == false)
    }
}

/// The page's style and script, partials without a tag, are put in after rendering instead of
/// being parsed (issue 12): the page is the one the engine renders with them parsed.
@Suite struct LiteralPartialTests {
    @Test func partialsWithoutTagsArePutInAfterRendering() throws {
        let shipped = try ReportTemplates()
        #expect(Set(shipped.literals.map { $0.text }) == Set(try ["html-style", "html-script"].map {
            try String(contentsOfFile: #require(ReportTemplates.defaultFile($0)), encoding: .utf8)
        }))
        let page = shipped.render("html-page", ["data": "{}", "sections": ""])
        let style = try String(contentsOfFile: #require(ReportTemplates.defaultFile("html-style")), encoding: .utf8)
        #expect(page.contains(style) && !page.contains("claimsieve-literal"))

        // Indented, or written otherwise: the engine parses and indents the partial as before.
        for tag in ["  {{> html-style}}", "{{>html-style}}", "{{> html-style }}"] {
            let folder = TestPaths.temporaryFolder()
            let text = try String(contentsOfFile: #require(ReportTemplates.defaultFile("html-page")), encoding: .utf8)
                .replacingOccurrences(of: "{{> html-style}}", with: tag)
            try text.write(toFile: folder + "/html-page.mustache", atomically: true, encoding: .utf8)
            let overridden = try ReportTemplates(overrides: folder)
            #expect(overridden.literals.map(\.text) == [try String(contentsOfFile: #require(ReportTemplates.defaultFile("html-script")), encoding: .utf8)], "\(tag)")
            #expect(!overridden.render("html-page", ["data": "{}"]).contains("claimsieve-literal"))
        }
    }
}
