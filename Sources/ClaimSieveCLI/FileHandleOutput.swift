import Foundation

/// Buffered writing to standard output: `tag` and `split` print a line per sentence, and a
/// system call per line would dominate their run time on large inputs.
final class FileHandleOutput {
    private var buffer: [UInt8] = []
    private let limit = 1 << 16

    init() { buffer.reserveCapacity(limit) }

    func write(_ string: String) {
        buffer.append(contentsOf: string.utf8)
        if buffer.count >= limit { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }

    static func writeStandardError(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}

/// Reads standard input line by line without loading it all.
func readStandardInputLines(_ body: (String) throws -> Void) rethrows {
    while let line = readLine(strippingNewline: true) {
        try body(line)
    }
}
