import ClaimSieveCore
import ClaimSieveReports
import ClaimSieveState
import ClaimSieveTestSupport
import Foundation
import Testing

@Suite struct StateStoreTests {
    func records(_ document: Document, _ claims: [(String, Verdict)]) -> [ClaimRecord] {
        var made = claims.enumerated().map { Claim(id: "", block: $0.offset, sentence: 0, text: $0.element.0, verdict: $0.element.1, score: 0.5) }
        ClaimID.assign(to: &made, document: document.id)
        return made.map { ClaimRecord(claim: $0, document: document) }
    }

    @Test func changesAreNewThenUnchangedUpdatedAndGone() throws {
        let store = try StateStore(path: TestPaths.temporaryFolder() + "/state.sqlite")
        let page = Document(id: "a.html", path: "a.html", format: .html, metadata: Metadata(title: "A"))
        try store.beginRun(id: "20260101-000000", fingerprint: "f", pid: 1, startedAt: Date())
        let first = try store.save(path: "a.html", sha256: "s1", fingerprint: "f", runID: "20260101-000000", documents: [page],
                                   records: [records(page, [("One.", .confirmed), ("Two.", .unverified)])])
        #expect(first.records[0].map(\.change) == ["new", "new"])
        #expect(first.gone.isEmpty)

        let second = try store.save(path: "a.html", sha256: "s2", fingerprint: "f", runID: "20260102-000000", documents: [page],
                                    records: [records(page, [("One.", .attributed), ("Three.", .confirmed)])])
        #expect(second.records[0].map(\.change) == ["updated", "new"])
        #expect(second.gone.map(\.text) == ["Two."])
        #expect(second.gone.map(\.change) == ["gone"])
        let one = second.records[0][0].id
        #expect(try store.verdictHistory(claim: one) == ["confirmed", "attributed"])
        #expect(try store.inputs()["a.html"] == StateStore.InputRecord(sha256: "s2", fingerprint: "f"))
    }

    @Test func anInputIsKeptByIdentityWithTheRootAndFileItWasFoundAt() throws {
        let store = try StateStore(path: TestPaths.temporaryFolder() + "/state.sqlite")
        let page = Document(id: "pages/a.html", path: "/srv/pages/a.html", format: .html)
        _ = try store.save(path: "pages/a.html", sha256: "s1", fingerprint: "f", runID: "r1", documents: [page],
                           records: [records(page, [("One.", .confirmed)])], root: "/srv/pages", file: "/srv/pages/a.html")
        #expect(try store.inputs()["pages/a.html"] == StateStore.InputRecord(sha256: "s1", fingerprint: "f", root: "/srv/pages", file: "/srv/pages/a.html"))
    }

    @Test func storedDocumentsComeBackAsTheyWereSaved() throws {
        let store = try StateStore(path: TestPaths.temporaryFolder() + "/state.sqlite")
        let items = (1...2).map { (item: Int) in
            Document(id: "feed.rss#item-" + String(item), path: "feed.rss", item: item, format: .rss, metadata: Metadata(title: "Item " + String(item)))
        }
        let failed = Document(id: "feed.rss#item-3", path: "feed.rss", item: 3, format: .rss, failure: Failure(stage: "split", reason: "boom"))
        let saved = try store.save(path: "feed.rss", sha256: "s", fingerprint: "f", runID: "r1", documents: items + [failed],
                                   records: [records(items[0], [("X.", .confirmed)]), records(items[1], [("Y.", .unverified)]), []])
        let stored = try store.storedDocuments(path: "feed.rss")
        #expect(stored.map(\.document.id) == ["feed.rss#item-1", "feed.rss#item-2", "feed.rss#item-3"])
        #expect(stored.map(\.document.metadata.title) == ["Item 1", "Item 2", nil])
        #expect(stored[2].document.failure == Failure(stage: "split", reason: "boom"))
        #expect(stored[0].records == saved.records[0])
        #expect(stored[1].changedRun[saved.records[1][0].id] == "r1")
    }

    @Test func forgottenInputsTakeTheirClaimsWithThem() throws {
        let store = try StateStore(path: TestPaths.temporaryFolder() + "/state.sqlite")
        let page = Document(id: "old.html", path: "old.html")
        _ = try store.save(path: "old.html", sha256: "s", fingerprint: "f", runID: "r1", documents: [page],
                           records: [records(page, [("Gone soon.", .confirmed)])])
        let gone = try store.forgetInputs(notIn: [], runID: "r2")
        #expect(gone.map(\.text) == ["Gone soon."])
        #expect(try store.inputs().isEmpty)
        #expect(try store.storedDocuments(path: "old.html").isEmpty)
    }

    @Test func runsLeftRunningBecomeInterrupted() throws {
        let store = try StateStore(path: TestPaths.temporaryFolder() + "/state.sqlite")
        try store.beginRun(id: "r1", fingerprint: "f", pid: 1, startedAt: Date())
        try store.beginRun(id: "r2", fingerprint: "f", pid: 2, startedAt: Date())
        try store.finishRun(id: "r2", outcome: "success", summary: nil, finishedAt: Date(timeIntervalSince1970: 1000))
        #expect(try store.runOutcomes().map(\.outcome) == ["interrupted", "success"])
        #expect(try store.lastSuccess() == Date(timeIntervalSince1970: 1000))
        #expect(try store.lastReportedRunID() == "r2")
    }
}

@Suite struct RunLockTests {
    @Test func aSecondHolderIsToldWhoHoldsTheLock() throws {
        let path = TestPaths.temporaryFolder() + "/state.sqlite.lock"
        let first = RunLock(path: path)
        try first.acquire(startedAt: Date(timeIntervalSince1970: 0))
        #expect {
            try RunLock(path: path).acquire(startedAt: Date())
        } throws: { error in
            "\(error)" == "another run holds the lock \(path): pid \(getpid()), started 1970-01-01T00:00:00Z"
        }
        first.release()
        let second = RunLock(path: path)
        try second.acquire(startedAt: Date())
        second.release()
    }
}

extension RunLockTests {
    /// Two runs starting at once: the holder has the lock but has not written its line yet. The
    /// message once said "pid ?, started ?"; now the other run waits for the line, and says so
    /// plainly when it does not come.
    @Test func aHolderThatHasNotWrittenItsLineYetIsNotShownAsQuestionMarks() throws {
        let path = TestPaths.temporaryFolder() + "/state.sqlite.lock"
        let descriptor = open(path, O_RDWR | O_CREAT, 0o644)
        defer { close(descriptor) }
        #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        #expect {
            try RunLock(path: path).acquire(startedAt: Date())
        } throws: { error in
            "\(error)" == "another run holds the lock \(path): pid (not yet written), started just now"
        }
    }
}

@Suite struct ReportFoldersTests {
    @Test func publishSwitchesLatestAndPruneKeepsTheNewest() throws {
        let folders = ReportFolders(root: TestPaths.temporaryFolder())
        var ids: [String] = []
        for second in 0..<4 {
            let id = folders.newRunID(at: Date(timeIntervalSince1970: 1_780_000_000 + Double(second)))
            try FileManager.default.createDirectory(atPath: folders.partialFolder(for: id), withIntermediateDirectories: true)
            try folders.publish(runID: id)
            ids.append(id)
        }
        #expect(ids.first == "20260528-202640")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folders.latest) == ids[3])
        try FileManager.default.createDirectory(atPath: folders.partialFolder(for: "20990101-000000"), withIntermediateDirectories: true)
        folders.prune(keep: 2)
        #expect(folders.runIDs() == Array(ids.suffix(2)))
        #expect(!FileManager.default.fileExists(atPath: folders.partialFolder(for: "20990101-000000")))
    }

    @Test func runIDsAreUniqueWithinASecond() throws {
        let folders = ReportFolders(root: TestPaths.temporaryFolder())
        let date = Date(timeIntervalSince1970: 1_780_000_000)
        let first = folders.newRunID(at: date)
        try FileManager.default.createDirectory(atPath: folders.folder(for: first), withIntermediateDirectories: true)
        #expect(folders.newRunID(at: date) == first + "-2")
    }
}

@Suite struct FingerprintTests {
    @Test func aChangedLexiconChangesThePipelineFingerprint() throws {
        let folder = TestPaths.temporaryFolder()
        try "cues: []\n".write(toFile: folder + "/lexicon.yml", atomically: true, encoding: .utf8)
        try "stages:\n  - fetch\n  - tag: {lexicons: [lexicon.yml]}\n".write(toFile: folder + "/p.yml", atomically: true, encoding: .utf8)
        let file = try PipelineFile.load(path: folder + "/p.yml")
        let before = Fingerprint.pipeline(file, dataFiles: [])
        #expect(before == Fingerprint.pipeline(file, dataFiles: []))
        try "cues: [x]\n".write(toFile: folder + "/lexicon.yml", atomically: true, encoding: .utf8)
        #expect(before != Fingerprint.pipeline(file, dataFiles: []))
        #expect(before.hasPrefix("xxh64:") && before.utf8.count == 22)
    }

    /// A command stage may give claims in two documents the same id (ids are unique within a
    /// document only): both documents keep their claims, now and when reported again.
    @Test func theSameClaimIDInTwoDocumentsKeepsBothClaims() throws {
        let store = try StateStore(path: TestPaths.temporaryFolder() + "/state.sqlite")
        try store.beginRun(id: "r1", fingerprint: "f", pid: 1, startedAt: Date())
        var saved: [String: [String]] = [:]
        for name in ["a.html", "b.html"] {
            let page = Document(id: name, path: name, format: .html)
            let records = ["1", "2"].map { id in
                ClaimRecord(claim: Claim(id: id, block: 0, sentence: Int(id)!, text: "Claim \(id) of \(name).", verdict: .confirmed, score: 0.5),
                            document: page)
            }
            let result = try store.save(path: name, sha256: "s", fingerprint: "f", runID: "r1", documents: [page], records: [records])
            saved[name] = result.records[0].map { $0.change ?? "" }
            #expect(result.gone.isEmpty)
        }
        #expect(saved["b.html"] == ["new", "new"])
        for name in ["a.html", "b.html"] {
            let stored = try store.storedDocuments(path: name)
            #expect(stored.first?.records.map(\.text) == ["Claim 1 of \(name).", "Claim 2 of \(name)."])
        }
    }

    /// Two runs in the same second (or a re-run right after a kill) once collided on `runs.id`.
    @Test func aRunIDAlreadyRecordedGetsASuffix() throws {
        let store = try StateStore(path: TestPaths.temporaryFolder() + "/state.sqlite")
        #expect(try store.beginRun(id: "20260101-000000", fingerprint: "f", pid: 1, startedAt: Date()) == "20260101-000000")
        #expect(try store.beginRun(id: "20260101-000000", fingerprint: "f", pid: 2, startedAt: Date()) == "20260101-000000-2")
        #expect(try store.beginRun(id: "20260101-000000", fingerprint: "f", pid: 3, startedAt: Date()) == "20260101-000000-3")
        #expect(try store.runOutcomes().map(\.outcome) == ["interrupted", "interrupted", "running"])
    }

    /// The fingerprint reads files piece by piece: a 3 GB file named in a stage's options once
    /// cost 3 GB of memory on every run.
    @Test func hashingAHugeFileTakesLittleMemory() throws {
        let path = TestPaths.temporaryFolder() + "/huge.bin"
        let descriptor = open(path, O_CREAT | O_WRONLY, 0o644)
        #expect(ftruncate(descriptor, 1 << 30) == 0)  // sparse: costs no disk
        close(descriptor)
        func peak() -> Int {
            let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
            let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
            return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0  // kB
        }
        let before = peak()
        let hash = Fingerprint.contentHash(ofFile: path)
        let grown = peak() - before
        #expect(hash?.count == 22)
        // Half the file: reading it whole would cost all of it, while the peak is the process's
        // and other suites run beside this one (an ASan run saw 209 MB from them).
        #expect(grown < 512 * 1024, "peak memory grew by \(grown) kB")
        try FileManager.default.removeItem(atPath: path)
        let small = TestPaths.temporaryFolder() + "/small.txt"
        try Data("hello\n".utf8).write(to: URL(fileURLWithPath: small))
        #expect(Fingerprint.contentHash(ofFile: small) == Fingerprint.contentHash(Data("hello\n".utf8)))
        #expect(Fingerprint.contentHash(ofFile: small + ".missing") == nil)
    }
}
