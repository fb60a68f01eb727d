import ClaimSieveTestSupport
import Foundation
import Testing

/// `run --shard K/N` and `merge`: the merged reports are a single run's, byte for byte, on a corpus
/// of a few hundred pages with bad inputs, feeds, a missing input and skipped files.
@Suite(.serialized) struct ShardMergeTests {
    /// The corpus, built once: the Zyte and Readability benchmark pages (272), sample-data (12
    /// pages, feeds and bad inputs), a hidden file and a file of another extension (listed as
    /// skipped); with the missing input, 285 inputs and 288 documents. A debug run over it takes
    /// about 16 s of CPU: the full lane only.
    static let corpus: String = {
        let root = TestPaths.temporaryFolder("claimsieve-shard-corpus") + "/corpus"
        let manager = FileManager.default
        try? manager.createDirectory(atPath: root, withIntermediateDirectories: true)
        let sources = [("zyte", TestPaths.inShared("eval/extraction-zyte/html")),
                       ("readability", TestPaths.inShared("eval/extraction-readability/html")),
                       ("sample", TestPaths.inRepository("sample-data"))]
        for (name, folder) in sources { try? manager.copyItem(atPath: folder, toPath: root + "/" + name) }
        // The benchmark pages are stored gzipped (`.html.gz`); a run reads `.html`.
        let gunzip = Process()
        gunzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gunzip.arguments = ["gzip", "-d", "-r", root + "/zyte", root + "/readability"]
        try? gunzip.run()
        gunzip.waitUntilExit()
        manager.createFile(atPath: root + "/.hidden.html", contents: Data("<p>x</p>".utf8))
        manager.createFile(atPath: root + "/notes.txt", contents: Data("x".utf8))
        return root
    }()

    /// Every run names the corpus and a missing input, so the failures include a fetch failure.
    static var inputs: [String] { [corpus, corpus + "/../missing.html"] }

    /// A smaller part of it (103 inputs: the Readability pages, sample-data, the missing input)
    /// for 4 shards one after another and side by side: less CI time for the same property.
    static var reducedInputs: [String] { [corpus + "/readability", corpus + "/sample", corpus + "/../missing.html"] }

    static func singleRun(_ inputs: [String]) -> String {
        let out = TestPaths.temporaryFolder("claimsieve-single")
        _ = try? Binary.run(["run", "--out", out, "--jobs", "2"] + inputs)
        return out
    }

    /// Single runs over the corpus and over its reduced part, each made once.
    static let single = singleRun(inputs)
    static let reducedSingle = singleRun(reducedInputs)

    static func runShards(_ count: Int, parallel: Bool = false, inputs: [String] = Self.inputs) throws -> [String] {
        let folders = (0..<count).map { _ in TestPaths.temporaryFolder("claimsieve-shard") }
        let statuses = LockedStatuses(count: count)
        let run: @Sendable (Int) -> Void = { k in
            let result = try? Binary.run(["run", "--shard", "\(k)/\(count)", "--out", folders[k], "--jobs", parallel ? "1" : "2"]
                                         + inputs)
            statuses.set(k, result.map { "\($0.status) \($0.standardError.suffix(500))" } ?? "did not start")
        }
        if parallel {
            DispatchQueue.concurrentPerform(iterations: count, execute: run)
        } else {
            for k in 0..<count { run(k) }
        }
        for (k, status) in statuses.all.enumerated() {
            // 0, 1 (some documents failed) or 2 (every one of this shard): a whole shard result.
            #expect(["0", "1", "2"].contains(status.prefix(1)), "shard \(k): \(status)")
            #expect(FileManager.default.fileExists(atPath: folders[k] + "/shard.sqlite"), "shard \(k)")
        }
        return folders
    }

    final class LockedStatuses: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [String]
        init(count: Int) { values = Array(repeating: "", count: count) }
        func set(_ index: Int, _ value: String) { lock.lock(); values[index] = value; lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return values }
    }

    static func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// The summary without what differs between any two runs (when, how long).
    static func stableSummary(_ folder: String) throws -> [String: String] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json"))) as! [String: Any]
        var result: [String: String] = [:]
        for (key, value) in object where key != "generated_at" && key != "timings" {
            let data = try JSONSerialization.data(withJSONObject: ["v": value], options: [.sortedKeys])
            result[key] = String(decoding: data, as: UTF8.self)
        }
        return result
    }

    /// A report with its generation time taken out.
    static func report(_ folder: String, _ name: String) throws -> String {
        let generated = (try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json"))) as! [String: Any])["generated_at"] as! String
        return try text(folder + "/" + name).replacingOccurrences(of: generated, with: "GENERATED")
    }

    static func expectSameAsSingleRun(_ merged: String, single: String = Self.single,
                                      sourceLocation: SourceLocation = #_sourceLocation) throws {
        let claims = try text(merged + "/claims.jsonl")
        #expect(claims == (try text(single + "/claims.jsonl")), "claims.jsonl differs", sourceLocation: sourceLocation)
        #expect(claims.contains("\"corroboration\""), "the corpus has corroborated claims", sourceLocation: sourceLocation)
        #expect(try stableSummary(merged) == stableSummary(single), sourceLocation: sourceLocation)
        for name in ["report.md", "report.html"] {
            #expect(try report(merged, name) == report(single, name), "\(name) differs", sourceLocation: sourceLocation)
        }
    }

    static func merge(_ folders: [String], extra: [String] = []) throws -> (out: String, result: Binary.Result) {
        let out = TestPaths.temporaryFolder("claimsieve-merged")
        return (out, try Binary.run(["merge", "--out", out] + extra + folders))
    }

    @Test(.timeLimit(.minutes(10)), .enabled(if: TestLane.full, "a run over 285 inputs per case: the full lane only"),
          arguments: [1, 2, 3, 7])
    func mergeOfNShardsIsTheSingleRunByteForByte(shards: Int) throws {
        let singleSummary = try Self.stableSummary(Self.single)
        #expect(singleSummary["inputs"] == "{\"v\":285}", "the whole corpus is read")
        #expect(singleSummary["failed"] == "{\"v\":3}", "the corpus has failures: two bad pages and the missing input")
        let folders = try Self.runShards(shards)
        // In any order: the merge orders them by their shard number.
        let (out, result) = try Self.merge(folders.reversed())
        #expect(result.status == 1, "partial, as the single run: \(result.standardError)")
        try Self.expectSameAsSingleRun(out)
    }

    @Test(.timeLimit(.minutes(10)), .enabled(if: TestLane.full, "runs over 103 inputs: the full lane only"))
    func fourShardsOneAfterAnotherAndSideBySideMergeToTheSingleRun() throws {
        for parallel in [false, true] {
            let folders = try Self.runShards(4, parallel: parallel, inputs: Self.reducedInputs)
            let (out, result) = try Self.merge(folders)
            #expect(result.status == 1, "\(result.standardError)")
            try Self.expectSameAsSingleRun(out, single: Self.reducedSingle)
        }
    }
}

/// What the merge refuses, naming the shard, with exit 3 and no report; and shards with state.
@Suite(.serialized) struct ShardMergeRefusalTests {
    static let articles = TestPaths.inRepository("sample-data/articles")

    static func shard(_ spec: String, _ out: String, _ inputs: [String] = [articles], extra: [String] = []) throws -> Binary.Result {
        try Binary.run(["run", "--shard", spec, "--out", out] + extra + inputs)
    }

    @Test func aMissingUnfinishedOrForeignShardStopsTheMergeWithExit3NamingIt() throws {
        let folders = (0..<3).map { _ in TestPaths.temporaryFolder("claimsieve-shard") }
        for k in 0..<3 { #expect(try Self.shard("\(k)/3", folders[k]).status == 0) }
        let out = TestPaths.temporaryFolder("claimsieve-merged")

        let missing = try Binary.run(["merge", "--out", out, folders[0], folders[2]])
        #expect(missing.status == 3)
        #expect(missing.standardError.contains("shard 1/3"), "\(missing.standardError)")

        let noFolder = try Binary.run(["merge", "--out", out, folders[0], folders[1], "/nonexistent/shard-2"])
        #expect(noFolder.status == 3)
        #expect(noFolder.standardError.contains("/nonexistent/shard-2: no such folder"), "\(noFolder.standardError)")

        // A shard that died: its folder has no shard.sqlite (a rerun removes the old one first).
        let died = TestPaths.temporaryFolder("claimsieve-shard")
        try FileManager.default.copyItem(atPath: folders[1] + "/summary.json", toPath: died + "/summary.json")
        let unfinished = try Binary.run(["merge", "--out", out, folders[0], died, folders[2]])
        #expect(unfinished.status == 3)
        #expect(unfinished.standardError.contains(died) && unfinished.standardError.contains("not finished"), "\(unfinished.standardError)")

        // A shard that fails tonight, even before it starts work, leaves no result of last night.
        let rerun = try Self.shard("1/3", folders[1], extra: ["--pipeline", "/nonexistent/pipeline.yml"])
        #expect(rerun.status == 65)
        let stale = try Binary.run(["merge", "--out", out] + folders)
        #expect(stale.status == 3)
        #expect(stale.standardError.contains(folders[1]) && stale.standardError.contains("not finished"), "\(stale.standardError)")
        #expect(try Self.shard("1/3", folders[1]).status == 0)

        // A shard of another count, and one over other inputs.
        let otherCount = TestPaths.temporaryFolder("claimsieve-shard")
        #expect(try Self.shard("1/4", otherCount).status == 0)
        let wrongCount = try Binary.run(["merge", "--out", out, folders[0], otherCount, folders[2]])
        #expect(wrongCount.status == 3)
        #expect(wrongCount.standardError.contains(otherCount), "\(wrongCount.standardError)")
        let otherInputs = TestPaths.temporaryFolder("claimsieve-shard")
        #expect(try Self.shard("1/3", otherInputs, [TestPaths.inRepository("sample-data/seed")]).status == 0)
        let wrongInputs = try Binary.run(["merge", "--out", out, folders[0], otherInputs, folders[2]])
        #expect(wrongInputs.status == 3)
        #expect(wrongInputs.standardError.contains(otherInputs) && wrongInputs.standardError.contains("other inputs"), "\(wrongInputs.standardError)")

        // A truncated file is not a shard result.
        let truncated = TestPaths.temporaryFolder("claimsieve-shard")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: folders[1] + "/shard.sqlite"))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: truncated + "/shard.sqlite"))
        let broken = try Binary.run(["merge", "--out", out, folders[0], truncated, folders[2]])
        #expect(broken.status == 3)
        #expect(broken.standardError.contains(truncated), "\(broken.standardError)")

        for name in ["claims.jsonl", "report.md", "report.html", "summary.json"] {
            #expect(!FileManager.default.fileExists(atPath: out + "/" + name), "\(name) written by a refused merge")
        }
        #expect(try Binary.run(["merge", "--out", out] + folders).status == 0)
    }

    /// Each shard keeps its own state: a second night processes nothing and the merge is the
    /// single run's with state, `change` included, night after night.
    @Test(.enabled(if: TestLane.full, "two nights of a single run and 3 shards: the full lane only"))
    func shardsWithTheirOwnStateMergeToTheSingleRunWithStateEachNight() throws {
        let inputs = [TestPaths.inRepository("sample-data/articles"), TestPaths.inRepository("sample-data/seed")]
        let singleRoot = TestPaths.temporaryFolder("claimsieve-single-state")
        let states = TestPaths.temporaryFolder("claimsieve-states")
        for night in 1...2 {
            let single = TestPaths.temporaryFolder("claimsieve-single")
            #expect(try Binary.run(["run", "--out", single, "--state", singleRoot + "/state.sqlite"] + inputs).status == 0)
            var folders: [String] = []
            for k in 0..<3 {
                let folder = TestPaths.temporaryFolder("claimsieve-shard")
                let result = try ShardMergeRefusalTests.shard("\(k)/3", folder, inputs, extra: ["--state", states + "/shard-\(k).sqlite"])
                #expect(result.status == 0, "\(result.standardError)")
                let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json"))) as! [String: Any]
                if night == 2 { #expect(summary["processed"] as? Int == 0, "shard \(k) processed again on night 2") }
                folders.append(folder)
            }
            let out = TestPaths.temporaryFolder("claimsieve-merged")
            #expect(try Binary.run(["merge", "--out", out] + folders).status == 0)
            let merged = try String(contentsOfFile: out + "/claims.jsonl", encoding: .utf8)
            #expect(merged == (try String(contentsOfFile: single + "/claims.jsonl", encoding: .utf8)), "night \(night)")
            // A claim keeps the change its document's last processing found: `new` on both nights.
            #expect(merged.contains("\"change\":\"new\""), "night \(night)")
            #expect(try ShardMergeTests.stableSummary(out) == ShardMergeTests.stableSummary(single), "night \(night)")
        }
    }

    @Test func shardAutoTakesTheShardFromTheEnginesEnvironment() throws {
        let out = TestPaths.temporaryFolder("claimsieve-shard")
        let slurm = try Binary.run(["run", "--shard", "auto", "--out", out, Self.articles],
                                   environment: ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "2"])
        #expect(slurm.status == 0, "\(slurm.standardError)")
        let other = TestPaths.temporaryFolder("claimsieve-shard")
        let kubernetes = try Binary.run(["run", "--shard", "auto", "--out", other, Self.articles],
                                        environment: ["JOB_COMPLETION_INDEX": "0", "CLAIMSIEVE_SHARD_COUNT": "2"])
        #expect(kubernetes.status == 0, "\(kubernetes.standardError)")
        // Shards 1/2 and 0/2: together they are the whole run.
        let merged = TestPaths.temporaryFolder("claimsieve-merged")
        #expect(try Binary.run(["merge", "--out", merged, out, other]).status == 0)
        let single = TestPaths.temporaryFolder("claimsieve-single")
        #expect(try Binary.run(["run", "--out", single, Self.articles]).status == 0)
        #expect(try String(contentsOfFile: merged + "/claims.jsonl", encoding: .utf8)
                == String(contentsOfFile: single + "/claims.jsonl", encoding: .utf8))

        let unset = try Binary.run(["run", "--shard", "auto", "--out", out, Self.articles],
                                   environment: ["JOB_COMPLETION_INDEX": "0"])
        #expect(unset.status == 64)
        #expect(unset.standardError.contains("CLAIMSIEVE_SHARD_COUNT"), "\(unset.standardError)")
    }
}
