public import ClaimSieveCore
public import ClaimSieveReports
public import Foundation
import GRDB

/// What must outlive a run, in SQLite: runs, inputs with their SHA-256, documents, and claims
/// with their first/last sighting and verdict history.
///
/// Every processed input is saved in its own transaction as soon as the sink receives it, so a run
/// killed half-way keeps what it finished and the next run does only the rest.
public final class StateStore: Sendable {
    let database: DatabaseQueue
    /// The SQLite file (`ROOT/state.sqlite` or `--state PATH`).
    public let path: String

    /// Opens or creates the database (and its folder) and migrates it to the current schema.
    /// Waits up to 5 s for a busy database rather than failing at once.
    public init(path: String) throws {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        database = try DatabaseQueue(path: path, configuration: configuration)
        try StateSchema.migrator.migrate(database)
    }

    // MARK: Runs

    /// Records the start of a run and returns its id: `id`, or `id-2`, `id-3`... when a run with
    /// that id is already recorded (two runs in the same second, a re-run right after a kill).
    /// Runs left `running` by a killed process become `interrupted`.
    @discardableResult
    public func beginRun(id: String, fingerprint: String, pid: Int32, startedAt: Date) throws -> String {
        try database.write { db in
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
        try database.write { db in
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
        try database.read { db in
            try Double.fetchOne(db, sql: "SELECT MAX(finished_at) FROM runs WHERE outcome IN ('success', 'partial')")
                .map { Date(timeIntervalSince1970: $0) }
        }
    }

    /// The id of the last run that wrote a report, to tell which claims are new since then.
    public func lastReportedRunID() throws -> String? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT id FROM runs WHERE outcome IN ('success', 'partial') ORDER BY id DESC LIMIT 1")
        }
    }

    /// Outcomes of all runs, oldest first (for tests and `summary.json`).
    public func runOutcomes() throws -> [(id: String, outcome: String)] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, outcome FROM runs ORDER BY id").map { ($0["id"], $0["outcome"]) }
        }
    }

    // MARK: Inputs

    /// The stored fact about one input file.
    public struct InputRecord: Sendable, Equatable {
        /// SHA-256 of the input's bytes when it was last processed (64 hex digits).
        public var sha256: String
        /// The pipeline fingerprint it was processed with; a different one means process it again.
        public var fingerprint: String
        /// The input root it was found under and the path it was read from when last processed
        /// (nil in a state written before identities were relative to their root).
        public var root: String?
        /// The file as last read; with command-line inputs, an input whose file is still there is kept.
        public var file: String?

        /// Pairs the two hashes that decide whether an input may be skipped.
        public init(sha256: String, fingerprint: String, root: String? = nil, file: String? = nil) {
            self.sha256 = sha256
            self.fingerprint = fingerprint
            self.root = root
            self.file = file
        }
    }

    /// Every input processed so far, by identity (`<root name>/<path below it>`), to decide which inputs are unchanged and can be skipped.
    public func inputs() throws -> [String: InputRecord] {
        try database.read { db in
            var result: [String: InputRecord] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT path, sha256, fingerprint, root, file FROM inputs") {
                result[row["path"]] = InputRecord(sha256: row["sha256"], fingerprint: row["fingerprint"],
                                                  root: row["root"], file: row["file"])
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
    public func storedDocuments(path: String) throws -> [StoredDocument] {
        try database.read { db in
            let decoder = JSONDecoder()
            return try Row.fetchAll(
                db, sql: "SELECT id, item, format, title, failure_stage, failure_reason FROM documents WHERE path = ? ORDER BY position",
                arguments: [path]
            ).map { row in
                let id: String = row["id"]
                var document = Document(id: id, path: path, item: row["item"],
                                        format: DocumentFormat(rawValue: row["format"]) ?? .unknown,
                                        metadata: Metadata(title: row["title"]))
                if let stage: String = row["failure_stage"] {
                    document.failure = Failure(stage: stage, reason: row["failure_reason"] ?? "")
                }
                var records: [ClaimRecord] = []
                var changedRun: [String: String] = [:]
                for claim in try Row.fetchAll(
                    db, sql: "SELECT id, record, changed_run FROM claims WHERE doc = ? AND present = 1 ORDER BY position",
                    arguments: [id]) {
                    let json: String = claim["record"]
                    let record = try decoder.decode(ClaimRecord.self, from: Data(json.utf8))
                    records.append(record)
                    changedRun[record.id] = claim["changed_run"]
                }
                return StoredDocument(document: document, records: records, changedRun: changedRun)
            }
        }
    }

    // MARK: Saving

    /// What saving one input decided: each record with its `change`, and the claims now gone.
    public struct SaveResult: Sendable {
        /// One array per document saved, in the same order, each record with its `change` set.
        public var records: [[ClaimRecord]]
        /// Claims the input had before but no longer has, `change` = "gone", sorted by document and position.
        public var gone: [ClaimRecord]
    }

    /// Saves one processed input (all documents made from it) in one transaction and decides each
    /// claim's `change` against what the state held: `new`, `updated` (verdict changed) or
    /// `unchanged`; present claims of the input that are no longer found are `gone`. `path` is the
    /// input's identity; `root` and `file` say where it was found and read this time.
    public func save(path: String, sha256: String, fingerprint: String, runID: String,
                     documents: [Document], records: [[ClaimRecord]],
                     root: String? = nil, file: String? = nil) throws -> SaveResult {
        try database.write { db in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let decoder = JSONDecoder()
            // Claims are keyed by document and id: ids are unique within a document only.
            struct Key: Hashable { var doc: String; var id: String }
            var previous: [Key: (verdict: String, record: String)] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT claims.doc, claims.id, claims.verdict, claims.record FROM claims JOIN documents ON claims.doc = documents.id WHERE documents.path = ? AND claims.present = 1",
                arguments: [path]) {
                previous[Key(doc: row["doc"], id: row["id"])] = (row["verdict"], row["record"])
            }
            try db.execute(sql: "UPDATE claims SET present = 0 WHERE doc IN (SELECT id FROM documents WHERE path = ?)", arguments: [path])
            try db.execute(sql: "DELETE FROM documents WHERE path = ?", arguments: [path])

            var decided: [[ClaimRecord]] = []
            var seen = Set<Key>()
            for (position, document) in documents.enumerated() {
                try db.execute(
                    sql: """
                    INSERT INTO documents (id, path, position, item, format, title, status, failure_stage, failure_reason, last_run)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    arguments: [document.id, path, position, document.item, document.format.rawValue, document.metadata.title,
                                document.failure == nil ? "ok" : "failed", document.failure?.stage, document.failure?.reason, runID])
                var withChange: [ClaimRecord] = []
                for (index, record) in (position < records.count ? records[position] : []).enumerated() {
                    var record = record
                    let key = Key(doc: document.id, id: record.id)
                    let before = previous[key]
                    record.change = before == nil ? "new" : (before!.verdict == record.verdict.rawValue ? "unchanged" : "updated")
                    seen.insert(key)
                    let json = String(decoding: try encoder.encode(record), as: UTF8.self)
                    try db.execute(
                        sql: """
                        INSERT INTO claims (id, doc, position, text, verdict, record, first_seen, last_seen, changed_run, present)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                        ON CONFLICT(doc, id) DO UPDATE SET position = excluded.position, text = excluded.text,
                            verdict = excluded.verdict, record = excluded.record, last_seen = excluded.last_seen,
                            changed_run = CASE WHEN claims.present = 0 OR claims.verdict != excluded.verdict
                                               THEN excluded.changed_run ELSE claims.changed_run END,
                            present = 1
                        """,
                        arguments: [record.id, document.id, index, record.text, record.verdict.rawValue, json, runID, runID, runID])
                    if record.change != "unchanged" {
                        try db.execute(sql: "INSERT INTO verdict_history (claim, run, verdict) VALUES (?, ?, ?)",
                                       arguments: [record.id, runID, record.verdict.rawValue])
                    }
                    withChange.append(record)
                }
                decided.append(withChange)
            }
            var gone: [ClaimRecord] = []
            for (key, before) in previous where !seen.contains(key) {
                if var record = try? decoder.decode(ClaimRecord.self, from: Data(before.record.utf8)) {
                    record.change = "gone"
                    gone.append(record)
                }
                try db.execute(sql: "UPDATE claims SET gone_run = ? WHERE doc = ? AND id = ?", arguments: [runID, key.doc, key.id])
            }
            try db.execute(
                sql: """
                INSERT INTO inputs (path, sha256, fingerprint, last_run, status, root, file) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(path) DO UPDATE SET sha256 = excluded.sha256, fingerprint = excluded.fingerprint,
                    last_run = excluded.last_run, status = excluded.status, root = excluded.root, file = excluded.file
                """,
                arguments: [path, sha256, fingerprint, runID, documents.contains { $0.failure != nil } ? "failed" : "ok", root, file])
            return SaveResult(records: decided, gone: gone.sorted { ($0.doc, $0.block, $0.sentence) < ($1.doc, $1.block, $1.sentence) })
        }
    }

    /// Forgets inputs that are no longer among the run's inputs; their present claims are gone.
    public func forgetInputs(notIn kept: Set<String>, runID: String) throws -> [ClaimRecord] {
        try database.write { db in
            let decoder = JSONDecoder()
            var gone: [ClaimRecord] = []
            for path in try String.fetchAll(db, sql: "SELECT path FROM inputs ORDER BY path") where !kept.contains(path) {
                for json in try String.fetchAll(
                    db, sql: "SELECT claims.record FROM claims JOIN documents ON claims.doc = documents.id WHERE documents.path = ? AND claims.present = 1 ORDER BY documents.position, claims.position",
                    arguments: [path]) {
                    if var record = try? decoder.decode(ClaimRecord.self, from: Data(json.utf8)) {
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
        try database.read { db in
            try String.fetchAll(db, sql: "SELECT verdict FROM verdict_history WHERE claim = ? ORDER BY run, rowid", arguments: [claim])
        }
    }
}
