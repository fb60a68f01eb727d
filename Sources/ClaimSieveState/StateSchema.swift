import GRDB

/// The state's tables, built by GRDB's migrator: a new migration is appended, never edited, so
/// a state file from an older release upgrades in place.
enum StateSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "runs") { table in
                table.primaryKey("id", .text)  // UTC date and time, sortable
                table.column("started_at", .double).notNull()
                table.column("finished_at", .double)
                table.column("outcome", .text).notNull()  // running, success, partial, failed, interrupted
                table.column("fingerprint", .text).notNull()
                table.column("pid", .integer)
                table.column("documents", .integer)
                table.column("processed", .integer)
                table.column("skipped", .integer)
                table.column("failed", .integer)
                table.column("claims", .integer)
            }
            try db.create(table: "inputs") { table in
                table.primaryKey("path", .text)
                table.column("sha256", .text).notNull()
                table.column("fingerprint", .text).notNull()
                table.column("last_run", .text).notNull()
                table.column("status", .text).notNull()
            }
            try db.create(table: "documents") { table in
                table.primaryKey("id", .text)
                table.column("path", .text).notNull().indexed()
                table.column("position", .integer).notNull()
                table.column("item", .integer)
                table.column("format", .text).notNull()
                table.column("title", .text)
                table.column("status", .text).notNull()
                table.column("failure_stage", .text)
                table.column("failure_reason", .text)
                table.column("last_run", .text).notNull()
            }
            try db.create(table: "claims") { table in
                table.primaryKey("id", .text)
                table.column("doc", .text).notNull().indexed()
                table.column("position", .integer).notNull()
                table.column("text", .text).notNull()
                table.column("verdict", .text).notNull()
                table.column("record", .text).notNull()  // the claims.jsonl line, to report it again unprocessed
                table.column("first_seen", .text).notNull()
                table.column("last_seen", .text).notNull()
                table.column("changed_run", .text).notNull()
                table.column("gone_run", .text)
                table.column("present", .boolean).notNull()
            }
            try db.create(table: "verdict_history") { table in
                table.column("claim", .text).notNull().indexed()
                table.column("run", .text).notNull()
                table.column("verdict", .text).notNull()
            }
        }
        // Inputs are keyed by identity (`<root name>/<path below it>`); where each was found and read.
        migrator.registerMigration("v2-input-roots") { db in
            try db.alter(table: "inputs") { table in
                table.add(column: "root", .text)
                table.add(column: "file", .text)
            }
        }
        // A claim id is unique within its document only (a command stage may give two documents
        // the same ids): keyed by id alone, one document's claim replaced the other's.
        migrator.registerMigration("v2-claims-by-document") { db in
            try db.create(table: "claims_v2") { table in
                table.column("id", .text).notNull()
                table.column("doc", .text).notNull().indexed()
                table.column("position", .integer).notNull()
                table.column("text", .text).notNull()
                table.column("verdict", .text).notNull()
                table.column("record", .text).notNull()
                table.column("first_seen", .text).notNull()
                table.column("last_seen", .text).notNull()
                table.column("changed_run", .text).notNull()
                table.column("gone_run", .text)
                table.column("present", .boolean).notNull()
                table.primaryKey(["doc", "id"])
            }
            try db.execute(sql: """
                INSERT INTO claims_v2 (id, doc, position, text, verdict, record, first_seen, last_seen, changed_run, gone_run, present)
                SELECT id, doc, position, text, verdict, record, first_seen, last_seen, changed_run, gone_run, present FROM claims
                """)
            try db.drop(table: "claims")
            try db.rename(table: "claims_v2", to: "claims")
        }
        // Size and modification time of each input when it was hashed: a night where nothing
        // changed skips hashing the inputs whose size and time are the same (the hash decides
        // when they differ).
        migrator.registerMigration("v3-input-file-stat") { db in
            try db.alter(table: "inputs") { table in
                table.add(column: "size", .integer)
                table.add(column: "modified", .integer)
            }
        }
        // Each claim also in the compact binary form (`ClaimRecord.appendBinary`): a night where
        // nothing changed reads every stored claim, and decoding JSON was most of its cost.
        // Claims saved before have none and are read from `record`.
        migrator.registerMigration("v4-claims-binary") { db in
            try db.alter(table: "claims") { table in
                table.add(column: "record_bin", .blob)
            }
        }
        // Editors' decisions (issue 15), in a file of their own.
        ReviewDecisionsSchema.register(in: &migrator)
        // Publisher, byline, date, address and language of each document, for the report.
        DocumentFactsSchema.register(in: &migrator)
        // The primary key (doc, id) already serves every lookup by document: the separate index
        // on `doc` only cost a third B-tree update for each claim saved. The claims' JSON form
        // (`record`) is no longer written either (empty for claims saved from now on).
        migrator.registerMigration("v7-claims-without-doc-index") { db in
            let redundant = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'claims' AND sql LIKE '%("doc")'
                """)
            for name in redundant { try db.execute(sql: "DROP INDEX \(name.quotedDatabaseIdentifier)") }
        }
        return migrator
    }
}
