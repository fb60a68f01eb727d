import Foundation
import GRDB

/// A report writer's way to a claim's document: its position in the report and its facts, read
/// from the spill's `documents` table (`ClaimSpill.addDocument`) instead of a map of every
/// document held for the whole run.
///
/// The claims are read in input order, a document's claims one after another, so the last
/// document asked is kept and the table is asked once per document and writer (an indexed
/// lookup). It reads through a connection of its own, opened at the first lookup: the writers
/// look documents up while they read the claims through the spill's (whose `inDatabase` is not
/// reentrant). Like the spill reader, one belongs to one thread.
final class DocumentLookup {
    let spill: ClaimSpill
    private var last: (doc: String, position: Int?, facts: ReportModel.DocumentFacts?)?
    private var connection: DatabaseQueue?

    init(spill: ClaimSpill) {
        self.spill = spill
    }

    /// The position and facts of the document whose id is `doc` (the last of that id when
    /// several documents have it, as the report's links always took); nil when none has it.
    func document(_ doc: String) throws -> (position: Int, facts: ReportModel.DocumentFacts)? {
        if let last, last.doc == doc {
            guard let position = last.position, let facts = last.facts else { return nil }
            return (position, facts)
        }
        var found: (Int, ReportModel.DocumentFacts)?
        if connection == nil {
            var configuration = Configuration()
            configuration.readonly = true
            let opened = try DatabaseQueue(path: spill.path, configuration: configuration)
            try opened.inDatabase { db in try db.execute(sql: "PRAGMA cache_size = -512") }
            connection = opened
        }
        try connection?.inDatabase { db in
            var query = try RawStatement(db.cachedStatement(sql: """
                SELECT position, facts FROM documents WHERE id = ? ORDER BY position DESC LIMIT 1
                """))
            query.bind(doc)
            if try query.step(db) {
                guard let facts = query.bytes(1).flatMap(DocumentFactsBinary.decode) else {
                    throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: spill.path])
                }
                found = (query.integer(0) ?? 0, facts)
                _ = try query.step(db)  // the end of its one row: the statement is reset
            }
        }
        last = (doc, found?.0, found?.1)
        return found
    }

    /// The document's position in the report, -1 when no document has that id.
    func position(_ doc: String) throws -> Int {
        try document(doc)?.position ?? -1
    }
}
