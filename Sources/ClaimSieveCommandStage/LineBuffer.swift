/// Bytes read from a child's standard output, cut into lines at `\n`.
///
/// The stage reads raw bytes with `read(2)` (never `readLine`, which could block past the timeout
/// and has no size limit), so it needs its own splitting that also tells how long the unfinished
/// line already is: that is what enforces `max_bytes` before the answer is complete.
struct LineBuffer {
    private var bytes: [UInt8] = []
    /// Bytes before this index are known to hold no newline, so a long answer is scanned once.
    private var scanned = 0

    /// Bytes received that do not yet end in a newline.
    var pendingCount: Int { bytes.count }

    mutating func append(_ chunk: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: chunk)
    }

    /// The next complete line without its `\n` (and without a `\r` before it), or `nil` when no
    /// line is complete yet.
    mutating func nextLine() -> [UInt8]? {
        guard let newline = bytes[scanned...].firstIndex(of: 0x0A) else {
            scanned = bytes.count
            return nil
        }
        var end = newline
        if end > 0, bytes[end - 1] == 0x0D { end -= 1 }
        let line = Array(bytes[..<end])
        bytes.removeFirst(newline + 1)
        scanned = 0
        return line
    }

    /// Everything received so far, complete line or not, leaving the buffer empty.
    mutating func takePending() -> [UInt8] {
        defer { removeAll() }
        return bytes
    }

    /// Forgets everything: after a restart, bytes from the old process mean nothing.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: false)
        scanned = 0
    }
}
