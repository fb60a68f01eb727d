import ClaimSieveCore
@testable import ClaimSieveReports
import ClaimSieveTestSupport
import Foundation
import Testing

/// The shipped `html-page`'s document filter options are written without the engine (issue 12):
/// the bytes are the engine's, for hostile titles, a document without a title and documents
/// without claims (left out).
@Suite struct DocumentOptionsTests {
    let statistics = PipelineRunner.Statistics(inputs: 1, documents: 1, failed: 0, stageSeconds: [:],
                                               peakInFlight: 1, stoppedBy: nil, wallSeconds: 1)

    /// `ClaimPiecesTests.documents()` without the document that shares another's id, plus a
    /// third document repeating claims of the first (more groups) and a document without claims.
    static func documents(sharedID: Bool) -> [(Document, [ClaimRecord])] {
        var documents = ClaimPiecesTests.documents()
        if !sharedID { documents.remove(at: 2) }
        let (a, records) = documents[0]
        var copies = a.claims
        ClaimID.assign(to: &copies, document: "e.html")
        let e = Document(id: "e.html", path: "e.html", format: .html,
                         metadata: Metadata(title: "Copy", publisher: "Pub E", canonicalURL: "http://e.example/copy"), claims: copies)
        documents.append((e, copies.enumerated().map { index, claim in
            ClaimRecord(claim: claim, document: e, change: records[index].change)
        }))
        documents.append((Document(id: "f.html", path: "f.html", format: .html, metadata: Metadata(title: "Empty")), []))
        return documents
    }

    func report(templates: String?) throws -> String {
        let out = TestPaths.temporaryFolder()
        let writer = try ReportWriter(outputDirectory: out, formats: ["html"], pipelineName: "t.yml")
        try writer.useTemplates(overrides: templates)
        for (document, records) in Self.documents(sharedID: false) {
            writer.add(document, records: records, fresh: true)
        }
        try writer.finish(statistics: statistics)
        let text = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        return text.replacingOccurrences(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"#, with: "TIME", options: .regularExpression)
    }

    @Test func theOptionsAreTheEnginesBytes() throws {
        #expect(try ReportTemplates().streamsDocumentOptions)
        // The same list written with spaces in a tag: not the shipped text, so the engine renders it.
        let folder = TestPaths.temporaryFolder()
        let shipped = try String(contentsOfFile: #require(ReportTemplates.defaultFile("html-page")), encoding: .utf8)
        let edited = shipped.replacingOccurrences(of: #"<option value="{{value}}">{{label}}</option>{{/documentChoices}}"#,
                                                  with: #"<option value="{{ value }}">{{label}}</option>{{/documentChoices}}"#)
        #expect(edited != shipped)
        try edited.write(toFile: folder + "/html-page.mustache", atomically: true, encoding: .utf8)
        #expect(try !ReportTemplates(overrides: folder).streamsDocumentOptions)
        let engine = try report(templates: folder), fast = try report(templates: nil)
        #expect(fast == engine)
        // Documents with claims only: a, b (no title: its id) and e; not the failed d or the empty f.
        #expect(fast.contains(#"<option value="0">Title &quot;&gt;&lt;img"#) && fast.contains(#"<option value="1">b.html</option>"#)
                && fast.contains(#"<option value="3">Copy</option>"#) && !fast.contains(#"<option value="4">"#))
    }
}
