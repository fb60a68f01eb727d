import ClaimSieveCore
import ClaimSieveTestSupport
import Foundation
import Testing
@testable import ClaimSieveCommandStage

/// The `command` stage against a real child process: answers, failures, restarts, limits.
@Suite struct CommandStageTests {
    /// The reason a failed `process` call gives, or `nil` when it succeeded.
    static func failure(_ stage: CommandStage, _ document: Document) -> String? {
        do {
            _ = try stage.process(document)
            return nil
        } catch {
            return "\(error)"
        }
    }

    static func pid(_ stage: CommandStage, _ title: String = "ok") throws -> String? {
        try stage.process(StageScripts.document(title)).metadata.publisher
    }

    @Test func aDocumentGoesThroughTheProgramAndComesBackChanged() throws {
        let stage = try StageScripts.stage()
        defer { stage.tearDown() }
        let answer = try stage.process(StageScripts.document("upper"))
        #expect(answer.claims.map(\.text) == ["REPORTS SAY IT RAINED.", "IT IS 20 DEGREES."])
        #expect(answer.claims.map(\.id) == ["a", "b"])
        #expect(answer.id == "doc.html")
        #expect(answer.metadata.publisher != nil)
    }

    @Test func oneProcessServesManyDocuments() throws {
        let stage = try StageScripts.stage()
        defer { stage.tearDown() }
        let pids = try (0..<5).map { _ in try Self.pid(stage) }
        #expect(Set(pids).count == 1)
    }

    @Test func anErrorAnswerFailsTheDocumentAndKeepsTheProcess() throws {
        let stage = try StageScripts.stage()
        defer { stage.tearDown() }
        let before = try Self.pid(stage)
        let reason = Self.failure(stage, StageScripts.document("error"))
        #expect(reason == "'test-stage' answered an error: no thanks")
        #expect(try Self.pid(stage) == before)
    }

    @Test func aCrashFailsItsDocumentAndTheNextOneRunsInANewProcess() throws {
        let stage = try StageScripts.stage()
        defer { stage.tearDown() }
        let before = try Self.pid(stage)
        let reason = try #require(Self.failure(stage, StageScripts.document("crash")))
        #expect(reason.contains("'test-stage' exited with status 3"), "\(reason)")
        #expect(reason.contains("restarts for the next document"))
        let after = try Self.pid(stage)
        #expect(after != nil && after != before)
    }

    @Test func aProgramThatExitsAfterAnsweringIsReplacedWithoutFailingTheNextDocument() throws {
        let stage = try StageScripts.stage()
        defer { stage.tearDown() }
        let first = try Self.pid(stage, "retire")
        usleep(300_000)
        let second = try Self.pid(stage)
        #expect(first != nil && second != nil && first != second)
    }

    @Test func aHangIsCutAtTheTimeoutAndTheProcessReplaced() throws {
        let stage = try StageScripts.stage(timeout: StageDuration(seconds: 0.5))
        defer { stage.tearDown() }
        let before = try Self.pid(stage)
        let start = Date()
        let reason = try #require(Self.failure(stage, StageScripts.document("hang")))
        #expect(Date().timeIntervalSince(start) < 4)
        #expect(reason.contains("gave no answer within 500ms (timeout)"), "\(reason)")
        let after = try Self.pid(stage)
        #expect(after != nil && after != before)
        if let before, let pid = Int32(before) {
            #expect(kill(pid, 0) != 0, "the hung process was killed")
        }
    }

    @Test func garbageOnStandardOutputFailsTheDocumentOnly() throws {
        let stage = try StageScripts.stage()
        defer { stage.tearDown() }
        let reason = try #require(Self.failure(stage, StageScripts.document("garbage")))
        #expect(reason.contains("not a JSON object"), "\(reason)")
        #expect(reason.contains("\"this is not json\""))
        #expect(try Self.pid(stage) != nil)
    }

    @Test func aWrongIDFailsTheDocument() throws {
        let stage = try StageScripts.stage()
        defer { stage.tearDown() }
        let reason = try #require(Self.failure(stage, StageScripts.document("wrong-id")))
        #expect(reason.contains("answered id"), "\(reason)")
        #expect(try Self.pid(stage) != nil)
    }

    @Test func anAnswerOverMaxBytesFailsTheDocument() throws {
        let stage = try StageScripts.stage(maxBytes: 2000)
        defer { stage.tearDown() }
        let reason = try #require(Self.failure(stage, StageScripts.document("big")))
        #expect(reason.contains("more than 2000 bytes on one line (max_bytes)"), "\(reason)")
        #expect(try Self.pid(stage) != nil)
    }

    @Test(arguments: [
        ("huge-block", "\"block\" and \"sentence\" must be whole numbers from 0 to 2147483647"),
        ("huge-score", "\"score\" must be a number from 0 to 1"),
        ("cue-outside", "spans bytes 3..<999, outside the claim's"),
        ("speaker-outside", "the speaker of cue"),
    ])
    func numbersOutOfRangeFailTheDocumentAtTheBorder(title: String, expected: String) throws {
        let stage = try StageScripts.stage()
        defer { stage.tearDown() }
        let reason = try #require(Self.failure(stage, StageScripts.document(title)))
        #expect(reason.contains(expected), "\(reason)")
    }

    @Test func aChangedDocumentIDIsRejectedWithoutARestart() throws {
        let stage = try StageScripts.stage()
        defer { stage.tearDown() }
        let before = try Self.pid(stage)
        let reason = try #require(Self.failure(stage, StageScripts.document("change-id")))
        #expect(reason.contains("document id changed"), "\(reason)")
        #expect(try Self.pid(stage) == before)
    }

    @Test func standardErrorGoesToTheLogNotIntoTheAnswer() throws {
        let (logger, store) = CapturingLogHandler.logger()
        let stage = try StageScripts.stage(logger: logger)
        let answer = try stage.process(StageScripts.document("stderr"))
        stage.tearDown()
        #expect(answer.claims.count == 2)
        // The line arrives on its own thread; give it a moment.
        let deadline = Date().addingTimeInterval(3)
        while !store.messages.contains(where: { $0.1.contains("a diagnostic line") }), Date() < deadline { usleep(20_000) }
        let line = store.messages.first { $0.1.contains("a diagnostic line") }
        #expect(line?.0 == .info, "info by default: a chatty program must not break silence on success")
        #expect(line?.1 == "test-stage: a diagnostic line")
    }

    @Test func aProgramThatStopsReadingFailsTheDocumentAndDoesNotKillUs() throws {
        // The program closes its standard input at once: writing the request hits a pipe without a
        // reader, which would end claimsieve with SIGPIPE unless the stage ignores that signal.
        let folder = try StageScripts.folder(with: "import os, time\nos.close(0)\ntime.sleep(10)\n")
        let stage = try CommandStage(options: .init(run: ["python3", "stage.py"], timeout: StageDuration(seconds: 8), name: "deaf"),
                                     context: StageContext(baseDirectory: folder))
        try stage.setUp()
        defer { stage.tearDown() }
        usleep(300_000)
        var document = StageScripts.document("ok")
        // Larger than a pipe buffer, so the write cannot finish into the buffer alone.
        document.blocks.append(Block(kind: .paragraph, text: String(repeating: "word ", count: 100_000)))
        let start = Date()
        let reason = try #require(Self.failure(stage, document))
        #expect(reason.contains("'deaf'") && reason.contains("standard input"), "\(reason)")
        #expect(Date().timeIntervalSince(start) < 5, "a closed pipe is seen at once, not at the timeout")
    }

    /// A command stage running `run` in a fresh folder, already set up.
    static func startedStage(_ run: [String]) throws -> CommandStage {
        let stage = try CommandStage(options: .init(run: run), context: StageContext(baseDirectory: TestPaths.temporaryFolder()))
        try stage.setUp()
        return stage
    }

    @Test func aProgramThatExitsBeforeReadingItsFirstDocumentBreaksTheStage() throws {
        // `python3 missing.py`: the argument is not a file, so it is passed as written and python
        // exits with status 2 before reading anything.
        let stage = try Self.startedStage(["python3", "missing.py"])
        defer { stage.tearDown() }
        #expect {
            _ = try stage.process(StageScripts.document("ok"))
        } throws: { error in
            error is StageBroken && "\(error)".contains("'python3 missing.py' exited with status 2 before reading its first document")
        }
    }

    @Test func aProgramThatDiesLateBeforeReadingIsStillAStartUpFailure() throws {
        // Alive for longer than any fixed grace period, then gone without reading: decided by the
        // unread request, not by a clock.
        let stage = try Self.startedStage(["python3", "-c", "import time, sys; time.sleep(0.8); sys.exit(3)"])
        defer { stage.tearDown() }
        #expect {
            _ = try stage.process(StageScripts.document("ok"))
        } throws: { error in
            error is StageBroken && "\(error)".contains("exited with status 3 before reading its first document")
        }
    }

    @Test func aProgramThatReadsItsFirstDocumentAndCrashesFailsThatDocumentOnly() throws {
        let stage = try Self.startedStage(["python3", "-c", "import sys; sys.stdin.readline(); sys.exit(4)"])
        defer { stage.tearDown() }
        #expect {
            _ = try stage.process(StageScripts.document("ok"))
        } throws: { error in
            error is StageError && "\(error)".contains("exited with status 4")
        }
    }

    @Test func workersGetTheirOwnProcessesUpToJobs() throws {
        let stage = try StageScripts.stage(jobs: 3)
        defer { stage.tearDown() }
        let pids = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 12) { index in
            let answer = try? stage.process(StageScripts.document("ok", id: "doc-\(index)"))
            pids.withLock { $0.append(answer?.metadata.publisher ?? "failed") }
        }
        let all = pids.withLock { $0 }
        #expect(!all.contains("failed"))
        #expect(Set(all).count <= 3)
    }

    @Test func tearDownEndsEveryProcess() throws {
        let stage = try StageScripts.stage()
        let pid = try #require(try Self.pid(stage).flatMap { Int32($0) })
        #expect(kill(pid, 0) == 0)
        stage.tearDown()
        #expect(kill(pid, 0) != 0)
    }

    @Test func theRequestLineUsesTheDocumentedFieldNames() throws {
        var document = Document(id: "d", path: "d.html", format: .html,
                                metadata: Metadata(title: "T", canonicalURL: "https://example.org/a"),
                                blocks: [Block(kind: .listItem, text: "item")])
        document.claims = [Claim(id: "c", block: 0, sentence: 0, text: "It rained.", isHeadline: true,
                                 cues: [Cue(text: "rained", category: .unnamedSource, start: 3, end: 9)],
                                 source: Source(text: "officials", named: false), verdict: .unverified, score: 0.5)]
        let line = String(decoding: try StageProtocol.encode(id: 7, document: document), as: UTF8.self)
        #expect(line.hasSuffix(",\"id\":7,\"schema\":1}\n"), "a shell stage may rely on the envelope coming last")
        #expect(line.hasPrefix("{\"document\":{"))
        #expect(line.filter { $0 == "\n" }.count == 1)
        for field in ["\"canonical_url\":\"https://example.org/a\"", "\"headline\":true", "\"kind\":\"list_item\"",
                      "\"category\":\"unnamed_source\"", "\"verdict\":\"unverified\"", "\"named\":false", "\"format\":\"html\""] {
            #expect(line.contains(field), "\(field)")
        }
    }

    /// An extra answer was once read as the next document's: the innocent one failed, the
    /// culprit passed.
    @Test func twoAnswersToOneDocumentFailThatDocumentNotTheNext() throws {
        let stage = try StageScripts.stage()
        defer { stage.tearDown() }
        let reason = try #require(Self.failure(stage, StageScripts.document("twice")))
        #expect(reason.contains("answered more than one line to one document"), "\(reason)")
        for _ in 0..<3 { #expect(Self.failure(stage, StageScripts.document("ok")) == nil) }
    }

    @Test func aCueThatCutsAUTF8CharacterIsRefused() throws {
        let stage = try StageScripts.stage()
        defer { stage.tearDown() }
        let reason = try #require(Self.failure(stage, StageScripts.document("split-utf8")))
        #expect(reason.contains("cuts a UTF-8 character"), "\(reason)")
    }

    /// Ids must be unique within a document: the state keeps claims by document and id.
    @Test func aDuplicateClaimIDInOneDocumentIsRefused() throws {
        let stage = try StageScripts.stage()
        defer { stage.tearDown() }
        let reason = try #require(Self.failure(stage, StageScripts.document("dup-ids")))
        #expect(reason.contains("is used twice in this document"), "\(reason)")
    }

    /// The program's own children die with the stage (they live in its process group).
    @Test func processesTheProgramStartedDoNotOutliveTheStage() throws {
        let stage = try StageScripts.stage()
        let answer = try stage.process(StageScripts.document("grandchild"))
        let grandchild = try #require(answer.metadata.byline.flatMap { Int32($0) })
        #expect(kill(grandchild, 0) == 0)
        stage.tearDown()
        // SIGKILL is delivered asynchronously and the zombie reaped by init after that, so the
        // process state is read from /proc until it is dead (or 10 s have passed: a failure).
        func state() -> String? {
            let status = try? String(contentsOfFile: "/proc/\(grandchild)/stat", encoding: .utf8)
            return status.flatMap { $0.split(separator: ")").last?.split(separator: " ").first.map(String.init) }
        }
        let deadline = Date().addingTimeInterval(10)
        while let current = state(), current != "Z", Date() < deadline { usleep(10_000) }
        let last = state()
        #expect(last == nil || last == "Z", "grandchild \(grandchild) is still \(last ?? "?")")
    }
}
