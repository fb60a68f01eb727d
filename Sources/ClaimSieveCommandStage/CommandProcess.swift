import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One running instance of a `command` stage's program, serving one document at a time.
///
/// Everything that can wait is bounded by the document's deadline: the request is written to a
/// non-blocking pipe and the answer read with `poll(2)`, both in one loop, so a program that stops
/// reading its input or never answers costs at most `timeout`, never a stuck worker.
///
/// `@unchecked Sendable`: the pool hands an instance to one document at a time (check-out and
/// check-in happen under the pool's lock), so its mutable state is never shared.
final class CommandProcess: @unchecked Sendable {
    private let process: Process
    private let input: FileHandle
    private let output: FileHandle
    private var buffer = LineBuffer()
    private var chunk = [UInt8](repeating: 0, count: 65_536)
    /// How long `poll` waits at most before checking that the child is still alive: a closed
    /// pipe is the usual sign of death, but another child may hold a copy of the pipe.
    private static let livenessMilliseconds: Int32 = 200

    /// Starts the program with its own three pipes; its standard error goes to `logger`.
    init(_ invocation: CommandInvocation, logger: Logger) throws(ExchangeFailure) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: invocation.executable)
        process.arguments = invocation.arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            throw .launch("\(invocation.executable): \(error.localizedDescription)")
        }
        self.process = process
        input = stdin.fileHandleForWriting
        output = stdout.fileHandleForReading
        Self.setNonBlocking(input.fileDescriptor)
        Self.setNonBlocking(output.fileDescriptor)
        StandardErrorDrain.start(reading: stderr.fileHandleForReading, label: invocation.label,
                                 level: invocation.stderrLevel, logger: logger)
        logger.debug("\(invocation.label): started (pid \(process.processIdentifier))")
    }

    var processIdentifier: Int32 { process.processIdentifier }

    /// Answers returned so far; a process that dies with none and without reading its first
    /// request never started properly (`exitedAtStart`).
    private(set) var answered = 0

    /// False once the process has ended, e.g. a program that exits after its answer on purpose
    /// (to free memory every N documents): the pool then starts a new one without failing anything.
    var isRunning: Bool { process.isRunning }

    /// Writes one request line and returns the next answer line.
    func exchange(_ request: [UInt8], timeout: StageDuration, maxBytes: Int) throws(ExchangeFailure) -> [UInt8] {
        var written = 0
        do {
            // A new process's first document also waits for the program to start (an interpreter
            // on a loaded machine), which is no part of the document's time.
            let allowance = answered == 0 ? Self.startupAllowance : 0
            let line = try exchange(request, timeout: timeout, allowance: allowance, maxBytes: maxBytes, written: &written)
            answered += 1
            return line
        } catch .exited(let how) where answered == 0 && written == unreadBytes() {
            // Decided by what happened, not by a clock: the request is still in the pipe, unread.
            throw .exitedAtStart(how)
        }
    }

    /// Bytes written to the program's standard input that it has not read (FIONREAD works on
    /// either end of a Linux pipe, and after the reader is gone).
    private func unreadBytes() -> Int {
        var count: Int32 = 0
        return ioctl(input.fileDescriptor, UInt(FIONREAD), &count) == 0 ? Int(count) : -1
    }

    /// Seconds a new process may take to start, on top of its first document's `timeout`.
    static let startupAllowance = 5.0

    private func exchange(_ request: [UInt8], timeout: StageDuration, allowance: Double, maxBytes: Int,
                          written: inout Int) throws(ExchangeFailure) -> [UInt8] {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64((timeout.seconds + allowance) * 1e9)
        while true {
            while let line = buffer.nextLine() {
                if line.count > maxBytes { throw .oversize(limit: maxBytes) }
                // Blank lines carry nothing; tolerate them rather than fail a document over a stray `print()`.
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                return line
            }
            if buffer.pendingCount > maxBytes { throw .oversize(limit: maxBytes) }
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else { throw .timedOut(timeout) }
            let remaining = Int32(min(UInt64(Self.livenessMilliseconds), (deadline - now) / 1_000_000 + 1))

            var descriptors = [pollfd(fd: output.fileDescriptor, events: Int16(POLLIN), revents: 0)]
            if written < request.count {
                descriptors.append(pollfd(fd: input.fileDescriptor, events: Int16(POLLOUT), revents: 0))
            }
            let ready = poll(&descriptors, nfds_t(descriptors.count), remaining)
            if ready < 0 {
                if errno == EINTR { continue }
                throw .exited("could not be waited for: \(String(cString: strerror(errno)))")
            }
            if ready == 0 {
                if !process.isRunning { throw .exited(exitDescription() ?? "exited") }
                continue
            }
            if descriptors.count > 1, descriptors[1].revents != 0 {
                if descriptors[1].revents & Int16(POLLERR | POLLHUP) != 0 && descriptors[1].revents & Int16(POLLOUT) == 0 {
                    throw .exited(Self.stoppedReading + (exitDescription().map { " and \($0)" } ?? ""))
                }
                let count = request.withUnsafeBytes { bytes in
                    write(input.fileDescriptor, bytes.baseAddress! + written, bytes.count - written)
                }
                if count > 0 {
                    written += count
                } else if count < 0, errno != EAGAIN, errno != EWOULDBLOCK, errno != EINTR {
                    throw .exited(Self.stoppedReading + (exitDescription().map { " and \($0)" } ?? ""))
                }
            }
            if descriptors[0].revents != 0 {
                let count = chunk.withUnsafeMutableBytes { read(output.fileDescriptor, $0.baseAddress, $0.count) }
                if count > 0 {
                    chunk.withUnsafeBytes { buffer.append(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
                } else if count == 0 {
                    throw .exited(exitDescription() ?? "closed its standard output")
                } else if errno != EAGAIN, errno != EWOULDBLOCK, errno != EINTR {
                    throw .exited("could not be read: \(String(cString: strerror(errno)))")
                }
            }
        }
    }

    /// Reads whatever the program has already written without waiting and returns the first
    /// non-blank line or unfinished bytes, if any: between documents a silent program has nothing
    /// to say, so anything here is an extra answer (the previous document's culprit), never the
    /// next document's answer.
    func unexpectedOutput() -> [UInt8]? {
        while true {
            var descriptor = pollfd(fd: output.fileDescriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 0)
            if ready < 0, errno == EINTR { continue }
            guard ready > 0, descriptor.revents & Int16(POLLIN) != 0 else { break }
            let count = chunk.withUnsafeMutableBytes { read(output.fileDescriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            chunk.withUnsafeBytes { buffer.append(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        }
        while let line = buffer.nextLine() {
            if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return line }
        }
        let pending = buffer.takePending()
        return pending.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) ? nil : pending
    }

    /// Ends the process at once: after a timeout or a misbehaving answer nothing it says can be
    /// trusted, and its document has already failed.
    func forceStop() {
        if process.isRunning { _ = kill(process.processIdentifier, SIGKILL) }
        _ = waitForExit(seconds: 2)
        killGroup()
        closePipes()
    }

    /// Kills what the program started and left behind (a shell's children, a worker pool): the
    /// program runs in a process group of its own, led by it, so the group's id is its pid.
    private func killGroup() {
        _ = kill(-process.processIdentifier, SIGKILL)
    }

    /// Asks the process to finish: end of input is the protocol's "no more documents". `tearDown`
    /// closes every input first and then waits once, so the grace period is shared by the pool.
    func closeInput() {
        try? input.close()
    }

    /// Waits until `deadline` for a process whose input was closed, then terminates and kills it.
    func finish(deadline: DispatchTime) {
        while process.isRunning, DispatchTime.now() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            if !waitForExit(seconds: 0.5) { _ = kill(process.processIdentifier, SIGKILL) }
            _ = waitForExit(seconds: 1)
        }
        killGroup()
        closePipes()
    }

    private func closePipes() {
        try? input.close()
        try? output.close()
        buffer.removeAll()
    }

    @discardableResult
    private func waitForExit(seconds: Double) -> Bool {
        let deadline = DispatchTime.now() + seconds
        while process.isRunning, DispatchTime.now() < deadline { usleep(10_000) }
        return !process.isRunning
    }

    private static let stoppedReading = "stopped reading its standard input"

    /// "exited with status 3", "was killed by signal 9"; `nil` when the process is still running
    /// a second later.
    func exitDescription() -> String? {
        guard waitForExit(seconds: 1) else { return nil }
        switch process.terminationReason {
        case .uncaughtSignal: return "was killed by signal \(process.terminationStatus)"
        case .exit: return "exited with status \(process.terminationStatus)"
        @unknown default: return "exited (\(process.terminationStatus))"
        }
    }

    private static func setNonBlocking(_ descriptor: Int32) {
        let flags = fcntl(descriptor, F_GETFL)
        _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
    }
}
