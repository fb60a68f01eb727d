import ClaimSieveTestSupport
import Foundation
import Testing

/// Report pieces across nights (issue 12): a night where nothing changed takes every stored
/// claim's pieces without decoding it; a state written before pieces (main's schema, no
/// `pieces` column) is migrated and its claims rendered from their records, to the same bytes;
/// an edited template is still rendered by the engine on a quiet night.
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

    /// The `stored_claims_decoded` of the run's last log line.
    static func decoded(_ log: String) -> Int? {
        guard let range = log.range(of: #"stored_claims_decoded=\d+"#, options: .regularExpression) else { return nil }
        return Int(log[range].split(separator: "=")[1])
    }

    @Test func aQuietNightTakesStoredPiecesAndAnOlderStateIsRenderedFromItsRecords() throws {
        let inputs = try NightlyTests.corpus()
        let root = TestPaths.temporaryFolder()
        let first = try Binary.run(["run", "--reports", root, inputs])
        #expect(first.status == 0, "\(first.standardError)")
        let firstFolder = try Self.latest(root)
        let claims = try String(contentsOfFile: firstFolder + "/claims.jsonl", encoding: .utf8).split(separator: "\n").count
        #expect(claims > 20)

        // The same state as main's binary (893eb47) leaves it: no `pieces` column, the
        // migration not recorded.
        let older = TestPaths.temporaryFolder()
        try FileManager.default.removeItem(atPath: older)
        try FileManager.default.copyItem(atPath: root, toPath: older)
        let script = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.execute("ALTER TABLE claims DROP COLUMN pieces")
            db.execute("DELETE FROM grdb_migrations WHERE identifier = 'v8-claims-report-pieces'")
            db.commit()
            """
        let downgrade = Process()
        downgrade.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        downgrade.arguments = ["python3", "-c", script, older + "/state.sqlite"]
        try downgrade.run()
        downgrade.waitUntilExit()
        #expect(downgrade.terminationStatus == 0)

        let quiet = try Binary.run(["run", "--reports", root, "--log-level", "info", inputs])
        #expect(quiet.status == 0, "\(quiet.standardError)")
        #expect(Self.decoded(quiet.standardError) == 0, "every stored claim taken as its pieces")
        let quietFolder = try Self.latest(root)

        let upgraded = try Binary.run(["run", "--reports", older, "--log-level", "info", inputs])
        #expect(upgraded.status == 0, "\(upgraded.standardError)")
        #expect(upgraded.standardError.contains("to_process=0"))
        #expect(Self.decoded(upgraded.standardError) == claims, "claims without pieces rendered from their records")
        let upgradedFolder = try Self.latest(older)

        #expect(try Self.masked(firstFolder + "/claims.jsonl") == Self.masked(quietFolder + "/claims.jsonl"))
        for file in ["claims.jsonl", "report.md", "report.html"] {
            #expect(try Self.masked(quietFolder + "/" + file) == Self.masked(upgradedFolder + "/" + file), "\(file)")
        }
        #expect(try String(contentsOfFile: quietFolder + "/report.md", encoding: .utf8).contains("Nothing is new since the last run"))

        // An edited `md-claim` on a night where nothing changed: the engine renders it.
        let templates = TestPaths.temporaryFolder()
        let shipped = TestPaths.inRepository("pipelines/templates/md-claim.mustache")
        let text = try String(contentsOfFile: shipped, encoding: .utf8).replacingOccurrences(of: "\n- ", with: "\n[custom] - ")
        try text.write(toFile: templates + "/md-claim.mustache", atomically: true, encoding: .utf8)
        let custom = try Binary.run(["run", "--reports", root, "--template", templates, inputs])
        #expect(custom.status == 0, "\(custom.standardError)")
        let markdown = try String(contentsOfFile: try Self.latest(root) + "/report.md", encoding: .utf8)
        #expect(markdown.components(separatedBy: "[custom] - ").count - 1 == claims)
        #expect(try Self.masked(try Self.latest(root) + "/report.html") == Self.masked(quietFolder + "/report.html"))
    }
}
