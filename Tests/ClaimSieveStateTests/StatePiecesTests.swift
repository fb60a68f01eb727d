import ClaimSieveCore
@testable import ClaimSieveReports
@testable import ClaimSieveState
import ClaimSieveTestSupport
import Foundation
import GRDB
import Testing

/// The state keeps each claim's report pieces beside it (issue 12), with the `change` it
/// decided; a state from before pieces upgrades in place and is read from its records.
@Suite struct StatePiecesTests {
    let page = Document(id: "a.html", path: "a.html", format: .html, metadata: Metadata(title: "A", publisher: "P"))

    func records(_ claims: [(String, Verdict)]) -> [ClaimRecord] {
        var made = claims.enumerated().map { Claim(id: "", block: $0.offset, sentence: 0, text: $0.element.0, verdict: $0.element.1, score: 0.5) }
        ClaimID.assign(to: &made, document: page.id)
        return made.map { ClaimRecord(claim: $0, document: page) }
    }

    func pieces(_ records: [ClaimRecord]) throws -> [ClaimPieces] {
        let writer = try ReportWriter(outputDirectory: TestPaths.temporaryFolder(), formats: ["jsonl"], pipelineName: "t.yml")
        defer { writer.abandon() }
        writer.corroborator = Corroborator()
        return writer.pieces(for: page, records: records)
    }

    @Test func piecesAreKeptWithTheChangeTheStateDecided() throws {
        let store = try StateStore(path: TestPaths.temporaryFolder() + "/state.sqlite")
        let first = records([("The bridge over the river closed on Monday.", .confirmed), ("Officials said it may reopen.", .unverified)])
        _ = try store.save(path: "a.html", sha256: "s1", fingerprint: "f", runID: "r1", documents: [page], records: [first],
                           pieces: [try pieces(first)])
        let second = records([("The bridge over the river closed on Monday.", .attributed), ("Officials said it may reopen.", .unverified)])
        let saved = try store.save(path: "a.html", sha256: "s2", fingerprint: "f", runID: "r2", documents: [page], records: [second],
                                   pieces: [try pieces(second)])
        try store.commit()
        let stored = try #require(try store.storedClaims(path: "a.html"))
        #expect(stored.map(\.document.id) == ["a.html"])
        #expect(stored[0].document.metadata.publisher == "P")
        let claims = stored[0].claims
        #expect(claims.map(\.id) == saved.records[0].map(\.id))
        #expect(claims.allSatisfy { $0.changedRun == "r2" })
        let decoded = claims.map { $0.pieces.withUnsafeBytes { ClaimPieces($0) } }
        #expect(decoded.map { $0?.change } == ["updated", "unchanged"])
        #expect(decoded.map { $0?.previousVerdict } == [.confirmed, nil])
        #expect(decoded.allSatisfy { $0?.keyed == true } && decoded[0]?.key != nil, "taken with the run's corroborator")
        #expect(claims.map { $0.record.withUnsafeBytes { ClaimRecord(binary: $0) } } == saved.records[0])
    }

    /// A state written before pieces (schema without the column; what main's binary 893eb47
    /// writes): opening it adds the column, and its claims, without pieces, are read as
    /// records (`storedClaims` is nil for them, `storedDocuments` reads them) until saved again.
    @Test func aStateFromBeforePiecesUpgradesAndIsReadFromItsRecords() throws {
        let path = TestPaths.temporaryFolder() + "/state.sqlite"
        let queue = try DatabaseQueue(path: path)
        try StateSchema.migrator.migrate(queue, upTo: "v7-claims-without-doc-index")
        try queue.close()
        let older = try StateStore(path: path)
        let made = records([("The bridge over the river closed on Monday.", .confirmed)])
        _ = try older.save(path: "a.html", sha256: "s1", fingerprint: "f", runID: "r1", documents: [page], records: [made])
        try older.commit()
        #expect(try older.storedClaims(path: "a.html") == nil)
        #expect(try older.storedDocuments(path: "a.html")[0].records.map(\.text) == made.map(\.text))

        _ = try older.save(path: "a.html", sha256: "s2", fingerprint: "f", runID: "r2", documents: [page], records: [made],
                           pieces: [try pieces(made)])
        try older.commit()
        #expect(try older.storedClaims(path: "a.html")?[0].claims.count == 1)
        let columns = try older.database.read { db in try db.columns(in: "claims").map(\.name) }
        #expect(columns.contains("pieces"))
    }
}
