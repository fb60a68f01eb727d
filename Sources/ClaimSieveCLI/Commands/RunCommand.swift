import ArgumentParser
import ClaimSieveCore
import Foundation

/// `claimsieve run`: the batch job.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Runs the pipeline over the inputs and writes claims.jsonl, report.html, report.md and summary.json.",
        discussion: """
        Without --pipeline, pipelines/default.yml is used; without INPUT, the pipeline's `inputs:`. \
        Paths in a pipeline file are relative to the file. Silent on success unless standard error \
        is a terminal; failures are logged and listed in the report.

        \(ExitStatus.helpText)
        """
    )

    @Option(name: .long, help: "The pipeline file (YAML).")
    var pipeline: String?

    @Argument(help: "Files, folders or globs to read (default: the pipeline's inputs).")
    var inputs: [String] = []

    @Option(name: .long, help: "The folder to write the reports into.")
    var out: String

    @Option(name: .long, help: "Worker threads (default: the pipeline's `jobs`, else the number of processors).")
    var jobs: Int?

    @Option(name: .long, help: "Most documents taken but not yet written at once (default: 4 × jobs).")
    var maxInFlight: Int?

    @OptionGroup var log: LogOptions

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let maxInFlight, maxInFlight < 1 { throw ValidationError("--max-in-flight must be at least 1") }
    }

    func run() throws {
        let logger = log.bootstrap()
        guard let pipelinePath = pipeline ?? DefaultPipeline.path() else {
            throw fail(.pipelineError, "no pipeline file: pass --pipeline FILE (pipelines/default.yml was not found)")
        }
        let settings = BatchRun.Settings(pipelinePath: pipelinePath, inputs: inputs, outputDirectory: out,
                                         jobs: jobs, maxInFlight: maxInFlight)
        do {
            let outcome = try BatchRun(settings: settings, registry: Registry.stages, logger: logger).execute()
            let summary = outcome.summary
            if isatty(STDERR_FILENO) == 1 {
                printError("claimsieve: \(summary.documents) documents, \(summary.claims) claims (\(summary.verdicts["unverified"] ?? 0) unverified), \(summary.failed) failed; report in \(outcome.outputDirectory)/report.html")
            }
            if summary.failed > 0 {
                for failure in summary.failures {
                    printError("claimsieve: failed: \(failure.doc): \(failure.stage): \(failure.reason)")
                }
                throw ExitStatus.partial.exitCode
            }
        } catch let stop as BatchRun.Stop {
            throw fail(stop.status, stop.message)
        }
    }
}

/// `pipelines/default.yml` in the working directory, else the one shipped beside the executable.
enum DefaultPipeline {
    static func path() -> String? {
        let local = "pipelines/default.yml"
        if FileManager.default.fileExists(atPath: local) { return local }
        return DataFiles.locate("default.yml")
    }
}
