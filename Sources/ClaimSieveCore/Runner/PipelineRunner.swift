import Foundation
public import Logging
import Synchronization

/// Streams documents through the stages on Dispatch queues.
///
/// - `jobs` workers each take the next input, run every stage on it and hand the result to the
///   reorder buffer; the sink receives results strictly in input order, on one serial queue, so
///   `claims.jsonl` is byte-identical whatever `jobs` is.
/// - At most `maxInFlight` inputs are taken but not yet written (a semaphore released by the sink):
///   memory follows `maxInFlight`, never the number of inputs.
/// - A stage that throws fails that document alone; with `ErrorPolicy.failRun` the workers stop
///   taking new inputs and `run` reports the failure.
public final class PipelineRunner: Sendable {
    /// The stages in pipeline order; every input goes through all of them on one worker.
    public let stages: [any Stage]
    /// Number of worker threads, at least 1 (`--jobs`); does not change the output, only the speed.
    public let jobs: Int
    /// Most inputs taken but not yet written (`--max-in-flight`, default 4 × jobs, never below `jobs`); bounds memory.
    public let maxInFlight: Int
    /// Whether a failed document only is reported (`skip`) or stops the run (`fail-run`).
    public let onError: ErrorPolicy
    /// What one document may cost (`limits:`): time, text and claims.
    public let limits: DocumentLimits
    let logger: Logger

    /// Clamps `jobs` to at least 1 and `maxInFlight` to at least `jobs`; nothing runs until `run`.
    public init(stages: [any Stage], jobs: Int, maxInFlight: Int? = nil,
                onError: ErrorPolicy = .skip, limits: DocumentLimits = DocumentLimits(),
                logger: Logger = Logger(label: "claimsieve.runner")) {
        self.stages = stages
        self.jobs = max(1, jobs)
        self.maxInFlight = max(self.jobs, maxInFlight ?? self.jobs * 4)
        self.onError = onError
        self.limits = limits
        self.logger = logger
    }

    /// What one input became: usually one document, one per item for a feed.
    public struct Output: Sendable {
        /// The input's position in the list given to `run`, counting from 0; outputs arrive in this order.
        public var index: Int
        /// The documents made from the input, failed ones included (with `failure` set).
        public var documents: [Document]
    }

    /// How the run went, for the summary.
    public struct Statistics: Sendable {
        /// Inputs given to `run`; `claimsieve run` sets it to all inputs, unchanged ones included.
        public var inputs: Int
        /// Documents produced, feed items counted one by one, failed ones included.
        public var documents: Int
        /// Documents that failed in some stage.
        public var failed: Int
        /// Seconds spent in each stage, summed over workers.
        public var stageSeconds: [String: Double]
        /// CPU seconds per stage name (the worker thread's own CPU time), summed over workers.
        /// Unlike `stageSeconds` it does not count waiting, so it is what a profile of the stage
        /// would show; a `command` stage's work happens in its program and is not counted here.
        public var stageCPUSeconds: [String: Double] = [:]
        /// The most inputs that were taken but not yet written at one time.
        public var peakInFlight: Int
        /// The failure that stopped a `fail-run` pipeline.
        public var stoppedBy: Failure?
        /// Elapsed time of the whole run, set-up and tear-down included.
        public var wallSeconds: Double

        /// Memberwise; public so that callers and tests can build statistics of their own.
        public init(inputs: Int, documents: Int, failed: Int, stageSeconds: [String: Double],
                    peakInFlight: Int, stoppedBy: Failure?, wallSeconds: Double) {
            self.inputs = inputs
            self.documents = documents
            self.failed = failed
            self.stageSeconds = stageSeconds
            self.peakInFlight = peakInFlight
            self.stoppedBy = stoppedBy
            self.wallSeconds = wallSeconds
        }
    }

    private struct State: Sendable {
        var next = 0
        var nextToEmit = 0
        var buffer: [Int: [Document]] = [:]
        var inFlight = 0
        var peakInFlight = 0
        var stageSeconds: [Double]
        var stageCPUSeconds: [Double]
        var documents = 0
        var failed = 0
        var stoppedBy: Failure?
        /// A stage that cannot work at all (`StageBroken`): the run stops and `run` throws it.
        var broken: Failure?
        /// Inputs in the stages now: when each started and in which stage it is.
        var running: [Int: (started: UInt64, stage: String)] = [:]
        /// Inputs the watchdog gave up on: their worker's result is dropped when it comes back.
        var abandoned: Set<Int> = []
    }

    /// Runs every input through the stages; `sink` sees the outputs in input order.
    /// `setUp` and `tearDown` of every stage run around the whole batch.
    public func run(_ inputs: [Document], sink: @escaping @Sendable (Output) -> Void) throws -> Statistics {
        let started = DispatchTime.now()
        for stage in stages {
            do {
                try stage.setUp()
            } catch {
                for other in stages { other.tearDown() }
                throw Failure(stage: type(of: stage).name, reason: "set-up failed: \(error)")
            }
        }
        defer { for stage in stages { stage.tearDown() } }

        let shared = Locked(State(stageSeconds: Array(repeating: 0, count: stages.count),
                                  stageCPUSeconds: Array(repeating: 0, count: stages.count)))
        let slots = DispatchSemaphore(value: maxInFlight)
        let group = DispatchGroup()
        let sinkQueue = DispatchQueue(label: "claimsieve.sink")
        let workers = DispatchQueue(label: "claimsieve.workers", qos: .userInitiated, attributes: .concurrent)
        let total = inputs.count

        /// Records one input's documents and hands every result that is next in order to the sink,
        /// under the lock, so two workers can never enqueue their batches out of order.
        @Sendable func deliver(_ index: Int, _ documents: [Document], times: StageTimes?, state: inout State) {
            if let times {
                for k in times.wall.indices {
                    state.stageSeconds[k] += times.wall[k]
                    state.stageCPUSeconds[k] += times.cpu[k]
                }
            }
            state.documents += documents.count
            let failures = documents.compactMap(\.failure)
            state.failed += failures.count
            if self.onError == .failRun, let first = failures.first, state.stoppedBy == nil {
                state.stoppedBy = first
            }
            state.buffer[index] = documents
            while let ready = state.buffer.removeValue(forKey: state.nextToEmit) {
                let output = Output(index: state.nextToEmit, documents: ready)
                state.nextToEmit += 1
                sinkQueue.async(group: group) {
                    sink(output)
                    shared.withLock { $0.inFlight -= 1 }
                    slots.signal()
                }
            }
        }

        /// One worker: takes inputs until none is left, then leaves the group. A worker whose input
        /// the watchdog gave up on drops its result and returns without leaving: the replacement
        /// the watchdog started leaves in its place.
        @Sendable func work() {
            while true {
                slots.wait()
                let index: Int? = shared.withLock { state in
                    guard state.next < total, state.stoppedBy == nil, state.broken == nil else { return nil }
                    defer { state.next += 1 }
                    state.inFlight += 1
                    state.peakInFlight = max(state.peakInFlight, state.inFlight)
                    state.running[state.next] = (DispatchTime.now().uptimeNanoseconds, "")
                    return state.next
                }
                guard let index else {
                    slots.signal()
                    group.leave()
                    return
                }
                let (documents, times, broken) = self.processTimed(inputs[index]) { stage in
                    shared.withLock { $0.running[index]?.stage = stage }
                }
                let dropped = shared.withLock { state -> Bool in
                    if state.abandoned.remove(index) != nil { return true }
                    state.running[index] = nil
                    if let broken, state.broken == nil { state.broken = broken }
                    deliver(index, documents, times: times, state: &state)
                    return false
                }
                if dropped { return }
            }
        }

        for _ in 0..<jobs {
            group.enter()
            workers.async { work() }
        }

        // The watchdog: an input still in the stages after `limits.documentSeconds` fails with a
        // reason, its place in the output is filled, and a new worker takes the next input. The
        // stuck thread cannot be stopped (it may be inside libxml2); its result is dropped.
        let limitNanoseconds = UInt64(limits.documentSeconds * 1e9)
        let watchdogQueue = DispatchQueue(label: "claimsieve.watchdog")
        let watchdog = DispatchSource.makeTimerSource(queue: watchdogQueue)
        let tick = max(0.01, min(1, limits.documentSeconds / 4))
        watchdog.schedule(deadline: .now() + tick, repeating: tick)
        watchdog.setEventHandler {
            let replacements = shared.withLock { state -> Int in
                // Read the clock under the lock: an input a worker registered after a reading taken
                // outside it would have started "after now", and the difference would underflow.
                let now = DispatchTime.now().uptimeNanoseconds
                var count = 0
                for (index, entry) in state.running where now > entry.started && now - entry.started > limitNanoseconds {
                    state.running[index] = nil
                    state.abandoned.insert(index)
                    let input = inputs[index]
                    let stage = entry.stage.isEmpty ? "runner" : entry.stage
                    let failure = Failure(
                        stage: stage,
                        reason: "still in \(stage) after \(Self.seconds(self.limits.documentSeconds)) s, over the limit (limits.document_seconds); abandoned")
                    self.logger.warning("\(input.id): \(failure.reason)")
                    deliver(index, [Document(id: input.id, path: input.path, item: input.item, format: input.format, failure: failure)],
                            times: nil, state: &state)
                    count += 1
                }
                return count
            }
            // Each replacement takes over the stuck worker's place in the group: the stuck one
            // returns without leaving it, so `run` does not wait for it.
            for _ in 0..<replacements {
                workers.async { work() }
            }
        }
        watchdog.resume()
        group.wait()
        watchdog.cancel()
        watchdogQueue.sync {}
        sinkQueue.sync {}
        let final = shared.withLock { $0 }
        if let broken = final.broken { throw broken }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        var statistics = Statistics(inputs: total, documents: final.documents, failed: final.failed,
                                    stageSeconds: Self.byName(final.stageSeconds, stages), peakInFlight: final.peakInFlight,
                                    stoppedBy: final.stoppedBy, wallSeconds: wall)
        statistics.stageCPUSeconds = Self.byName(final.stageCPUSeconds, stages)
        return statistics
    }

    /// Per-stage figures keyed by stage name (a name used twice adds up).
    private static func byName(_ values: [Double], _ stages: [any Stage]) -> [String: Double] {
        var named: [String: Double] = [:]
        for (stage, value) in zip(stages, values) { named[type(of: stage).name, default: 0] += value }
        return named
    }

    /// "60" or "0.5": a limit as written in the pipeline file.
    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// Runs all stages on one input. Never throws: a failure is recorded on the document.
    /// Returns the documents and the wall seconds each stage took, by stage name.
    public func process(_ input: Document) -> ([Document], [String: Double]) {
        let (documents, times, _) = processTimed(input, entering: { _ in })
        return (documents, Self.byName(times.wall, stages))
    }

    /// Wall and CPU seconds per stage, in pipeline order.
    typealias StageTimes = (wall: [Double], cpu: [Double])

    /// The current thread's CPU time in nanoseconds: a stage runs on one worker thread from start
    /// to end, so the difference is the CPU the stage used, whatever else the machine does.
    ///
    /// `CLOCK_THREAD_CPUTIME_ID` is a system call (the vDSO serves only the wall clocks), so
    /// `processTimed` reads it once before the first stage and once after each stage, each
    /// reading ending one stage and starting the next: stages + 1 calls a document instead of
    /// two a stage, and the split stays exact (the stages run back to back on the thread).
    @inline(__always) private static func threadCPUNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }

    /// `process`, telling `entering` each stage's name before it runs (for the watchdog), with
    /// wall and CPU seconds per stage (no per-document dictionary) and whether a stage threw
    /// `StageBroken` (the run must stop).
    func processTimed(_ input: Document, entering: (String) -> Void) -> ([Document], StageTimes, Failure?) {
        var broken: Failure?
        var current = [input]
        var wall = [Double](repeating: 0, count: stages.count)
        var cpu = [Double](repeating: 0, count: stages.count)
        var start = DispatchTime.now().uptimeNanoseconds
        var startCPU = Self.threadCPUNanoseconds()
        for (position, stage) in stages.enumerated() {
            let name = type(of: stage).name
            entering(name)
            var next: [Document] = []
            next.reserveCapacity(current.count)
            for document in current {
                if document.failure != nil {
                    next.append(document)
                    continue
                }
                do {
                    for var produced in try stage.expand(document) {
                        if produced.failure == nil, let reason = limits.violation(produced, after: name) {
                            produced.raw = nil
                            produced.blocks = []
                            produced.claims = []
                            produced.failure = Failure(stage: name, reason: reason)
                            logger.warning("\(produced.id): \(reason)")
                        }
                        next.append(produced)
                    }
                } catch {
                    var failed = document
                    failed.raw = nil
                    failed.failure = (error as? Failure) ?? Failure(stage: name, reason: "\(error)")
                    if error is StageBroken, broken == nil { broken = failed.failure }
                    logger.warning("\(document.id): \(name) failed: \(failed.failure!.reason)")
                    next.append(failed)
                }
            }
            let end = DispatchTime.now().uptimeNanoseconds
            let endCPU = Self.threadCPUNanoseconds()
            wall[position] = Double(end - start) / 1e9
            cpu[position] = Double(endCPU &- startCPU) / 1e9
            start = end
            startCPU = endCPU
            current = next
        }
        for index in current.indices { current[index].raw = nil }
        return (current, (wall, cpu), broken)
    }
}

