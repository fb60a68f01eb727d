import ClaimSieveTestSupport
import Foundation
import Testing

/// The operator's nightly job: incremental state, dated reports, one run at a time, crash safety.
@Suite(.serialized) struct NightlyTests {
    struct Summary: Decodable {
        var documents: Int
        var processed: Int
        var skipped: Int
        var failed: Int
        var claims: Int
        var changes: [String: Int]?
    }

    struct Record: Decodable {
        var id: String
        var doc: String
        var text: String
        var change: String?
        var verdict: String
        var kind: String?
    }

    static func summary(_ folder: String) throws -> Summary {
        try JSONDecoder().decode(Summary.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json")))
    }

    static func records(_ folder: String) throws -> [Record] {
        try String(contentsOfFile: folder + "/claims.jsonl", encoding: .utf8).split(separator: "\n")
            .map { try JSONDecoder().decode(Record.self, from: Data($0.utf8)) }
    }

    static func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// The ids of the claims listed under "New since the last run" in report.html.
    static func newSection(_ html: String) -> [String] { ReportHTML.newIDs(html) }

    /// A folder of inputs the test may change: the sample articles, copied `copies` times.
    static func corpus(copies: Int = 1) throws -> String {
        let folder = TestPaths.temporaryFolder("claimsieve-corpus")
        let articles = TestPaths.inRepository("sample-data/articles")
        for copy in 0..<copies {
            let target = copies == 1 ? folder : folder + "/\(copy)"
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            for name in try FileManager.default.contentsOfDirectory(atPath: articles) {
                try FileManager.default.copyItem(atPath: articles + "/" + name, toPath: target + "/" + name)
            }
        }
        return folder
    }

    @Test func aSecondRunOverUnchangedInputsProcessesNothingAndWritesTheSameClaims() throws {
        let inputs = try Self.corpus()
        let root = TestPaths.temporaryFolder()
        let first = try Binary.run(["run", "--reports", root, inputs])
        #expect(first.status == 0, "\(first.standardError)")
        let firstFolder = root + "/" + (try FileManager.default.destinationOfSymbolicLink(atPath: root + "/latest"))
        let firstSummary = try Self.summary(firstFolder)
        #expect(firstSummary.processed == 5)
        #expect(try Self.records(firstFolder).allSatisfy { $0.change == "new" })

        let second = try Binary.run(["run", "--reports", root, "--log-level", "info", inputs])
        #expect(second.status == 0, "\(second.standardError)")
        // With nothing to process, the stages that load lexicons and models are not built.
        #expect(first.standardError.isEmpty)
        #expect(second.standardError.contains("stages=fetch,corroborate to_process=0"))
        let secondFolder = root + "/" + (try FileManager.default.destinationOfSymbolicLink(atPath: root + "/latest"))
        #expect(secondFolder != firstFolder)
        let secondSummary = try Self.summary(secondFolder)
        #expect(secondSummary.processed == 0)
        #expect(secondSummary.skipped == 5)
        #expect(secondSummary.claims == firstSummary.claims)
        #expect(try Self.bytes(firstFolder + "/claims.jsonl") == Self.bytes(secondFolder + "/claims.jsonl"))
        // Nothing was processed, so the report says that nothing is new.
        #expect(Self.newSection(try String(contentsOfFile: secondFolder + "/report.html", encoding: .utf8)).isEmpty)
        #expect(try String(contentsOfFile: secondFolder + "/report.html", encoding: .utf8).contains("Nothing is new since the last run"))
        #expect(try String(contentsOfFile: secondFolder + "/report.md", encoding: .utf8).contains("Nothing is new since the last run"))

        let full = try Binary.run(["run", "--reports", root, "--full", inputs])
        #expect(full.status == 0)
        let fullFolder = root + "/" + (try FileManager.default.destinationOfSymbolicLink(atPath: root + "/latest"))
        #expect(try Self.summary(fullFolder).processed == 5)
        #expect(try Self.records(fullFolder).allSatisfy { $0.change == "unchanged" })
    }

    /// A night where nothing changed reads no input: size and modification time as stored
    /// say the input is unchanged. When they differ the hash decides.
    @Test func unchangedSizeAndTimeSkipHashingAndTheHashDecidesWhenTheyDiffer() throws {
        let inputs = try Self.corpus()
        let manager = FileManager.default
        let page = inputs + "/speculation.html"
        let hourAgo = Date().addingTimeInterval(-3600)
        for name in try manager.contentsOfDirectory(atPath: inputs) {
            try manager.setAttributes([.modificationDate: hourAgo], ofItemAtPath: inputs + "/" + name)
        }
        let root = TestPaths.temporaryFolder()
        func night() throws -> Summary {
            let result = try Binary.run(["run", "--reports", root, inputs])
            #expect(result.status == 0, "\(result.standardError)")
            return try Self.summary(root + "/latest")
        }
        #expect(try night().processed == 5)
        // Same size, same time, other bytes: taken as unchanged without reading it (`--full`
        // processes everything again when a tool rewrites files and keeps their times).
        let original = try Self.bytes(page)
        var edited = original
        edited[edited.count - 2] = edited[edited.count - 2] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
        try edited.write(to: URL(fileURLWithPath: page))
        try manager.setAttributes([.modificationDate: hourAgo], ofItemAtPath: page)
        #expect(try night().processed == 0)
        // Touched, bytes as stored: hashed, unchanged, and its new time is stored.
        try original.write(to: URL(fileURLWithPath: page))
        try manager.setAttributes([.modificationDate: hourAgo.addingTimeInterval(60)], ofItemAtPath: page)
        #expect(try night().processed == 0)
        try edited.write(to: URL(fileURLWithPath: page))
        try manager.setAttributes([.modificationDate: hourAgo.addingTimeInterval(60)], ofItemAtPath: page)
        #expect(try night().processed == 0, "the time stored after the hash matched")
        // Other bytes and another time: hashed, changed, processed.
        try manager.setAttributes([.modificationDate: hourAgo.addingTimeInterval(120)], ofItemAtPath: page)
        #expect(try night().processed == 1)
    }

    @Test func changingOnePageReprocessesOnlyThatPage() throws {
        let inputs = try Self.corpus()
        let root = TestPaths.temporaryFolder()
        _ = try Binary.run(["run", "--reports", root, inputs])
        let before = try Self.records(root + "/latest")
        let page = inputs + "/speculation.html"
        // A document is named by its input root's folder name and its path below it.
        let doc = (inputs as NSString).lastPathComponent + "/speculation.html"
        // A sentence added to the article's text, after its first sentence that has a claim.
        var html = try String(contentsOfFile: page, encoding: .utf8)
        let anchor = try #require(before.filter { $0.doc == doc }.dropFirst().first {
            $0.text.hasSuffix(".") && !$0.text.contains { "“”’&".contains($0) }
        }).text
        let at = try #require(html.range(of: anchor))
        html.insert(contentsOf: " Officials reportedly ordered a new audit of the figures.", at: at.upperBound)
        try html.write(toFile: page, atomically: true, encoding: .utf8)

        let result = try Binary.run(["run", "--reports", root, inputs])
        #expect(result.status == 0, "\(result.standardError)")
        let latest = root + "/latest"
        let summary = try Self.summary(latest)
        #expect(summary.processed == 1)
        #expect(summary.skipped == 4)
        let records = try Self.records(latest)
        // The other pages' claims are reported from the state exactly as before.
        let others = records.filter { $0.doc != doc }
        #expect(others.map(\.text) == before.filter { $0.doc != doc }.map(\.text))
        #expect(others.map(\.change) == before.filter { $0.doc != doc }.map(\.change))
        // The changed page was compared with what the state held.
        let changed = records.filter { $0.doc == doc }
        #expect(changed.contains { $0.text.contains("reportedly ordered a new audit") && $0.change == "new" })
        #expect(changed.filter { $0.change == "unchanged" }.count >= changed.count - 2)
        let report = try String(contentsOfFile: latest + "/report.html", encoding: .utf8)
        #expect(report.contains("New since the last run"))
        #expect(try ReportHTML.list("new", in: report).contains { ($0["t"] as? String)?.contains("ordered a new audit") == true })
        // Exactly the edited page's new and changed statements, and nothing of the other pages.
        let fresh = changed.filter { ($0.change == "new" || $0.change == "updated") && $0.kind == nil && $0.verdict != "not_judged" }
        #expect(!fresh.isEmpty)
        #expect(Set(Self.newSection(report)) == Set(fresh.map(\.id)))
        #expect(Self.newSection(report).count == fresh.count)
        // The next night, with nothing changed, nothing is new.
        #expect(try Binary.run(["run", "--reports", root, inputs]).status == 0)
        let quiet = try String(contentsOfFile: latest + "/report.html", encoding: .utf8)
        #expect(Self.newSection(quiet).isEmpty)
        #expect(quiet.contains("Nothing is new since the last run"))
        #expect(try ReportHTML.claims(quiet).allSatisfy { $0["n"] == nil }, "no claim stays new on the next night")
    }

    @Test func aDeletedPageIsReportedGone() throws {
        let inputs = try Self.corpus()
        let root = TestPaths.temporaryFolder()
        _ = try Binary.run(["run", "--reports", root, inputs])
        try FileManager.default.removeItem(atPath: inputs + "/social-media.html")
        let result = try Binary.run(["run", "--reports", root, inputs])
        #expect(result.status == 0)
        let summary = try Self.summary(root + "/latest")
        #expect((summary.changes?["gone"] ?? 0) > 0)
        #expect(try String(contentsOfFile: root + "/latest/report.html", encoding: .utf8).contains("Gone since the last run"))
    }

    /// One state, the same inputs spelt three ways (relative from another working directory,
    /// absolute, through a symbolic link), with the pipeline named relatively and absolutely:
    /// every run after the first finds nothing new and nothing gone, and the claim ids stay.
    @Test func theSameInputsByRelativeAbsoluteAndLinkedPathsAreTheSameDocuments() throws {
        let inputs = try Self.corpus()
        let name = (inputs as NSString).lastPathComponent
        let parent = (inputs as NSString).deletingLastPathComponent
        let root = TestPaths.temporaryFolder()
        let links = TestPaths.temporaryFolder("claimsieve-links")
        try FileManager.default.createSymbolicLink(atPath: links + "/pages", withDestinationPath: inputs)
        let pipeline = TestPaths.inRepository("pipelines/default.yml")

        let first = try Binary.run(["run", "--pipeline", "pipelines/default.yml", "--reports", root, "--full", inputs])
        #expect(first.status == 0, "\(first.standardError)")
        let reference = try Self.records(root + "/latest")
        #expect(!reference.isEmpty)
        #expect(reference.allSatisfy { $0.doc.hasPrefix(name + "/") }, "\(reference.map(\.doc))")
        let ids = try Self.ids(root + "/latest")

        let spellings: [(arguments: [String], directory: String)] = [
            (["--pipeline", pipeline, name], parent),                      // relative input, absolute pipeline
            (["--pipeline", pipeline, "./" + name + "/"], parent),         // ./ and a trailing slash
            (["--pipeline", "pipelines/default.yml", links + "/pages"], TestPaths.repository),  // through a link
            (["--pipeline", pipeline, "--full", inputs], links),           // processed again, absolute
        ]
        for (arguments, directory) in spellings {
            let result = try Binary.run(["run", "--reports", root] + arguments, in: directory)
            #expect(result.status == 0, "\(arguments): \(result.standardError)")
            let summary = try Self.summary(root + "/latest")
            #expect(summary.changes?["new"] ?? 0 == 0 || summary.processed == 0, "\(arguments): \(summary)")
            #expect(summary.changes?["gone"] ?? 0 == 0, "\(arguments): \(summary)")
            let records = try Self.records(root + "/latest")
            #expect(records.map(\.doc) == reference.map(\.doc), "\(arguments)")
            #expect(try Self.ids(root + "/latest") == ids, "\(arguments)")
            #expect(!(try String(contentsOfFile: root + "/latest/report.html", encoding: .utf8)).contains("Gone since the last run"))
            if arguments.contains("--full") {
                #expect(summary.processed == 5)
                #expect(records.allSatisfy { $0.change == "unchanged" }, "\(arguments)")
            } else {
                #expect(summary.processed == 0, "\(arguments): unchanged inputs are not processed again")
                #expect(Self.newSection(try String(contentsOfFile: root + "/latest/report.html", encoding: .utf8)).isEmpty)
            }
        }
    }

    static func ids(_ folder: String) throws -> [String] {
        try String(contentsOfFile: folder + "/claims.jsonl", encoding: .utf8).split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["id"] as? String ?? ""
        }
    }

    /// A pipeline whose last stage takes 20 ms per document and appends each document's id to
    /// `progress`: slow enough to act on a run while it goes, and a signal of how far it got.
    static func slowPipeline() throws -> (pipeline: String, progress: String) {
        let folder = TestPaths.temporaryFolder("claimsieve-slow")
        let script = folder + "/slow.py"
        let progress = folder + "/progress.txt"
        try """
        import json, sys, time
        for line in sys.stdin:
            request = json.loads(line)
            time.sleep(0.02)
            with open(sys.argv[1], "a") as log:
                log.write(request["document"]["id"] + "\\n")
            sys.stdout.write(json.dumps({"id": request["id"], "document": request["document"]}) + "\\n")
            sys.stdout.flush()
        """.write(toFile: script, atomically: true, encoding: .utf8)
        let pipeline = folder + "/slow.yml"
        try """
        stages:
          - fetch
          - clean
          - split
          - tag
          - verdict
          - command: {run: [python3, \(script), \(progress)]}
        """.write(toFile: pipeline, atomically: true, encoding: .utf8)
        return (pipeline, progress)
    }

    static func lines(_ path: String) -> Int {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").count
    }

    /// Starts a run in the background and returns once it has taken `documents` more documents
    /// through its last stage: it holds the lock and is midway.
    func startSlowRun(root: String, inputs: String, slow: (pipeline: String, progress: String), documents: Int = 10,
                      environment: [String: String] = [:]) throws -> Process {
        let before = Self.lines(slow.progress)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.environment = Binary.environment(environment)
        process.arguments = ["run", "--jobs", "1", "--pipeline", slow.pipeline, "--reports", root, inputs]
        process.currentDirectoryURL = URL(fileURLWithPath: TestPaths.repository)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning, Self.lines(slow.progress) < before + documents {
            usleep(5_000)
        }
        return process
    }

    @Test(.enabled(if: TestLane.full, "slow: not in --quick"), .timeLimit(.minutes(5)))
    func aSecondRunWhileOneIsActiveIsRefusedWithTheLockedCode() throws {
        let inputs = try Self.corpus(copies: 40)
        let root = TestPaths.temporaryFolder()
        let first = try startSlowRun(root: root, inputs: inputs, slow: Self.slowPipeline())
        defer { first.terminate(); first.waitUntilExit() }
        #expect(first.isRunning, "the first run ended before the second could start")
        let second = try Binary.run(["run", "--reports", root, inputs])
        #expect(second.status == 75)
        #expect(second.standardError.contains("another run holds the lock"))
        #expect(second.standardError.contains("pid \(first.processIdentifier)"))
    }

    /// For each journal (`nil`: none chosen, a new state's `wal`): a kill -9 midway loses
    /// nothing committed and the next run writes what an uninterrupted one would.
    @Test(.enabled(if: TestLane.full, "slow: not in --quick"), .timeLimit(.minutes(5)), arguments: [nil, "exclusive", "rollback"])
    func aRunKilledMidwayLeavesThePreviousReportAndTheNextRunCompletesIt(journal: String?) throws {
        let inputs = try Self.corpus(copies: 40)
        let root = TestPaths.temporaryFolder()
        let slow = try Self.slowPipeline()
        let environment = journal.map { ["CLAIMSIEVE_STATE_JOURNAL": $0] } ?? [:]
        func run(_ root: String) throws -> Int32 {
            let result = try Binary.run(["run", "--jobs", "1", "--pipeline", slow.pipeline, "--reports", root, inputs],
                                        environment: environment)
            #expect(result.status == 0, "\(result.standardError.suffix(1000))")
            return result.status
        }
        // A first complete run over part of the corpus gives a previous report and state.
        let later = TestPaths.temporaryFolder("claimsieve-later")
        for copy in 10..<40 { try FileManager.default.moveItem(atPath: inputs + "/\(copy)", toPath: later + "/\(copy)") }
        #expect(try run(root) == 0)
        let previous = try FileManager.default.destinationOfSymbolicLink(atPath: root + "/latest")
        let previousClaims = try Self.bytes(root + "/latest/claims.jsonl")
        for copy in 10..<40 { try FileManager.default.moveItem(atPath: later + "/\(copy)", toPath: inputs + "/\(copy)") }

        // The reference: the same state, an uninterrupted run.
        let reference = TestPaths.temporaryFolder()
        try FileManager.default.removeItem(atPath: reference)
        try FileManager.default.copyItem(atPath: root, toPath: reference)
        #expect(try run(reference) == 0)

        let victim = try startSlowRun(root: root, inputs: inputs, slow: slow, environment: environment)
        #expect(victim.isRunning, "the run ended before it could be killed")
        kill(victim.processIdentifier, SIGKILL)
        victim.waitUntilExit()
        #expect(victim.terminationReason == .uncaughtSignal)
        // The file is still in the mode chosen (2: WAL, also for exclusive; 1: rollback journal).
        #expect(StateJournalRunTests.fileFormat(root + "/state.sqlite") == (journal == "rollback" ? 1 : 2))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: root + "/latest") == previous)
        #expect(try Self.bytes(root + "/latest/claims.jsonl") == previousClaims)

        #expect(try run(root) == 0)
        #expect(try Self.bytes(root + "/latest/claims.jsonl") == Self.bytes(reference + "/latest/claims.jsonl"))
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: root)).contains { $0.hasSuffix(".partial") })
    }

    @Test func theMetricsFileIsPrometheusText() throws {
        let inputs = try Self.corpus()
        let root = TestPaths.temporaryFolder()
        let metrics = root + "/claimsieve.prom"
        let result = try Binary.run(["run", "--reports", root, "--metrics", metrics, inputs])
        #expect(result.status == 0)
        let samples = PrometheusText.samples(try String(contentsOfFile: metrics, encoding: .utf8))
        #expect(samples["!error"] == nil)
        #expect(samples["claimsieve_documents{state=\"processed\"}"] == 5)
        #expect(samples["claimsieve_last_run_success"] == 1)
        #expect((samples["claimsieve_last_success_timestamp_seconds"] ?? 0) > 1_700_000_000)
        #expect(samples["claimsieve_run_duration_seconds"] != nil)
    }

    @Test func keepPrunesOldRunFolders() throws {
        let inputs = try Self.corpus()
        let root = TestPaths.temporaryFolder()
        for _ in 0..<3 { _ = try Binary.run(["run", "--reports", root, "--keep", "2", inputs]) }
        let runs = try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.first?.isNumber == true }
        #expect(runs.count == 2)

        // With --out there are no old runs to prune: refused, not silently ignored.
        let out = TestPaths.temporaryFolder() + "/out"
        let refused = try Binary.run(["run", "--out", out, "--keep", "2", inputs])
        #expect(refused.status == 64)
        #expect(refused.standardError.contains("--keep goes with --reports"))
        #expect(!FileManager.default.fileExists(atPath: out + "/claims.jsonl"))
    }

    @Test func jsonLogsAreOneObjectPerLine() throws {
        let result = try Binary.run(["run", "--log-format", "json", "--log-level", "info", "--out", TestPaths.temporaryFolder(),
                                     TestPaths.inRepository("sample-data/articles")])
        let lines = result.standardError.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["message"] != nil)
        }
    }
}
