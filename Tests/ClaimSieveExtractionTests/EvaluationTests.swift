@testable import ClaimSieveExtraction
import ClaimSieveTestSupport
import Foundation
import Testing

/// The benchmark's scoring reproduced exactly (scrapinghub/article-extraction-benchmark evaluate.py).
@Suite struct EvaluationTests {
    @Test func tokensAreUnicodeWordRuns() {
        #expect(Shingles.tokens("Hello, wörld_1 42—x ünïcödé Привет 東京").map(String.init)
            == ["Hello", "wörld_1", "42", "x", "ünïcödé", "Привет", "東京"])
        #expect(Shingles.tokens(" ... ").isEmpty)
    }

    @Test func shinglesAreCountedAsMultisets() {
        #expect(Shingles.counts("a b c d a b c d") == ["a\u{1}b\u{1}c\u{1}d": 2, "b\u{1}c\u{1}d\u{1}a": 1, "c\u{1}d\u{1}a\u{1}b": 1, "d\u{1}a\u{1}b\u{1}c": 1])
        // Fewer than four tokens make one short shingle; no tokens make none.
        #expect(Shingles.counts("only two") == ["only\u{1}two": 1])
        #expect(Shingles.counts("").isEmpty)
    }

    @Test func matchNormalisesBySum() {
        let (tp, fp, fn) = Shingles.match(expected: "a b c d e", extracted: "a b c d x y")
        // expected: abcd, bcde; extracted: abcd, bcdx, cdxy -> tp 1, fp 2, fn 1, sum 4.
        #expect(tp == 0.25 && fp == 0.5 && fn == 0.25)
        #expect(ExtractionEvaluation.precisionScore(0, 0, 0) == 1)
        #expect(ExtractionEvaluation.recallScore(0, 0, 0) == 1)
        #expect(ExtractionEvaluation.recallScore(0, 1, 0) == 0)
        #expect(ExtractionEvaluation.precisionScore(0, 0, 1) == 0)
    }

    @Test func evaluateAveragesPagesAndReadsGzip() throws {
        let folder = TestPaths.temporaryFolder("claimsieve-eval")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let html = folder + "/html"
        try FileManager.default.createDirectory(atPath: html, withIntermediateDirectories: true)
        let article = "The river burst its banks on Monday night, flooding two hundred homes in the old town, the mayor said."
        let page = "<html><body><article><h1>Floods</h1><p>\(article)</p></article></body></html>"
        try page.write(toFile: html + "/one.html", atomically: true, encoding: .utf8)
        try page.write(toFile: html + "/two.html", atomically: true, encoding: .utf8)
        let truth: [String: Any] = [
            "one": ["articleBody": article, "url": "https://example.org/1"],
            "two": ["articleBody": article + " Rescue teams worked through the night.", "url": "https://example.org/2"],
        ]
        try JSONSerialization.data(withJSONObject: truth).write(to: URL(fileURLWithPath: folder + "/truth.json"))
        let (score, pages) = try ExtractionEvaluation.evaluateWithPages(htmlDirectory: html, groundTruth: folder + "/truth.json")
        #expect(score.pages == 2)
        #expect(score.precision == 1)
        // 19 tokens give 16 shingles; with 6 more tokens page two expects 22 and gets 16 of them.
        let expectedRecall = (1.0 + 16.0 / 22.0) / 2
        #expect(abs(score.recall - expectedRecall) < 1e-9)
        #expect(abs(score.f1 - 2 * expectedRecall / (1 + expectedRecall)) < 1e-9)
        #expect(pages.first?.id == "two")

        // The same page gzipped is read through zlib.
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/gzip") || FileManager.default.isExecutableFile(atPath: "/bin/gzip") {
            let gzip = Process()
            gzip.executableURL = URL(fileURLWithPath: FileManager.default.isExecutableFile(atPath: "/usr/bin/gzip") ? "/usr/bin/gzip" : "/bin/gzip")
            gzip.arguments = [html + "/one.html"]
            try gzip.run()
            gzip.waitUntilExit()
            let data = try ExtractionEvaluation.loadPage(directory: html, id: "one")
            #expect(String(decoding: data, as: UTF8.self) == page)
        }
    }
}

/// Language-neutral furniture rules of the block writer.
@Suite struct FurnitureLineTests {
    @Test func timestampLinesAreRecognisedInAnyLanguage() {
        for line in ["Updated: 18 Nov 2019 9:38 pm", "기사입력 :[ 2018-08-25 15:24 ]", "sexta-feira, 22 de outubro de 2010 às 20:13",
                     "By admin - 2018-09-16", "Nov 20 2019, 11:06am ist"] {
            #expect(BlockWriter.isTimestampLine(Array(line.utf8)), "\(line)")
        }
        for line in ["The vote is set for 20 November 2019 at 9:30.", "Posted on Maret 30, 2015 by Admin", "Election 2019", "Kick-off at 20:45"] {
            #expect(!BlockWriter.isTimestampLine(Array(line.utf8)), "\(line)")
        }
    }
}
