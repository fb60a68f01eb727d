public import ClaimSieveCore
public import ClaimSieveReports
public import Foundation
import GRDB

/// Editors' decisions on claims (`claimsieve review`), kept in the run state so they outlive
/// runs: a run never writes or deletes them (`--full` and a killed run leave them as they were),
/// and the next report attaches each to its claim through a `ReviewBook`.
///
/// Table `review_decisions` (migration `v5-review-decisions`): one row per document and claim
/// id, with the claim's text, paragraph and sentence when it was reviewed (to tell the same
/// claim from an edited one), the verdict, note, editor and time.
enum ReviewDecisionsSchema {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v5-review-decisions") { db in
            try db.create(table: "review_decisions") { table in
                table.column("doc", .text).notNull()
                table.column("claim", .text).notNull()
                table.column("text", .text).notNull()
                table.column("block", .integer).notNull()
                table.column("sentence", .integer).notNull()
                table.column("verdict", .text).notNull()
                table.column("note", .text)
                table.column("by", .text)
                table.column("at", .text).notNull()
                table.primaryKey(["doc", "claim"])
            }
        }
    }
}

extension StateStore {
    /// A claim as the state last saw it, for `review` to record a decision against.
    public struct StoredClaim: Sendable, Equatable {
        public var doc: String
        public var record: ClaimRecord
    }

    /// The present claims with id `id` (ids are unique within a document only, so there may be
    /// several), optionally of one document.
    public func presentClaims(id: String, doc: String? = nil) throws -> [StoredClaim] {
        try commit()
        return try database.read { db in
            var sql = "SELECT doc, record, record_bin FROM claims WHERE id = ? AND present = 1"
            var arguments: [(any DatabaseValueConvertible)?] = [id]
            if let doc {
                sql += " AND doc = ?"
                arguments.append(doc)
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY doc", arguments: StatementArguments(arguments)).compactMap { row in
                let bin: Data? = row["record_bin"]
                let json: String = row["record"]
                let record = bin.flatMap { data in data.withUnsafeBytes { ClaimRecord(binary: $0) } }
                    ?? (try? ClaimRecord(jsonLine: Data(json.utf8)))
                return record.map { StoredClaim(doc: row["doc"], record: $0) }
            }
        }
    }

    /// Records (or replaces) decisions, all in one transaction.
    public func recordDecisions(_ decisions: [ReviewBook.Decision]) throws {
        try commit()
        try database.write { db in
            let insert = try db.cachedStatement(sql: """
                INSERT INTO review_decisions (doc, claim, text, block, sentence, verdict, note, by, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(doc, claim) DO UPDATE SET text = excluded.text, block = excluded.block,
                    sentence = excluded.sentence, verdict = excluded.verdict, note = excluded.note,
                    by = excluded.by, at = excluded.at
                """)
            for decision in decisions {
                try insert.execute(arguments: [
                    decision.doc, decision.claim, decision.text, decision.block, decision.sentence,
                    decision.review.verdict.rawValue, decision.review.note, decision.review.by, decision.review.at,
                ])
            }
        }
    }

    /// Every decision, by document and claim.
    public func reviewDecisions() throws -> [ReviewBook.Decision] {
        try commit()
        return try database.read { db in
            try Row.fetchAll(db, sql: "SELECT doc, claim, text, block, sentence, verdict, note, by, at FROM review_decisions ORDER BY doc, block, sentence, claim")
                .compactMap { row in
                    guard let verdict = ReviewVerdict(rawValue: row["verdict"]) else { return nil }
                    return ReviewBook.Decision(claim: row["claim"], doc: row["doc"], text: row["text"], block: row["block"],
                                               sentence: row["sentence"],
                                               review: Review(verdict: verdict, note: row["note"], by: row["by"], at: row["at"]))
                }
        }
    }

    /// The decisions as a run attaches them to claims.
    public func reviewBook() throws -> ReviewBook {
        ReviewBook(try reviewDecisions())
    }
}

/// What the report shows of a document besides its title (publisher, byline, date, address,
/// language), kept so that a document reported again from the state, unprocessed, keeps them.
/// Table `document_facts` (migration `v6-document-facts`), one row per document id.
enum DocumentFactsSchema {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v6-document-facts") { db in
            try db.create(table: "document_facts") { table in
                table.primaryKey("id", .text)
                table.column("publisher", .text)
                table.column("byline", .text)
                table.column("published", .text)
                table.column("url", .text)
                table.column("language", .text)
            }
        }
    }

    /// Saves the facts of `document` (inside `StateStore.save`'s savepoint).
    static func save(_ db: Database, _ document: Document) throws {
        let metadata = document.metadata
        try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO document_facts (id, publisher, byline, published, url, language) VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [document.id, metadata.publisher, metadata.byline, metadata.published,
                                     metadata.canonicalURL, metadata.language])
    }

    /// Restores the saved facts into `metadata` (which has the title).
    static func restore(_ db: Database, id: String, into metadata: inout Metadata) throws {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT publisher, byline, published, url, language FROM document_facts WHERE id = ?"),
                                         arguments: [id]) else { return }
        metadata.publisher = row["publisher"]
        metadata.byline = row["byline"]
        metadata.published = row["published"]
        metadata.canonicalURL = row["url"]
        metadata.language = row["language"]
    }
}
