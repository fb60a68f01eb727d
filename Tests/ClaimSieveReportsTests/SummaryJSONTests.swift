import ClaimSieveCore
@testable import ClaimSieveReports
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
}
