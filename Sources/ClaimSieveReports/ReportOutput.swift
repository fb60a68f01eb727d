import Foundation

/// A report file written in pieces of about 1 MB as it is rendered, so a report of any size is
/// never held whole in memory. `out += text` appends, as on a `String`; `append(bytes:)` takes
/// bytes made by the byte writers (`HTMLReportData`, `MarkdownFastPath`).
final class ReportOutput {
    private let file: FileHandle
    private var buffer: [UInt8] = []
    private static let flushBytes = 1 << 20

    /// Creates (or empties) the file at `path`.
    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        self.file = file
        buffer.reserveCapacity(Self.flushBytes + 65536)
    }

    static func += (output: ReportOutput, text: String) {
        output.buffer.append(contentsOf: text.utf8)
    }

    /// Appends bytes already encoded as UTF-8.
    func append(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
    }

    /// Appends `record` as a line of `claims.jsonl`.
    func appendLine(_ record: ClaimRecord) {
        ClaimRecordJSON.append(record, to: &buffer)
        buffer.append(0x0A)
    }

    /// Appends a claim's line of `claims.jsonl` from its pieces.
    func appendLine(_ pieces: ClaimPieces, _ holes: ClaimPieces.Holes) {
        pieces.writeJSON(holes, to: &buffer)
        buffer.append(0x0A)
    }

    /// Writes the buffer out once it holds about 1 MB; called between items.
    func flushIfFull() throws {
        if buffer.count >= Self.flushBytes { try flush() }
    }

    /// Writes what is buffered.
    func flush() throws {
        try file.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered and closes the file.
    func close() throws {
        try flush()
        try file.close()
    }
}
