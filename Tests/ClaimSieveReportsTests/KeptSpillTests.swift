import ClaimSieveCore
@testable import ClaimSieveReports
import ClaimSieveTestSupport
import Foundation
import GRDB
import Testing

/// A spill kept by one run (`ReportWriter.keepAs`) and taken by the next (`adoptKept`) gives
/// the reports of the same documents added again, none of their claims fresh; a spill kept
/// under another key is refused and removed.
@Suite struct KeptSpillTests {
    let statistics = PipelineRunner.Statistics(inputs: 1, documents: 1, failed: 0, stageSeconds: [:],
                                               peakInFlight: 1, stoppedBy: nil, wallSeconds: 1)
    static let formats = ["html", "markdown", "jsonl", "csv", "summary"]

    /// Documents with claims of every verdict and change, one shared across two documents
    /// (a corroboration group), a question and a failed document.
    func documents() -> [(Document, [ClaimRecord])] {
        func document(_ id: String, _ texts: [(String, Verdict, String)], url: String? = nil) -> (Document, [ClaimRecord]) {
            var claims = texts.enumerated().map { index, text in
                Claim(id: "", block: index, sentence: 0, text: text.0, verdict: text.1, score: 0.4,
                      kind: text.0.hasSuffix("?") ? .question : .statement)
            }
            ClaimID.assign(to: &claims, document: id)
            let document = Document(id: id, path: id, format: .html, metadata: Metadata(title: "Title of \(id)", canonicalURL: url))
            return (document, zip(claims, texts).map { ClaimRecord(claim: $0, document: document, change: $1.2) })
        }
        let failed = Document(id: "f.html", path: "f.html", format: .html, metadata: Metadata(title: "F"),
                              failure: Failure(stage: "clean", reason: "no text"))
        return [
            document("a.html", [("The bridge over the river closed on Monday after the storm.", .confirmed, "new"),
                                ("Officials said it may reopen next week.", .attributed, "updated"),
                                ("Will it reopen?", .unverified, "new")], url: "https://a.example/x"),
            document("b.html", [("The bridge over the river closed on Monday after the storm.", .confirmed, "unchanged"),
                                ("Reportedly the mayor might resign.", .unverified, "new")]),
            (failed, []),
        ]
    }

    /// A writer of the test's formats into a new folder, with a corroborator.
    func writer() throws -> ReportWriter {
        let writer = try ReportWriter(outputDirectory: TestPaths.temporaryFolder(), formats: Self.formats, pipelineName: "t.yml")
        writer.corroborator = Corroborator()
        return writer
    }

    func write(_ writer: ReportWriter, fresh: Bool) {
        for (document, records) in documents() { writer.add(document, records: records, fresh: fresh) }
    }

    func report(_ folder: String) throws -> [String] {
        try ["claims.jsonl", "claims.csv", "report.md", "report.html", "summary.json"].map { name in
            try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
                .replacingOccurrences(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"#, with: "TIME", options: .regularExpression)
        }
    }

    @Test func aKeptSpillGivesTheReportOfItsDocumentsNoneFresh() throws {
        let kept = TestPaths.temporaryFolder() + "/kept.sqlite"
        let first = try writer()
        write(first, fresh: true)
        first.keepAs = (kept, "key-1")
        try first.finish(statistics: statistics, skipped: 0)
        #expect(FileManager.default.fileExists(atPath: kept))
        let firstMarkdown = try String(contentsOfFile: first.outputDirectory + "/report.md", encoding: .utf8)
        #expect(firstMarkdown.contains("New since the last run (3)"))

        // Another key: refused, and the file is gone (the next run renders from the state).
        let copy = kept + ".copy"
        try FileManager.default.copyItem(atPath: kept, toPath: copy)
        let refusing = try writer()
        #expect(!refusing.adoptKept(at: copy, key: "key-2"))
        #expect(!FileManager.default.fileExists(atPath: copy))
        refusing.abandon()

        let taking = try writer()
        #expect(taking.adoptKept(at: kept, key: "key-1"))
        #expect(!FileManager.default.fileExists(atPath: kept), "moved into the run's temporary folder")
        #expect(taking.documentCount == 3)
        taking.keepAs = (kept, "key-2")
        try taking.finish(statistics: statistics, skipped: 3)
        #expect(FileManager.default.fileExists(atPath: kept), "kept again for the night after")

        let adding = try writer()
        write(adding, fresh: false)
        try adding.finish(statistics: statistics, skipped: 3)

        let taken = try report(taking.outputDirectory)
        #expect(taken == (try report(adding.outputDirectory)))
        #expect(taken[2].contains("New since the last run (0)"))
        #expect(taken[0].contains("\"corroboration\""), "the groups kept with the claims")

        // And the spill kept by a night that took one.
        let again = try writer()
        #expect(again.adoptKept(at: kept, key: "key-2"))
        try again.finish(statistics: statistics, skipped: 3)
        #expect(try report(again.outputDirectory) == taken)
    }

    /// What a night found before taking the kept spill (inputs it did not process) is that night's:
    /// taking the spill keeps it (the run adds the skipped inputs first, then takes the spill).
    @Test func takingAKeptSpillKeepsTheNightsSkippedInputs() throws {
        let kept = TestPaths.temporaryFolder() + "/kept.sqlite"
        let skipped = [InputWalker.Skipped(path: "inbox/notes.docx", reason: .otherExtension)]
        let first = try writer()
        first.addSkippedInputs(skipped)
        write(first, fresh: true)
        first.keepAs = (kept, "key-1")
        try first.finish(statistics: statistics, skipped: 0)

        let taking = try writer()
        taking.addSkippedInputs(skipped)
        #expect(taking.adoptKept(at: kept, key: "key-1"))
        try taking.finish(statistics: statistics, skipped: 3)

        let adding = try writer()
        adding.addSkippedInputs(skipped)
        write(adding, fresh: false)
        try adding.finish(statistics: statistics, skipped: 3)

        let taken = try report(taking.outputDirectory)
        #expect(taken[4].contains("inbox/notes.docx"), "summary.json lists the input not processed")
        #expect(taken[2].contains("inbox/notes.docx"), "report.md lists it")
        #expect(taken == (try report(adding.outputDirectory)))
    }

    /// A spill kept by an older build (before the documents' facts were in it: no `documents`
    /// table, the facts in its note) is refused even under the key asked, and removed; the
    /// key's version (`BatchRun.keptSpillVersion`, v4) refuses it first in a real run.
    @Test func aSpillOfTheOlderLayoutIsRefusedWhateverItsKey() throws {
        let kept = TestPaths.temporaryFolder() + "/kept.sqlite"
        let first = try writer()
        write(first, fresh: true)
        first.keepAs = (kept, "key-1")
        try first.finish(statistics: statistics, skipped: 0)
        let database = try DatabaseQueue(path: kept)
        try database.write { db in try db.execute(sql: "DROP TABLE documents") }
        try database.close()

        let taking = try writer()
        #expect(!taking.adoptKept(at: kept, key: "key-1"))
        #expect(!FileManager.default.fileExists(atPath: kept))
        #expect(taking.documentCount == 0)
        taking.abandon()
    }
}
