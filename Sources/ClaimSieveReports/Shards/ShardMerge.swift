public import ClaimSieveCore
import Foundation
import GRDB

/// A shard that cannot be merged: missing, unfinished, of another night or another pipeline.
/// The merge stops with it (exit 3, `claimsieve merge`), naming the shard, instead of writing a
/// report with a silent gap.
public struct ShardMergeError: Error, CustomStringConvertible {
    /// The shard's folder, or "shard K/N" when no folder was given for it.
    public var shard: String
    /// What is wrong with it.
    public var problem: String

    /// Names the shard and what is wrong with it.
    public init(shard: String, problem: String) {
        self.shard = shard
        self.problem = problem
    }

    /// "<shard>: <problem>", the line `merge` prints before exiting 3.
    public var description: String { "\(shard): \(problem)" }
}

/// `claimsieve merge`: reads the results of N shards (`ShardResult`) and hands their documents
/// to one `ReportWriter` in the single run's input order, so the reports are those of one run
/// over every input: `claims.jsonl` byte for byte, corroboration and contradictions across
/// shards (the writer groups claims as they arrive), every shard's failures.
///
/// Memory: each shard is read a page at a time (`pageSize` documents, their claims one document at
/// a time), so the merge holds N pages, plus what the writer's report model holds per document
/// (the same as a single run's).
public final class ShardMerge {
    /// One shard's file, open read-only.
    final class Shard {
        let folder: String
        let manifest: ShardResult.Manifest
        let database: DatabaseQueue
        /// The next documents, read a page at a time, and where the next page starts.
        var documents: [(seq: Int, entry: Int, document: Document, claims: Int)] = []
        var position = 0
        var nextDocumentSeq = 0
        var nextClaimSeq = 0

        init(folder: String) throws(ShardMergeError) {
            self.folder = folder
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ShardMergeError(shard: folder, problem: "no such folder")
            }
            let path = folder + "/" + ShardResult.fileName
            guard FileManager.default.fileExists(atPath: path) else {
                throw ShardMergeError(shard: folder, problem: "holds no \(ShardResult.fileName): the shard has not finished, or it failed")
            }
            do {
                var configuration = Configuration()
                configuration.readonly = true
                database = try DatabaseQueue(path: path, configuration: configuration)
                let json = try database.read { db in try String.fetchOne(db, sql: "SELECT json FROM shard_manifest") }
                guard let json, let manifest = try? JSONDecoder().decode(ShardResult.Manifest.self, from: Data(json.utf8)) else {
                    throw ShardMergeError(shard: folder, problem: "\(ShardResult.fileName) has no readable manifest")
                }
                guard manifest.format == ShardResult.format else {
                    throw ShardMergeError(shard: folder, problem: "\(ShardResult.fileName) is in format \(manifest.format), this claimsieve reads \(ShardResult.format)")
                }
                let (documents, claims, documentClaims) = try database.read { db in
                    (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM shard_documents") ?? 0,
                     try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM claims") ?? 0,
                     try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(claims), 0) FROM shard_documents") ?? 0)
                }
                guard documents == manifest.documents, claims == manifest.claims, documentClaims == claims else {
                    throw ShardMergeError(shard: folder, problem: "\(ShardResult.fileName) is incomplete: \(documents) of \(manifest.documents) documents, \(claims) of \(manifest.claims) claims")
                }
                self.manifest = manifest
            } catch let error as ShardMergeError {
                throw error
            } catch {
                throw ShardMergeError(shard: folder, problem: "\(ShardResult.fileName) cannot be read: \(error)")
            }
        }

        /// The next document's input position, reading a page when the last one is used up.
        func head(pageSize: Int) throws -> Int? {
            if position == documents.count {
                documents.removeAll(keepingCapacity: true)
                position = 0
                let start = nextDocumentSeq
                try database.read { db in
                    let rows = try Row.fetchCursor(db, sql: """
                        SELECT seq, entry, id, title, format, failure_stage, failure_reason, language, claims,
                            url, publisher, byline, published
                        FROM shard_documents WHERE seq >= ? ORDER BY seq LIMIT ?
                        """, arguments: [start, pageSize])
                    while let row = try rows.next() {
                        let id: String = row[2]
                        var metadata = Metadata(title: row[3])
                        metadata.language = row[7]
                        // The report's facts of the document (its address, outlet, author line, date).
                        metadata.canonicalURL = row[9]
                        metadata.publisher = row[10]
                        metadata.byline = row[11]
                        metadata.published = row[12]
                        let failure: Failure? = (row[5] as String?).map { Failure(stage: $0, reason: (row[6] as String?) ?? "") }
                        let format = DocumentFormat(rawValue: row[4]) ?? .unknown
                        documents.append((row[0], row[1], Document(id: id, path: id, format: format, metadata: metadata, failure: failure), row[8]))
                    }
                }
                if let last = documents.last { nextDocumentSeq = last.seq + 1 }
            }
            return position < documents.count ? documents[position].entry : nil
        }

        /// The current document's claims (from the spill, in text order) with their fresh marks.
        func takeDocument() throws -> (document: Document, records: [ClaimRecord], fresh: [Bool]) {
            let current = documents[position]
            position += 1
            var records: [ClaimRecord] = []
            var fresh: [Bool] = []
            guard current.claims > 0 else { return (current.document, records, fresh) }
            records.reserveCapacity(current.claims)
            let start = nextClaimSeq
            try database.read { db in
                var query = try RawStatement(db.cachedStatement(sql: "SELECT record, fresh FROM claims WHERE seq >= ? ORDER BY seq LIMIT ?"))
                query.bind(start)
                query.bind(current.claims)
                while try query.step(db) {
                    guard let record = query.bytes(0).flatMap(ClaimRecordBinary.decode) else {
                        throw ShardMergeError(shard: folder, problem: "a claim of \(current.document.id) cannot be decoded")
                    }
                    records.append(record)
                    fresh.append(query.integer(1) == 1)
                }
            }
            guard records.count == current.claims, records.allSatisfy({ $0.doc == current.document.id }) else {
                throw ShardMergeError(shard: folder, problem: "the claims of \(current.document.id) are not where the document table says")
            }
            nextClaimSeq += current.claims
            return (current.document, records, fresh)
        }
    }

    let shards: [Shard]
    /// Documents read from one shard at a time; a page per shard is held.
    public var pageSize = 256

    /// Opens every shard and checks they make one whole run: the same count N, each K from 0 to
    /// N-1 once, the same inputs and the same pipeline fingerprint.
    public init(folders: [String]) throws(ShardMergeError) {
        guard !folders.isEmpty else { throw ShardMergeError(shard: "merge", problem: "no shard folder given") }
        var shards: [Shard] = []
        for folder in folders { shards.append(try Shard(folder: folder)) }
        let first = shards[0]
        var byIndex: [Int: Shard] = [:]
        for shard in shards {
            let manifest = shard.manifest
            guard manifest.count == first.manifest.count else {
                throw ShardMergeError(shard: shard.folder, problem: "is shard \(manifest.shard)/\(manifest.count), but \(first.folder) is one of \(first.manifest.count) shards")
            }
            guard manifest.inputsDigest == first.manifest.inputsDigest, manifest.inputs == first.manifest.inputs else {
                throw ShardMergeError(shard: shard.folder, problem: "walked other inputs than \(first.folder) (\(manifest.inputs) inputs against \(first.manifest.inputs), or other names): shards of another night or other inputs")
            }
            guard manifest.fingerprint == first.manifest.fingerprint else {
                throw ShardMergeError(shard: shard.folder, problem: "ran another pipeline (or other data files) than \(first.folder)")
            }
            if let other = byIndex[manifest.shard] {
                throw ShardMergeError(shard: shard.folder, problem: "is shard \(manifest.shard)/\(manifest.count) again (also \(other.folder))")
            }
            byIndex[manifest.shard] = shard
        }
        let missing = (0..<first.manifest.count).filter { byIndex[$0] == nil }
        guard missing.isEmpty else {
            let names = missing.map { "\($0)/\(first.manifest.count)" }.joined(separator: ", ")
            throw ShardMergeError(shard: "shard \(names)", problem: "missing: no folder given holds it (\(shards.count) of \(first.manifest.count) shards given)")
        }
        self.shards = (0..<first.manifest.count).map { byIndex[$0]! }
    }

    /// The manifest of shard 0 (pipeline, reports, inputs), for the caller to set up the writer.
    public var manifest: ShardResult.Manifest { shards[0].manifest }

    /// Shard folders by shard number.
    public var folders: [String] { shards.map(\.folder) }

    /// What the merged run adds up to besides the report.
    public struct Totals: Sendable {
        /// The single run's statistics: every input, stage times summed, the longest shard's wall time.
        public var statistics: PipelineRunner.Statistics
        /// Documents the shards took from their states unchanged.
        public var skippedDocuments: Int
        /// Claims new or updated since each shard's last report.
        public var freshClaims: Int
    }

    /// Hands every document of every shard to `writer` in input order (with the skipped inputs
    /// of shard 0 and the gone claims of every shard) and returns what `finish` needs.
    public func feed(_ writer: ReportWriter) throws -> Totals {
        try shards[0].database.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT path, reason FROM shard_skipped ORDER BY seq")
            writer.addSkippedInputs(rows.map { InputWalker.Skipped(path: $0[0], reason: InputWalker.SkipReason(rawValue: $0[1]) ?? .unreadable) })
        }
        while true {
            var best: (shard: Shard, entry: Int)?
            for shard in shards {
                if let entry = try shard.head(pageSize: pageSize), entry < best?.entry ?? .max { best = (shard, entry) }
            }
            guard let shard = best?.shard else { break }
            let (document, records, fresh) = try shard.takeDocument()
            let allFresh = !fresh.contains(false)
            writer.add(document, records: records, fresh: allFresh)
            if !allFresh {
                let ids = zip(records, fresh).filter(\.1).map(\.0.id)
                if !ids.isEmpty { writer.markFresh(ids) }
            }
        }
        for shard in shards {
            let gone = try shard.database.read { db in
                try Row.fetchAll(db, sql: "SELECT record FROM shard_gone ORDER BY seq").compactMap { row -> ClaimRecord? in
                    let data: Data = row[0]
                    return data.withUnsafeBytes { ClaimRecordBinary.decode($0) }
                }
            }
            if !gone.isEmpty { writer.addGone(gone) }
        }
        var statistics = PipelineRunner.Statistics(inputs: manifest.inputs, documents: 0, failed: 0, stageSeconds: [:],
                                                   peakInFlight: 0, stoppedBy: nil, wallSeconds: 0)
        var skipped = 0
        var fresh = 0
        for shard in shards {
            let manifest = shard.manifest
            statistics.documents += manifest.documents
            statistics.wallSeconds = max(statistics.wallSeconds, manifest.wallSeconds)
            statistics.stageSeconds.merge(manifest.stageSeconds, uniquingKeysWith: +)
            statistics.stageCPUSeconds.merge(manifest.stageCPUSeconds, uniquingKeysWith: +)
            skipped += manifest.skippedDocuments
            fresh += manifest.freshClaims
        }
        return Totals(statistics: statistics, skippedDocuments: skipped, freshClaims: fresh)
    }
}
