import ClaimSieveExtraction
import ClaimSieveTestSupport
import Foundation
import Testing

/// The article-extraction benchmark (scrapinghub, 181 pages): guards the measured F1 so that a
/// change to the extractor that loses quality fails here, not in production.
@Suite struct ExtractionBenchmarkTests {
    static let corpus = TestPaths.inShared("eval/extraction-zyte")
    /// Issue 11's floor: no regression from 0.974 (achieved 0.9761 when last raised).
    static let minimumF1 = 0.974
    /// Furniture must not leak in to buy recall (achieved 0.9633).
    static let minimumPrecision = 0.96
    /// Mozilla Readability's 91 test pages, never tuned on page by page.
    static let readability = TestPaths.inShared("eval/extraction-readability")
    /// Achieved 0.9588 (P 0.9738, R 0.9442) when last raised; issue 11's target is 0.955 with P >= 0.96.
    static let minimumReadabilityF1 = 0.955

    @Test func f1OnTheZyteBenchmark() throws {
        guard FileManager.default.fileExists(atPath: Self.corpus + "/ground-truth.json") else {
            print("skipped: \(Self.corpus) is absent (set CLAIMSIEVE_SHARED to the shared folder to run the benchmark)")
            return
        }
        let (score, pages) = try ExtractionEvaluation.evaluateWithPages(htmlDirectory: Self.corpus + "/html", groundTruth: Self.corpus + "/ground-truth.json")
        print(String(format: "extraction benchmark: %d pages, F1 %.4f, precision %.4f, recall %.4f, %.0f pages/s",
                     score.pages, score.f1, score.precision, score.recall, score.pagesPerSecond))
        if let count = ProcessInfo.processInfo.environment["CLAIMSIEVE_WORST"].flatMap(Int.init) {
            for page in pages.prefix(count) { print(String(format: "  %@ P %.3f R %.3f", page.id, page.precision, page.recall)) }
        }
        if let dump = ProcessInfo.processInfo.environment["CLAIMSIEVE_DUMP"] {
            try FileManager.default.createDirectory(atPath: dump, withIntermediateDirectories: true)
            for page in pages {
                let data = try ExtractionEvaluation.loadPage(directory: Self.corpus + "/html", id: page.id)
                let body = (try? Extractor.articleBody(data, path: page.id))?.body ?? []
                let text = body.map { "[\($0.kind.rawValue)] \($0.text)" }.joined(separator: "\n")
                try text.write(toFile: dump + "/" + page.id + ".txt", atomically: true, encoding: .utf8)
            }
        }
        #expect(score.pages == 181)
        #expect(score.f1 >= Self.minimumF1)
        #expect(score.precision >= Self.minimumPrecision)
    }

    @Test func f1OnTheReadabilityPages() throws {
        guard FileManager.default.fileExists(atPath: Self.readability + "/ground-truth.json") else {
            print("skipped: \(Self.readability) is absent (set CLAIMSIEVE_SHARED to the shared folder to run it)")
            return
        }
        let score = try ExtractionEvaluation.evaluate(htmlDirectory: Self.readability + "/html", groundTruth: Self.readability + "/ground-truth.json")
        print(String(format: "readability pages: %d pages, F1 %.4f, precision %.4f, recall %.4f", score.pages, score.f1, score.precision, score.recall))
        #expect(score.pages == 91)
        #expect(score.f1 >= Self.minimumReadabilityF1)
        #expect(score.precision >= Self.minimumPrecision)
    }
}
