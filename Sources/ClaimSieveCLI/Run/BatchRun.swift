import ClaimSieveCore
import ClaimSieveReports
import Foundation
import Logging

/// One batch run, from a pipeline file to a written report. The `run` command only parses
/// arguments into `BatchRun.Settings` and maps the outcome to an exit status.
struct BatchRun {
    struct Settings {
        var pipelinePath: String
        var inputs: [String]
        var outputDirectory: String
        var jobs: Int?
        var maxInFlight: Int?
    }

    struct Outcome {
        var summary: RunSummary
        var outputDirectory: String
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
        let inputs = settings.inputs.isEmpty ? file.inputs : settings.inputs
        guard !inputs.isEmpty else {
            throw Stop(status: .noInput, message: "no input: name files or folders, or set `inputs:` in \(file.path)")
        }
        let fetch = stages.first as? FetchStage ?? FetchStage()
        let entries = fetch.walker.entries(for: inputs)
        let documents = entries.map { entry -> Document in
            switch entry {
            case .file(let path):
                return Document(id: path, path: path)
            case .missing(let path, let reason):
                return Document(id: path, path: path, failure: Failure(stage: FetchStage.name, reason: reason))
            }
        }
        guard documents.contains(where: { $0.failure == nil }) else {
            let names = inputs.joined(separator: ", ")
            throw Stop(status: .noInput, message: "no input: nothing readable in \(names) (looked for .\(fetch.options.extensions.joined(separator: ", .")))")
        }

        let writer: ReportWriter
        do {
            writer = try ReportWriter(outputDirectory: settings.outputDirectory, formats: file.reports,
                                      pipelineName: file.path)
        } catch {
            throw Stop(status: .outputNotWritable, message: "cannot write to \(settings.outputDirectory): \(error.localizedDescription)")
        }
        let runner = PipelineRunner(stages: stages, jobs: jobs, maxInFlight: settings.maxInFlight,
                                    onError: file.onError, logger: logger)
        logger.info("run started", metadata: ["inputs": "\(documents.count)", "jobs": "\(jobs)"])
        let statistics: PipelineRunner.Statistics
        do {
            statistics = try runner.run(documents) { output in writer.add(output.documents) }
        } catch {
            writer.abandon()
            throw Stop(status: .pipelineError, message: "\(error)")
        }
        if let stopped = statistics.stoppedBy {
            writer.abandon()
            throw Stop(status: .partial, message: "stopped at the first failure (on_error: fail-run): \(stopped)")
        }
        do {
            let summary = try writer.finish(statistics: statistics)
            return Outcome(summary: summary, outputDirectory: settings.outputDirectory)
        } catch {
            writer.abandon()
            throw Stop(status: .outputNotWritable, message: "cannot write the report in \(settings.outputDirectory): \(error.localizedDescription)")
        }
    }
}
