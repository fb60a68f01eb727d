public import ClaimSieveCore
import Foundation
import GRDB

/// What one shard of a run (`claimsieve run --shard K/N`) leaves for `claimsieve merge`:
/// `shard.sqlite` in its output folder.
///
/// It is the run's claim spill (`ClaimSpill`'s `claims` table, each claim in the compact binary
/// form with its `fresh` mark), kept instead of deleted, plus four tables the merge needs to
/// rebuild the single run's report:
///
/// - `shard_documents(seq, entry, id, title, format, failure_stage, failure_reason, language, claims)`:
///   every document of the shard in its input order; `entry` is the input's position in the whole
///   run's input order (the walk of every input, before sharding), the key the merge orders by.
/// - `shard_gone(seq, record)`: claims of the previous report no longer found (with state).
/// - `shard_skipped(seq, path, reason)`: what the walk found and did not process (the same in
///   every shard, since each walks every input).
/// - `shard_manifest(json)`: one `ShardManifest`.
///
/// The file is written under a hidden name and renamed into place last, so a `shard.sqlite` is
/// always complete: a shard that died has none, and the merge names it.
public enum ShardResult {
    /// The file's name in the shard's output folder.
    public static let fileName = "shard.sqlite"
    /// Bumped when the tables change; the merge refuses other formats by name.
    public static let format = 1

    /// The facts of a shard run that are not in the report model.
    public struct Manifest: Codable, Sendable, Equatable {
        /// `ShardResult.format` of the writer.
        public var format: Int
        /// This shard (K).
        public var shard: Int
        /// Number of shards (N).
        public var count: Int
        /// Inputs of the whole run (every shard walks them all): the single run's `inputs`.
        public var inputs: Int
        /// A digest of the identities of every input in input order: shards of the same night
        /// over the same inputs agree on it, so the merge can refuse a shard of another night.
        public var inputsDigest: String
        /// Inputs this shard took.
        public var shardInputs: Int
        /// The pipeline file as given to the run (`pipeline` of `summary.json`).
        public var pipeline: String
        /// The pipeline fingerprint (stages, options, data files): every shard must have run the same.
        public var fingerprint: String
        /// The report formats of the pipeline (`reports:`).
        public var reports: [String]
        /// `corroborate`'s `min_words` when the pipeline has it (nil without): the merge groups
        /// claims across shards with it, without reading the pipeline file again.
        public var corroborateMinimumWords: Int?
        /// Documents taken from the shard's state unchanged.
        public var skippedDocuments: Int
        /// Claims new or updated since the shard's last report (the metrics' `new_claims`).
        public var freshClaims: Int
        /// Documents in the file, checked by the merge against `shard_documents`.
        public var documents: Int
        /// Claims in the file, checked by the merge against `claims` (a truncated file fails).
        public var claims: Int
        /// The shard's wall time; the merge reports the longest shard's.
        public var wallSeconds: Double
        /// Seconds per stage, summed over the shards by the merge.
        public var stageSeconds: [String: Double]
        /// CPU seconds per stage, summed over the shards by the merge.
        public var stageCPUSeconds: [String: Double]

        /// Takes the run's facts; `documents` and `claims` are filled in by `ShardResult.write`.
        public init(shard: ShardSpec, inputs: Int, inputsDigest: String, shardInputs: Int, pipeline: String,
                    fingerprint: String, reports: [String], corroborator: Corroborator?, skippedDocuments: Int, freshClaims: Int,
                    statistics: PipelineRunner.Statistics) {
            format = ShardResult.format
            self.shard = shard.index
            count = shard.count
            self.inputs = inputs
            self.inputsDigest = inputsDigest
            self.shardInputs = shardInputs
            self.pipeline = pipeline
            self.fingerprint = fingerprint
            self.reports = reports
            corroborateMinimumWords = corroborator?.minimumWords
            self.skippedDocuments = skippedDocuments
            self.freshClaims = freshClaims
            documents = 0
            claims = 0
            wallSeconds = statistics.wallSeconds
            stageSeconds = statistics.stageSeconds
            stageCPUSeconds = statistics.stageCPUSeconds
        }
    }

    /// The digest of the whole run's input identities, in input order (FNV-1a, 64 bits, hex).
    public static func inputsDigest(_ identities: [String]) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for identity in identities {
            for byte in identity.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            hash = (hash ^ 0x0A) &* 0x0000_0100_0000_01B3
        }
        return String(hash, radix: 16)
    }

    /// Removes the shard result a previous run left in `directory`, so a shard that fails now
    /// leaves none (the merge then names it instead of merging last night's).
    public static func removePrevious(in directory: String) {
        try? FileManager.default.removeItem(atPath: directory + "/" + fileName)
    }

    /// Writes `directory/shard.sqlite` from the writer's spill and model, before the writer's
    /// `finish` (which deletes the spill). `entries` are the shard's inputs in input order, each
    /// with its position in the whole run's input order and its identity; every document of the
    /// writer is matched to the input it came from (its id is the identity, or the identity and
    /// `#item-N` for a feed item).
    public static func write(from writer: ReportWriter, entries: [(index: Int, identity: String)],
                             manifest: Manifest, into directory: String) throws {
        try writer.claims.seal()
        // A shard's documents, read from the spill before the shard tables are written beside
        // them in the same file (a shard is a slice of the run: these are its documents only).
        var documents: [ReportModel.DocumentFacts] = []
        try writer.claims.forEachDocumentFacts { _, facts in documents.append(facts) }
        let partial = directory + "/.\(fileName).partial-\(getpid())"
        try? FileManager.default.removeItem(atPath: partial)
        // A second name for the spill (same folder, same file system): no byte is copied.
        guard link(writer.claims.path, partial) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: partial])
        }
        do {
            let model = writer.model
            var manifest = manifest
            manifest.documents = documents.count
            manifest.claims = writer.claims.count
            let order = try documentEntries(documents.map(\.id), entries: entries)
            let database = try DatabaseQueue(path: partial)
            try database.inDatabase { db in
                try db.execute(sql: """
                    PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
                    CREATE TABLE shard_documents (seq INTEGER PRIMARY KEY, entry INTEGER NOT NULL, id TEXT NOT NULL,
                        title TEXT, format TEXT NOT NULL, failure_stage TEXT, failure_reason TEXT, language TEXT,
                        claims INTEGER NOT NULL, url TEXT, publisher TEXT, byline TEXT, published TEXT);
                    CREATE TABLE shard_gone (seq INTEGER PRIMARY KEY, record BLOB NOT NULL);
                    CREATE TABLE shard_skipped (seq INTEGER PRIMARY KEY, path TEXT NOT NULL, reason TEXT NOT NULL);
                    CREATE TABLE shard_manifest (json TEXT NOT NULL);
                    BEGIN;
                    """)
                let insert = try db.makeStatement(sql: """
                    INSERT INTO shard_documents (seq, entry, id, title, format, failure_stage, failure_reason, language, claims,
                        url, publisher, byline, published)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for (seq, facts) in documents.enumerated() {
                    try insert.execute(arguments: [seq, order[seq], facts.id, facts.title, facts.format.rawValue,
                                                   facts.failure?.stage, facts.failure?.reason, facts.language, facts.claims,
                                                   facts.url, facts.publisher, facts.byline, facts.published])
                }
                var bytes: [UInt8] = []
                for (seq, record) in model.gone.enumerated() {
                    bytes.removeAll(keepingCapacity: true)
                    ClaimRecordBinary.append(record, to: &bytes)
                    try db.execute(sql: "INSERT INTO shard_gone (seq, record) VALUES (?, ?)", arguments: [seq, Data(bytes)])
                }
                for (seq, skipped) in model.notProcessed.enumerated() {
                    try db.execute(sql: "INSERT INTO shard_skipped (seq, path, reason) VALUES (?, ?, ?)",
                                   arguments: [seq, skipped.path, skipped.reason.rawValue])
                }
                let json = String(decoding: try JSONEncoder().encode(manifest), as: UTF8.self)
                try db.execute(sql: "INSERT INTO shard_manifest (json) VALUES (?)", arguments: [json])
                try db.execute(sql: "COMMIT")
            }
            try database.close()
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
        guard rename(partial, directory + "/" + fileName) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: directory + "/" + fileName])
        }
    }

    /// The input position of each document: documents come in input order, one or more per input
    /// (a feed gives one per item; an input may give none), so one pass matches them.
    static func documentEntries(_ ids: [String], entries: [(index: Int, identity: String)]) throws -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(ids.count)
        var next = 0
        for id in ids {
            while next < entries.count, !belongs(id, to: entries[next].identity) { next += 1 }
            guard next < entries.count else {
                throw ShardMergeError(shard: "this shard", problem: "the document \(id) matches none of the shard's inputs")
            }
            result.append(entries[next].index)
        }
        return result
    }

    static func belongs(_ id: String, to identity: String) -> Bool {
        guard id.hasPrefix(identity) else { return false }
        return id.utf8.count == identity.utf8.count || id.dropFirst(identity.count).hasPrefix("#")
    }
}
