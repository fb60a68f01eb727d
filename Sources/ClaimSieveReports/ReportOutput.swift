import Foundation

/// A report file written in pieces of about 1 MB as it is rendered, so a report of any size is
/// never held whole in memory. `out += text` appends, as on a `String`; `append(bytes:)` takes
/// bytes made by the byte writers (`HTMLReportData`, `MarkdownFastPath`).
final class ReportOutput {
    private let file: FileHandle
    private var buffer: [UInt8] = []
    private let flushBytes: Int

    /// Creates (or empties) the file at `path`, written out each time about `flushBytes` are buffered.
    init(path: String, flushBytes: Int = 1 << 20) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        self.file = file
        self.flushBytes = flushBytes
        buffer.reserveCapacity(flushBytes + 65536)
    }

    /// Appends the whole file at `path` (a part written beside this one), read 1 MB at a time.
    func append(fileAt path: String) throws {
        try flush()
        guard let source = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? source.close() }
        while let chunk = try source.read(upToCount: 1 << 20), !chunk.isEmpty {
            try file.write(contentsOf: chunk)
        }
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
        if buffer.count >= flushBytes { try flush() }
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
