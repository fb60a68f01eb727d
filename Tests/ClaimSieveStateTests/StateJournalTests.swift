@testable import ClaimSieveState
import ClaimSieveCore
import ClaimSieveReports
import ClaimSieveTestSupport
import Foundation
import Testing

/// How the state file is journaled (`StateJournal`): the write-ahead log with `synchronous=NORMAL`
/// by default, without a shared-memory file for network file systems, SQLite's defaults on demand.
@Suite struct StateJournalTests {
    func save(_ store: StateStore, _ name: String) throws {
        let page = Document(id: name, path: name, format: .html)
        var claims = [Claim(id: "", block: 0, sentence: 0, text: "Claim of \(name).", verdict: .confirmed, score: 0.5)]
        ClaimID.assign(to: &claims, document: name)
        _ = try store.save(path: name, sha256: "s-" + name, fingerprint: "f", runID: "r1", documents: [page],
                           records: [claims.map { ClaimRecord(claim: $0, document: page) }])
    }

    /// Byte 18 of an SQLite file: 2 once the file is in WAL mode, 1 with a rollback journal.
    func fileFormat(_ path: String) -> UInt8? {
        FileManager.default.contents(atPath: path).flatMap { $0.count > 18 ? $0[18] : nil }
    }

    @Test func theDefaultIsTheWriteAheadLogWithNormalSync() throws {
        let path = TestPaths.temporaryFolder() + "/state.sqlite"
        let store = try StateStore(path: path)
        let settings = try store.connectionSettings()
        #expect(settings.journalMode == "wal" && settings.synchronous == 1 && settings.lockingMode == "normal")
        try save(store, "a.html")
        try store.commit()
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(fileFormat(path) == 2)
        // A reader (review, sqlite3) opens and reads while the run keeps a batch open.
        try save(store, "b.html")
        let reader = try StateStore(path: path, busySeconds: 0.05)
        #expect(try reader.inputs().keys.sorted() == ["a.html"])
    }

    @Test func exclusiveMakesNoSharedMemoryFileAndHoldsTheState() throws {
        let path = TestPaths.temporaryFolder() + "/state.sqlite"
        var store: StateStore? = try StateStore(path: path, journal: .exclusive)
        let settings = try store!.connectionSettings()
        #expect(settings.journalMode == "wal" && settings.synchronous == 1 && settings.lockingMode == "exclusive")
        try save(store!, "a.html")
        try store!.commit()
        #expect(!FileManager.default.fileExists(atPath: path + "-shm"), "no shared memory: usable on NFS")
        #expect(fileFormat(path) == 2)
        // Another process (here another connection) cannot open it while the run holds it.
        let busy = #expect(throws: StateBusy.self) { try StateStore(path: path, journal: .exclusive, busySeconds: 0.05) }
        #expect(busy?.description.contains(path) == true)
        #expect(busy?.description.contains("--state-journal exclusive") == true)
        store = nil
        // Once it has let go, the committed inputs are there.
        #expect(try StateStore(path: path, journal: .exclusive).inputs().keys.sorted() == ["a.html"])
    }

    @Test func rollbackIsSQLitesDefaultsAndTurnsAWriteAheadStateBack() throws {
        let path = TestPaths.temporaryFolder() + "/state.sqlite"
        var wal: StateStore? = try StateStore(path: path)
        try save(wal!, "a.html")
        try wal!.commit()
        wal = nil
        #expect(fileFormat(path) == 2)
        let store = try StateStore(path: path, journal: .rollback)
        let settings = try store.connectionSettings()
        #expect(settings.journalMode == "delete" && settings.synchronous == 2 && settings.lockingMode == "normal")
        #expect(fileFormat(path) == 1)
        #expect(try store.inputs().keys.sorted() == ["a.html"])
        try save(store, "b.html")
        try store.commit()
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }
}
