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

    /// Without `--state-journal` or the variable, `run` and `review` keep an existing state's
    /// mode (a state written before the option, or by `rollback`, is not converted to WAL by an
    /// upgrade or a review); a new state is created in WAL mode.
    @Test func withoutAChoiceRunAndReviewKeepTheStatesOwnJournal() throws {
        let root = TestPaths.temporaryFolder()
        let state = root + "/state.sqlite"
        #expect(try Binary.run(["run", "--reports", root, "--state-journal", "rollback", Self.inputs]).status == 0)
        #expect(Self.fileFormat(state) == 1)
        let night = try Binary.run(["run", "--reports", root, Self.inputs])
        #expect(night.status == 0, "\(night.standardError)")
        #expect(Self.fileFormat(state) == 1, "an upgrade does not convert the state")
        let list = try Binary.run(["review", "--reports", root, "--list"])
        #expect(list.status == 0, "\(list.standardError)")
        #expect(Self.fileFormat(state) == 1, "a review does not convert the state")
        #expect(!FileManager.default.fileExists(atPath: state + "-wal"))
        // Asked for, the conversion happens, and is kept the same way.
        #expect(try Binary.run(["run", "--reports", root, "--state-journal", "wal", Self.inputs]).status == 0)
        #expect(Self.fileFormat(state) == 2)
        #expect(try Binary.run(["review", "--reports", root, "--list"]).status == 0)
        #expect(try Binary.run(["run", "--reports", root, Self.inputs]).status == 0)
        #expect(Self.fileFormat(state) == 2)
        // A new state: WAL.
        let fresh = TestPaths.temporaryFolder()
        #expect(try Binary.run(["run", "--reports", fresh, Self.inputs]).status == 0)
        #expect(Self.fileFormat(fresh + "/state.sqlite") == 2)
    }

    /// A developer's `CLAIMSIEVE_STATE_JOURNAL` does not reach the binary the tests start,
    /// unless the test sets it.
    @Test func theTestsDoNotPassOnTheDevelopersJournalVariable() {
        let shell = ["CLAIMSIEVE_STATE_JOURNAL": "exclusive", "PATH": "/usr/bin"]
        #expect(Binary.environment([:], inherited: shell) == ["PATH": "/usr/bin"])
        #expect(Binary.environment(["CLAIMSIEVE_STATE_JOURNAL": "rollback"], inherited: shell)
                == ["CLAIMSIEVE_STATE_JOURNAL": "rollback", "PATH": "/usr/bin"])
    }

    /// The shipped deployments whose state is on a volume several machines share (NFS, CephFS,
    /// EFS...) choose `exclusive`: WAL's shared-memory file does not work there.
    @Test func theSharedVolumeDeploymentsChooseTheExclusiveJournal() throws {
        for name in ["scripts/kubernetes/shards-job.yaml", "scripts/kubernetes/cronjob.yaml"] {
            let text = try String(contentsOfFile: TestPaths.inRepository(name), encoding: .utf8)
            let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            let index = lines.firstIndex(of: "- name: CLAIMSIEVE_STATE_JOURNAL")
            #expect(index.map { lines[$0 + 1] } == "value: exclusive", "\(name)")
        }
        let slurm = try String(contentsOfFile: TestPaths.inRepository("scripts/slurm/claimsieve-array.sbatch"), encoding: .utf8)
        #expect(slurm.contains(#": "${CLAIMSIEVE_STATE_JOURNAL:=exclusive}""#))
        #expect(slurm.split(separator: "\n").contains { $0.hasPrefix("export ") && $0.contains(" CLAIMSIEVE_STATE_JOURNAL") },
                "exported to the array's tasks")
    }
}

