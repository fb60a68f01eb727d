public import ClaimSieveCore
public import Foundation

/// The sink: streams the claims to a `ClaimSpill` on disk as documents arrive (in input order)
/// and writes `claims.jsonl`, `report.md`, `report.html` and `summary.json` at the end, when
/// `corroborate` has seen every claim of the run, reading them back in bounded memory.
///
/// Everything is written into a hidden temporary folder inside the output folder and renamed into
/// place only when complete, so a crash or a kill leaves the previous report whole.
public final class ReportWriter: @unchecked Sendable {
    /// Report formats by the names used in pipeline files.
    public static let fileNames = ["jsonl": "claims.jsonl", "html": "report.html", "markdown": "report.md", "summary": "summary.json",
                                   "csv": "claims.csv"]

    /// Where the finished report files end up (`--out`, or the run's folder under `--reports`).
    public let outputDirectory: String
    /// Which reports to write, as keys of `fileNames` (`reports:` in the pipeline file).
    public let formats: Set<String>
    /// The pipeline file's path, recorded as `pipeline` in `summary.json`.
    public let pipelineName: String
    let temporary: String
    private let lock = NSLock()
    private(set) var model = ReportModel()
    /// The run's claims on disk, in input order (`claims.sqlite` in the temporary folder, or
    /// the spill a previous run kept: `adoptKept(at:key:)`).
    public private(set) var claims: ClaimSpill
    /// Where `finish` keeps the spill for the next run (`ClaimSpill.keep(note:as:)`), with the
    /// key that run must present to take it (`adoptKept(at:key:)`); nil keeps nothing.
    public var keepAs: (path: String, key: String)?
    /// Whether the claims come from a kept spill (`adoptKept(at:key:)`) rather than `add`.
    public private(set) var adoptedKept = false
    /// How many report files `finish` writes at once (the run's `--jobs`; 1 writes them in turn).
    public var parallelism = ProcessInfo.processInfo.activeProcessorCount
    /// The first error writing the spill; `finish` throws it.
    private var spillError: (any Error)?
    /// Editors' decisions (`claimsieve review`), set before the first document is added: each
    /// claim that has one carries it in every report and in `claims.jsonl`.
    public var reviews = ReviewBook()
    /// When the previous report was written, shown in the reports' header; nil when none is known.
    public var previousRun: Date?
    /// The report templates; `useTemplates(overrides:)` replaces the shipped ones.
    private var templates: ReportTemplates?
    /// How long each step of the last `finish` took (wall seconds, in the order they ended):
    /// sealing the spill, each report file (on its own thread), the renames, keeping the spill,
    /// removing the temporary folder. The run logs them at debug level.
    public private(set) var timings: [(step: String, seconds: Double)] = []

    /// Creates the output folder and a hidden temporary one inside it, so that an unwritable
    /// destination fails the run before any work is done.
    public init(outputDirectory: String, formats: [String] = Array(ReportWriter.fileNames.keys), pipelineName: String) throws {
        self.outputDirectory = outputDirectory
        self.formats = Set(formats)
        self.pipelineName = pipelineName
        let manager = FileManager.default
        try manager.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        temporary = outputDirectory + "/\(Self.temporaryPrefix)\(ProcessInfo.processInfo.processIdentifier)"
        try? manager.removeItem(atPath: temporary)
        Self.removeAbandonedFolders(in: outputDirectory)
        try manager.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        guard manager.isWritableFile(atPath: temporary) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary])
        }
        claims = try ClaimSpill(path: temporary + "/claims.sqlite")
    }

    static let temporaryPrefix = ".claimsieve-tmp-"

    /// Removes the temporary folders of runs killed before they finished (kill -9 leaves them):
    /// a folder whose process no longer exists belongs to nobody. A live run's folder is left alone.
    static func removeAbandonedFolders(in directory: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(temporaryPrefix) {
            guard let pid = Int32(name.dropFirst(temporaryPrefix.count)), pid > 0 else { continue }
            if pid != getpid(), kill(pid, 0) != 0, errno == ESRCH {
                try? FileManager.default.removeItem(atPath: directory + "/" + name)
            }
        }
    }

    /// Adds the documents made from one input (in input order), each claim new to this report.
    public func add(_ documents: [Document]) {
        for document in documents {
            let records = document.failure == nil ? document.claims.map { ClaimRecord(claim: $0, document: document) } : []
            add(document, records: records, fresh: true)
        }
    }

    /// Adds one document with its claims as records. `fresh` marks claims decided since the last
    /// report (processed in this run, or by a run that was killed before it reported), which the
    /// report lists first when their `change` is `new` or `updated`. `pieces` are the claims'
    /// report pieces when made before (`pieces(for:records:)`, to keep them in the state too);
    /// without, they are made here.
    public func add(_ document: Document, records: [ClaimRecord], pieces: [ClaimPieces]? = nil, fresh: Bool) {
        lock.lock()
        defer { lock.unlock() }
        var records = records
        if !reviews.isEmpty { reviews.apply(to: &records) }
        var made = usesPieces ? (pieces ?? makePieces(document, records)) : []
        for index in made.indices where index < records.count {
            // The state decides `change` after the pieces are made; a decision has no pieces.
            made[index].change = records[index].change
            made[index].previousVerdict = records[index].previousVerdict
        }
        let kept: [ClaimPieces?] = made.indices.map { index in
            index < records.count && records[index].review == nil ? made[index] : nil
        }
        let facts = model.add(document, records: records)
        guard spillError == nil else { return }
        do {
            try claims.addDocument(facts, position: model.documentCount - 1)
            try claims.add(records, pieces: kept, position: model.documentCount - 1, fresh: fresh)
        } catch {
            spillError = error
        }
    }

    /// Whether claims get report pieces (`ClaimPieces`); off, every claim is rendered from its
    /// record at the end, as before pieces (the tests compare the two).
    var usesPieces = true

    /// The report pieces of a document's claims (before `change` is decided: it is a hole), for
    /// the state to keep beside them; `add` takes them. Empty when pieces are off.
    public func pieces(for document: Document, records: [ClaimRecord]) -> [ClaimPieces] {
        lock.lock()
        defer { lock.unlock() }
        return usesPieces ? makePieces(document, records) : []
    }

    /// The score words of claims without cues, made once for the run's pieces.
    private var scoreWords = ReportView.ScoreWordsCache()

    private func makePieces(_ document: Document, _ records: [ClaimRecord]) -> [ClaimPieces] {
        let facts = ClaimPieces.DocumentFacts(document: document, first: records.first)
        let keyed = claims.corroborator != nil
        return records.map { record in
            var record = record
            record.review = nil
            let key = keyed ? claims.corroborationKey(of: record) : nil
            var pieces = ClaimPieces(record, facts: facts, key: key?.key, keyed: keyed, words: &scoreWords)
            pieces.source = key?.source
            return pieces
        }
    }

    /// Set when the pipeline has `corroborate`, before the first document is added: each claim's
    /// key is taken as it is added, and the groups are made when the report is written.
    public var corroborator: Corroborator? {
        get { lock.lock(); defer { lock.unlock() }; return claims.corroborator }
        set { lock.lock(); claims.corroborator = newValue; lock.unlock() }
    }

    /// Marks claims of the document added last as decided since the last report (see
    /// `add(_:records:fresh:)`): a stored document some of whose claims changed after it.
    public func markFresh(_ ids: [String]) {
        lock.lock()
        defer { lock.unlock() }
        guard spillError == nil else { return }
        do {
            try claims.markFresh(Set(ids))
        } catch {
            spillError = error
        }
    }

    /// Loads the report templates now, each from `directory` when it holds one of that name
    /// (`run --template DIR`), so that a broken template stops the run before any work.
    public func useTemplates(overrides directory: String?) throws {
        let loaded = try ReportTemplates(overrides: directory)
        lock.lock()
        templates = loaded
        lock.unlock()
    }

    /// Records what was found under the input roots and not processed, to list it with its reason.
    public func addSkippedInputs(_ skipped: [InputWalker.Skipped]) {
        lock.lock()
        defer { lock.unlock() }
        model.notProcessed.append(contentsOf: skipped)
    }

    /// Records claims that were in the previous report and are no longer found.
    public func addGone(_ records: [ClaimRecord]) {
        lock.lock()
        defer { lock.unlock() }
        model.gone.append(contentsOf: records)
    }

    /// Writes the remaining files and moves all of them into the output folder.
    @discardableResult
    public func finish(statistics: PipelineRunner.Statistics, skipped: Int = 0) throws -> RunSummary {
        try finish(statistics: statistics, skipped: skipped, moveInto: outputDirectory)
    }

    /// Writes the remaining files and moves them into `destination` (by default the output folder).
    /// The summary returned has no `perDocument` entries: they are written to `summary.json`
    /// one by one, and a run of 100,000 documents would hold them all.
    @discardableResult
    public func finish(statistics: PipelineRunner.Statistics, skipped: Int, moveInto destination: String) throws -> RunSummary {
        lock.lock()
        defer { lock.unlock() }
        if let spillError { throw spillError }
        let clock = Locked<[(step: String, seconds: Double)]>([])
        var mark = DispatchTime.now().uptimeNanoseconds
        func lap(_ step: String) {
            let now = DispatchTime.now().uptimeNanoseconds
            clock.withLock { $0.append((step, Double(now - mark) / 1e9)) }
            mark = now
        }
        defer { timings = clock.withLock { $0 } }
        // claims.jsonl is written at the end: corroboration needs every claim of the run.
        try claims.seal()
        lap("seal")
        var made = model.summary(pipeline: pipelineName, statistics: statistics, skipped: skipped)
        made.nonStatements = try claims.count(.nonStatements)
        let summary = made
        // The files are written side by side, each reading the spill through its own connection:
        // the end of the run is the only part no worker shares, so it takes as many cores as
        // the run was given (`parallelism`). The largest file first.
        var names = ["html", "jsonl", "markdown", "csv", "summary"].filter(formats.contains)
        // `claims.jsonl` is written in the same reading of the spill as `report.html`'s data:
        // each record is decoded once for both, and the two threads of `--jobs 2` get about
        // the same work (this pair, and `report.md` with the rest).
        if formats.contains("html"), formats.contains("jsonl") {
            names.removeAll { $0 == "jsonl" }
            names[names.firstIndex(of: "html")!] = "html+jsonl"
        }
        let files = names
        let errors = Locked<[any Error]>([])
        if templates == nil, formats.contains("html") || formats.contains("markdown") { templates = try ReportTemplates() }
        let (model, claims, temporary, templates) = (self.model, self.claims, self.temporary, self.templates)
        let previous = previousRun.map { Self.timestamp($0) }
        let write: @Sendable (Int) -> Void = { index in
            do {
                let started = DispatchTime.now().uptimeNanoseconds
                let reader = try claims.reader()
                let view = ReportView(model: model, summary: summary, previousRun: previous, claims: reader)
                try Self.write(files[index], view: view, templates: templates, claims: reader, in: temporary)
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                clock.withLock { $0.append(("write " + files[index], seconds)) }
            } catch {
                errors.withLock { $0.append(error) }
            }
        }
        if parallelism > 1 {
            DispatchQueue.concurrentPerform(iterations: files.count, execute: write)
        } else {
            for index in files.indices { write(index) }
        }
        if let error = errors.withLock({ $0.first }) { throw error }
        lap("files")
        // rename(2) replaces each old file atomically; a reader sees the old file or the new one.
        for (format, name) in Self.fileNames.sorted(by: { $0.key < $1.key }) where formats.contains(format) {
            let from = temporary + "/" + name
            let to = destination + "/" + name
            guard rename(from, to) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: to])
            }
        }
        lap("rename")
        if let keepAs {
            // A spill that cannot be kept leaves none: the next run renders from the state.
            do {
                try claims.keep(note: try JSONEncoder().encode(kept(key: keepAs.key)), as: keepAs.path)
            } catch {
                try? FileManager.default.removeItem(atPath: keepAs.path)
            }
            lap("keep spill")
        }
        try? FileManager.default.removeItem(atPath: temporary)
        lap("remove temporary")
        return summary
    }

    // MARK: The spill kept for the next night

    /// The note of a kept spill: the key a run must present to take it, and what the report
    /// needs beside the claims and the documents' facts, which are in the spill (the model's
    /// counts without this run's gone claims and skipped inputs, and the spill's counts).
    /// Read back with `JSONDecoder`: a note of another shape is refused.
    struct KeptNote: Codable {
        var key: String
        var claimCount: Int
        var verdictCounts: [Verdict: Int]
        var changeCounts: [String: Int]
        var reviewed: Int
        var reviewStale: Int
        var count: Int
        var statements: [Verdict: Int]
        var nonStatements: Int
    }

    private func kept(key: String) -> KeptNote {
        let counts = claims.statementCounts
        return KeptNote(key: key, claimCount: model.claimCount, verdictCounts: model.verdictCounts,
                        changeCounts: model.changeCounts, reviewed: model.reviewed, reviewStale: model.reviewStale,
                        count: claims.count, statements: counts.statements, nonStatements: counts.nonStatements)
    }

    /// Takes the spill a previous run kept at `path` (`keepAs`) as this run's claims, when its
    /// note's key is `key`, before any document is added: the documents, claims, counts and
    /// corroboration groups of that run's report, none of them fresh. The file is moved into
    /// this run's temporary folder first, so a run killed from then on leaves no spill to take
    /// (the next run renders from the state). False, and the file removed, when it cannot be
    /// taken (missing, another key, unreadable): the caller adds the documents as usual.
    ///
    /// The caller vouches that the key names everything that decides the claims of the report:
    /// the run that kept it was the last to report, the same inputs in the same order are all
    /// unchanged since, and the same decisions and pipeline apply (see `BatchRun`).
    public func adoptKept(at path: String, key: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        precondition(model.documentCount == 0 && claims.count == 0, "a kept spill taken after documents were added")
        let moved = temporary + "/kept.sqlite"
        // Across filesystems (the state on another volume) the spill is copied in and the kept
        // file removed before it is read, as a rename would.
        guard (try? ClaimSpill.move(path, to: moved)) != nil else { return false }
        guard let data = ClaimSpill.keptNote(at: moved), let note = try? JSONDecoder().decode(KeptNote.self, from: data),
              note.key == key,
              let spill = try? ClaimSpill(kept: moved, corroborator: claims.corroborator, count: note.count,
                                          statements: note.statements, nonStatements: note.nonStatements)
        else {
            try? FileManager.default.removeItem(atPath: moved)
            return false
        }
        // The documents' counts, failures and publishers, from the facts the spill keeps.
        var adopted = ReportModel()
        do {
            try spill.forEachDocumentFacts { _, facts in adopted.countDocument(facts) }
        } catch {
            try? FileManager.default.removeItem(atPath: moved)
            return false
        }
        claims = spill
        // What this night found before taking the spill (inputs not processed, claims gone) is
        // this night's, not the kept spill's: only the documents' part of the model is taken.
        adopted.notProcessed = model.notProcessed
        adopted.gone = model.gone
        model = adopted
        model.claimCount = note.claimCount
        model.verdictCounts = note.verdictCounts
        model.changeCounts = note.changeCounts
        model.reviewed = note.reviewed
        model.reviewStale = note.reviewStale
        adoptedKept = true
        return true
    }

    /// Documents in the report so far.
    public var documentCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return model.documentCount
    }

    /// Writes one report file into `folder`.
    private static func write(_ format: String, view: ReportView, templates: ReportTemplates?, claims: ClaimSpill, in folder: String) throws {
        let summary = view.summary
        switch format {
        case "jsonl":
            // Written in pieces of about 1 MB: the file is never held whole in memory.
            let out = try ReportOutput(path: folder + "/claims.jsonl")
            try claims.forEachRow(.all) { row in
                if let pieces = row.pieces {
                    out.appendLine(pieces, row.holes(position: row.position))
                } else if let record = row.record {
                    out.appendLine(record)
                }
                try out.flushIfFull()
            }
            try out.close()
        case "summary":
            let out = try ReportOutput(path: folder + "/summary.json")
            try SummaryJSON.write(summary, to: out) { body in try claims.forEachDocumentFacts { _, facts in try body(facts) } }
            try out.close()
        case "markdown":
            let out = try ReportOutput(path: folder + "/report.md")
            try MarkdownReport(view: view, claims: claims, templates: templates!, scratch: folder).render(to: out)
            try out.close()
        case "html", "html+jsonl":
            let out = try ReportOutput(path: folder + "/report.html")
            let lines = format == "html+jsonl" ? try ReportOutput(path: folder + "/claims.jsonl") : nil
            try HTMLReport(view: view, claims: claims, templates: templates!, alsoLines: lines).render(to: out)
            try out.close()
            try lines?.close()
        case "csv":
            let out = try ReportOutput(path: folder + "/claims.csv")
            try CSVReport.render(view: view, claims: claims, to: out)
            try out.close()
        default:
            break
        }
    }

    /// A time as the reports show it: ISO 8601 in UTC, to the second.
    static func timestamp(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }

    /// Removes the temporary folder of a run that will not finish.
    public func abandon() {
        lock.lock()
        defer { lock.unlock() }
        try? FileManager.default.removeItem(atPath: temporary)
    }
}
