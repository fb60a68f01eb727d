public import ClaimSieveCore
public import Foundation
import GRDB

/// The claims of one run on disk, in input order, read back in bounded memory.
///
/// The report writer appends each document's claim records here as the runner hands them over
/// (the runner re-sequences finished documents into input order before its sink, with at most
/// `maxInFlight` of them buffered), so memory does not grow with the number of claims: a run of
/// 100,000 pages holds one document's claims at a time, not millions of records.
///
/// The store is a scratch SQLite file with no journal and no sync (it is rebuilt by every run and
/// deleted with the report's temporary folder, or kept for the next night: `keep(note:as:)`), a
/// page cache of 2 MiB and sorting on disk. Its pages are 64 KiB, SQLite's largest: a row with
/// its report pieces is about 2 KB (4 KiB pages held one row each, a third of the file empty),
/// and the spill is written once and read in whole scans, each page a `pwrite64` / `pread64`
/// (a system call is costly on these VMs): 16 KiB pages took 12,500 writes and 49,700 reads
/// for a 1,810-page run, 64 KiB pages 2,900 and 23,700:
///
/// - `claims(seq, doc, verdict, statement, change, fresh, key, source, denied, id, record, pieces, position)`:
///   one row per claim; `seq` is its position in the run (input order, then text order);
///   `record` the record in `ClaimRecordBinary` form; `pieces` its report pieces
///   (`ClaimPieces`), nil for a claim rendered from its record; `position` its document's
///   index in the report; `key` the corroboration key (a 64-bit
///   digest of the claim's content words, see `Corroborator`), `source` its site and `denied`
///   whether it carries a denial cue.
/// - The claims that have a corroboration key are not rows: each is a `KeyedClaim` (key, seq,
///   its document and site as numbers in `doc_numbers` and `source_numbers`, flags, verdict,
///   position and id) appended to a `SortedRuns` as it comes, and sorted in key order once, by
///   `seal()`, in Swift (runs of 65,536 in memory, beyond that merged from a scratch file
///   beside the spill). Sorted by SQLite (`INSERT … SELECT … ORDER BY` into a table), the same
///   rows were two thirds of the seal; inserted in key order one by one, they had landed on
///   random pages of a table larger than the 2 MiB page cache.
/// - `groups(key, first, documents, sources, contradicted, first_id, statements, mixed)`: made by
///   `seal()` in one walk over the sorted keyed claims, one row per key carried by two documents
///   or more; `first` is its first claim's `seq` and `first_id` that claim's id (the group's id).
/// - `group_members(key, members)`: each group's statements in input order (`GroupMembers`:
///   `seq`, document position, verdict), written in the same walk, from which `report.md` lists
///   a group's members (with `documents`, and `shown` for the few claims whose id or title is
///   not their document row's) and `report.html` their positions. A table of their own, so
///   that `groups`, which every keyed claim's reading joins, stays narrow.
///
/// Reading (`forEach`, `forEachDocument`, `count`) joins `claims` and `groups`, so each record comes back with
/// its `corroboration` set exactly as `Corroborator.annotate` sets it on an array in memory.
/// `report.html` and `claims.jsonl` read it once together; `report.md` reads it once and sorts
/// each claim into its lists (`selects`); the groups are read by `forEachGroup`; `claims.csv`
/// and `summary.json` read it too.
public final class ClaimSpill: @unchecked Sendable {
    /// Which claims to read back; each is in input order.
    public enum Selection: Sendable, Equatable {
        /// Every claim of the run.
        case all
        /// Statements (no `kind`) with this verdict.
        case statements(Verdict)
        /// Questions, instructions and exclamations.
        case nonStatements
        /// Statements decided since the last report (`fresh`) whose `change` is `new` or
        /// `updated`, of one verdict or (nil) of any judged verdict (`Verdict.judged`).
        case freshChanges(Verdict?)
        /// Statements decided since the last report whose `change` is this one (`new`,
        /// `updated`), of any judged verdict: the header's counts.
        case freshChange(String)
    }

    /// The SQLite file, inside the report writer's temporary folder.
    public let path: String
    /// Groups claims across documents when set; set it before the first `add`.
    public var corroborator: Corroborator?
    /// Claims added so far.
    public private(set) var count = 0
    /// What `count(_:)` answers, kept as claims are added and marked: a `COUNT(*)` scanned the
    /// whole spill for each of the dozen counts the reports ask (6% of a quiet night).
    private var counts = Counts()
    /// The claims of the document added last, as `markFresh` needs them to keep `counts`.
    private var lastDocument: [(id: String, row: Counts.Row)] = []

    let database: DatabaseQueue
    private var sealed = false
    /// Why the seal (or an `add`) failed, thrown again by every later seal: the keyed claims it
    /// sorted are gone, and a spill half sealed must not pass as sealed.
    private var sealFailure: (any Error)?
    /// The keyed claims as they are added, sorted into groups by `seal()`.
    private var keyedRuns: SortedRuns<KeyedClaim>
    /// Document ids that more than one document of the run has (found when sealed).
    public private(set) var duplicatedDocuments: Set<String> = []
    private var factsBytes: [UInt8] = []
    private var scratch = Corroborator.KeyScratch()
    private var encoded: [UInt8] = []
    private var lastSource: (doc: String, url: String?, source: String)?
    private var lastDocumentStart = 0
    /// The position, id and title of the document added last (`addDocument`), against which
    /// its claims' own are compared (`shown`).
    private var lastFacts: (position: Int, id: String, title: String?)?
    /// The value of the `fresh` column that marks a claim decided since the last report: 1,
    /// except in a spill kept from the run that last reported (`init(kept:)`), whose claims are
    /// none of them fresh any more whatever the column says (it is never matched: 2).
    private var freshMark = 1

    /// Creates the file (replacing one left at `path`) and opens the transaction that takes the
    /// claims; nothing is synced to disk, since a killed run's spill is thrown away.
    public convenience init(path: String) throws {
        try self.init(path: path, runLength: 1 << 16)
    }

    /// As `init(path:)`, sorting the keyed claims `runLength` at a time in memory (the tests
    /// make it small, so that a few claims go through the runs on disk).
    init(path: String, runLength: Int) throws {
        self.path = path
        keyedRuns = SortedRuns(path: path + ".keyed", runLength: runLength)
        try? FileManager.default.removeItem(atPath: path)
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        database = try DatabaseQueue(path: path, configuration: configuration)
        try database.inDatabase { db in
            try db.execute(sql: """
                PRAGMA page_size = 65536; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -2048;
                PRAGMA temp_store = FILE;
                CREATE TABLE claims (seq INTEGER PRIMARY KEY, doc TEXT NOT NULL, verdict TEXT NOT NULL,
                    statement INTEGER NOT NULL, change TEXT, fresh INTEGER NOT NULL, key INTEGER, source TEXT,
                    denied INTEGER NOT NULL, id TEXT NOT NULL, record BLOB NOT NULL, pieces BLOB, position INTEGER NOT NULL);
                CREATE TABLE groups (key INTEGER PRIMARY KEY, first INTEGER NOT NULL, documents INTEGER NOT NULL,
                    sources INTEGER NOT NULL, contradicted INTEGER NOT NULL, first_id TEXT NOT NULL,
                    statements INTEGER NOT NULL, mixed INTEGER NOT NULL);
                CREATE TABLE group_members (key INTEGER PRIMARY KEY, members BLOB NOT NULL);
                CREATE TABLE shown (seq INTEGER PRIMARY KEY, doc TEXT NOT NULL, title TEXT);
                CREATE TABLE doc_numbers (number INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE);
                CREATE TABLE source_numbers (number INTEGER PRIMARY KEY, source TEXT NOT NULL UNIQUE);
                CREATE TABLE documents (position INTEGER PRIMARY KEY, id TEXT NOT NULL, title TEXT, publisher TEXT, facts BLOB NOT NULL);
                BEGIN;
                """)
        }
    }

    /// A spill let go before it is sealed (a run that failed) closes and removes the keyed
    /// claims' scratch file; the readers' and a kept spill's have none.
    deinit {
        keyedRuns.reset()
    }

    /// Appends the facts of the document at `position` in the report (`DocumentFactsBinary`):
    /// every document's facts stay on disk, read back in input order (`forEachDocumentFacts`)
    /// or one at a time (`DocumentLookup`), so memory does not grow with the documents.
    func addDocument(_ facts: ReportModel.DocumentFacts, position: Int) throws {
        precondition(!sealed, "a document added to a sealed spill")
        factsBytes.removeAll(keepingCapacity: true)
        DocumentFactsBinary.append(facts, to: &factsBytes)
        lastFacts = (position, facts.id, facts.title)
        try database.inDatabase { db in
            var insert = try RawStatement(db.cachedStatement(sql: """
                INSERT INTO documents (position, id, title, publisher, facts) VALUES (?, ?, ?, ?, ?)
                """))
            insert.bind(position)
            insert.bind(facts.id)
            insert.bind(facts.title)
            insert.bind(facts.publisher)
            insert.bind(blob: factsBytes)
            try insert.run(db)
        }
    }

    /// Calls `body` with each document's position and facts, in input order: one in memory at a time.
    func forEachDocumentFacts(_ body: (_ position: Int, _ facts: ReportModel.DocumentFacts) throws -> Void) throws {
        try seal()
        try database.inDatabase { db in
            var query = try RawStatement(db.cachedStatement(sql: "SELECT position, facts FROM documents ORDER BY position"))
            while try query.step(db) {
                guard let facts = query.bytes(1).flatMap(DocumentFactsBinary.decode) else {
                    throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: path])
                }
                try body(query.integer(0) ?? 0, facts)
            }
        }
    }

    /// The ids more than one document has, from the `documents` table.
    private static func duplicatedIDs(_ db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT id FROM documents GROUP BY id HAVING COUNT(*) > 1"))
    }

    /// Appends the claims of one document, in text order. `fresh` marks them decided since the
    /// last report (see `ReportWriter.add(_:records:fresh:)`); `pieces`, when given, holds each
    /// claim's report pieces (nil for one rendered from its record at the end), whose
    /// corroboration key is taken instead of the record's; `position` is the document's index.
    public func add(_ records: [ClaimRecord], fresh: Bool) throws {
        try add(records, pieces: [], position: -1, fresh: fresh)
    }

    func add(_ records: [ClaimRecord], pieces: [ClaimPieces?], position: Int, fresh: Bool) throws {
        precondition(!sealed, "claims added to a sealed spill")
        if let sealFailure { throw sealFailure }
        do {
            try addRows(records, pieces: pieces, position: position, fresh: fresh)
        } catch {
            // Claims half added (a keyed claim sorted whose row is missing) must not be sealed
            // as if whole: every later add and seal throws this.
            sealFailure = error
            throw error
        }
    }

    private func addRows(_ records: [ClaimRecord], pieces: [ClaimPieces?], position: Int, fresh: Bool) throws {
        lastDocumentStart = count
        lastDocument.removeAll(keepingCapacity: true)
        guard !records.isEmpty else { return }
        for record in records {
            let row = Counts.Row(record, fresh: fresh)
            counts.add(row)
            lastDocument.append((record.id, row))
        }
        var piecesBytes: [UInt8] = []
        try database.inDatabase { db in
            var insert = try insertStatement(db)
            // The document id and title a group's member shows are its document's (`documents`,
            // read by `position`); a claim whose own differ, or that has no document row,
            // keeps them in `shown` (rare).
            let facts = position >= 0 && lastFacts?.position == position ? lastFacts : nil
            // Compared as bytes, as SQLite compares them (Swift's `==` takes two spellings of
            // the same text as equal).
            func same(_ a: String?, _ b: String?) -> Bool {
                guard var a, var b else { return a == nil && b == nil }
                return a.withUTF8 { x in b.withUTF8 { RawStatement.sameBytes(x, UnsafeRawBufferPointer($0)) } }
            }
            var lastNumber: (doc: String, number: Int)?
            func number(of doc: String) throws -> Int {
                if let lastNumber, same(lastNumber.doc, doc) { return lastNumber.number }
                let found = try Self.number(of: doc, .document, db)
                lastNumber = (doc, found)
                return found
            }
            var lastSourceNumber: (source: String, number: Int)?
            func number(ofSource source: String?) throws -> Int? {
                guard let source else { return nil }
                if let lastSourceNumber, same(lastSourceNumber.source, source) { return lastSourceNumber.number }
                let found = try Self.number(of: source, .source, db)
                lastSourceNumber = (source, found)
                return found
            }
            for (index, record) in records.enumerated() {
                var key: Int64?
                var source: String?
                let piece = index < pieces.count ? pieces[index] : nil
                if let piece, piece.keyed == (corroborator != nil) {
                    key = piece.key
                    source = piece.source
                } else if let corroborator, let words = corroborator.key(of: record, scratch: &scratch) {
                    key = Self.digest(words)
                    source = self.source(of: record)
                }
                encoded.removeAll(keepingCapacity: true)
                ClaimRecordBinary.append(record, to: &encoded)
                piecesBytes.removeAll(keepingCapacity: true)
                piece?.encode(to: &piecesBytes)
                let denied = record.cues.contains { $0.category == .denial }
                if let key {
                    try keyedRuns.append(KeyedClaim(key: key, seq: count, document: try number(of: record.doc),
                                                    source: try number(ofSource: source), position: position, denied: denied,
                                                    statement: record.kind == nil,
                                                    verdict: Self.verdicts.firstIndex(of: record.verdict) ?? 0, id: record.id))
                    if facts == nil || !same(record.doc, facts?.id) || !same(record.title, facts?.title) {
                        var insertShown = try RawStatement(db.cachedStatement(sql: "INSERT INTO shown (seq, doc, title) VALUES (?, ?, ?)"))
                        insertShown.bind(count)
                        insertShown.bind(record.doc)
                        insertShown.bind(record.title)
                        try insertShown.run(db)
                    }
                }
                try bindAndRun(&insert, db, doc: record.doc, verdict: record.verdict, statement: record.kind == nil,
                               change: record.change, fresh: fresh, key: key, source: source,
                               denied: denied, id: record.id,
                               record: encoded, pieces: piece == nil ? nil : piecesBytes, position: position)
            }
        }
    }

    private func insertStatement(_ db: Database) throws -> RawStatement {
        try RawStatement(db.cachedStatement(sql: """
            INSERT INTO claims (seq, doc, verdict, statement, change, fresh, key, source, denied, id, record, pieces, position)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """))
    }

    private func bindAndRun(_ insert: inout RawStatement, _ db: Database, doc: String, verdict: Verdict, statement: Bool,
                            change: String?, fresh: Bool, key: Int64?, source: String?, denied: Bool, id: String,
                            record: [UInt8], pieces: [UInt8]?, position: Int) throws {
        insert.bind(count)
        insert.bind(doc)
        insert.bind(verdict.rawValue)
        insert.bind(statement)
        insert.bind(change)
        insert.bind(fresh)
        insert.bind(key)
        insert.bind(source)
        insert.bind(denied)
        insert.bind(id)
        insert.bind(blob: record)
        if let pieces { insert.bind(blob: pieces) } else { insert.bind(nil as Int64?) }
        insert.bind(position)
        try insert.run(db)
        count += 1
    }

    /// The corroboration key and site of `record` as `add` takes them, nil without a
    /// corroborator or when the claim has too few words.
    func corroborationKey(of record: ClaimRecord) -> (key: Int64, source: String)? {
        guard let corroborator, let words = corroborator.key(of: record, scratch: &scratch) else { return nil }
        return (Self.digest(words), source(of: record))
    }

    /// A connection of its own to the sealed spill, read-only: the report files are written on
    /// several threads at once, each reading the spill through its own reader.
    public func reader() throws -> ClaimSpill {
        try seal()
        return try ClaimSpill(readerOf: path, corroborator: corroborator, count: count, counts: counts, freshMark: freshMark,
                              duplicated: duplicatedDocuments)
    }

    private init(readerOf path: String, corroborator: Corroborator?, count: Int, counts: Counts, freshMark: Int,
                 duplicated: Set<String>) throws {
        self.path = path
        keyedRuns = SortedRuns(path: path + ".keyed")
        duplicatedDocuments = duplicated
        self.corroborator = corroborator
        self.count = count
        self.counts = counts
        self.freshMark = freshMark
        var configuration = Configuration()
        configuration.readonly = true
        database = try DatabaseQueue(path: path, configuration: configuration)
        try database.inDatabase { db in try db.execute(sql: "PRAGMA cache_size = -2048; PRAGMA temp_store = FILE;") }
        sealed = true
    }

    // MARK: Kept from one night to the next

    /// What a kept spill holds beside its claims (`keep(note:as:)`), as written by its run.
    public static func keptNote(at path: String) -> Data? {
        var configuration = Configuration()
        configuration.readonly = true
        guard let database = try? DatabaseQueue(path: path, configuration: configuration) else { return nil }
        return try? database.inDatabase { db in
            try Data.fetchOne(db, sql: "SELECT note FROM kept")
        }
    }

    /// Opens the sealed spill a previous run kept (`keep(note:as:)`) to report the same claims
    /// again: its groups are made, and no claim of it is fresh (it is taken only when nothing
    /// was decided since the run that kept it reported). `statements` and `nonStatements` are
    /// the counts the reports ask (kept in its note), `count` its claims.
    public init(kept path: String, corroborator: Corroborator?, count: Int, statements: [Verdict: Int], nonStatements: Int) throws {
        self.path = path
        keyedRuns = SortedRuns(path: path + ".keyed")
        self.corroborator = corroborator
        self.count = count
        counts = Counts(statements: statements, nonStatements: nonStatements)
        freshMark = 2
        database = try DatabaseQueue(path: path)
        try database.inDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -2048; PRAGMA temp_store = FILE;")
            duplicatedDocuments = try Self.duplicatedIDs(db)
        }
        sealed = true
    }

    /// The counts of statements by verdict and of other claims (what a kept spill's note keeps).
    public var statementCounts: (statements: [Verdict: Int], nonStatements: Int) {
        (counts.statementsByVerdict, counts.nonStatementCount)
    }

    /// Seals the spill, writes `note` into it and moves the file to `destination` (synced
    /// first), for the next run to report the same claims without reading them from the state
    /// and rendering them again (`init(kept:)`). Any reader must be closed.
    public func keep(note: Data, as destination: String) throws {
        try seal()
        try database.inDatabase { db in
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS kept (note BLOB NOT NULL); DELETE FROM kept;")
            try db.execute(sql: "INSERT INTO kept (note) VALUES (?)", arguments: [note])
        }
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        try handle.synchronize()
        try handle.close()
        try Self.move(path, to: destination)
    }

    /// Renames `source` to `destination`; across filesystems (the state on another volume than
    /// the reports, `EXDEV`), copies it beside `destination`, syncs the copy, renames it into
    /// place and removes `source`. Either way `destination` is whole or absent, never partial.
    public static func move(_ source: String, to destination: String) throws {
        if rename(source, destination) == 0 { return }
        guard errno == EXDEV else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination])
        }
        let partial = destination + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        do {
            try FileManager.default.copyItem(atPath: source, toPath: partial)
            let handle = try FileHandle(forUpdating: URL(fileURLWithPath: partial))
            try handle.synchronize()
            try handle.close()
            guard rename(partial, destination) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination])
            }
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
        try? FileManager.default.removeItem(atPath: source)
    }

    /// Marks the claims of the document added last whose id is in `ids` as fresh.
    public func markFresh(_ ids: Set<String>) throws {
        guard !ids.isEmpty, count > lastDocumentStart else { return }
        try database.inDatabase { db in
            let update = try db.cachedStatement(sql: "UPDATE claims SET fresh = 1 WHERE seq >= ? AND id = ?")
            for id in ids { try update.execute(arguments: [lastDocumentStart, id]) }
        }
        for index in lastDocument.indices where ids.contains(lastDocument[index].id) && !lastDocument[index].row.fresh {
            counts.remove(lastDocument[index].row)
            lastDocument[index].row.fresh = true
            counts.add(lastDocument[index].row)
        }
    }

    /// Ends the adding: commits and groups claims across documents. Reading seals the spill.
    ///
    /// The keyed claims come out of their sort in `(key, seq)` order, and the groups are counted
    /// in one walk over them (`GroupTally`): SQLite's `GROUP BY` with `COUNT(DISTINCT ...)` walked
    /// a table twice and kept two scratch tables per key. Each group's id (`first_id`) is its
    /// first claim's, which the walk meets first; its statements go into `group_members`.
    /// `groups_first` lists the groups in the order of their first claim, so the group queries
    /// walk it without sorting (`forEachGroup`).
    public func seal() throws {
        guard !sealed else { return }
        if let sealFailure { throw sealFailure }
        do {
            try sealGroups()
        } catch {
            sealFailure = error
            throw error
        }
        sealed = true
    }

    private func sealGroups() throws {
        try database.inDatabase { db in
            var insert = try RawStatement(db.cachedStatement(sql: """
                INSERT INTO groups (key, first, documents, sources, contradicted, first_id, statements, mixed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """))
            var insertMembers = try RawStatement(db.cachedStatement(sql: "INSERT INTO group_members (key, members) VALUES (?, ?)"))
            var readID = try RawStatement(db.cachedStatement(sql: "SELECT id FROM claims WHERE seq = ?"))
            // The key's statements (`GroupMembers`), kept until the key's end tells whether it is a group.
            var members: [UInt8] = []
            var firstID: String?
            var tally = GroupTally()
            func write(_ tally: GroupTally) throws {
                guard tally.documents.count > 1 else { return }
                guard let id = firstID else {
                    throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: path])
                }
                insert.bind(tally.key)
                insert.bind(tally.first)
                insert.bind(tally.documents.count)
                insert.bind(tally.sources.count)
                insert.bind(tally.denied.min != tally.denied.max)
                insert.bind(id)
                insert.bind(tally.statements)
                insert.bind(tally.statementVerdicts.min < tally.statementVerdicts.max)
                try insert.run(db)
                if !members.isEmpty {
                    insertMembers.bind(tally.key)
                    insertMembers.bind(blob: members)
                    try insertMembers.run(db)
                }
            }
            try keyedRuns.drain { claim in
                if tally.rows == 0 || tally.key != claim.key {
                    if tally.rows > 0 { try write(tally) }
                    tally.start(key: claim.key, first: Int(claim.seq))
                    members.removeAll(keepingCapacity: true)
                    if let id = claim.id {
                        firstID = id
                    } else {
                        readID.bind(claim.seq)
                        firstID = try readID.step(db) ? readID.text(0) : nil
                        readID.reset()
                    }
                }
                tally.add(documentNumber: Int(claim.document), source: claim.source < 0 ? nil : Int(claim.source),
                          denied: claim.denied ? 1 : 0, statement: claim.statement, verdict: claim.verdict)
                if claim.statement {
                    GroupMembers.append(seq: claim.seq, position: claim.position, verdict: claim.verdict, to: &members)
                }
            }
            if tally.rows > 0 { try write(tally) }
            try db.execute(sql: """
                COMMIT;
                CREATE UNIQUE INDEX groups_first ON groups (first);
                CREATE INDEX documents_id ON documents (id);
                """)
            duplicatedDocuments = try Self.duplicatedIDs(db)
        }
    }

    /// Calls `body` with each selected record in input order, its `corroboration` set.
    public func forEach(_ selection: Selection = .all, _ body: (ClaimRecord) throws -> Void) throws {
        try forEachEntry(selection) { record, _ in try body(record) }
    }

    /// As `forEach`, with whether each claim was decided since the last report (`fresh`): the
    /// report marks only those new or updated, so a claim does not stay `new` night after night.
    public func forEachEntry(_ selection: Selection = .all, _ body: (ClaimRecord, _ fresh: Bool) throws -> Void) throws {
        try seal()
        let (condition, arguments) = condition(selection)
        try database.inDatabase { db in
            var query = try RawStatement(db.cachedStatement(sql: """
                SELECT c.record, g.documents, g.sources, g.contradicted, g.first_id, c.fresh FROM claims c
                LEFT JOIN groups g ON g.key = c.key
                WHERE \(condition) ORDER BY c.seq
                """))
            for argument in arguments { query.bind(argument) }
            while try query.step(db) {
                try body(Self.record(query, path: path), query.integer(5) == freshMark)
            }
        }
    }

    /// One claim read back for the reports: its pieces, or its record when it has none (or
    /// when `forEachRow` is asked for it), with what is known only now.
    struct Row {
        var pieces: ClaimPieces?
        var record: ClaimRecord?
        var doc: String
        /// The document's index in the report (-1 when the claim was added without one).
        var position: Int
        var fresh: Bool
        var corroboration: Corroboration?

        /// What the selections test of it (from its pieces, or its record), nil with neither.
        var tested: Counts.Row? {
            if let pieces { return Counts.Row(statement: pieces.statement, verdict: pieces.verdict, change: pieces.change, fresh: fresh) }
            return record.map { Counts.Row($0, fresh: fresh) }
        }

        /// The holes of its pieces (the claim has no decision: those with one have no pieces).
        func holes(position: Int) -> ClaimPieces.Holes {
            ClaimPieces.Holes(position: position, freshChange: fresh ? HTMLReportData.freshChange(pieces?.change) : nil,
                              previousVerdict: pieces?.previousVerdict, change: pieces?.change,
                              corroboration: corroboration, review: nil)
        }
    }

    /// Calls `body` with each selected claim in input order, as its pieces when it has them and
    /// `recordFor` does not name its document, else as its record (`corroboration` set).
    /// Without `groupIDs`, a claim read as its pieces has an empty group id: `report.md` shows
    /// the counts only, and making each claim's group id into a string was a tenth of its
    /// reading.
    func forEachRow(_ selection: Selection = .all, recordFor: Set<String> = [], groupIDs: Bool = true,
                    _ body: (Row) throws -> Void) throws {
        try seal()
        let (condition, arguments) = condition(selection)
        try database.inDatabase { db in
            var query = try RawStatement(db.cachedStatement(sql: """
                SELECT c.record, g.documents, g.sources, g.contradicted, g.first_id, c.fresh, c.pieces, c.doc, c.position FROM claims c
                LEFT JOIN groups g ON g.key = c.key
                WHERE \(condition) ORDER BY c.seq
                """))
            for argument in arguments { query.bind(argument) }
            // Per row, nothing is allocated that the row before left: the document id and the
            // group id are the last ones' while their bytes are, and the pieces are decoded into
            // the last row's buffers (its `Row` is gone by then, so they are not shared). Making
            // them anew was about a third of the readers' instructions.
            var lastDoc: String?, lastGroup: String?
            var scratch: ClaimPieces?
            while try query.step(db) {
                let doc = query.text(7, reusing: &lastDoc) ?? ""
                var row = Row(doc: doc, position: query.integer(8) ?? -1, fresh: query.integer(5) == freshMark)
                if let raw = query.bytes(6), recordFor.isEmpty || !recordFor.contains(doc),
                   scratch?.decode(raw, facts: false) ?? { scratch = ClaimPieces(raw, facts: false); return scratch != nil }() {
                    row.pieces = scratch
                    if let documents = query.integer(1) {
                        row.corroboration = Corroboration(group: groupIDs ? query.text(4, reusing: &lastGroup) ?? "" : "", documents: documents,
                                                          sources: query.integer(2) ?? 0, contradicted: query.integer(3) == 1)
                    }
                } else {
                    let record = try Self.record(query, path: path)
                    row.corroboration = record.corroboration
                    row.record = record
                }
                try body(row)
            }
        }
    }

    /// Calls `body` once per group of claims carried by two documents or more (statements
    /// only), in the order of each group's first claim, with its claims in input order: one
    /// group's claims are in memory at a time.
    public func forEachGroup(_ body: (_ records: [ClaimRecord]) throws -> Void) throws {
        try seal()
        var records: [ClaimRecord] = []
        try database.inDatabase { db in
            var read = try RawStatement(db.cachedStatement(sql: "SELECT record FROM claims WHERE seq = ?"))
            try forEachGroupRow(db) { group, members, count in
                records.removeAll(keepingCapacity: true)
                for index in 0..<count {
                    read.bind(GroupMembers.member(members, index).seq)
                    guard try read.step(db), var record = read.bytes(0).flatMap(ClaimRecordBinary.decode) else {
                        throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: path])
                    }
                    read.reset()
                    record.corroboration = group.corroboration
                    records.append(record)
                }
                try body(records)
            }
        }
    }

    /// One group's row as the group queries read it: what its claims' corroboration says, its
    /// statements and whether their verdicts differ.
    private struct GroupRow {
        var corroboration: Corroboration
        var statements: Int
        var mixed: Bool
    }

    /// Steps through the groups that have statements, in the order of their first claim, with
    /// each group's row and its members (`GroupMembers`, valid during the call).
    private func forEachGroupRow(_ db: Database,
                                 _ body: (_ group: GroupRow, _ members: UnsafeRawBufferPointer, _ count: Int) throws -> Void) throws {
        var groups = try RawStatement(db.cachedStatement(sql: """
            SELECT documents, sources, contradicted, first_id, statements, mixed, key FROM groups INDEXED BY groups_first
            WHERE statements > 0 ORDER BY first
            """))
        var read = try RawStatement(db.cachedStatement(sql: "SELECT members FROM group_members WHERE key = ?"))
        while try groups.step(db) {
            read.bind(groups.integer(6) ?? 0)
            guard try read.step(db), let members = read.bytes(0), let count = GroupMembers.count(members), count > 0 else {
                read.reset()
                groups.reset()
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: path])
            }
            let group = GroupRow(corroboration: Corroboration(group: groups.text(3) ?? "", documents: groups.integer(0) ?? 0,
                                                              sources: groups.integer(1) ?? 0, contradicted: groups.integer(2) == 1),
                                 statements: groups.integer(4) ?? 0, mixed: groups.integer(5) == 1)
            try body(group, members, count)
            read.reset()
        }
    }

    /// What a group's entry in `report.md` shows of a member claim: its verdict, and its
    /// document and title (the document's own title when nil).
    struct GroupMember {
        var verdict: Verdict
        var doc: String
        var title: String?
        /// Its document's position in the report (-1 when unknown), title and publisher, from
        /// the `documents` table (made into strings once a position: `forEachGroupMembers`).
        var position = -1
        var documentTitle: String? = nil
        var publisher: String? = nil
    }

    /// As `forEachGroup`, with only the first claim of each group decoded whole and its first
    /// `shown` claims as `GroupMember`s (the first one too, first), with how many more it has
    /// and whether its claims' verdicts differ (counted by the seal): `report.md` lists a
    /// group's first members only, and reading every member of a corpus where most claims are
    /// carried by a hundred documents was a quarter of its end.
    func forEachGroupMembers(shown: Int,
                             _ body: (_ first: ClaimRecord, _ members: [GroupMember], _ more: Int, _ mixed: Bool) throws -> Void) throws {
        try seal()
        var members: [GroupMember] = []
        try database.inDatabase { db in
            // The members come from the group's row (verdict, position), `documents` and
            // `shown`, never from `claims`: its rows are about 2 KB. Only each group's first
            // claim is read whole.
            var read = try RawStatement(db.cachedStatement(sql: "SELECT record FROM claims WHERE seq = ?"))
            var readDocument = try RawStatement(db.cachedStatement(sql: "SELECT id, title, publisher FROM documents WHERE position = ?"))
            var readShown = try RawStatement(db.cachedStatement(sql: "SELECT doc, title FROM shown WHERE seq = ?"))
            // `shown` is most often empty: then no member is looked up in it.
            let anyShown = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM shown)") ?? true
            // A member's document (id, title, publisher) by its position, read and made into
            // strings once: the members of one group are in the same documents as those of the
            // groups around it (joined in the query, the documents table was sought for every
            // member, a fifth of this walk). Bounded: emptied when it holds 4,096.
            var documents: [Int: (id: String?, title: String?, publisher: String?)] = [:]
            try forEachGroupRow(db) { group, raw, count in
                members.removeAll(keepingCapacity: true)
                var first: ClaimRecord?
                for index in 0..<min(count, max(1, shown)) {
                    let member = GroupMembers.member(raw, index)
                    let position = member.position
                    let document: (id: String?, title: String?, publisher: String?)
                    if position >= 0, let known = documents[position] {
                        document = known
                    } else {
                        readDocument.bind(position)
                        document = try readDocument.step(db) ? (readDocument.text(0), readDocument.text(1), readDocument.text(2)) : (nil, nil, nil)
                        readDocument.reset()
                        if position >= 0 {
                            if documents.count >= 4096 { documents.removeAll(keepingCapacity: true) }
                            documents[position] = document
                        }
                    }
                    var own: (doc: String?, title: String?)?
                    if anyShown {
                        readShown.bind(member.seq)
                        if try readShown.step(db) { own = (readShown.text(0), readShown.text(1)) }
                        readShown.reset()
                    }
                    guard Self.verdicts.indices.contains(member.verdict), let doc = own.map({ $0.doc }) ?? document.id else {
                        throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: path])
                    }
                    if first == nil {
                        read.bind(member.seq)
                        guard try read.step(db), var record = read.bytes(0).flatMap(ClaimRecordBinary.decode) else {
                            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: path])
                        }
                        read.reset()
                        record.corroboration = group.corroboration
                        first = record
                        members.append(GroupMember(verdict: record.verdict, doc: record.doc, title: record.title,
                                                   position: position, documentTitle: document.title, publisher: document.publisher))
                    } else {
                        members.append(GroupMember(verdict: Self.verdicts[member.verdict], doc: doc,
                                                   title: own.map { $0.title } ?? document.title,
                                                   position: position, documentTitle: document.title, publisher: document.publisher))
                    }
                }
                guard let first else { throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: path]) }
                try body(first, members, max(0, group.statements - members.count), group.mixed)
            }
        }
    }

    /// Calls `body` once per group of `forEachGroup`, in the same order, with the group's id,
    /// counts and its statements' positions in the run (`seq`, the index of each claim in
    /// `forEach(.all)`), without decoding a record: `report.html` refers to claims by position.
    public func forEachGroupPositions(_ body: (_ group: String, _ documents: Int, _ sources: Int, _ contradicted: Bool,
                                               _ members: [Int]) throws -> Void) throws {
        try seal()
        var members: [Int] = []
        try database.inDatabase { db in
            try forEachGroupRow(db) { group, raw, count in
                members.removeAll(keepingCapacity: true)
                for index in 0..<count { members.append(GroupMembers.member(raw, index).seq) }
                let c = group.corroboration
                try body(c.group, c.documents, c.sources, c.contradicted, members)
            }
        }
    }

    /// How many groups `forEachGroup` reads.
    public func groupCount() throws -> Int {
        try seal()
        return try database.inDatabase { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM groups WHERE statements > 0") ?? 0 }
    }

    /// The record of the current row: columns record, documents, sources, contradicted, group id.
    private static func record(_ query: RawStatement, path: String) throws -> ClaimRecord {
        guard var record = query.bytes(0).flatMap(ClaimRecordBinary.decode) else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: path])
        }
        if let documents = query.integer(1) {
            record.corroboration = Corroboration(group: query.text(4) ?? "", documents: documents,
                                                 sources: query.integer(2) ?? 0, contradicted: query.integer(3) == 1)
        }
        return record
    }

    /// Calls `body` once per document with its selected records (documents without any are
    /// left out), in input order; one document's records are in memory at a time.
    public func forEachDocument(_ selection: Selection = .all,
                                _ body: (_ doc: String, _ title: String?, _ records: [ClaimRecord]) throws -> Void) throws {
        var group: [ClaimRecord] = []
        try forEach(selection) { record in
            if let first = group.first, first.doc != record.doc {
                try body(first.doc, group.last?.title ?? nil, group)
                group.removeAll(keepingCapacity: true)
            }
            group.append(record)
        }
        if let first = group.first { try body(first.doc, group.last?.title ?? nil, group) }
    }

    /// How many claims `selection` reads, from the counts kept as claims were added.
    public func count(_ selection: Selection) throws -> Int {
        try seal()
        return counts.count(selection)
    }

    /// `count(_:)` asked of SQLite: what the kept counts must agree with (a test compares them).
    func countByQuery(_ selection: Selection) throws -> Int {
        try seal()
        let (condition, arguments) = condition(selection)
        return try database.inDatabase { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM claims c WHERE \(condition)", arguments: StatementArguments(arguments)) ?? 0
        }
    }

    /// The claims of the spill counted by what the selections test: statement or not, verdict,
    /// `change` and freshness. Mirrors `condition(_:)`.
    struct Counts: Sendable {
        /// What the selections look at of one claim.
        struct Row: Sendable {
            var statement: Bool
            var verdict: Verdict
            var change: String?
            var fresh: Bool

            init(_ record: ClaimRecord, fresh: Bool) {
                self.init(statement: record.kind == nil, verdict: record.verdict, change: record.change, fresh: fresh)
            }

            init(statement: Bool, verdict: Verdict, change: String?, fresh: Bool) {
                self.statement = statement
                self.verdict = verdict
                self.change = change
                self.fresh = fresh
            }
        }

        private var statements: [Verdict: Int] = [:]
        private var nonStatements = 0

        init() {}

        /// Counts of a spill none of whose claims are fresh.
        init(statements: [Verdict: Int], nonStatements: Int) {
            self.statements = statements
            self.nonStatements = nonStatements
        }

        var statementsByVerdict: [Verdict: Int] { statements }
        var nonStatementCount: Int { nonStatements }
        /// Fresh statements whose change is `new` or `updated`, by verdict; fresh judged ones by change.
        private var freshByVerdict: [Verdict: Int] = [:]
        private var freshByChange: [String: Int] = [:]

        mutating func add(_ row: Row) { update(row, by: 1) }
        mutating func remove(_ row: Row) { update(row, by: -1) }

        private mutating func update(_ row: Row, by delta: Int) {
            guard row.statement else {
                nonStatements += delta
                return
            }
            statements[row.verdict, default: 0] += delta
            guard row.fresh, let change = row.change else { return }
            if change == "new" || change == "updated" { freshByVerdict[row.verdict, default: 0] += delta }
            if Verdict.judged.contains(row.verdict) { freshByChange[change, default: 0] += delta }
        }

        func count(_ selection: Selection) -> Int {
            switch selection {
            case .all: statements.values.reduce(nonStatements, +)
            case .statements(let verdict): statements[verdict] ?? 0
            case .nonStatements: nonStatements
            case .freshChanges(nil): Verdict.judged.reduce(0) { $0 + (freshByVerdict[$1] ?? 0) }
            case .freshChanges(let verdict?): freshByVerdict[verdict] ?? 0
            case .freshChange(let change): freshByChange[change] ?? 0
            }
        }
    }

    /// Whether `selection` reads a claim: what `condition(_:)` asks of SQLite, asked of one
    /// claim already read (`report.md` sorts every claim into its lists in one reading).
    static func selects(_ selection: Selection, _ row: Counts.Row) -> Bool {
        let freshChange = row.fresh && row.statement && (row.change == "new" || row.change == "updated")
        switch selection {
        case .all: return true
        case .statements(let verdict): return row.statement && row.verdict == verdict
        case .nonStatements: return !row.statement
        case .freshChanges(nil): return freshChange && Verdict.judged.contains(row.verdict)
        case .freshChanges(let verdict?): return freshChange && row.verdict == verdict
        case .freshChange(let change): return row.fresh && row.statement && row.change == change && Verdict.judged.contains(row.verdict)
        }
    }

    private func condition(_ selection: Selection) -> (String, [String]) {
        let (condition, arguments) = Self.condition(selection)
        return (freshMark == 1 ? condition : condition.replacingOccurrences(of: "c.fresh = 1", with: "c.fresh = \(freshMark)"), arguments)
    }

    private static func condition(_ selection: Selection) -> (String, [String]) {
        switch selection {
        case .all: ("1", [])
        case .statements(let verdict): ("c.statement = 1 AND c.verdict = ?", [verdict.rawValue])
        case .nonStatements: ("c.statement = 0", [])
        case .freshChanges(nil):
            ("c.fresh = 1 AND c.statement = 1 AND c.change IN ('new', 'updated') AND c.verdict IN (\(Verdict.judged.map { _ in "?" }.joined(separator: ", ")))",
             Verdict.judged.map(\.rawValue))
        case .freshChange(let change):
            ("c.fresh = 1 AND c.statement = 1 AND c.change = ? AND c.verdict IN (\(Verdict.judged.map { _ in "?" }.joined(separator: ", ")))",
             [change] + Verdict.judged.map(\.rawValue))
        case .freshChanges(let verdict?):
            ("c.fresh = 1 AND c.statement = 1 AND c.change IN ('new', 'updated') AND c.verdict = ?", [verdict.rawValue])
        }
    }

    /// The two texts the seal counts by number: a document id (`doc_numbers`) and a claim's
    /// site (`source_numbers`), one row per distinct text, its bytes compared exactly. The groups
    /// count distinct documents and sites on the numbers, and a `KeyedClaim` holds no text.
    private enum NumberedText: String {
        case document = "doc_numbers.id"
        case source = "source_numbers.source"
    }

    private static func number(of text: String, _ kind: NumberedText, _ db: Database) throws -> Int {
        let (table, column) = kind == .document ? ("doc_numbers", "id") : ("source_numbers", "source")
        var insert = try RawStatement(db.cachedStatement(sql: "INSERT OR IGNORE INTO \(table) (\(column)) VALUES (?)"))
        insert.bind(text)
        try insert.run(db)
        var find = try RawStatement(db.cachedStatement(sql: "SELECT number FROM \(table) WHERE \(column) = ?"))
        find.bind(text)
        guard try find.step(db), let number = find.integer(0) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "no number in \(kind.rawValue) for \(text)")
        }
        find.reset()
        return number
    }

    /// The verdicts by the code `KeyedClaim.verdict` and `GroupMembers` hold (their index).
    static let verdicts = Verdict.allCases

    /// The corroboration key as one 64-bit value: the sorted word hashes mixed in order. Two
    /// different word sets share a digest with a chance of about 2^-64 per pair.
    static func digest(_ words: [UInt64]) -> Int64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(words.count)
        for word in words {
            hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 31
        }
        return Int64(bitPattern: hash)
    }

    /// The record's site, computed once per document (its claims share doc and URL).
    private func source(of record: ClaimRecord) -> String {
        if let last = lastSource, last.doc == record.doc, last.url == record.url { return last.source }
        let source = Corroborator.source(of: record)
        lastSource = (record.doc, record.url, source)
        return source
    }
}
