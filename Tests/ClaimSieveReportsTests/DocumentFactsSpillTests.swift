import ClaimSieveCore
@testable import ClaimSieveReports
import ClaimSieveTestSupport
import Foundation
import Testing

/// The documents' facts live in the spill (`documents` table), not in memory: they come back
/// whole and in input order, and a claim's document is found by its id (the last of that id).
@Suite struct DocumentFactsSpillTests {
    /// Facts of every shape: failed or not, with and without each optional field, awkward text.
    static func facts(_ count: Int) -> [ReportModel.DocumentFacts] {
        (0..<count).map { index in
            let odd = index % 2 == 1
            return ReportModel.DocumentFacts(
                id: index == 7 ? "dup.html" : index == 3 ? "dup.html" : "docs/\(index) \"é\".html",
                title: odd ? nil : "Title \(index)\n\u{2028}“quoted”",
                format: DocumentFormat.allCases[index % DocumentFormat.allCases.count],
                failure: index % 5 == 4 ? Failure(stage: "clean", reason: "no text \(index)") : nil,
                claims: index * 3,
                verdicts: odd ? [:] : [.confirmed: index, .unverified: 1, .notJudged: index + 2],
                language: odd ? nil : "en", url: index % 3 == 0 ? "https://example.org/\(index)" : nil,
                publisher: odd ? "Outlet \(index % 4)" : nil, byline: odd ? nil : "By Someone",
                published: index % 3 == 1 ? "2026-12-0\(index % 9 + 1)" : nil)
        }
    }

    static func bytes(_ facts: ReportModel.DocumentFacts) -> [UInt8] {
        var out: [UInt8] = []
        DocumentFactsBinary.append(facts, to: &out)
        return out
    }

    @Test func factsRoundTripThroughTheirBytes() throws {
        for facts in Self.facts(12) {
            let bytes = Self.bytes(facts)
            let back = try #require(bytes.withUnsafeBytes { DocumentFactsBinary.decode($0) })
            #expect(back.id == facts.id && back.title == facts.title && back.format == facts.format)
            #expect(back.failure == facts.failure && back.claims == facts.claims && back.verdicts == facts.verdicts)
            #expect(back.language == facts.language && back.url == facts.url && back.publisher == facts.publisher)
            #expect(back.byline == facts.byline && back.published == facts.published)
            #expect(Self.bytes(back) == bytes)
            // A truncated blob is not facts.
            #expect(Array(bytes.dropLast()).withUnsafeBytes { DocumentFactsBinary.decode($0) } == nil)
        }
    }

    @Test func documentsComeBackInInputOrderAndAreFoundByID() throws {
        let spill = try ClaimSpill(path: TestPaths.temporaryFolder() + "/claims.sqlite")
        let written = Self.facts(40)
        for (position, facts) in written.enumerated() { try spill.addDocument(facts, position: position) }
        var read: [(Int, [UInt8])] = []
        try spill.forEachDocumentFacts { position, facts in read.append((position, Self.bytes(facts))) }
        #expect(read.map(\.0) == Array(written.indices))
        #expect(read.map(\.1) == written.map(Self.bytes))
        #expect(spill.duplicatedDocuments == ["dup.html"])

        let reader = try spill.reader()
        #expect(reader.duplicatedDocuments == ["dup.html"])
        let lookup = DocumentLookup(spill: reader)
        #expect(try lookup.document("docs/10 \"é\".html")?.position == 10)
        #expect(try lookup.document("docs/10 \"é\".html")?.facts.claims == 30, "asked again: the one kept")
        #expect(try lookup.position("dup.html") == 7, "the last document of that id, as the reports link it")
        #expect(try lookup.document("docs/2 \"é\".html")?.facts.title == "Title 2\n\u{2028}“quoted”")
        #expect(try lookup.document("missing.html") == nil)
        #expect(try lookup.position("missing.html") == -1)
    }

    /// The writer keeps no array of documents: its model counts them, and the summary's
    /// entries and the report's tables come from the spill, in input order.
    @Test func theSummaryListsEveryDocumentFromTheSpill() throws {
        let folder = TestPaths.temporaryFolder()
        let writer = try ReportWriter(outputDirectory: folder, formats: ["summary", "markdown"], pipelineName: "t.yml")
        let ids = (0..<30).map { "page-\($0).html" }
        for id in ids {
            writer.add([Document(id: id, path: id, format: .html, metadata: Metadata(title: "T \(id)", publisher: "P"))])
        }
        #expect(writer.documentCount == 30)
        #expect(writer.model.publishers == ["P"])
        let statistics = PipelineRunner.Statistics(inputs: 30, documents: 30, failed: 0, stageSeconds: [:],
                                                   peakInFlight: 1, stoppedBy: nil, wallSeconds: 1)
        try writer.finish(statistics: statistics, skipped: 0)
        struct Summary: Decodable {
            struct Entry: Decodable { var doc: String }
            var documents: Int
            var per_document: [Entry]
        }
        let summary = try JSONDecoder().decode(Summary.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json")))
        #expect(summary.documents == 30)
        #expect(summary.per_document.map(\.doc) == ids)
        let markdown = try String(contentsOfFile: folder + "/report.md", encoding: .utf8)
        let rows = ids.compactMap { id in markdown.range(of: "| T \(id) \(id) |")?.lowerBound }
        #expect(rows.count == 30 && rows == rows.sorted(), "every document's row, in input order")
    }
}
