public import Foundation

/// One run at a time: an exclusive `flock(2)` on `<state>.lock`.
///
/// The kernel drops the lock when its process dies, however it dies (kill -9 included), so a stale
/// lock of a dead process is taken over without any clean-up; the file only says who holds it.
public final class RunLock: @unchecked Sendable {
    /// The lock file, normally `<state>.lock` beside `state.sqlite`; its text names the holder.
    public let path: String
    private var descriptor: Int32 = -1

    /// Who holds the lock, as written in the lock file.
    public struct Holder: Error, CustomStringConvertible, Sendable {
        /// The holder's process id as its lock file says, or "?" when the file could not be read.
        public var pid: String
        /// When the holder's run started (ISO 8601, UTC), or "?" when unknown.
        public var started: String
        /// The lock file the holder has, so an operator knows which state is busy.
        public var lockPath: String
        /// The message printed before exiting with code 75 (another run holds the lock).
        public var description: String {
            "another run holds the lock \(lockPath): pid \(pid), started \(started)"
        }
    }

    /// Creates the lock without taking it; call `acquire(startedAt:)` to take it.
    public init(path: String) {
        self.path = path
    }

    /// Takes the lock or throws `Holder` at once (never waits).
    public func acquire(startedAt: Date) throws {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            // The holder writes its line just after taking the lock: a run that starts at the same
            // moment waits up to a second for it rather than print "pid ?, started ?".
            var text = ""
            let deadline = Date().addingTimeInterval(1)
            repeat {
                text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
                if text.hasSuffix("\n") { break }
                usleep(10_000)
            } while Date() < deadline
            close(fd)
            guard text.hasSuffix("\n") else {
                throw Holder(pid: "(not yet written)", started: "just now", lockPath: path)
            }
            let fields = text.split(separator: " ", maxSplits: 1).map(String.init)
            throw Holder(pid: fields.first ?? "?", started: fields.count > 1 ? fields[1].trimmingCharacters(in: .whitespacesAndNewlines) : "?",
                         lockPath: path)
        }
        let line = "\(getpid()) \(ISO8601DateFormatter().string(from: startedAt))\n"
        _ = ftruncate(fd, 0)
        _ = line.withCString { pwrite(fd, $0, strlen($0), 0) }
        descriptor = fd
    }

    /// Empties the lock file and lets the next run in; safe to call twice (`deinit` calls it too).
    public func release() {
        guard descriptor >= 0 else { return }
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
