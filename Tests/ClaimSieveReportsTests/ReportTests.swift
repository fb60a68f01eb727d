import ClaimSieveCore
import ClaimSieveReports
import ClaimSieveTestSupport
import Foundation
import Testing

@Suite struct ReportTests {
    func document(_ id: String, claims: [Claim], failure: Failure? = nil) -> Document {
        var claims = claims
        ClaimID.assign(to: &claims, document: id)
        return Document(id: id, path: id, format: .html, metadata: Metadata(title: "Title of \(id)"), claims: claims, failure: failure)
    }

    let statistics = PipelineRunner.Statistics(inputs: 2, documents: 2, failed: 1, stageSeconds: ["clean": 0.5],
                                               peakInFlight: 1, stoppedBy: nil, wallSeconds: 1)

    @Test func highlightingCutsAtUTF8OffsetsAndEscapes() {
        let text = "“Ça” <b>reportedly</b> fled"
        let start = Array(text.utf8).count - Array("reportedly</b> fled".utf8).count
        let cue = Cue(text: "reportedly", category: .hearsay, start: start, end: start + 10)
        #expect(HTMLText.highlighted(text, cues: [cue])
            == "“Ça” &lt;b&gt;<mark class=\"cue hearsay\" title=\"hearsay\">reportedly</mark>&lt;/b&gt; fled")
    }

    @Test func overlappingOrOutOfRangeCuesAreSkippedNotTrusted() {
        let cues = [Cue(text: "ab", category: .weasel, start: 0, end: 2), Cue(text: "bc", category: .hearsay, start: 1, end: 3),
                    Cue(text: "?", category: .hearsay, start: 5, end: 99)]
        let pieces = HTMLText.pieces(of: "abcd", cues: cues)
        #expect(pieces.map { $0.text } == ["ab", "cd"])
        #expect(pieces.map { $0.cue?.category } == [.weasel, nil])
    }

    /// `kill -9` during an `--out` run leaves its temporary folder; the next run removes it
    /// (its process is gone) and leaves a live run's folder alone.
    @Test func temporaryFoldersOfDeadRunsAreRemoved() throws {
        let out = TestPaths.temporaryFolder()
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = out + "/.claimsieve-tmp-\(finished.processIdentifier)"
        let alive = out + "/.claimsieve-tmp-\(getppid())"
        for folder in [dead, alive] { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let writer = try ReportWriter(outputDirectory: out, pipelineName: "test.yml")
        try writer.finish(statistics: statistics)
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: alive))
        let left = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasPrefix(".") }
        #expect(left == [".claimsieve-tmp-\(getppid())"])
    }

    @Test func writesAllFilesWithUnverifiedFirstAndFailuresListed() throws {
        let out = TestPaths.temporaryFolder()
        let writer = try ReportWriter(outputDirectory: out, pipelineName: "test.yml")
        let hedged = Claim(id: "", block: 0, sentence: 0, text: "It reportedly <script>alert(1)</script> fell.",
                           cues: [Cue(text: "reportedly", category: .hearsay, start: 3, end: 13)], verdict: .unverified, score: 0.8)
        let plain = Claim(id: "", block: 1, sentence: 0, text: "The river is long.", verdict: .confirmed, score: 0.9)
        writer.add([document("a.html", claims: [plain, hedged])])
        writer.add([document("b.html", claims: [], failure: Failure(stage: "clean", reason: "no article found"))])
        let summary = try writer.finish(statistics: statistics)
        #expect(summary.claims == 2)
        #expect(summary.failures.map(\.doc) == ["b.html"])
        #expect(summary.verdicts == ["confirmed": 1, "attributed": 0, "unverified": 1, "not_judged": 0])

        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        // The report's own scripts (its data and its code) are the only ones: the claim's is text.
        #expect(html.components(separatedBy: "<script").count == 3)
        #expect(!html.contains("<script>alert"))
        #expect(ReportHTML.rawData(html).contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"))
        #expect(try ReportHTML.claims(html).contains { $0["t"] as? String == hedged.text })
        let unverified = try #require(html.range(of: "id=\"unverified\""))
        let confirmed = try #require(html.range(of: "id=\"confirmed\""))
        #expect(unverified.lowerBound < confirmed.lowerBound)
        #expect(html.contains("no article found"))

        let lines = try String(contentsOfFile: out + "/claims.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("{\"block\":1,\"cues\":[],\"doc\":\"a.html\""))
        let markdown = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(markdown.contains("**reportedly**<sub>hearsay</sub>"))
    }

    @Test func anAbandonedRunLeavesThePreviousReportWhole() throws {
        let out = TestPaths.temporaryFolder()
        try "previous\n".write(toFile: out + "/claims.jsonl", atomically: true, encoding: .utf8)
        let writer = try ReportWriter(outputDirectory: out, pipelineName: "test.yml")
        writer.add([document("a.html", claims: [Claim(id: "", block: 0, sentence: 0, text: "New.", verdict: .confirmed, score: 1)])])
        writer.abandon()
        #expect(try String(contentsOfFile: out + "/claims.jsonl", encoding: .utf8) == "previous\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["claims.jsonl"])
    }
}

@Suite struct ClaimRecordTests {
    @Test func numbersFromACustomStageAreClampedIntoJSON() {
        let document = Document(id: "d", path: "d")
        let claim = Claim(id: "c", block: Int.max, sentence: -3, text: "x", verdict: .confirmed, score: .infinity)
        let record = ClaimRecord(claim: claim, document: document)
        #expect(record.block == Int(Int32.max))
        #expect(record.sentence == 0)
        #expect(record.score == 0)
        #expect(ClaimRecord(claim: Claim(id: "c", block: 0, sentence: 0, text: "x", score: 7), document: document).score == 1)
    }
}
