public import GRDB
import GRDBSQLite
import Foundation

/// Binds, steps and reads a prepared GRDB statement through SQLite's C API.
///
/// GRDB's `execute(arguments:)` binds `StatementArguments` through nested closures, one level a
/// value: callgrind counted about 90,000 instructions an insert of eleven values, 8% of a whole
/// run for the claim spill alone, and as much again for the state's saves. The hot statements
/// (one row per claim) bind here instead; everything else stays with GRDB.
public struct RawStatement {
    /// The GRDB statement (keep it cached: `db.cachedStatement(sql:)`).
    public let statement: Statement
    private var index: Int32 = 1
    private var handle: OpaquePointer { statement.sqliteStatement }

    /// Wraps a prepared statement; bind its parameters in order, then `step` or `run`.
    /// The statement is reset first: a query left half-read (its reader threw) starts again.
    public init(_ statement: Statement) {
        self.statement = statement
        sqlite3_reset(statement.sqliteStatement)
    }

    /// SQLite copies every value bound (`SQLITE_TRANSIENT`).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Binds text (UTF-8 bytes as they are, NUL included), or NULL for nil.
    public mutating func bind(_ value: String?) {
        defer { index += 1 }
        guard var value else { sqlite3_bind_null(handle, index); return }
        value.withUTF8 { bytes in
            if let base = bytes.baseAddress {
                sqlite3_bind_text(handle, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count), Self.transient)
            } else {
                sqlite3_bind_text(handle, index, "", 0, Self.transient)  // "" (a NULL pointer would bind NULL)
            }
        }
    }

    /// Binds an integer, or NULL for nil.
    public mutating func bind(_ value: Int64?) {
        defer { index += 1 }
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    /// Binds an integer.
    public mutating func bind(_ value: Int) { bind(Int64(value)) }

    /// Binds 1 or 0.
    public mutating func bind(_ value: Bool) { bind(Int64(value ? 1 : 0)) }

    /// Binds bytes as a blob.
    public mutating func bind(blob: [UInt8]) {
        defer { index += 1 }
        blob.withUnsafeBytes { bytes in
            sqlite3_bind_blob(handle, index, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(bytes.count), Self.transient)
        }
    }

    /// Runs a statement that returns no row, then resets it for the next bindings.
    public mutating func run(_ db: Database) throws {
        index = 1
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else { throw Self.error(code, db) }
    }

    /// Steps a query: true when a row is ready to read, false at its end (the statement is then
    /// reset and may be bound again).
    public mutating func step(_ db: Database) throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        index = 1
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else { throw Self.error(code, db) }
        return false
    }

    /// Resets a query read only in part (its first row), so that it holds no read open.
    public mutating func reset() {
        index = 1
        sqlite3_reset(handle)
    }

    /// Column `column` of the current row as bytes, valid until the next step; nil for NULL.
    public func bytes(_ column: Int32) -> UnsafeRawBufferPointer? {
        guard sqlite3_column_type(handle, column) != SQLITE_NULL else { return nil }
        let pointer = sqlite3_column_blob(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        return UnsafeRawBufferPointer(start: count == 0 ? nil : pointer, count: count)
    }

    /// Column `column` of the current row as text; nil for NULL.
    public func text(_ column: Int32) -> String? {
        bytes(column).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Column `column` of the current row as text, `last` itself when its bytes are the same
    /// (then no string is made: a scan reads the same document id on row after row); nil for
    /// NULL. `last` becomes the text returned.
    public func text(_ column: Int32, reusing last: inout String?) -> String? {
        guard let bytes = bytes(column) else { return nil }
        if var previous = last, previous.withUTF8({ Self.sameBytes($0, bytes) }) { return previous }
        let made = String(decoding: bytes, as: UTF8.self)
        last = made
        return made
    }

    /// Column `column` of the current row as an integer; nil for NULL.
    public func integer(_ column: Int32) -> Int? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : Int(sqlite3_column_int64(handle, column))
    }

    /// Whether two byte runs are equal (`memcmp`): SQLite's comparison of text, where Swift's
    /// `==` on strings also takes two Unicode spellings of the same text as equal.
    static func sameBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeRawBufferPointer) -> Bool {
        a.count == b.count && (a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
    }

    private static func error(_ code: Int32, _ db: Database) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) },
                      sql: nil)
    }
}
