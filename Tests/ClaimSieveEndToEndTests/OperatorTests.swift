import ClaimSieveTestSupport
import Foundation
import Testing

/// What an operator relies on: failures that are loud, logs a collector can parse, stage programs
/// that cannot start stopping the run whatever the machine's load.
@Suite struct OperatorTests {
    static let articles = TestPaths.inRepository("sample-data/articles")

    /// The sample-articles pipeline of the custom-stage tests.
    static func pipeline(in folder: String, header: String = "", extra: String = "") throws -> String {
        try CustomStageTests.pipeline(in: folder, header: header, extra: extra)
    }

    /// Keeps both cores busy while `body` runs (`yes > /dev/null`, twice), then ends them.
    static func withBusyCores<T>(_ body: () throws -> T) throws -> T {
        let hogs = (0..<2).map { _ in Process() }
        for hog in hogs {
            hog.executableURL = URL(fileURLWithPath: "/usr/bin/yes")
            hog.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
            try hog.run()
        }
        defer {
            for hog in hogs {
                // SIGKILL: a child of the test process may inherit an ignored SIGTERM.
                kill(hog.processIdentifier, SIGKILL)
                hog.waitUntilExit()
            }
        }
        return try body()
    }

    @Test func aStageProgramThatDiesBeforeItsFirstDocumentStopsTheRunWith65UnderLoad() throws {
        let folder = TestPaths.temporaryFolder()
        // Alive longer than any start-up grace period, then gone without reading a byte.
        let file = try Self.pipeline(in: folder, header: "jobs: 2",
                                     extra: "  - command: {run: [python3, -c, 'import time, sys; time.sleep(0.6); sys.exit(3)'], name: broken}")
        let result = try Self.withBusyCores {
            try Binary.run(["run", "--pipeline", file, "--out", folder + "/out"])
        }
        #expect(result.status == 65, "\(result.standardError)")
        #expect(result.standardError.contains("'broken' exited with status 3 before reading its first document"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out/claims.jsonl"))
    }

    @Test func aRunWhereEveryDocumentFailedExitsWithItsOwnCode() throws {
        let folder = TestPaths.temporaryFolder()
        try """
        import json, sys
        for line in sys.stdin:
            print(json.dumps({"id": json.loads(line)["id"], "error": "refused"}), flush=True)
        """.write(toFile: folder + "/refuse.py", atomically: true, encoding: .utf8)
        let file = try Self.pipeline(in: folder, extra: "  - command: {run: [python3, refuse.py], name: refuse}")
        let result = try Binary.run(["run", "--pipeline", file, "--out", folder + "/out"])
        #expect(result.status == 2, "\(result.standardError)")
        #expect(result.standardError.contains("every document failed"), "\(result.standardError)")
        #expect(FileManager.default.fileExists(atPath: folder + "/out/report.html"), "the report listing them is written")
        let help = try Binary.run(["run", "--help"]).standardOutput
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("2 every document failed"))
        #expect(help.contains("74 the metrics file cannot be written"))
    }

    @Test func aMetricsFileThatCannotBeWrittenFailsTheRun() throws {
        let folder = TestPaths.temporaryFolder()
        let result = try Binary.run(["run", "--out", folder + "/out", "--metrics", folder + "/missing/folder/claimsieve.prom", Self.articles])
        #expect(result.status == 74, "\(result.standardError)")
        #expect(result.standardError.contains("cannot write the metrics file \(folder)/missing/folder/claimsieve.prom"), "\(result.standardError)")
        #expect(FileManager.default.fileExists(atPath: folder + "/out/claims.jsonl"), "the report itself is written")
    }

    @Test func withJSONLogsEveryLineIsJSONFailuresAndTheClosingLineIncluded() throws {
        let folder = TestPaths.temporaryFolder()
        let result = try Binary.run(["run", "--log-format", "json", "--out", folder + "/out",
                                     Self.articles, TestPaths.inRepository("sample-data/bad")])
        #expect(result.status == 1)
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count >= 2)
        for line in lines {
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["message"] is String, "not JSON: \(line)")
        }
        #expect(lines.last?.contains("documents failed") == true, "\(result.standardError)")
        // An error before any document (a bad pipeline file) is JSON too.
        let bad = folder + "/bad.yml"
        try "stages: [fetch, nope]\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let broken = try Binary.run(["run", "--log-format", "json", "--pipeline", bad, "--out", folder + "/out2"])
        #expect(broken.status == 65)
        for line in broken.standardError.split(separator: "\n") {
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["level"] as? String == "error", "not JSON: \(line)")
        }
    }

    @Test func aStageProgramsStandardErrorIsInfoByDefaultAndItsLevelAnOption() throws {
        let folder = TestPaths.temporaryFolder()
        let chatty = """
        import json, sys
        for line in sys.stdin:
            request = json.loads(line)
            print("chatty says hello", file=sys.stderr, flush=True)
            print(json.dumps({"id": request["id"], "document": request["document"]}), flush=True)
        """
        try chatty.write(toFile: folder + "/chatty.py", atomically: true, encoding: .utf8)
        let quiet = try Self.pipeline(in: folder, extra: "  - command: {run: [python3, chatty.py], name: chatty}")
        let silent = try Binary.run(["run", "--pipeline", quiet, "--out", folder + "/out"])
        #expect(silent.status == 0, "\(silent.standardError)")
        #expect(silent.standardError.isEmpty, "silent on success: \(silent.standardError)")
        let informed = try Binary.run(["run", "--log-level", "info", "--pipeline", quiet, "--out", folder + "/out"])
        #expect(informed.standardError.contains("chatty: chatty says hello"), "\(informed.standardError)")

        let loudFolder = TestPaths.temporaryFolder()
        try chatty.write(toFile: loudFolder + "/chatty.py", atomically: true, encoding: .utf8)
        let loud = try Self.pipeline(in: loudFolder, extra: "  - command: {run: [python3, chatty.py], name: chatty, stderr_level: warning}")
        let warned = try Binary.run(["run", "--pipeline", loud, "--out", loudFolder + "/out"])
        #expect(warned.status == 0, "\(warned.standardError)")
        #expect(warned.standardError.contains("chatty: chatty says hello"), "\(warned.standardError)")
    }

    @Test func validateReportsEveryProblemInOnePassInUserWords() throws {
        let folder = TestPaths.temporaryFolder()
        let file = folder + "/pipeline.yml"
        try "abbreviations:\n  prepositve: [gov]\n".write(toFile: folder + "/rules.yml", atomically: true, encoding: .utf8)
        try """
        inputs: [\(Self.articles), missing-folder]
        jobs: many
        colour: blue
        stages:
          - fetch
          - clean
          - split: {rules: rules.yml}
          - command: {run: python3}
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try Binary.run(["validate", file])
        #expect(result.status == 65)
        let lines = result.standardError.split(separator: "\n").map(String.init)
        #expect(lines.count == 5, "\(result.standardError)")
        #expect(lines.contains { $0.hasPrefix("\(file):1:") && $0.contains("input '\(folder)/missing-folder' does not exist") }, "\(lines)")
        #expect(lines.contains("\(file):2:7: `jobs` is a whole number above 0; found 'many'"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("\(file):3:1: unknown key 'colour'") }, "\(lines)")
        #expect(lines.contains { $0.contains("\(folder)/rules.yml:2:3: unknown key 'prepositve' in `abbreviations`") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("\(file):8:") && $0.contains("option 'run': expected a list") }, "\(lines)")
        #expect(!result.standardError.contains("Sequence"), "Swift type names are not for editors")
    }
}
