import Foundation
import Logging

/// Copies a child's standard error to the log, one line per entry at the stage's `stderr_level`.
///
/// The pipe must be read all the time: a program that writes a lot of diagnostics would otherwise
/// fill the pipe buffer and stall before answering, which would look like a timeout. A dedicated
/// thread (not a Dispatch worker) does the blocking reads, so a chatty program never starves the
/// pipeline's queues; it ends when the last writer of the pipe is gone.
enum StandardErrorDrain {
    /// Longest line logged as is; a runaway line is cut so that one document cannot flood the log.
    static let maxLineLength = 4096

    static func start(reading handle: FileHandle, label: String, level: Logger.Level, logger: Logger) {
        let thread = Thread {
            let descriptor = handle.fileDescriptor
            var buffer = LineBuffer()
            var chunk = [UInt8](repeating: 0, count: 4096)
            func emit(_ line: [UInt8]) {
                guard !line.isEmpty else { return }
                var text = String(decoding: line.prefix(maxLineLength), as: UTF8.self)
                if line.count > maxLineLength { text += "…" }
                logger.log(level: level, "\(label): \(text)")
            }
            while true {
                let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                chunk.withUnsafeBytes { buffer.append(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
                while let line = buffer.nextLine() { emit(line) }
                if buffer.pendingCount > maxLineLength * 4 {
                    // No newline for a long time: log what there is rather than hold it.
                    emit(buffer.takePending())
                }
            }
            emit(buffer.takePending())
            try? handle.close()
        }
        thread.name = "claimsieve.command.stderr"
        thread.start()
    }
}
