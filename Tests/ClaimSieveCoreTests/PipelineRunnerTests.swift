import ClaimSieveCore
import Foundation
import Testing

@Suite struct PipelineRunnerTests {
    /// Collects what the sink receives; the sink runs on one serial queue.
    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var outputs: [PipelineRunner.Output] = []
        func add(_ output: PipelineRunner.Output) { lock.lock(); outputs.append(output); lock.unlock() }
        var all: [PipelineRunner.Output] { lock.lock(); defer { lock.unlock() }; return outputs }
    }

    @Test(arguments: [1, 2, 8])
    func outputsArriveInInputOrderWhateverTheJobs(jobs: Int) throws {
        let runner = PipelineRunner(stages: [JitterStage(), UppercaseStage()], jobs: jobs)
        let collected = Collected()
        let statistics = try runner.run(inputs(200)) { collected.add($0) }
        #expect(collected.all.map(\.index) == Array(0..<200))
        #expect(collected.all.map { $0.documents[0].blocks[0].text } == (0..<200).map { "DOC-\($0)" })
        #expect(statistics.documents == 200)
        #expect(statistics.failed == 0)
    }

    @Test func aThrowingStageFailsOnlyItsDocument() throws {
        let documents = inputs(3) + inputs(1, prefix: "bad-") + inputs(3, prefix: "late-")
        let runner = PipelineRunner(stages: [FailingStage(), UppercaseStage()], jobs: 4)
        let collected = Collected()
        let statistics = try runner.run(documents) { collected.add($0) }
        let out = collected.all.flatMap(\.documents)
        #expect(out.count == 7)
        #expect(statistics.failed == 1)
        let failed = out.filter { $0.failure != nil }
        #expect(failed.map(\.id) == ["bad-0"])
        #expect(failed.first?.failure == Failure(stage: "failing", reason: "cannot handle bad-0"))
        // The failed document skipped the later stage; every other one went through it.
        #expect(failed.first?.blocks.isEmpty == true)
        #expect(out.filter { $0.failure == nil }.allSatisfy { $0.blocks.count == 1 })
    }

    @Test func documentsInFlightStayBounded() throws {
        let runner = PipelineRunner(stages: [UppercaseStage()], jobs: 4, maxInFlight: 6)
        let collected = Collected()
        // A slow sink: without back-pressure the workers would race ahead through all inputs.
        let statistics = try runner.run(inputs(300)) { output in
            usleep(200)
            collected.add(output)
        }
        #expect(collected.all.count == 300)
        #expect(statistics.peakInFlight <= 6)
        #expect(statistics.peakInFlight >= 1)
    }

    @Test func failRunStopsTakingNewInputs() throws {
        let documents = inputs(1, prefix: "bad-") + inputs(500)
        let runner = PipelineRunner(stages: [FailingStage(), JitterStage()], jobs: 2, maxInFlight: 2, onError: .failRun)
        let collected = Collected()
        let statistics = try runner.run(documents) { collected.add($0) }
        #expect(statistics.stoppedBy?.stage == "failing")
        #expect(collected.all.count < 501)
    }

    @Test func anExpandingStageKeepsItemsInOrder() throws {
        let runner = PipelineRunner(stages: [TripleStage(), JitterStage()], jobs: 3)
        let collected = Collected()
        _ = try runner.run(inputs(5)) { collected.add($0) }
        let ids = collected.all.flatMap(\.documents).map(\.id)
        #expect(ids.count == 15)
        #expect(ids.prefix(4) == ["doc-0#item-1", "doc-0#item-2", "doc-0#item-3", "doc-1#item-1"])
    }

    @Test func timingsAreKeptPerStage() throws {
        let runner = PipelineRunner(stages: [UppercaseStage(), JitterStage()], jobs: 2)
        let statistics = try runner.run(inputs(10)) { _ in }
        #expect(Set(statistics.stageSeconds.keys) == ["uppercase", "jitter"])
    }

    /// Each stage's CPU time comes from one thread-CPU reading between two stages (stages + 1
    /// readings a document, not two a stage): the CPU of a spinning stage stays its own and is
    /// not charged to the sleeping stage after or before it, whose wall time has no CPU.
    @Test func cpuTimeIsChargedToTheStageThatUsedIt() throws {
        let runner = PipelineRunner(stages: [SleepStage(), SpinStage(), SleepStage()], jobs: 1)
        let statistics = try runner.run(inputs(5)) { _ in }
        let spinCPU = try #require(statistics.stageCPUSeconds["spin"])
        let sleepCPU = try #require(statistics.stageCPUSeconds["sleep"])
        let sleepWall = try #require(statistics.stageSeconds["sleep"])
        // 5 × 20 ms of the thread's CPU spinning, whatever the machine's load.
        #expect(spinCPU >= 0.099)
        #expect(spinCPU < 0.3)
        // 10 × 20 ms asleep: at least 0.2 s of wall time, next to no CPU.
        #expect(sleepWall >= 0.19)
        #expect(sleepCPU < 0.02)
    }

    /// A document stuck in a stage (hostile markup once kept libxml2 busy for minutes, and a run
    /// hit its 600 s timeout with no report) fails alone once over `limits.document_seconds`;
    /// every other document is processed and the run ends without waiting for the stuck one.
    @Test(.timeLimit(.minutes(10)))
    func theWatchdogFailsAStuckDocumentAndTheRunGoesOn() throws {
        defer { StuckStage.release.signal() }
        let runner = PipelineRunner(stages: [StuckStage(), UppercaseStage()], jobs: 2,
                                    limits: DocumentLimits(documentSeconds: 0.3))
        let documents = [Document(id: "doc-0", path: "doc-0"), Document(id: "stuck-1", path: "stuck-1")] + inputs(6, prefix: "late-")
        let outputs = Locked([PipelineRunner.Output]())
        let statistics = try runner.run(documents) { output in outputs.withLock { $0.append(output) } }
        let all = outputs.withLock { $0 }
        #expect(all.map(\.index) == Array(0..<8))
        let stuck = try #require(all[1].documents.first)
        #expect(stuck.id == "stuck-1")
        #expect(stuck.failure?.stage == "stuck")
        #expect(stuck.failure?.reason.contains("limits.document_seconds") == true)
        #expect(all.filter { $0.index != 1 }.allSatisfy { $0.documents.first?.failure == nil && $0.documents.first?.blocks.isEmpty == false })
        #expect(statistics.failed == 1)
        #expect(statistics.documents == 8)
    }

    /// The watchdog ticks while workers register inputs all the time: an input registered after
    /// the watchdog read the clock must not look as if it started in the future (an unsigned
    /// difference that underflowed once trapped the whole run). Quick inputs, a watchdog ticking
    /// every 10 ms and many registrations make that moment likely. (An input the machine's load
    /// holds up past 40 ms may fail; that is the watchdog working, so only the run's end is checked.)
    @Test(.timeLimit(.minutes(10)))
    func theWatchdogTicksSafelyWhileWorkersRegisterInputs() throws {
        let runner = PipelineRunner(stages: [UppercaseStage()], jobs: 4, limits: DocumentLimits(documentSeconds: 0.04))
        for _ in 0..<5 {
            let statistics = try runner.run(inputs(4_000, prefix: "quick-")) { _ in }
            #expect(statistics.documents == 4_000)
        }
    }

    @Test func aDocumentOverTheClaimOrTextLimitFailsAlone() throws {
        let runner = PipelineRunner(stages: [ProducingStage()], jobs: 1,
                                    limits: DocumentLimits(textBytes: 1_000, claimsPerDocument: 10))
        let documents = ["claims-10", "claims-11", "text-1000", "text-1001"].map { Document(id: $0, path: $0) }
        let outputs = Locked([PipelineRunner.Output]())
        _ = try runner.run(documents) { output in outputs.withLock { $0.append(output) } }
        let failures = outputs.withLock { $0 }.sorted { $0.index < $1.index }.map { $0.documents[0].failure?.reason }
        #expect(failures[0] == nil)
        #expect(failures[1]?.contains("11 claims after producing, over the limit of 10 (limits.claims_per_document)") == true)
        #expect(failures[2] == nil)
        #expect(failures[3]?.contains("1001 bytes of text after producing, over the limit of 1000 (limits.text_bytes)") == true)
    }
}
