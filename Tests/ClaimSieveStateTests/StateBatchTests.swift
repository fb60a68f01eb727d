import ClaimSieveCore
import ClaimSieveReports
import ClaimSieveState
import ClaimSieveTestSupport
import Foundation
import Testing

/// Saved inputs are committed in batches: another connection (the next run, after a kill) sees
/// whole batches only, and a batch is committed when it is full or when anything else is done.
@Suite struct StateBatchTests {
    func save(_ store: StateStore, _ name: String) throws {
        let page = Document(id: name, path: name, format: .html)
        var claims = [Claim(id: "", block: 0, sentence: 0, text: "Claim of \(name).", verdict: .confirmed, score: 0.5)]
        ClaimID.assign(to: &claims, document: name)
        _ = try store.save(path: name, sha256: "s-" + name, fingerprint: "f", runID: "r1", documents: [page],
                           records: [claims.map { ClaimRecord(claim: $0, document: page) }])
    }

    @Test func anotherConnectionSeesWholeBatchesOnly() throws {
        let path = TestPaths.temporaryFolder() + "/state.sqlite"
        let store = try StateStore(path: path, batchInputs: 2, batchSeconds: 3600)
        try save(store, "a.html")
        // What a run started after a kill at this point would find (the open batch is lost).
        #expect(try StateStore(path: path).inputs().isEmpty)
        try save(store, "b.html")
        #expect(try StateStore(path: path).inputs().keys.sorted() == ["a.html", "b.html"], "a full batch is committed")
        try save(store, "c.html")
        #expect(try store.storedDocuments(path: "c.html").count == 1, "the run itself reads its open batch")
        #expect(try StateStore(path: path).inputs().count == 2)
        try store.commit()
        #expect(try StateStore(path: path).inputs().count == 3)
    }

    @Test func anOldBatchIsCommittedAtTheNextSave() throws {
        let path = TestPaths.temporaryFolder() + "/state.sqlite"
        let store = try StateStore(path: path, batchInputs: 1000, batchSeconds: 0)
        try save(store, "a.html")
        #expect(try StateStore(path: path).inputs().count == 1)
    }

    @Test func aFailedSaveLeavesNothingOfItsInput() throws {
        let path = TestPaths.temporaryFolder() + "/state.sqlite"
        let store = try StateStore(path: path, batchInputs: 1000, batchSeconds: 3600)
        try save(store, "a.html")
        // Two documents with the same id break the documents' key after the first is written.
        let page = Document(id: "b.html", path: "b.html", format: .html)
        let claim = ClaimRecord(claim: Claim(id: "one", block: 0, sentence: 0, text: "x", verdict: .confirmed, score: 1), document: page)
        #expect(throws: (any Error).self) {
            _ = try store.save(path: "b.html", sha256: "s", fingerprint: "f", runID: "r1", documents: [page, page], records: [[claim], [claim]])
        }
        try store.commit()
        #expect(try StateStore(path: path).inputs().keys.sorted() == ["a.html"])
        #expect(try store.storedDocuments(path: "b.html").isEmpty)
    }

    @Test func sizeAndTimeAreStoredAndUpdated() throws {
        let path = TestPaths.temporaryFolder() + "/state.sqlite"
        let store = try StateStore(path: path)
        let page = Document(id: "a.html", path: "a.html", format: .html)
        _ = try store.save(path: "a.html", sha256: "s", fingerprint: "f", runID: "r1", documents: [page], records: [[]],
                           size: 10, modified: 20)
        #expect(try store.inputs()["a.html"]?.size == 10)
        #expect(try store.inputs()["a.html"]?.modified == 20)
        try store.updateFileStats([("a.html", FileStat(size: 11, modified: 21))])
        #expect(try store.inputs()["a.html"]?.modified == 21)
        try store.updateFileStats([("a.html", nil)])
        #expect(try store.inputs()["a.html"]?.modified == nil)
    }

    @Test func aFileModifiedJustNowIsNotSettled() throws {
        let file = TestPaths.temporaryFolder() + "/a.html"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        let stat = try #require(FileStat(path: file))
        #expect(stat.size == 1)
        #expect(!stat.isSettled(at: Date()))
        #expect(stat.isSettled(at: Date().addingTimeInterval(3)))
    }

    /// Claims come back from their binary form, and from their JSON line when a state written
    /// before the binary column has none.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"), "needs the sqlite3 command"))
    func claimsSavedWithoutTheirBinaryFormAreReadFromJSON() throws {
        let path = TestPaths.temporaryFolder() + "/state.sqlite"
        let store = try StateStore(path: path)
        let page = Document(id: "a.html", path: "a.html", format: .html, metadata: Metadata(title: "A", canonicalURL: "https://a.example/"))
        var claims = [Claim(id: "", block: 2, sentence: 1, text: "Officials said it may fall.",
                            cues: [Cue(text: "may", category: .speculation, start: 19, end: 22, weight: 0.5, by: .lexicon)],
                            source: Source(text: "Officials", named: false), verdict: .unverified, score: 0.73, context: "why")]
        ClaimID.assign(to: &claims, document: "a.html")
        let saved = try store.save(path: "a.html", sha256: "s", fingerprint: "f", runID: "r1", documents: [page],
                                   records: [claims.map { ClaimRecord(claim: $0, document: page) }])
        #expect(try store.storedDocuments(path: "a.html").first?.records == saved.records[0])
        try store.commit()
        // What a state written before v4 holds: the JSON line only.
        var line: [UInt8] = []
        saved.records[0][0].appendJSONLine(to: &line)
        let json = String(decoding: line, as: UTF8.self).replacingOccurrences(of: "'", with: "''")
        _ = try sqlite(path, "UPDATE claims SET record = '\(json)', record_bin = NULL")
        #expect(try store.storedDocuments(path: "a.html").first?.records == saved.records[0])
        // Gone, it is still reported from its JSON line.
        let gone = try store.save(path: "a.html", sha256: "s2", fingerprint: "f", runID: "r2", documents: [page], records: [[]])
        #expect(gone.gone.map(\.id) == saved.records[0].map(\.id))
    }

    /// Each claim is written once, in its binary form, and indexed by its key (document, id)
    /// only: the JSON copy and the index on the document alone doubled the writing of a first night.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"), "needs the sqlite3 command"))
    func claimsAreStoredOnceAndIndexedByTheirKey() throws {
        let path = TestPaths.temporaryFolder() + "/state.sqlite"
        let store = try StateStore(path: path)
        try save(store, "a.html")
        try store.commit()
        #expect(try sqlite(path, "SELECT length(record), length(record_bin) > 0 FROM claims") == "0|1\n")
        #expect(try sqlite(path, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'claims' AND sql IS NOT NULL") == "0\n")
        #expect(try sqlite(path, "EXPLAIN QUERY PLAN SELECT id FROM claims WHERE doc = 'a.html'").contains("USING PRIMARY KEY")
                || sqlite(path, "EXPLAIN QUERY PLAN SELECT id FROM claims WHERE doc = 'a.html'").contains("sqlite_autoindex_claims"))
    }

    /// Runs the sqlite3 command on a state file and returns what it prints.
    func sqlite(_ path: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path, sql]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }
}
