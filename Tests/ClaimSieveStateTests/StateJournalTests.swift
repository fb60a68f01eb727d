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

    /// No choice (no option, no variable): an existing file keeps the mode it is in, so an
    /// upgrade or a `review` converts nothing; a new file gets `wal`.
    @Test func anExistingFileKeepsItsOwnJournalWhenNoneIsChosen() throws {
        let folder = TestPaths.temporaryFolder()
        let old = folder + "/rollback.sqlite"
        var before: StateStore? = try StateStore(path: old, journal: .rollback)
        try save(before!, "a.html")
        try before!.commit()
        before = nil
        #expect(StateJournal(fileAt: old) == .rollback)
        let kept = try StateStore(path: old)
        #expect(kept.journal == .rollback)
        let settings = try kept.connectionSettings()
        #expect(settings.journalMode == "delete" && settings.synchronous == 2)
        try save(kept, "b.html")
        try kept.commit()
        #expect(fileFormat(old) == 1, "still a rollback journal")
        #expect(!FileManager.default.fileExists(atPath: old + "-wal"))

        let wal = folder + "/wal.sqlite"
        let new = try StateStore(path: wal)
        #expect(new.journal == .wal)
        #expect(try new.connectionSettings().journalMode == "wal")
        #expect(StateJournal(fileAt: wal) == .wal)
        #expect(try StateStore(path: wal).journal == .wal)
        // A file SQLite does not know, or nothing at all, tells nothing.
        try Data("not a database at all, not a database at all".utf8).write(to: URL(fileURLWithPath: folder + "/text"))
        #expect(StateJournal(fileAt: folder + "/text") == nil)
        FileManager.default.createFile(atPath: folder + "/empty", contents: Data())
        #expect(StateJournal(fileAt: folder + "/empty") == nil)
        #expect(StateJournal(fileAt: folder + "/missing") == nil)
    }

    /// `review`'s connection syncs every commit (decisions cannot be recomputed), whatever the
    /// journal; a run's stays with its journal's setting.
    @Test(arguments: StateJournal.allCases)
    func aStoreOpenedForDecisionsSyncsEveryCommit(journal: StateJournal) throws {
        let path = TestPaths.temporaryFolder() + "/state.sqlite"
        var run: StateStore? = try StateStore(path: path, journal: journal)
        #expect(try run!.connectionSettings().synchronous == (journal == .rollback ? 2 : 1))
        try save(run!, "a.html")
        try run!.commit()
        run = nil  // an exclusive state is held until its process lets go
        let review = try StateStore(path: path, journal: journal, syncEveryCommit: true)
        let settings = try review.connectionSettings()
        #expect(settings.synchronous == 2, "synchronous=FULL")
        #expect(settings.journalMode == (journal == .rollback ? "delete" : "wal"))
        #expect(try review.inputs().keys.sorted() == ["a.html"])
    }
}
