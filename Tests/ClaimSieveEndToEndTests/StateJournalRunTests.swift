import ClaimSieveTestSupport
import Foundation
import Testing

/// `--state-journal` and `CLAIMSIEVE_STATE_JOURNAL` on the real binary (the modes themselves are
/// tested in `StateJournalTests`).
@Suite struct StateJournalRunTests {
    static let inputs = TestPaths.inRepository("sample-data/articles")

    /// Byte 18 of an SQLite file: 2 once it is in WAL mode, 1 with a rollback journal.
    static func fileFormat(_ path: String) -> UInt8? {
        FileManager.default.contents(atPath: path).flatMap { $0.count > 18 ? $0[18] : nil }
    }

    @Test func exclusiveNightsAndReviewsMakeNoSharedMemoryFile() throws {
        let root = TestPaths.temporaryFolder()
        let run = try Binary.run(["run", "--reports", root, "--state-journal", "exclusive", Self.inputs])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(Self.fileFormat(root + "/state.sqlite") == 2)
        let list = try Binary.run(["review", "--reports", root, "--list"], environment: ["CLAIMSIEVE_STATE_JOURNAL": "exclusive"])
        #expect(list.status == 0, "\(list.standardError)")
        let again = try Binary.run(["run", "--reports", root, Self.inputs], environment: ["CLAIMSIEVE_STATE_JOURNAL": "exclusive"])
        #expect(again.status == 0, "\(again.standardError)")
        #expect(!FileManager.default.fileExists(atPath: root + "/state.sqlite-shm"), "no shared memory: usable on NFS")
        // `rollback` turns the same state back into one with a rollback journal.
        #expect(try Binary.run(["run", "--reports", root, "--state-journal", "rollback", Self.inputs]).status == 0)
        #expect(Self.fileFormat(root + "/state.sqlite") == 1)
    }

    @Test func aJournalThatDoesNotExistIsAUsageErrorNamingWhereItCameFrom() throws {
        let root = TestPaths.temporaryFolder()
        let option = try Binary.run(["run", "--reports", root, "--state-journal", "nfs", Self.inputs])
        #expect(option.status == 64)
        #expect(option.standardError.contains("--state-journal: 'nfs' is not a journal"))
        let variable = try Binary.run(["run", "--reports", root, Self.inputs], environment: ["CLAIMSIEVE_STATE_JOURNAL": "fast"])
        #expect(variable.status == 64)
        #expect(variable.standardError.contains("CLAIMSIEVE_STATE_JOURNAL: 'fast' is not a journal"))
    }
}
