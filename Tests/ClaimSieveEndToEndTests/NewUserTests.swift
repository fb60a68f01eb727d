import ClaimSieveTestSupport
import Foundation
import Testing

/// What a new user meets first, found by following the README as one: a typo in a path must say
/// which file or folder is missing, and `--out` with `--reports` (a one-off report that still
/// keeps its state) must work rather than fail after writing the report.
@Suite struct NewUserTests {
    static let nightly = TestPaths.inRepository("pipelines/nightly.yml")

    @Test func aMissingPipelineFileSaysSo() throws {
        let folder = TestPaths.temporaryFolder()
        let result = try Binary.run(["run", "--pipeline", folder + "/nightly.yml", "--out", folder + "/out"])
        #expect(result.status == 65, "\(result.standardError)")
        #expect(result.standardError.contains("\(folder)/nightly.yml: cannot read the pipeline file: no such file"),
                "\(result.standardError)")
        let inMissingFolder = try Binary.run(["validate", folder + "/pipelines/nightly.yml"])
        #expect(inMissingFolder.standardError.contains("cannot read the pipeline file: no such folder \(folder)/pipelines"),
                "\(inMissingFolder.standardError)")
        let aFolder = try Binary.run(["validate", folder])
        #expect(aFolder.standardError.contains("cannot read the pipeline file: it is a folder, not a file"),
                "\(aFolder.standardError)")
    }

    @Test func aMetricsFileInAMissingFolderNamesTheFolder() throws {
        let folder = TestPaths.temporaryFolder()
        let result = try Binary.run(["run", "--pipeline", Self.nightly, "--out", folder + "/out",
                                     "--metrics", folder + "/textfile/claimsieve.prom"])
        #expect(result.status == 74, "\(result.standardError)")
        #expect(result.standardError.contains("cannot write the metrics file \(folder)/textfile/claimsieve.prom: no such folder \(folder)/textfile"),
                "\(result.standardError)")
        #expect(FileManager.default.fileExists(atPath: folder + "/out/claims.jsonl"), "the report is kept")
    }

    @Test func anOutputUnderAFileNamesTheFile() throws {
        let folder = TestPaths.temporaryFolder()
        try "x".write(toFile: folder + "/taken", atomically: true, encoding: .utf8)
        let result = try Binary.run(["run", "--pipeline", Self.nightly, "--out", folder + "/taken/out"])
        #expect(result.status == 73, "\(result.standardError)")
        #expect(result.standardError.contains("\(folder)/taken is not a folder"), "\(result.standardError)")
    }

    @Test func outWithReportsWritesTheReportToOutAndKeepsTheState() throws {
        let folder = TestPaths.temporaryFolder()
        let first = try Binary.run(["run", "--pipeline", Self.nightly, "--out", folder + "/out", "--reports", folder + "/root"])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardError.isEmpty, "silent on success: \(first.standardError)")
        #expect(FileManager.default.fileExists(atPath: folder + "/out/report.html"))
        #expect(FileManager.default.fileExists(atPath: folder + "/root/state.sqlite"))
        let root = try FileManager.default.contentsOfDirectory(atPath: folder + "/root")
        #expect(!root.contains("latest"), "no dated folder is published: \(root)")
        let second = try Binary.run(["run", "--pipeline", Self.nightly, "--out", folder + "/out2", "--reports", folder + "/root"])
        #expect(second.status == 0, "\(second.standardError)")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/out2/summary.json")))
        let processed = (summary as? [String: Any])?["processed"] as? Int
        #expect(processed == 0, "the second run uses the state: \(summary)")
        #expect(try String(contentsOfFile: folder + "/out/claims.jsonl", encoding: .utf8)
                == String(contentsOfFile: folder + "/out2/claims.jsonl", encoding: .utf8), "byte-identical, as README says")
    }

    @Test func aMissingTrainingFileSaysSo() throws {
        let folder = TestPaths.temporaryFolder()
        let train = try Binary.run(["train", "--polnear", folder + "/train.jsonl", "--out", folder + "/models"])
        #expect(train.status == 66, "\(train.standardError)")
        #expect(train.standardError.contains("\(folder)/train.jsonl: cannot read the file: no such file"), "\(train.standardError)")
        let eval = try Binary.run(["eval", folder + "/labelled.tsv"])
        #expect(eval.standardError.contains("cannot read \(folder)/labelled.tsv: no such file"), "\(eval.standardError)")
    }

    @Test func aStageProgramThatCannotStartSaysHowToSeeWhy() throws {
        let folder = TestPaths.temporaryFolder()
        let file = try CustomStageTests.pipeline(in: folder, extra: "  - command: {run: [python3, missing.py]}")
        let result = try Binary.run(["run", "--pipeline", file, "--out", folder + "/out"])
        #expect(result.status == 65, "\(result.standardError)")
        #expect(result.standardError.contains("stderr_level, info by default: --log-level at that level shows it"), "\(result.standardError)")
        let verbose = try Binary.run(["run", "--pipeline", file, "--out", folder + "/out", "--log-level", "info"])
        #expect(verbose.standardError.contains("missing.py': [Errno 2] No such file or directory"), "\(verbose.standardError)")
    }

    /// `tag`'s lines are the same bytes for the same sentences, keys sorted as in claims.jsonl
    /// (Foundation on Linux orders unsorted keys differently in every process).
    @Test func tagGivesTheSameBytesEveryTime() throws {
        let input = "Officials said the bridge may reopen, according to local reports.\nThe minister said it is open.\n"
        let runs = try (0..<3).map { _ in try Binary.run(["tag"], input: input) }
        #expect(runs.allSatisfy { $0.status == 0 })
        #expect(Set(runs.map(\.standardOutput)).count == 1, "\(runs.map(\.standardOutput))")
        #expect(runs[0].standardOutput.hasPrefix("{\"cues\":[{\"category\":"), "\(runs[0].standardOutput)")
    }
}
