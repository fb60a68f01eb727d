import ClaimSieveCore
import Foundation
import Logging
import Synchronization

/// The long-lived processes of one `command` stage: at most one per worker, each serving one
/// document at a time, restarted with back-off when one dies or misbehaves.
///
/// Starting a Python interpreter per document would cost more than most stages' work, hence
/// long-lived processes; one per worker keeps `--jobs` meaningful without asking the program to
/// handle concurrent requests.
final class CommandPool: Sendable {
    let invocation: CommandInvocation
    let timeout: StageDuration
    let maxBytes: Int
    let logger: Logger

    /// Bounds the processes to the number of workers, whoever calls `process`.
    private let slots: DispatchSemaphore
    /// Behind a pthread lock (`Locked`), which ThreadSanitizer understands.
    private let state = Locked(State())
    /// Request ids: unique within the stage, so an answer from a confused process cannot pass for
    /// another document's.
    private let nextID = Atomic<Int>(0)

    private struct State: Sendable {
        var idle: [Worker] = []
        var all: [Worker] = []
    }

    /// A place for one process, keeping its restart back-off across restarts.
    ///
    /// `@unchecked Sendable`: only the document that checked it out touches it.
    private final class Worker: @unchecked Sendable {
        var process: CommandProcess?
        /// Seconds to wait before the next start: 0 after a success, then 0.1 doubling to 5.
        var backoff: Double = 0
        var notBefore: DispatchTime = .now()
    }

    static let firstBackoff = 0.1
    static let maxBackoff = 5.0

    init(invocation: CommandInvocation, timeout: StageDuration, maxBytes: Int, jobs: Int, logger: Logger) {
        self.invocation = invocation
        self.timeout = timeout
        self.maxBytes = maxBytes
        self.logger = logger
        slots = DispatchSemaphore(value: max(1, jobs))
    }

    /// Starts one process now, so that a program that cannot be started stops the run before the
    /// first document. One that starts and then dies before reading its first document is seen
    /// by that document's exchange (`exitedAtStart`), whatever the machine's load.
    func warmUp() throws(ExchangeFailure) {
        let worker = checkOut()
        defer { checkIn(worker) }
        try start(worker)
    }

    /// Sends one document through a process and returns the answer's document.
    func process(_ document: Document) throws(ExchangeFailure) -> Document {
        let id = nextID.add(1, ordering: .relaxed).newValue
        let request: [UInt8]
        do {
            request = try StageProtocol.encode(id: id, document: document)
        } catch {
            throw .badDocument("the document could not be encoded: \(error)")
        }
        let worker = checkOut()
        defer { checkIn(worker) }
        if let idle = worker.process, !idle.isRunning, idle.answered == 0 {
            // It died before its first document: not "between documents".
            let how = idle.exitDescription() ?? "exited"
            idle.forceStop()
            worker.process = nil
            throw .exitedAtStart(how)
        }
        if let idle = worker.process, !idle.isRunning {
            // It ended after its last answer: not this document's fault, so no failure and no back-off.
            logger.info("\(invocation.label): exited between documents; starting a new process")
            idle.forceStop()
            worker.process = nil
        }
        if let process = worker.process, let extra = process.unexpectedOutput() {
            // A line left over from the previous document (an extra answer that came late): it
            // must not be read as this document's answer, and this document is not to blame.
            logger.warning("\(invocation.label): wrote \(StageProtocol.preview(extra)) between documents; starting a new process")
            process.forceStop()
            worker.process = nil
        }
        if worker.process == nil {
            let wait = worker.notBefore.uptimeNanoseconds.subtractingReportingOverflow(DispatchTime.now().uptimeNanoseconds)
            if !wait.overflow, wait.partialValue > 0 { usleep(useconds_t(min(wait.partialValue / 1000, 5_000_000))) }
            try start(worker)
        }
        guard let process = worker.process else { throw .launch("no process") }
        do throws(ExchangeFailure) {
            let line = try process.exchange(request, timeout: timeout, maxBytes: maxBytes)
            let answer = try StageProtocol.decode(line, expectedID: id, request: document)
            if let extra = process.unexpectedOutput() {
                throw ExchangeFailure.extraAnswer(preview: StageProtocol.preview(extra))
            }
            worker.backoff = 0
            return answer
        } catch {
            if error.restartsProcess {
                process.forceStop()
                worker.process = nil
                scheduleRestart(worker, after: error)
            } else {
                worker.backoff = 0
            }
            throw error
        }
    }

    /// Ends every process: closes all inputs, gives them a second together to exit, then kills.
    func shutDown() {
        let workers = state.withLock { state -> [Worker] in
            let workers = state.all
            state.all = []
            state.idle = []
            return workers
        }
        let processes = workers.compactMap(\.process)
        for process in processes { process.closeInput() }
        let deadline = DispatchTime.now() + 1
        for process in processes { process.finish(deadline: deadline) }
        for worker in workers { worker.process = nil }
    }

    private func start(_ worker: Worker) throws(ExchangeFailure) {
        guard worker.process == nil else { return }
        do {
            worker.process = try CommandProcess(invocation, logger: logger)
        } catch {
            scheduleRestart(worker, after: error)
            throw error
        }
    }

    private func scheduleRestart(_ worker: Worker, after failure: ExchangeFailure) {
        worker.backoff = worker.backoff == 0 ? Self.firstBackoff : min(worker.backoff * 2, Self.maxBackoff)
        worker.notBefore = .now() + worker.backoff
        logger.warning("\(invocation.label): \(failure.explanation); restarting in \(worker.backoff)s for the next document")
    }

    private func checkOut() -> Worker {
        slots.wait()
        return state.withLock { state in
            if let worker = state.idle.popLast() { return worker }
            let worker = Worker()
            state.all.append(worker)
            return worker
        }
    }

    private func checkIn(_ worker: Worker) {
        state.withLock { state in
            // A worker checked out before `shutDown` is not returned to the pool: its process
            // (if any) would outlive the stage.
            if state.all.contains(where: { $0 === worker }) {
                state.idle.append(worker)
            } else {
                worker.process?.forceStop()
                worker.process = nil
            }
        }
        slots.signal()
    }
}
