public import ClaimSieveCore
public import ClaimSieveReports
public import Foundation
import GRDB

/// What must outlive a run, in SQLite: runs, inputs with the hash of their bytes, documents, and claims
/// with their first/last sighting and verdict history.
///
/// Processed inputs are saved as the sink receives them, each in its own savepoint, inside a
/// transaction committed every `batchInputs` inputs or `batchSeconds` seconds (the durability
/// point) and before anything else is read or written. A run killed half-way keeps every input of
/// its committed batches; the inputs of the open batch are rolled back whole (never half an input)
/// and the next run processes them again, so nothing is lost or counted twice. Batching turns
/// thousands of synced commits into a few dozen. Statements are prepared once (GRDB's
/// statement cache).
public final class StateStore: Sendable {
    let database: DatabaseQueue
    /// The SQLite file (`ROOT/state.sqlite` or `--state PATH`).
    public let path: String
    /// Inputs saved in one transaction before it is committed.
    public let batchInputs: Int
    /// Seconds after which an open batch is committed at the next save, however few inputs it has.
    public let batchSeconds: Double

    private struct Batch: Sendable {
        var inputs = 0
        var openedAt = 0.0
    }
    private let batch = Locked(Batch())

    /// How the state was opened (see `StateJournal`): the journal asked for, else the file's own.
    public let journal: StateJournal

    /// Opens or creates the database (and its folder) and migrates it to the current schema.
    /// Waits up to `busySeconds` (5 s) for a database another process is writing rather than
    /// failing at once; then fails with `StateBusy`, naming the file.
    ///
    /// `journal` nil (no `--state-journal`, no `CLAIMSIEVE_STATE_JOURNAL`) keeps an existing
    /// file's own mode, read from its header (`StateJournal(fileAt:)`): upgrading the binary or
    /// running `review` never converts a state nobody asked to convert. A new file gets `wal`.
    /// `syncEveryCommit` (`review`) syncs every commit (`synchronous=FULL`) whatever the journal:
    /// an editor's decisions cannot be recomputed the next night as a run's batches can.
    public init(path: String, batchInputs: Int = 100, batchSeconds: Double = 2, journal: StateJournal? = nil,
                syncEveryCommit: Bool = false, busySeconds: Double = 5) throws {
        self.path = path
        self.batchInputs = max(batchInputs, 1)
        self.batchSeconds = batchSeconds
        let journal = journal ?? StateJournal(fileAt: path) ?? .wal
        self.journal = journal
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(busySeconds)
        // The batch's transaction stays open between saves (see `save`).
        configuration.allowsUnsafeTransactions = true
        configuration.prepareDatabase { db in
            try journal.configure(db, path: path)
            // Per connection, after the journal's own setting; valid in WAL mode too.
            if syncEveryCommit { try db.execute(sql: "PRAGMA synchronous = FULL") }
        }
        do {
            database = try DatabaseQueue(path: path, configuration: configuration)
            try StateSchema.migrator.migrate(database)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw StateBusy(path: path, journal: journal)
        }
    }

    /// What the connection runs with (`PRAGMA journal_mode`, `synchronous`, `locking_mode`), for
    /// tests and logs: `wal`/1/`normal` by default (see `StateJournal`).
    func connectionSettings() throws -> (journalMode: String, synchronous: Int, lockingMode: String) {
        try database.inDatabase { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "", try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1,
             try String.fetchOne(db, sql: "PRAGMA locking_mode") ?? "")
        }
    }

    /// Commits the open batch of saved inputs, if any: the durability point. Every other
    /// operation calls it first; a run calls it when its documents are all saved.
    public func commit() throws {
        try database.inDatabase { db in
            if db.isInsideTransaction { try db.execute(sql: "COMMIT") }
        }
        batch.withLock { $0 = Batch() }
    }

    /// Writes in a transaction of its own, after committing the open batch.
    private func write<T>(_ body: (Database) throws -> T) throws -> T {
        try commit()
        return try database.write(body)
    }

    /// Reads after committing the open batch.
    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        try commit()
        return try database.read(body)
    }

    // MARK: Runs

    /// Records the start of a run and returns its id: `id`, or `id-2`, `id-3`... when a run with
    /// that id is already recorded (two runs in the same second, a re-run right after a kill).
    /// Runs left `running` by a killed process become `interrupted`.
    @discardableResult
    public func beginRun(id: String, fingerprint: String, pid: Int32, startedAt: Date) throws -> String {
        try write { db in
            try db.execute(sql: "UPDATE runs SET outcome = 'interrupted' WHERE outcome = 'running'")
            var unique = id
            var counter = 2
            while try Bool.fetchOne(db, sql: "SELECT 1 FROM runs WHERE id = ?", arguments: [unique]) ?? false {
                unique = "\(id)-\(counter)"
                counter += 1
            }
            try db.execute(
                sql: "INSERT INTO runs (id, started_at, outcome, fingerprint, pid) VALUES (?, ?, 'running', ?, ?)",
                arguments: [unique, startedAt.timeIntervalSince1970, fingerprint, Int(pid)])
            return unique
        }
    }

    /// Records how a run ended, with its counts.
    public func finishRun(id: String, outcome: String, summary: RunSummary?, finishedAt: Date) throws {
        try write { db in
            try db.execute(
                sql: """
                UPDATE runs SET outcome = ?, finished_at = ?, documents = ?, processed = ?, skipped = ?, failed = ?, claims = ?
                WHERE id = ?
                """,
                arguments: [outcome, finishedAt.timeIntervalSince1970, summary?.documents, summary?.processed,
                            summary?.skipped, summary?.failed, summary?.claims, id])
        }
    }

    /// The end of the last run that wrote a report (success or partial).
    public func lastSuccess() throws -> Date? {
        try read { db in
            try Double.fetchOne(db, sql: "SELECT MAX(finished_at) FROM runs WHERE outcome IN ('success', 'partial')")
                .map { Date(timeIntervalSince1970: $0) }
        }
    }

    /// The id of the last run that wrote a report, to tell which claims are new since then.
    public func lastReportedRunID() throws -> String? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT id FROM runs WHERE outcome IN ('success', 'partial') ORDER BY id DESC LIMIT 1")
        }
    }

    /// Whether an input was saved by a run after `runID` (a run killed or failed since the
    /// last report): its claims are not those that report showed.
    public func inputsSaved(after runID: String) throws -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM inputs WHERE last_run > ?)", arguments: [runID]) ?? true
        }
    }

    /// Outcomes of all runs, oldest first (for tests and `summary.json`).
    public func runOutcomes() throws -> [(id: String, outcome: String)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, outcome FROM runs ORDER BY id").map { ($0["id"], $0["outcome"]) }
        }
    }

    // MARK: Inputs

    /// The stored fact about one input file.
    public struct InputRecord: Sendable, Equatable {
        /// The hash of the input's bytes when it was last processed (`Fingerprint.contentHash`:
        /// `xxh64:` and 16 hex digits; states written before hold a SHA-256; the column keeps its
        /// name `sha256`).
        public var sha256: String
        /// The pipeline fingerprint it was processed with; a different one means process it again.
        public var fingerprint: String
        /// The input root it was found under and the path it was read from when last processed
        /// (nil in a state written before identities were relative to their root).
        public var root: String?
        /// The file as last read; with command-line inputs, an input whose file is still there is kept.
        public var file: String?
        /// The file's size in bytes when last hashed, nil when unknown.
        public var size: Int64?
        /// The file's modification time (nanoseconds since 1970) when last hashed, nil when
        /// unknown or too recent to trust (see `FileStat`).
        public var modified: Int64?

        /// Pairs the two hashes that decide whether an input may be skipped.
        public init(sha256: String, fingerprint: String, root: String? = nil, file: String? = nil,
                    size: Int64? = nil, modified: Int64? = nil) {
            self.sha256 = sha256
            self.fingerprint = fingerprint
            self.root = root
            self.file = file
            self.size = size
            self.modified = modified
        }
    }

    /// Every input processed so far, by identity (`<root name>/<path below it>`), to decide which inputs are unchanged and can be skipped.
    public func inputs() throws -> [String: InputRecord] {
        try read { db in
            var result: [String: InputRecord] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT path, sha256, fingerprint, root, file, size, modified FROM inputs") {
                result[row["path"]] = InputRecord(sha256: row["sha256"], fingerprint: row["fingerprint"],
                                                  root: row["root"], file: row["file"], size: row["size"], modified: row["modified"])
            }
            return result
        }
    }

    /// A document as a previous run left it, ready to be reported again without processing.
    public struct StoredDocument: Sendable {
        /// The document without text or blocks: id, path, feed item, format, title and failure only.
        public var document: Document
        /// Its present claims as last written, in document order, each with its stored `change`.
        public var records: [ClaimRecord]
        /// The run in which its claims' `change` was decided.
        public var changedRun: [String: String]
    }

    /// The documents of an unchanged input, in their original order, with their present claims.
    /// Read inside the open batch (it sees the inputs saved so far), without committing it.
    public func storedDocuments(path: String) throws -> [StoredDocument] {
        try database.inDatabase { db in
            let documents = try db.cachedStatement(
                sql: "SELECT id, item, format, title, failure_stage, failure_reason FROM documents WHERE path = ? ORDER BY position")
            var claims = try RawStatement(db.cachedStatement(
                sql: "SELECT record, changed_run, record_bin FROM claims WHERE doc = ? AND present = 1 ORDER BY position"))
            return try Row.fetchAll(documents, arguments: [path]).map { row in
                let id: String = row["id"]
                var document = Document(id: id, path: path, item: row["item"],
                                        format: DocumentFormat(rawValue: row["format"]) ?? .unknown,
                                        metadata: Metadata(title: row["title"]))
                try DocumentFactsSchema.restore(db, id: id, into: &document.metadata)
                if let stage: String = row["failure_stage"] {
                    document.failure = Failure(stage: stage, reason: row["failure_reason"] ?? "")
                }
                var records: [ClaimRecord] = []
                var changedRun: [String: String] = [:]
                claims.bind(id)
                while try claims.step(db) {
                    guard let record = Self.record(from: claims, json: 0, binary: 2) else {
                        throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "a stored claim of \(id) cannot be read")
                    }
                    records.append(record)
                    changedRun[record.id] = claims.text(1)
                }
                return StoredDocument(document: document, records: records, changedRun: changedRun)
            }
        }
    }

    /// A stored claim from the row a statement is on: its binary form (`record_bin`), or the
    /// JSON line of a claim saved before the binary form existed (v4); nil when neither reads.
    static func record(from row: RawStatement, json: Int32 = 0, binary: Int32 = 1) -> ClaimRecord? {
        if let bytes = row.bytes(binary), let record = ClaimRecord(binary: bytes) { return record }
        guard let line = row.bytes(json), line.count > 0 else { return nil }
        return try? ClaimRecord(jsonLine: Data(line))
    }

    // MARK: Saving

    /// What saving one input decided: each record with its `change`, and the claims now gone.
    public struct SaveResult: Sendable {
        /// One array per document saved, in the same order, each record with its `change` set.
        public var records: [[ClaimRecord]]
        /// Claims the input had before but no longer has, `change` = "gone", sorted by document and position.
        public var gone: [ClaimRecord]
    }

    /// Saves one processed input (all documents made from it) and decides each claim's `change`
    /// against what the state held: `new`, `updated` (verdict changed) or `unchanged`; present
    /// claims of the input that are no longer found are `gone`. `path` is the input's identity;
    /// `root` and `file` say where it was found and read this time; `size` and `modified` (its
    /// modification time in nanoseconds) let the next run skip hashing it when they are unchanged.
    ///
    /// The input is saved whole or not at all (a savepoint), in the open batch's transaction,
    /// which is committed when it holds `batchInputs` inputs or is `batchSeconds` old.
    public func save(path: String, sha256: String, fingerprint: String, runID: String,
                     documents: [Document], records: [[ClaimRecord]],
                     root: String? = nil, file: String? = nil, size: Int64? = nil, modified: Int64? = nil) throws -> SaveResult {
        let now = Date().timeIntervalSinceReferenceDate
        let result = try database.inDatabase { db in
            if !db.isInsideTransaction {
                try db.execute(sql: "BEGIN IMMEDIATE")
                batch.withLock { $0 = Batch(inputs: 0, openedAt: now) }
            }
            try db.execute(sql: "SAVEPOINT input")
            do {
                let result = try save(db, path: path, sha256: sha256, fingerprint: fingerprint, runID: runID, documents: documents,
                                      records: records, root: root, file: file, size: size, modified: modified)
                try db.execute(sql: "RELEASE input")
                return result
            } catch {
                try? db.execute(sql: "ROLLBACK TO input")
                try? db.execute(sql: "RELEASE input")
                throw error
            }
        }
        let due = batch.withLock { batch in
            batch.inputs += 1
            return batch.inputs >= batchInputs || now - batch.openedAt >= batchSeconds
        }
        if due { try commit() }
        return result
    }

    private func save(_ db: Database, path: String, sha256: String, fingerprint: String, runID: String,
                      documents: [Document], records: [[ClaimRecord]],
                      root: String?, file: String?, size: Int64?, modified: Int64?) throws -> SaveResult {
        // Claims are keyed by document and id: ids are unique within a document only.
        struct Key: Hashable { var doc: String; var id: String }
        // Only the verdict is needed for each claim; the record is decoded for the gone ones.
        var previous: [Key: String] = [:]
        var previousClaims = try RawStatement(db.cachedStatement(
            sql: "SELECT claims.doc, claims.id, claims.verdict FROM claims JOIN documents ON claims.doc = documents.id WHERE documents.path = ? AND claims.present = 1"))
        previousClaims.bind(path)
        while try previousClaims.step(db) {
            previous[Key(doc: previousClaims.text(0) ?? "", id: previousClaims.text(1) ?? "")] = previousClaims.text(2) ?? ""
        }
        if !previous.isEmpty {
            try db.cachedStatement(sql: "UPDATE claims SET present = 0 WHERE doc IN (SELECT id FROM documents WHERE path = ?)")
                .execute(arguments: [path])
        }
        try db.cachedStatement(sql: "DELETE FROM documents WHERE path = ?").execute(arguments: [path])

        let insertDocument = try db.cachedStatement(sql: """
            INSERT INTO documents (id, path, position, item, format, title, status, failure_stage, failure_reason, last_run)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var upsertClaim = try RawStatement(db.cachedStatement(sql: """
            INSERT INTO claims (id, doc, position, text, verdict, record, record_bin, first_seen, last_seen, changed_run, present)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
            ON CONFLICT(doc, id) DO UPDATE SET position = excluded.position, text = excluded.text,
                verdict = excluded.verdict, record = excluded.record, record_bin = excluded.record_bin,
                last_seen = excluded.last_seen,
                changed_run = CASE WHEN claims.present = 0 OR claims.verdict != excluded.verdict
                                   THEN excluded.changed_run ELSE claims.changed_run END,
                present = 1
            """))
        var insertHistory = try RawStatement(db.cachedStatement(sql: "INSERT INTO verdict_history (claim, run, verdict) VALUES (?, ?, ?)"))
        var decided: [[ClaimRecord]] = []
        var seen = Set<Key>()
        var binary: [UInt8] = []
        for (position, document) in documents.enumerated() {
            try insertDocument.execute(arguments: [
                document.id, path, position, document.item, document.format.rawValue, document.metadata.title,
                document.failure == nil ? "ok" : "failed", document.failure?.stage, document.failure?.reason, runID,
            ])
            try DocumentFactsSchema.save(db, document)
            var withChange: [ClaimRecord] = []
            for (index, record) in (position < records.count ? records[position] : []).enumerated() {
                var record = record
                let key = Key(doc: document.id, id: record.id)
                let before = previous[key]
                record.change = before == nil ? "new" : (before! == record.verdict.rawValue ? "unchanged" : "updated")
                if record.change == "updated" { record.previousVerdict = Verdict(rawValue: before!) }
                seen.insert(key)
                binary.removeAll(keepingCapacity: true)
                record.appendBinary(to: &binary)
                upsertClaim.bind(record.id)
                upsertClaim.bind(document.id)
                upsertClaim.bind(index)
                upsertClaim.bind(record.text)
                upsertClaim.bind(record.verdict.rawValue)
                upsertClaim.bind("")  // the JSON form (`record`) is kept for claims saved before v4 only
                upsertClaim.bind(blob: binary)
                upsertClaim.bind(runID)
                upsertClaim.bind(runID)
                upsertClaim.bind(runID)
                try upsertClaim.run(db)
                if record.change != "unchanged" {
                    insertHistory.bind(record.id)
                    insertHistory.bind(runID)
                    insertHistory.bind(record.verdict.rawValue)
                    try insertHistory.run(db)
                }
                withChange.append(record)
            }
            decided.append(withChange)
        }
        var gone: [ClaimRecord] = []
        for key in previous.keys where !seen.contains(key) {
            var stored = try RawStatement(db.cachedStatement(sql: "SELECT record, record_bin FROM claims WHERE doc = ? AND id = ?"))
            stored.bind(key.doc)
            stored.bind(key.id)
            while try stored.step(db) {  // one row (the key is unique); stepping to the end resets it
                if var record = Self.record(from: stored) {
                    record.change = "gone"
                    gone.append(record)
                }
            }
            try db.cachedStatement(sql: "UPDATE claims SET gone_run = ? WHERE doc = ? AND id = ?")
                .execute(arguments: [runID, key.doc, key.id])
        }
        try db.cachedStatement(sql: """
            INSERT INTO inputs (path, sha256, fingerprint, last_run, status, root, file, size, modified)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(path) DO UPDATE SET sha256 = excluded.sha256, fingerprint = excluded.fingerprint,
                last_run = excluded.last_run, status = excluded.status, root = excluded.root, file = excluded.file,
                size = excluded.size, modified = excluded.modified
            """).execute(arguments: [
                path, sha256, fingerprint, runID, documents.contains { $0.failure != nil } ? "failed" : "ok", root, file, size, modified,
            ])
        return SaveResult(records: decided, gone: gone.sorted { ($0.doc, $0.block, $0.sentence) < ($1.doc, $1.block, $1.sentence) })
    }

    /// Records the size and modification time unchanged inputs were found with (their hash
    /// matched although these differed, e.g. after a copy), so the next run need not hash them;
    /// nil forgets them (the next run hashes that input).
    public func updateFileStats(_ stats: [(path: String, stat: FileStat?)]) throws {
        guard !stats.isEmpty else { return }
        try write { db in
            let update = try db.cachedStatement(sql: "UPDATE inputs SET size = ?, modified = ? WHERE path = ?")
            for (path, stat) in stats { try update.execute(arguments: [stat?.size, stat?.modified, path]) }
        }
    }

    /// Forgets inputs that are no longer among the run's inputs; their present claims are gone.
    public func forgetInputs(notIn kept: Set<String>, runID: String) throws -> [ClaimRecord] {
        try write { db in
            var gone: [ClaimRecord] = []
            for path in try String.fetchAll(db, sql: "SELECT path FROM inputs ORDER BY path") where !kept.contains(path) {
                var present = try RawStatement(db.cachedStatement(
                    sql: "SELECT claims.record, claims.record_bin FROM claims JOIN documents ON claims.doc = documents.id WHERE documents.path = ? AND claims.present = 1 ORDER BY documents.position, claims.position"))
                present.bind(path)
                while try present.step(db) {
                    if var record = Self.record(from: present) {
                        record.change = "gone"
                        gone.append(record)
                    }
                }
                try db.execute(sql: "UPDATE claims SET present = 0, gone_run = ? WHERE doc IN (SELECT id FROM documents WHERE path = ?) AND present = 1",
                               arguments: [runID, path])
                try db.execute(sql: "DELETE FROM documents WHERE path = ?", arguments: [path])
                try db.execute(sql: "DELETE FROM inputs WHERE path = ?", arguments: [path])
            }
            return gone
        }
    }

    /// The verdicts a claim has had, oldest first.
    public func verdictHistory(claim: String) throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT verdict FROM verdict_history WHERE claim = ? ORDER BY run, rowid", arguments: [claim])
        }
    }
}

/// How the state file is journaled and synced: the choice between durability against power
/// loss, readers during a run, and file systems. `run --state-journal` and `review
/// --state-journal` choose it (the README's "Running it every night" says when to use which).
///
/// What every mode keeps: a run killed at any moment (kill -9 included) loses nothing it has
/// committed (each batch of saved inputs), and a batch it had not committed is rolled back whole.
public enum StateJournal: String, Sendable, CaseIterable {
    /// The default for a new state file (an existing one keeps its own mode unless asked to
    /// change: see `StateStore.init`). SQLite's write-ahead log with `synchronous=NORMAL`: a commit appends to
    /// `state.sqlite-wal` without waiting for the disk (the log is synced at checkpoints), so a
    /// killed process loses nothing committed, but a power loss or a kernel crash may lose the
    /// last committed batches. That is safe here: the nightly run is incremental and re-runnable,
    /// and inputs whose batch was lost are simply processed again the next night. Readers
    /// (`review`, `sqlite3`) read the last committed batch while a run writes. Needs shared
    /// memory (`state.sqlite-shm`), which network file systems (NFS, SMB) do not give.
    case wal
    /// For a state on a network file system: the write-ahead log with `locking_mode=EXCLUSIVE`,
    /// set before the first access, so that SQLite keeps its index in the process's own memory
    /// and makes no `-shm` file. The price: the process that opened the state holds it until it
    /// ends, so a `review` (or any reader) during a run waits, then fails naming the file
    /// (`StateBusy`). Durability as `wal`.
    case exclusive
    /// SQLite's defaults (the behaviour before this choice existed): a rollback journal deleted
    /// at each commit and `synchronous=FULL`, every commit synced to disk. Nothing committed is
    /// lost even to a power loss; the cost is a sync per commit and the journal's extra writes
    /// (with state, a run took ×1.39 the CPU of one without, against ×1.09 in instructions).
    case rollback

    /// The journal an existing state file was left in, from its header (bytes 18 and 19, the
    /// file format's write and read versions: 2 in WAL mode, 1 with a rollback journal); nil for
    /// a missing or empty file, or one that is not an SQLite database (SQLite names the problem
    /// when it opens it). `exclusive` cannot be told from the file (it is WAL on disk): a state in
    /// WAL mode opened without a choice is opened as `wal`, so a state on a network file system
    /// needs `CLAIMSIEVE_STATE_JOURNAL=exclusive` (or the option) on every command that opens it.
    public init?(fileAt path: String) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: 20), header.count == 20,
              header.prefix(16).elementsEqual(Array("SQLite format 3".utf8) + [0])
        else { return nil }
        let start = header.startIndex
        switch (header[start + 18], header[start + 19]) {
        case (2, _), (_, 2): self = .wal
        case (1, 1): self = .rollback
        default: return nil
        }
    }

    /// Sets the connection up; runs before SQLite first reads the file.
    func configure(_ db: Database, path: String) throws {
        switch self {
        case .wal, .exclusive:
            if self == .exclusive {
                // Before anything reads the file: otherwise SQLite maps the -shm file first.
                try db.execute(sql: "PRAGMA locking_mode = EXCLUSIVE")
            }
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            guard mode == "wal" else {
                throw StateJournalError(path: path, message: "SQLite could not use its write-ahead log (journal mode '\(mode ?? "")'); try --state-journal rollback")
            }
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        case .rollback:
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
            guard mode == "delete" else {
                throw StateJournalError(path: path, message: "SQLite could not leave the write-ahead log (journal mode '\(mode ?? "")'): is another process using the state?")
            }
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
    }
}

/// The state is held by another process past the busy timeout: a run with `--state-journal
/// exclusive` (which holds it until it ends), or a writer that did not let go.
public struct StateBusy: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var journal: StateJournal
    public var description: String {
        "the state \(path) is held by another process (a run or a review writing to it"
            + (journal == .exclusive ? "; with --state-journal exclusive, any process that has it open, until it ends" : "")
            + "); try again when that process has finished"
    }
}

/// The journal mode asked for cannot be used with this file.
public struct StateJournalError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}
