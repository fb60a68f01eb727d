import ClaimSieveCore
@testable import ClaimSieveReports
import ClaimSieveTestSupport
import Foundation
import Testing

/// `summary.json` is written entry by entry; the bytes are what encoding it whole gave.
@Suite struct SummaryJSONTests {
    func written(_ summary: RunSummary, _ documents: [ReportModel.DocumentFacts]) throws -> String {
        let path = NSTemporaryDirectory() + "summary-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let out = try ReportOutput(path: path)
        try SummaryJSON.write(summary, documents: documents, to: out)
        try out.close()
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func entriesWrittenOneByOneGiveTheBytesOfTheWholeEncoding() throws {
        let documents = [
            ReportModel.DocumentFacts(id: "a/b.html", title: "A \"title\" / slash", format: .html, failure: nil, claims: 3,
                                      verdicts: [.confirmed: 2, .unverified: 1]),
            ReportModel.DocumentFacts(id: "c.xml#item-2", title: nil, format: .rss,
                                      failure: Failure(stage: "clean", reason: "no article\nfound"), claims: 0, verdicts: [:]),
        ]
        for count in [0, 1, 2] {
            var summary = RunSummary(
                generatedAt: "2026-01-01T00:00:00Z", pipeline: "p.yml", inputs: 2, documents: count, processed: count, skipped: 0,
                failed: 0, claims: 3, verdicts: ["confirmed": 2], changes: nil, perDocument: [], failures: [], skippedInputs: [],
                timings: .init(wallSeconds: 1, stageSeconds: ["clean": 0.5], stageCPUSeconds: nil))
            let mine = try written(summary, Array(documents.prefix(count)))
            summary.perDocument = documents.prefix(count).map(ReportModel.entry)
            let whole = String(decoding: try SummaryJSON.encoder.encode(summary), as: UTF8.self)
            #expect(mine == whole, "\(count) documents")
        }
    }

    /// The entries written by hand (`SummaryJSON.plainEntry`) are the encoder's bytes, on
    /// random entries of plain and awkward strings (quotes, backslashes, control characters,
    /// slashes, U+2028, non-ASCII), with and without title, language and verdicts; the awkward
    /// ones are left to the encoder.
    @Test func entriesWrittenByHandAreTheEncodersBytes() throws {
        var random = SplitMix64(state: 12)
        let pieces = ["a", "Title", " ", "/", "é", "😀", "\u{2028}", "\"", "\\", "\n", "\u{1}", "\u{7F}", "<b>", "&", "de"]
        func text() -> String { (0..<Int(random.next() % 6)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined() }
        var byHand = 0
        for _ in 0..<400 {
            var verdicts: [Verdict: Int] = [:]
            for verdict in Verdict.allCases where random.next() % 2 == 0 { verdicts[verdict] = Int(random.next() % 40) }
            let facts = ReportModel.DocumentFacts(
                id: "d/" + text() + ".html", title: random.next() % 4 == 0 ? nil : text(), format: .html,
                failure: random.next() % 9 == 0 ? Failure(stage: "clean", reason: "x") : nil,
                claims: Int(random.next() % 100), verdicts: verdicts, language: random.next() % 3 == 0 ? nil : text())
            let entry = ReportModel.entry(facts)
            var bytes: [UInt8] = []
            guard SummaryJSON.plainEntry(entry, to: &bytes) else { continue }
            byHand += 1
            let encoded = String(decoding: try SummaryJSON.encoder.encode(entry), as: UTF8.self)
            let expected = encoded.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
            #expect(String(decoding: bytes, as: UTF8.self) == expected)
        }
        #expect(byHand > 50)
    }
}
