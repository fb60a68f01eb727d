import ClaimSieveTestSupport
import Foundation
import Testing

/// The spill kept from one night to the next (issue 12): a night where nothing changed since the
/// last report takes it (no stored claim decoded or rendered again) and writes the same reports
/// as a night that reads every claim from the state; a decision recorded since, an input saved
/// by a run after the report, or `--template` makes the night read the state as before.
@Suite struct ReportPiecesRunTests {
    static func latest(_ root: String) throws -> String {
        root + "/" + (try FileManager.default.destinationOfSymbolicLink(atPath: root + "/latest"))
    }

    /// A report's text without the times and run ids in it.
    static func masked(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"#, with: "TIME", options: .regularExpression)
            .replacingOccurrences(of: #"\d{8}-\d{6}(-\d+)?"#, with: "RUN", options: .regularExpression)
    }

    /// A value of the run's last log line (`stored_claims_decoded`, `kept_spill_taken`).
    static func logged(_ key: String, _ log: String) -> String? {
        guard let range = log.range(of: key + #"=\w+"#, options: .regularExpression) else { return nil }
        return String(log[range].split(separator: "=")[1])
    }

    /// `summary.json` without its times (`generated_at`, `timings`).
    static func summary(_ folder: String) throws -> NSDictionary {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json"))
        let summary = try #require(try JSONSerialization.jsonObject(with: data) as? NSDictionary).mutableCopy() as! NSMutableDictionary
        summary.removeObjects(forKeys: ["generated_at", "timings"])
        return summary
    }

    static func copy(_ root: String) throws -> String {
        let copy = TestPaths.temporaryFolder()
        try FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: root, toPath: copy)
        return copy
    }

    static func python(_ script: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func aQuietNightTakesTheKeptSpillAndWritesTheSameReports() throws {
        let inputs = try NightlyTests.corpus()
        let root = TestPaths.temporaryFolder()
        let first = try Binary.run(["run", "--reports", root, "--log-level", "info", inputs])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(Self.logged("kept_spill_taken", first.standardError) == "false")
        #expect(FileManager.default.fileExists(atPath: root + "/state.sqlite.report-spill"))
        let firstFolder = try Self.latest(root)
        let claims = try String(contentsOfFile: firstFolder + "/claims.jsonl", encoding: .utf8).split(separator: "\n").count
        #expect(claims > 20)

        // The same state without the kept spill (as main's binary leaves it): read from the state.
        let without = try Self.copy(root)
        try FileManager.default.removeItem(atPath: without + "/state.sqlite.report-spill")

        let quiet = try Binary.run(["run", "--reports", root, "--log-level", "info", inputs])
        #expect(quiet.status == 0, "\(quiet.standardError)")
        #expect(Self.logged("kept_spill_taken", quiet.standardError) == "true")
        #expect(Self.logged("stored_claims_decoded", quiet.standardError) == "0")
        let quietFolder = try Self.latest(root)

        let fromState = try Binary.run(["run", "--reports", without, "--log-level", "info", inputs])
        #expect(fromState.status == 0, "\(fromState.standardError)")
        #expect(Self.logged("kept_spill_taken", fromState.standardError) == "false")
        #expect(Self.logged("stored_claims_decoded", fromState.standardError) == "\(claims)")
        let fromStateFolder = try Self.latest(without)

        #expect(try Self.masked(firstFolder + "/claims.jsonl") == Self.masked(quietFolder + "/claims.jsonl"))
        for file in ["claims.jsonl", "report.md", "report.html"] {
            #expect(try Self.masked(quietFolder + "/" + file) == Self.masked(fromStateFolder + "/" + file), "\(file)")
        }
        #expect(try Self.summary(quietFolder) == Self.summary(fromStateFolder))
        #expect(try String(contentsOfFile: quietFolder + "/report.md", encoding: .utf8).contains("Nothing is new since the last run"))

        // The night after a quiet night takes the spill that night kept again.
        let again = try Binary.run(["run", "--reports", root, "--log-level", "info", inputs])
        #expect(Self.logged("kept_spill_taken", again.standardError) == "true")
        #expect(try Self.masked(Self.latest(root) + "/report.html") == Self.masked(quietFolder + "/report.html"))

        // A decision recorded since the last report: the state decides, and the report shows it.
        let line = try #require(try String(contentsOfFile: quietFolder + "/claims.jsonl", encoding: .utf8).split(separator: "\n").first)
        let id = try #require(String(line).range(of: #""id":"[0-9a-f]+"#, options: .regularExpression).map { String(line[$0].dropFirst(6)) })
        #expect(try Binary.run(["review", "--reports", root, id, "--verdict", "false", "--by", "Desk"]).status == 0)
        let reviewed = try Binary.run(["run", "--reports", root, "--log-level", "info", inputs])
        #expect(Self.logged("kept_spill_taken", reviewed.standardError) == "false")
        #expect(try String(contentsOfFile: Self.latest(root) + "/claims.jsonl", encoding: .utf8).contains("\"by\":\"Desk\""))
        let afterReview = try Binary.run(["run", "--reports", root, "--log-level", "info", inputs])
        #expect(Self.logged("kept_spill_taken", afterReview.standardError) == "true")
        #expect(try String(contentsOfFile: Self.latest(root) + "/claims.jsonl", encoding: .utf8).contains("\"by\":\"Desk\""))

        // An input saved by a run after the last report (a run killed before it reported).
        try Self.python("""
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.execute("UPDATE inputs SET last_run = '99999999-999999' WHERE rowid = (SELECT MIN(rowid) FROM inputs)")
            db.commit()
            """, [root + "/state.sqlite"])
        let killed = try Binary.run(["run", "--reports", root, "--log-level", "info", inputs])
        #expect(Self.logged("kept_spill_taken", killed.standardError) == "false")

        // An edited `md-claim`: nothing kept or taken, the engine renders it.
        let templates = TestPaths.temporaryFolder()
        let shipped = TestPaths.inRepository("pipelines/templates/md-claim.mustache")
        let text = try String(contentsOfFile: shipped, encoding: .utf8).replacingOccurrences(of: "\n- ", with: "\n[custom] - ")
        try text.write(toFile: templates + "/md-claim.mustache", atomically: true, encoding: .utf8)
        let custom = try Binary.run(["run", "--reports", root, "--log-level", "info", "--template", templates, inputs])
        #expect(custom.status == 0, "\(custom.standardError)")
        #expect(Self.logged("kept_spill_taken", custom.standardError) == "false")
        let markdown = try String(contentsOfFile: try Self.latest(root) + "/report.md", encoding: .utf8)
        #expect(markdown.components(separatedBy: "[custom] - ").count - 1 == claims)
    }

    /// The key names each input's hash as the state holds it and the binary that rendered the
    /// pieces: a state whose stored hash of an input differs from the one the spill was kept
    /// with (another version saved by a run killed before it reported, whatever its run id
    /// says: a clock set back orders ids wrongly) is refused, and so is a spill a different
    /// build kept (its renderers may write other pieces).
    @Test func aSpillIsRefusedByAnotherBuildOrWhenTheStateHoldsAnotherVersionOfAnInput() throws {
        let inputs = try NightlyTests.corpus()
        let root = TestPaths.temporaryFolder()
        #expect(try Binary.run(["run", "--reports", root, inputs]).status == 0)
        let build = TestPaths.temporaryFolder() + "/claimsieve"
        try FileManager.default.copyItem(atPath: Binary.path, toPath: build)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: build)
        let newBuild = try Binary.run(["run", "--reports", root, "--log-level", "info", inputs], executable: build)
        #expect(newBuild.status == 0, "\(newBuild.standardError)")
        #expect(Self.logged("kept_spill_taken", newBuild.standardError) == "false")
        let same = try Binary.run(["run", "--reports", root, "--log-level", "info", inputs], executable: build)
        #expect(Self.logged("kept_spill_taken", same.standardError) == "true")

        // The state vouches for another version of one input (size and time as before, so the
        // night takes it as unchanged); its run id sorts before the last report's.
        try Self.python("""
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.execute("UPDATE inputs SET sha256 = 'another version' WHERE rowid = (SELECT MIN(rowid) FROM inputs)")
            db.commit()
            """, [root + "/state.sqlite"])
        let stale = try Binary.run(["run", "--reports", root, "--log-level", "info", inputs], executable: build)
        #expect(stale.status == 0, "\(stale.standardError)")
        #expect(Self.logged("kept_spill_taken", stale.standardError) == "false")
    }

    /// The state on another filesystem than the reports (`/dev/shm`, a tmpfs): the spill, made
    /// in the reports' temporary folder, is copied beside the state (a rename cannot cross
    /// filesystems) and taken back the same way.
    @Test func theSpillIsKeptAndTakenAcrossFilesystems() throws {
        var shm = stat()
        var tmp = stat()
        let root = TestPaths.temporaryFolder()
        guard stat("/dev/shm", &shm) == 0, stat(root, &tmp) == 0, shm.st_dev != tmp.st_dev else { return }
        let stateFolder = "/dev/shm/claimsieve-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: stateFolder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: stateFolder) }
        let inputs = try NightlyTests.corpus()
        let arguments = ["run", "--reports", root, "--state", stateFolder + "/state.sqlite", "--log-level", "info", inputs]
        let first = try Binary.run(arguments)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(FileManager.default.fileExists(atPath: stateFolder + "/state.sqlite.report-spill"))
        let firstFolder = try Self.latest(root)
        let quiet = try Binary.run(arguments)
        #expect(quiet.status == 0, "\(quiet.standardError)")
        #expect(Self.logged("kept_spill_taken", quiet.standardError) == "true")
        #expect(try Self.masked(firstFolder + "/claims.jsonl") == Self.masked(Self.latest(root) + "/claims.jsonl"))
        #expect(FileManager.default.fileExists(atPath: stateFolder + "/state.sqlite.report-spill"))
        #expect(!FileManager.default.fileExists(atPath: stateFolder + "/state.sqlite.report-spill.partial"))
    }

    /// An input removed since the last report: every input left is unchanged, but the key names
    /// the inputs, so the night reads the state (the removed input's claims are gone from the
    /// report), then keeps a spill the next quiet night takes.
    @Test func aSpillIsRefusedWhenAnInputIsRemoved() throws {
        let inputs = try NightlyTests.corpus()
        let root = TestPaths.temporaryFolder()
        #expect(try Binary.run(["run", "--reports", root, inputs]).status == 0)
        let removed = try #require(try FileManager.default.contentsOfDirectory(atPath: inputs).sorted().first)
        try FileManager.default.removeItem(atPath: inputs + "/" + removed)
        let night = try Binary.run(["run", "--reports", root, "--log-level", "info", inputs])
        #expect(night.status == 0, "\(night.standardError)")
        #expect(Self.logged("kept_spill_taken", night.standardError) == "false")
        let afterRemoval = try Self.latest(root)
        let claims = try String(contentsOfFile: afterRemoval + "/claims.jsonl", encoding: .utf8)
        #expect(!claims.contains("/\(removed)\""))
        #expect(claims.contains("\"doc\":"))
        let next = try Binary.run(["run", "--reports", root, "--log-level", "info", inputs])
        #expect(Self.logged("kept_spill_taken", next.standardError) == "true")
        #expect(try Self.masked(Self.latest(root) + "/claims.jsonl") == Self.masked(afterRemoval + "/claims.jsonl"))
    }

    /// A kept spill whose run is not the last to report (killed after keeping it, before its
    /// success was recorded) is refused: the key names the run.
    @Test func aSpillKeptByARunThatDidNotReportIsRefused() throws {
        let inputs = try NightlyTests.corpus()
        let root = TestPaths.temporaryFolder()
        #expect(try Binary.run(["run", "--reports", root, inputs]).status == 0)
        try Self.python("""
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.execute("UPDATE runs SET outcome = 'interrupted' WHERE id = (SELECT MAX(id) FROM runs)")
            db.execute("INSERT INTO runs (id, started_at, finished_at, outcome, fingerprint) SELECT '00000000-000000', started_at, finished_at, 'success', fingerprint FROM runs")
            db.execute("UPDATE inputs SET last_run = '00000000-000000'")
            db.commit()
            """, [root + "/state.sqlite"])
        let next = try Binary.run(["run", "--reports", root, "--log-level", "info", inputs])
        #expect(next.status == 0, "\(next.standardError)")
        #expect(Self.logged("kept_spill_taken", next.standardError) == "false")
    }
}
