import ClaimSieveCore
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
        var full = false
        var keep: Int?
        var metricsPath: String?
        var jobs: Int?
        var maxInFlight: Int?
        var progress = false
    }

    struct Outcome {
        var summary: RunSummary
        var reportDirectory: String
    }

    /// A run that could not produce a report, with the status to exit with.
    struct Stop: Error {
        var status: ExitStatus
        var message: String
    }

    let settings: Settings
    let registry: StageRegistry
    let logger: Logger

    func execute() throws(Stop) -> Outcome {
        let started = Date()
        let file: PipelineFile
        do {
            file = try PipelineFile.load(path: settings.pipelinePath)
        } catch {
            throw Stop(status: .pipelineError, message: error.description)
        }
        let jobs = settings.jobs ?? file.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let stages: [any Stage]
        do {
            stages = try PipelineBuilder(registry: registry).build(file, jobs: jobs)
        } catch {
            throw Stop(status: .pipelineError, message: error.description)
        }
        let usesPipelineInputs = settings.inputs.isEmpty
        let inputs = usesPipelineInputs ? file.inputs : settings.inputs
        guard !inputs.isEmpty else {
            throw Stop(status: .noInput, message: "no input: name files or folders, or set `inputs:` in \(file.path)")
        }
        let fetch = stages.first as? FetchStage ?? FetchStage()
        let entries = fetch.walker.entries(for: inputs)
        guard entries.contains(where: { if case .file = $0 { true } else { false } }) else {
            throw Stop(status: .noInput, message: "no input: nothing readable in \(inputs.joined(separator: ", ")) (looked for .\(fetch.options.extensions.joined(separator: ", .")))")
        }

        // Where the report goes and where the state lives.
        let reportsRoot = settings.outputDirectory == nil ? (settings.reportsRoot ?? file.reportRoot) : settings.reportsRoot
        let folders = reportsRoot.map(ReportFolders.init)
        guard settings.outputDirectory != nil || folders != nil else {
            throw Stop(status: .usage, message: "say where to write: --out DIR, --reports ROOT, or `report_root:` in \(file.path)")
        }
        if let folders {
            do {
                try FileManager.default.createDirectory(atPath: folders.root, withIntermediateDirectories: true)
            } catch {
                throw Stop(status: .outputNotWritable, message: "cannot create \(folders.root): \(error.localizedDescription)")
            }
        }
        let statePath = settings.statePath ?? folders.map { $0.root + "/state.sqlite" }

        // One run at a time on a state.
        var lock: RunLock?
        var state: StateStore?
        if let statePath {
            let runLock = RunLock(path: statePath + ".lock")
            do {
                let folder = (statePath as NSString).deletingLastPathComponent
                if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
                try runLock.acquire(startedAt: started)
            } catch let holder as RunLock.Holder {
                throw Stop(status: .locked, message: holder.description)
            } catch {
                throw Stop(status: .outputNotWritable, message: "cannot create the lock \(runLock.path): \(error.localizedDescription)")
            }
            lock = runLock
            do {
                state = try StateStore(path: statePath)
            } catch {
                throw Stop(status: .outputNotWritable, message: "cannot open the state \(statePath): \(error)")
            }
        }
        defer { lock?.release() }

        let runID = folders?.newRunID(at: started) ?? ReportFolders(root: "/nonexistent").newRunID(at: started)
        let fingerprint = Fingerprint.pipeline(file, dataFiles: ["lexicons/en.yml", "lexicons/en-splitter.yml"].compactMap(DataFiles.locate))
        let lastReported: String?
        do {
            try state?.beginRun(id: runID, fingerprint: fingerprint, pid: getpid(), startedAt: started)
            lastReported = try state?.lastReportedRunID()
        } catch {
            throw Stop(status: .outputNotWritable, message: "cannot write the state \(statePath ?? ""): \(error)")
        }
        folders?.removePartials()

        let plan = RunPlan.make(entries: entries, state: state, fingerprint: fingerprint, full: settings.full)
        let reportDirectory = settings.outputDirectory ?? folders!.partialFolder(for: runID)
        let writer: ReportWriter
        do {
            writer = try ReportWriter(outputDirectory: reportDirectory, formats: file.reports, pipelineName: file.path)
        } catch {
            try? state?.finishRun(id: runID, outcome: "failed", summary: nil, finishedAt: Date())
            throw Stop(status: .outputNotWritable, message: "cannot write to \(reportDirectory): \(error.localizedDescription)")
        }

        let emitter = PlanEmitter(plan: plan, writer: writer, state: state, runID: runID, fingerprint: fingerprint,
                                  lastReported: lastReported, logger: logger,
                                  progress: settings.progress ? ProgressLine(total: entries.count) : nil)
        let runner = PipelineRunner(stages: stages, jobs: jobs, maxInFlight: settings.maxInFlight,
                                    onError: file.onError, logger: logger)
        logger.info("run started", metadata: ["run": "\(runID)", "inputs": "\(entries.count)",
                                              "to_process": "\(plan.work.count)", "jobs": "\(jobs)"])
        var statistics: PipelineRunner.Statistics
        do {
            statistics = try runner.run(plan.work.map(\.document)) { output in emitter.emitProcessed(output) }
        } catch {
            writer.abandon()
            try? state?.finishRun(id: runID, outcome: "failed", summary: nil, finishedAt: Date())
            throw Stop(status: .pipelineError, message: "\(error)")
        }
        emitter.emitRemainingStored()
        emitter.progress?.finish()
        if let stopped = statistics.stoppedBy {
            writer.abandon()
            try? state?.finishRun(id: runID, outcome: "failed", summary: nil, finishedAt: Date())
            throw Stop(status: .partial, message: "stopped at the first failure (on_error: fail-run): \(stopped)")
        }
        if let saveError = emitter.saveError {
            writer.abandon()
            try? state?.finishRun(id: runID, outcome: "failed", summary: nil, finishedAt: Date())
            throw Stop(status: .outputNotWritable, message: "cannot write the state: \(saveError)")
        }
        if let state {
            let present = Set(entries.compactMap { if case .file(let path) = $0 { path } else { nil } })
            let forget = usesPipelineInputs ? present : present.union(
                (try? state.inputs().keys.filter { FileManager.default.fileExists(atPath: $0) }) ?? [])
            if let gone = try? state.forgetInputs(notIn: Set(forget), runID: runID) { writer.addGone(gone) }
        }

        statistics.inputs = entries.count
        let summary: RunSummary
        do {
            summary = try writer.finish(statistics: statistics, skipped: emitter.skippedDocuments, moveInto: reportDirectory)
            if let folders {
                try folders.publish(runID: runID)
                if let keep = settings.keep ?? file.keep { folders.prune(keep: keep) }
            }
        } catch {
            writer.abandon()
            try? state?.finishRun(id: runID, outcome: "failed", summary: nil, finishedAt: Date())
            throw Stop(status: .outputNotWritable, message: "cannot write the report in \(reportDirectory): \(error.localizedDescription)")
        }
        let outcome = summary.failed > 0 ? "partial" : "success"
        try? state?.finishRun(id: runID, outcome: outcome, summary: summary, finishedAt: Date())
        if let metricsPath = settings.metricsPath {
            let metrics = MetricsFile(
                durationSeconds: Date().timeIntervalSince(started), processed: summary.processed, skipped: summary.skipped,
                failed: summary.failed, verdicts: summary.verdicts, newClaims: emitter.freshCount,
                success: summary.failed == 0, lastSuccess: (try? state?.lastSuccess()) ?? Date())
            do {
                try metrics.write(to: metricsPath)
            } catch {
                logger.error("cannot write the metrics file \(metricsPath): \(error.localizedDescription)")
            }
        }
        logger.info("run finished", metadata: ["run": "\(runID)", "outcome": "\(outcome)", "claims": "\(summary.claims)"])
        return Outcome(summary: summary, reportDirectory: folders?.folder(for: runID) ?? reportDirectory)
    }
}
