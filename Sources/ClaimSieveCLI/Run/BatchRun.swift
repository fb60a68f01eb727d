import ClaimSieveCore
import ClaimSieveLanguage
import ClaimSieveReports
import ClaimSieveState
import Foundation
import Logging

/// One batch run, from a pipeline file to a written report. The `run` command only parses
/// arguments into `BatchRun.Settings` and maps the outcome to an exit status.
///
/// With state (`--state`, or `--reports ROOT` which keeps `ROOT/state.sqlite`), inputs whose bytes
/// and pipeline fingerprint are unchanged are not processed again: their claims come from the
/// state, interleaved in input order, so the report is the same as a full run's.
struct BatchRun {
    struct Settings {
        var pipelinePath: String
        var inputs: [String]
        /// Write the four files directly here (one-off runs and scripts).
        var outputDirectory: String?
        /// Keep one folder per run here, with a `latest` link and the state.
        var reportsRoot: String?
        var statePath: String?
        /// `--state-journal`: how the state file is journaled and synced; nil keeps the file's own.
        var stateJournal: StateJournal?
        var full = false
        var keep: Int?
        var metricsPath: String?
        var jobs: Int?
        var maxInFlight: Int?
        var progress = false
        /// `--shard K/N`: only this shard's inputs, and a shard result for `merge` (see `ShardRun`).
        var shard: ShardSpec?
        /// `--template DIR`: report templates that replace the shipped ones of the same name.
        var templateDirectory: String? = nil
    }

    struct Outcome {
        var summary: RunSummary
        var reportDirectory: String
        /// Why `--metrics` could not be written (the report was): the run fails with exit 74.
        var metricsError: String?
    }

    /// A run that could not produce a report, with the status to exit with.
    struct Stop: Error {
        var status: ExitStatus
        var message: String
    }

    let settings: Settings
    let registry: StageRegistry
    let logger: Logger

    /// The pipeline file, the `fetch` stage and the inputs it walks, or the reason the run cannot
    /// start. The other stages are built once the run knows it has something to process
    /// (`buildStages`).
    private func prepare() throws(Stop) -> (file: PipelineFile, jobs: Int, entries: [InputWalker.Located], skipped: [InputWalker.Skipped]) {
        let file: PipelineFile
        do {
            file = try PipelineFile.load(path: settings.pipelinePath)
        } catch {
            throw Stop(status: .pipelineError, message: error.description)
        }
        let jobs = settings.jobs ?? file.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let fetch: FetchStage
        do {
            try PipelineBuilder(registry: registry).checkNames(in: file)
            fetch = try PipelineBuilder(registry: registry).build(file, jobs: jobs, only: [FetchStage.name]).first as? FetchStage ?? FetchStage()
        } catch {
            throw Stop(status: .pipelineError, message: error.description)
        }
        let inputs = settings.inputs.isEmpty ? file.inputs : settings.inputs
        guard !inputs.isEmpty else {
            throw Stop(status: .noInput, message: "no input: name files or folders, or set `inputs:` in \(file.path)")
        }
        let (entries, skipped) = fetch.walker.locate(inputs)
        guard entries.contains(where: { if case .file = $0.entry { true } else { false } }) else {
            throw Stop(status: .noInput, message: "no input: nothing readable in \(inputs.joined(separator: ", ")) (looked for .\(fetch.options.extensions.joined(separator: ", .")))")
        }
        return (file, jobs, entries, skipped)
    }

    /// The pipeline's stages: all of them when the plan has inputs to process; otherwise (every
    /// input unchanged since a run that built them all, with the same fingerprint) only those
    /// the report needs, `fetch` and `corroborate`: loading the lexicons and models was half of
    /// such a night's cost.
    private func buildStages(_ file: PipelineFile, jobs: Int, plan: RunPlan) throws(PipelineError) -> [any Stage] {
        let builder = PipelineBuilder(registry: registry)
        if plan.work.isEmpty, !plan.items.isEmpty {
            return try builder.build(file, jobs: jobs, only: [FetchStage.name, CorroborateStage.name])
        }
        return try builder.build(file, jobs: jobs)
    }

    func execute() throws(Stop) -> Outcome {
        let started = Date()
        // A shard that fails from here on, even at start-up, must leave no result of an earlier night.
        if settings.shard != nil, let out = settings.outputDirectory { ShardResult.removePrevious(in: out) }
        let (file, jobs, walked, skipped) = try prepare()
        let sharding = settings.shard.map { ShardRun(spec: $0, walked: walked) }
        let entries = sharding?.entries ?? walked
        var destination = try RunDestination(settings: settings, reportRoot: file.reportRoot, pipelinePath: file.path)
        try destination.open(startedAt: started)
        defer { destination.close() }
        let state = destination.state
        var runID = destination.runID(startedAt: started)
        // The built-in models too: a retrained model processes every input again; so do the
        // shipped splitter rules of every language, the furniture kinds and the language profiles.
        // Only the state and a shard's result (merge checks it) need it: hashing the data files
        // (megabytes of models) is skipped without.
        let fingerprint = state == nil && sharding == nil ? "" : Fingerprint.pipeline(
            file,
            dataFiles: (["lexicons/en.yml", FurnitureLexicon.defaultFile, LanguageDetector.defaultFile]
                + SplitStage.shippedRules.values.sorted() + TaggerModels.builtInFiles)
                .compactMap(DataFiles.locate))
        let lastReported: String?
        do {
            // The state may hold a run with the same id (same second, or a killed run): it picks another.
            runID = try state?.beginRun(id: runID, fingerprint: fingerprint, pid: getpid(), startedAt: started) ?? runID
            lastReported = try state?.lastReportedRunID()
        } catch {
            throw Stop(status: .outputNotWritable, message: "cannot write the state \(destination.statePath ?? ""): \(error)")
        }
        destination.folders?.removePartials()

        let plan = RunPlan.make(entries: entries, state: state, fingerprint: fingerprint, full: settings.full)
        let stages: [any Stage]
        do {
            stages = try buildStages(file, jobs: jobs, plan: plan)
        } catch {
            try? state?.finishRun(id: runID, outcome: "failed", summary: nil, finishedAt: Date())
            throw Stop(status: .pipelineError, message: error.description)
        }
        let reportDirectory = destination.workingDirectory(runID: runID)
        let writer: ReportWriter
        do {
            writer = try ReportWriter(outputDirectory: reportDirectory, formats: sharding == nil ? file.reports : ShardRun.formats,
                                      pipelineName: file.path)
        } catch {
            try? state?.finishRun(id: runID, outcome: "failed", summary: nil, finishedAt: Date())
            throw Stop(status: .outputNotWritable, message: "cannot write to \(reportDirectory): \(PathProblem.unwritable(reportDirectory, createsFolders: true, fallback: error.localizedDescription))")
        }
        do {
            try writer.useTemplates(overrides: settings.templateDirectory)
            if let state {
                writer.reviews = try state.reviewBook()
                writer.previousRun = try state.lastSuccess()
            }
        } catch {
            writer.abandon()
            try? state?.finishRun(id: runID, outcome: "failed", summary: nil, finishedAt: Date())
            throw Stop(status: .pipelineError, message: "\(error)")
        }
        writer.addSkippedInputs(skipped)
        writer.parallelism = jobs
        writer.corroborator = stages.lazy.compactMap { $0 as? CorroborateStage }.first?.corroborator
        let keeping = keptSpill(state: state, statePath: destination.statePath, sharding: sharding, plan: plan,
                                fingerprint: fingerprint, reviews: writer.reviews)
        /// Gives up on the report: the previous one and the state stay as they were.
        func abort(_ status: ExitStatus, _ message: String) -> Stop {
            writer.abandon()
            try? state?.finishRun(id: runID, outcome: "failed", summary: nil, finishedAt: Date())
            return Stop(status: status, message: message)
        }

        let emitter = PlanEmitter(plan: plan, writer: writer, state: state, runID: runID, fingerprint: fingerprint,
                                  lastReported: lastReported, logger: logger,
                                  progress: settings.progress ? ProgressLine(total: entries.count) : nil)
        if let keeping {
            // A night where nothing changed since the last report: its kept spill is this report's claims.
            if plan.work.isEmpty, !plan.items.isEmpty, let lastReported, (try? state?.inputsSaved(after: lastReported)) == false,
               writer.adoptKept(at: keeping.path, key: keeping.key(lastReported)) {
                emitter.takeKept(documents: writer.documentCount)
            }
            writer.keepAs = (keeping.path, keeping.key(runID))
        }
        let runner = PipelineRunner(stages: stages, jobs: jobs, maxInFlight: settings.maxInFlight,
                                    onError: file.onError, limits: file.limits, logger: logger)
        logger.info("run started", metadata: ["run": "\(runID)", "inputs": "\(entries.count)",
                                              "to_process": "\(plan.work.count)", "jobs": "\(jobs)",
                                              "stages": "\(stages.map { type(of: $0).name }.joined(separator: ","))"])
        var statistics: PipelineRunner.Statistics
        do {
            statistics = try runner.run(plan.documents()) { output in emitter.emitProcessed(output) }
        } catch {
            throw abort(.pipelineError, "\(error)")
        }
        // What follows the workers runs alone: the end of the run, measured for the log.
        let tail = (wall: DispatchTime.now().uptimeNanoseconds, cpu: Self.processCPUSeconds())
        // Each step of the end, for `--log-level debug` ("end of the run").
        var steps: [(String, Double)] = []
        var mark = tail.wall
        func lap(_ step: String) {
            let now = DispatchTime.now().uptimeNanoseconds
            steps.append((step, Double(now - mark) / 1e9))
            mark = now
        }
        emitter.emitRemainingStored()
        lap("stored documents")
        emitter.progress?.finish()
        if let stopped = statistics.stoppedBy {
            throw abort(.partial, "stopped at the first failure (on_error: fail-run): \(stopped)")
        }
        if let saveError = emitter.saveError {
            throw abort(.outputNotWritable, "cannot write the state: \(saveError)")
        }
        do {
            // The durability point of the last batch of saved inputs.
            try state?.commit()
            try state?.updateFileStats(plan.restat)
        } catch {
            throw abort(.outputNotWritable, "cannot write the state: \(error)")
        }
        lap("state commit")
        if let state {
            // Inputs that are gone from disk (or from the pipeline's inputs) take their claims with them.
            // Every input of the run, in a shard too: an input another shard takes is not gone.
            let present = Set(walked.compactMap { if case .file = $0.entry { $0.identity } else { nil } })
            let kept = settings.inputs.isEmpty ? present : present.union(
                (try? state.inputs().filter { FileManager.default.fileExists(atPath: $0.value.file ?? $0.key) }.map(\.key)) ?? [])
            if let gone = try? state.forgetInputs(notIn: kept, runID: runID) { writer.addGone(gone) }
        }
        lap("gone inputs")

        statistics.inputs = entries.count
        let summary: RunSummary
        do {
            try sharding?.writeResult(writer: writer, into: reportDirectory, file: file, fingerprint: fingerprint,
                                      skippedDocuments: emitter.skippedDocuments, freshClaims: emitter.freshCount,
                                      statistics: statistics)
            summary = try writer.finish(statistics: statistics, skipped: emitter.skippedDocuments, moveInto: reportDirectory)
            lap("reports")
            if let folders = destination.folders {
                try folders.publish(runID: runID)
                if let keep = settings.keep ?? file.keep { folders.prune(keep: keep) }
            }
        } catch {
            throw abort(.outputNotWritable, "cannot write the report in \(reportDirectory): \(error.localizedDescription)")
        }
        let outcome = summary.failed > 0 ? "partial" : "success"
        try? state?.finishRun(id: runID, outcome: outcome, summary: summary, finishedAt: Date())
        lap("publish and state")
        let metricsError = writeMetrics(summary: summary, started: started, newClaims: emitter.freshCount, state: state)
        lap("metrics")
        // A step named twice keeps its first time: a log line never traps.
        logger.debug("end of the run", metadata: Dictionary(
            (steps + writer.timings.map { ("reports: " + $0.step, $0.seconds) }).map { ($0.0, "\(String(format: "%.3f", $0.1))") },
            uniquingKeysWith: { first, _ in first }))
        logger.info("run finished", metadata: [
            "run": "\(runID)", "outcome": "\(outcome)", "claims": "\(summary.claims)",
            "stored_claims_decoded": "\(emitter.storedDecoded)", "kept_spill_taken": "\(writer.adoptedKept)",
            "end_wall_seconds": "\(String(format: "%.3f", Double(DispatchTime.now().uptimeNanoseconds - tail.wall) / 1e9))",
            "end_cpu_seconds": "\(String(format: "%.3f", Self.processCPUSeconds() - tail.cpu))",
        ])
        return Outcome(summary: summary, reportDirectory: destination.finalDirectory(runID: runID), metricsError: metricsError)
    }

    /// Where the run keeps its claim spill for the next night (beside the state:
    /// `state.sqlite.report-spill`) and the key a night must present to take it: the run that
    /// kept it, the binary that rendered its pieces, the pipeline fingerprint, the inputs in
    /// their order with the hash of each (as processed, or as the state holds it) and the
    /// editors' decisions. A night takes it only when that run was the last to report, no input
    /// was saved since (a run killed after it saves inputs first) and every input is unchanged
    /// (`BatchRun` checks those): then the report's claims are those of the kept spill, without
    /// reading them from the state or rendering them again. The inputs' hashes make the key
    /// refuse a spill whose inputs the state no longer vouches for whatever the run ids say
    /// (a clock set back orders them wrongly); the binary's identity, one rendered by an older
    /// build. Nil (nothing kept) without state, in a shard, and with `--template` (the kept
    /// pieces are made for the shipped templates).
    private func keptSpill(state: StateStore?, statePath: String?, sharding: ShardRun?, plan: RunPlan, fingerprint: String,
                           reviews: ReviewBook) -> (path: String, key: (String) -> String)? {
        guard state != nil, let statePath, sharding == nil, settings.templateDirectory == nil else { return nil }
        var inputs = ContentHash()
        for item in plan.items {
            switch item {
            case .work(let index): inputs.update(string: plan.work[index].id + "\t" + (plan.work[index].sha256 ?? "-"))
            case .stored(let path): inputs.update(string: path + "\t" + (plan.storedHashes[path] ?? "-"))
            }
            inputs.update(string: "\n")
        }
        let rest = "|\(Self.binaryIdentity)|\(fingerprint)|\(ContentHash.stored(inputs.finalize()))|\(ContentHash.stored(Self.hash(reviews.digestText)))"
        // The version names the spill's layout: v3 holds the `keyed` table and the `groups_first`
        // index its group queries read (issue 12e); v4 the `documents` table, the documents'
        // facts no longer in its note (issue 12m); v5 the groups' `first_id` (issue 12s); v6 each
        // keyed claim's verdict and position, and `shown` (a group's members read without
        // `claims`); v7 the groups' `statements` and `mixed` (`report.md` lists a group's first
        // members only); v8 each keyed claim's id (the seal takes a group's id from it); v9
        // no `keyed` table: each group's statements in `group_members`. A spill of an older layout
        // is never taken.
        return (statePath + ".report-spill", { run in Self.keptSpillVersion + "|" + run + rest })
    }

    /// The first field of a kept spill's key: the spill's layout (see `keptSpill`).
    static let keptSpillVersion = "v9"

    /// The running executable's size and modification time (`/proc/self/exe`): a new build,
    /// whose renderers may write other pieces, never takes a spill an older one kept. Rebuilding
    /// the same source only costs one night the shortcut.
    static let binaryIdentity: String = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return "exe?" }
        return "\(info.st_size).\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }()

    private static func hash(_ text: String) -> UInt64 {
        var hasher = ContentHash()
        hasher.update(string: text)
        return hasher.finalize()
    }

    /// CPU seconds of the whole process so far (user and system, every thread).
    private static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// `--metrics`: the report is kept when they cannot be written, but the run fails (exit 74):
    /// a monitor reading a stale file would take the last good run for this one.
    private func writeMetrics(summary: RunSummary, started: Date, newClaims: Int, state: StateStore?) -> String? {
        guard let metricsPath = settings.metricsPath else { return nil }
        let metrics = MetricsFile(
            durationSeconds: Date().timeIntervalSince(started), processed: summary.processed, skipped: summary.skipped,
            failed: summary.failed, verdicts: summary.verdicts, newClaims: newClaims,
            success: summary.failed == 0, lastSuccess: (try? state?.lastSuccess()) ?? Date())
        do {
            try metrics.write(to: metricsPath)
            return nil
        } catch {
            return "cannot write the metrics file \(metricsPath): \(PathProblem.unwritable(metricsPath, createsFolders: false, fallback: error.localizedDescription))"
        }
    }
}
