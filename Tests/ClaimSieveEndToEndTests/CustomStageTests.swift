import ClaimSieveTestSupport
import Foundation
import Testing

/// Custom stages through the built binaries: a `command` stage in Python and in POSIX shell, its
/// failures in a real run, its options in `validate`, and a Swift stage in its own package.
///
/// The language stages are being reworked, so these tests compare a run with the custom stage to
/// the same run without it instead of asserting exact verdicts.
@Suite(.serialized) struct CustomStageTests {
    struct Claim: Decodable, Equatable {
        var id: String
        var doc: String
        var text: String
        var title: String?
    }

    struct Summary: Decodable {
        struct FailureEntry: Decodable { var doc: String; var stage: String; var reason: String }
        var failures: [FailureEntry]
    }

    static let articles = TestPaths.inRepository("sample-data/articles")

    /// A pipeline over the sample articles, with `extra` stage lines after `verdict`.
    static func pipeline(in folder: String, name: String = "pipeline.yml", header: String = "",
                         extra: String = "") throws -> String {
        let path = folder + "/" + name
        try """
        inputs: [\(articles)]
        \(header)
        stages:
          - fetch
          - clean
          - split
          - tag
          - verdict
        \(extra)
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func claims(in folder: String) throws -> [Claim] {
        let text = try String(contentsOfFile: folder + "/claims.jsonl", encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Claim.self, from: Data($0.utf8)) }
    }

    static func summary(in folder: String) throws -> Summary {
        try JSONDecoder().decode(Summary.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json")))
    }

    /// The claims of a run of the plain pipeline: what every test compares against.
    static func baseline() throws -> [Claim] {
        let folder = TestPaths.temporaryFolder()
        let result = try Binary.run(["run", "--pipeline", try pipeline(in: folder), "--out", folder + "/out"])
        #expect(result.status == 0, "\(result.standardError)")
        return try claims(in: folder + "/out")
    }

    @Test func aPythonStageChangesTheClaimsInTheReport() throws {
        let plain = try Self.baseline()
        let folder = TestPaths.temporaryFolder()
        let script = TestPaths.inRepository("scripts/stages/flag_numbers.py")
        let file = try Self.pipeline(in: folder, extra: "  - command: {run: [python3, \(script)], timeout: 10s}")
        let result = try Binary.run(["run", "--pipeline", file, "--out", folder + "/out"])
        #expect(result.status == 0, "\(result.standardError)")
        let flagged = try Self.claims(in: folder + "/out")
        let withFigures = plain.filter { $0.text.contains { $0.isASCII && $0.isNumber } }
        #expect(!flagged.isEmpty)
        #expect(flagged.count < plain.count)
        #expect(flagged == withFigures, "exactly the claims that state a figure are kept, unchanged")
    }

    @Test func aShellStageResolvedAgainstThePipelineFolderChangesTheTitles() throws {
        let plain = try Self.baseline()
        let folder = TestPaths.temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder + "/stages", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: TestPaths.inRepository("scripts/stages/uppercase_titles.sh"),
                                         toPath: folder + "/stages/uppercase_titles.sh")
        // `stages/uppercase_titles.sh` exists only relative to the pipeline file, not to the
        // working directory (the repository): the stage must resolve it.
        let file = try Self.pipeline(in: folder, extra: "  - command: {run: [sh, stages/uppercase_titles.sh], name: titles}")
        let result = try Binary.run(["run", "--pipeline", file, "--out", folder + "/out"])
        #expect(result.status == 0, "\(result.standardError)")
        let shouting = try Self.claims(in: folder + "/out")
        #expect(shouting.map(\.id) == plain.map(\.id))
        #expect(shouting.map(\.text) == plain.map(\.text))
        let expected = plain.map { $0.title.map { String($0.map { $0.isASCII ? Character($0.uppercased()) : $0 }) } }
        #expect(shouting.map(\.title) == expected)
        #expect(shouting.contains { $0.title != nil })
    }

    /// Crashes, hangs or prints garbage for one article each; echoes the others unchanged.
    static let misbehaving = #"""
    import json, sys, time
    for line in sys.stdin:
        request = json.loads(line)
        path = request["document"]["path"]
        if "social-media" in path:
            sys.exit(3)
        if "speculation" in path:
            time.sleep(60)
        if "unnamed-sources" in path:
            print("<html>oops</html>", flush=True)
            continue
        print(json.dumps({"id": request["id"], "document": request["document"]}), flush=True)
    """#

    @Test func aCrashAHangAndGarbageFailOnlyTheirDocuments() throws {
        let plain = try Self.baseline()
        let folder = TestPaths.temporaryFolder()
        try Self.misbehaving.write(toFile: folder + "/misbehave.py", atomically: true, encoding: .utf8)
        let file = try Self.pipeline(in: folder, header: "jobs: 2",
                                     extra: "  - command: {run: [python3, misbehave.py], timeout: 2s}")
        let started = Date()
        let result = try Binary.run(["run", "--pipeline", file, "--out", folder + "/out"])
        #expect(Date().timeIntervalSince(started) < 30, "the hang costs its timeout, not 60 s")
        #expect(result.status == 1, "partial: some documents failed")
        let failures = try Self.summary(in: folder + "/out").failures
        func reason(_ name: String) -> String? { failures.first { $0.doc.hasSuffix(name) }?.reason }
        #expect(failures.count == 3, "\(failures.map(\.reason))")
        #expect(failures.allSatisfy { $0.stage == "command" })
        #expect(reason("social-media.html")?.contains("'python3 misbehave.py' exited with status 3") == true, "\(failures.map(\.reason))")
        #expect(reason("speculation.html")?.contains("gave no answer within 2s") == true)
        #expect(reason("unnamed-sources.html")?.contains("not a JSON object") == true)
        // The other articles went through the restarted process unchanged.
        let survivors = plain.filter { $0.doc.hasSuffix("confirmation-denial.html") || $0.doc.hasSuffix("named-officials.html") }
        #expect(!survivors.isEmpty)
        #expect(try Self.claims(in: folder + "/out") == survivors)
        #expect(result.standardError.contains("social-media.html"))
    }

    @Test func onErrorFailRunStopsAtTheFirstFailureOfAStage() throws {
        let folder = TestPaths.temporaryFolder()
        let refuse = #"""
        import json, sys
        for line in sys.stdin:
            request = json.loads(line)
            print(json.dumps({"id": request["id"], "error": "refused by policy"}), flush=True)
        """#
        try refuse.write(toFile: folder + "/refuse.py", atomically: true, encoding: .utf8)
        let file = try Self.pipeline(in: folder, header: "on_error: fail-run\njobs: 1",
                                     extra: "  - command: {run: [python3, refuse.py], name: policy}")
        let result = try Binary.run(["run", "--pipeline", file, "--out", folder + "/out"])
        #expect(result.status == 1, "partial, not 65: the pipeline itself is valid")
        #expect(result.standardError.contains("fail-run"), "\(result.standardError)")
        #expect(result.standardError.contains("'policy' answered an error: refused by policy"), "\(result.standardError)")
    }

    @Test func validateReportsTheCommandStagesOptionsWithTheirLines() throws {
        let folder = TestPaths.temporaryFolder()
        let file = folder + "/bad.yml"
        try """
        inputs: [\(Self.articles)]
        stages:
          - fetch
          - command:
              run: [python3, -c, 'pass']
              tiemout: 10s
          - command:
              run: [python3, -c, 'pass']
              timeout: soon
          - command: {timeout: 5s}
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try Binary.run(["validate", file])
        #expect(result.status == 65)
        let errors = result.standardError
        #expect(errors.contains("\(file):6:7: stage 'command' has no option 'tiemout'; valid options: run, timeout, max_bytes, name, stderr_level"), "\(errors)")
        #expect(errors.contains("\(file):9:"), "\(errors)")
        #expect(errors.contains("option 'timeout': expected a duration above zero such as 10s, 500ms or 2m, or a number of seconds; found 'soon'"), "\(errors)")
        #expect(errors.contains("\(file):10:"), "\(errors)")
        #expect(errors.contains("option 'run': is required"), "\(errors)")
    }

    @Test func stagesListsTheCommandStageAndItsOptions() throws {
        let result = try Binary.run(["stages"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("command\tRuns any program as a stage"))
        #expect(result.standardOutput.contains("options: run, timeout, max_bytes, name"))
    }

    // MARK: - A Swift stage in its own package

    static let example = TestPaths.inRepository("Examples/CustomStage")

    /// Runs a program to its end, reading both pipes while it runs.
    struct Outcome {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    static func execute(_ executable: String, _ arguments: [String], in directory: String = TestPaths.repository) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let collected = Collected()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { collected.setOutput(output.fileHandleForReading.readDataToEndOfFile()) }
        DispatchQueue.global().async(group: group) { collected.setError(error.fileHandleForReading.readDataToEndOfFile()) }
        process.waitUntilExit()
        group.wait()
        return collected.result(status: process.terminationStatus)
    }

    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var output = Data()
        private var error = Data()
        func setOutput(_ data: Data) { lock.lock(); output = data; lock.unlock() }
        func setError(_ data: Data) { lock.lock(); error = data; lock.unlock() }
        func result(status: Int32) -> Outcome {
            lock.lock()
            defer { lock.unlock() }
            return Outcome(status: status, standardOutput: String(decoding: output, as: UTF8.self),
                                 standardError: String(decoding: error, as: UTF8.self))
        }
    }

    /// The one package build of the suite: it compiles ClaimSieve again, which takes minutes.
    @Test(.enabled(if: TestLane.full, "slow: not in --quick"), .timeLimit(.minutes(10)))
    func theExamplePackageBuildsAndItsStageChangesTheReport() throws {
        let swift = try #require(["/usr/bin/swift", "/usr/local/bin/swift"].first { FileManager.default.isExecutableFile(atPath: $0) }
            ?? ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":").map { "\($0)/swift" }
                .first { FileManager.default.isExecutableFile(atPath: $0) })
        let scratch = Self.example + "/.build"
        let build = try Self.execute(swift, ["build", "--package-path", Self.example, "--scratch-path", scratch])
        try #require(build.status == 0, "\(build.standardOutput)\n\(build.standardError)")
        let custom = scratch + "/debug/claimsieve-custom"

        let stages = try Self.execute(custom, ["stages"])
        #expect(stages.status == 0)
        #expect(stages.standardOutput.contains("drop-sports\tDrops claims that mention a sport"))
        #expect(stages.standardOutput.contains("options: words"))
        #expect(stages.standardOutput.contains("command\t"), "the built-in stages are all there")

        let folder = TestPaths.temporaryFolder()
        let bad = try Self.pipeline(in: folder, name: "bad.yml", extra: "  - drop-sports: {word: [police]}")
        let validate = try Self.execute(custom, ["validate", bad])
        #expect(validate.status == 65)
        #expect(validate.standardError.contains("\(bad):9:"), "\(validate.standardError)")
        #expect(validate.standardError.contains("stage 'drop-sports' has no option 'word'; valid options: words"), "\(validate.standardError)")

        let plain = try Self.baseline()
        let file = try Self.pipeline(in: folder, extra: "  - drop-sports: {words: [police, officers]}")
        let run = try Self.execute(custom, ["run", "--pipeline", file, "--out", folder + "/out"])
        #expect(run.status == 0, "\(run.standardError)")
        let kept = try Self.claims(in: folder + "/out")
        let mentions = { (claim: Claim) in
            claim.text.lowercased().split { !$0.isLetter }.contains { $0 == "police" || $0 == "officers" }
        }
        #expect(plain.contains(where: mentions), "the sample articles mention the police")
        #expect(kept == plain.filter { !mentions($0) })
    }
}
