import ArgumentParser
import ClaimSieveCore
import ClaimSieveReports
import ClaimSieveState
import Foundation

/// `claimsieve run`: the batch job.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Runs the pipeline over the inputs and writes claims.jsonl, report.html, report.md and summary.json.",
        discussion: """
        Without --pipeline, pipelines/default.yml of the working directory is used, else the one \
        shipped beside the program; without INPUT, the pipeline's `inputs:`. \
        Paths in a pipeline file are relative to the file. Silent on success unless standard error \
        is a terminal; failures are logged and listed in the report.

        --out DIR writes the four files directly into DIR. --reports ROOT (or `report_root:` in the \
        pipeline file) writes ROOT/<run id>/ and switches ROOT/latest to it, and keeps incremental \
        state in ROOT/state.sqlite: inputs whose bytes and pipeline are unchanged are not processed \
        again, and every claim says whether it is new, updated or unchanged. Only one run at a time \
        may use a state.

        --shard K/N processes only the inputs in shard K of N (0 <= K < N, by a hash of each \
        input's identity) and leaves shard.sqlite in its output for `claimsieve merge`; \
        --shard auto takes K and N from an array job's environment (JOB_COMPLETION_INDEX with \
        CLAIMSIEVE_SHARD_COUNT, SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT, \
        AWS_BATCH_JOB_ARRAY_INDEX/AWS_BATCH_JOB_ARRAY_SIZE); auto/N gives N. Give each shard its \
        own --out and --state (or --reports).

        \(ExitStatus.helpText)
        """
    )

    @Option(name: .long, help: "The pipeline file (YAML).")
    var pipeline: String?

    @Argument(help: "Files, folders or globs to read (default: the pipeline's inputs).")
    var inputs: [String] = []

    @Option(name: .long, help: "Write claims.jsonl, report.html, report.md and summary.json directly into this folder.")
    var out: String?

    @Option(name: .long, help: "Keep one report folder per run under this root, with a `latest` link and the state.")
    var reports: String?

    @Option(name: .long, help: "The SQLite state file (default: ROOT/state.sqlite with --reports; none with --out).")
    var state: String?

    @Option(name: .long, help: StateJournalOption.help)
    var stateJournal: String?

    @Flag(name: .long, help: "Process every input again, even when unchanged.")
    var full = false

    @Option(name: .long, help: "With --reports: keep only the newest N run folders.")
    var keep: Int?

    @Option(name: .long, help: "Write Prometheus text-format metrics to this file (atomically).")
    var metrics: String?

    @Flag(name: .long, inversion: .prefixedNo, help: "Show a progress line when standard error is a terminal.")
    var progress = true

    @Option(name: .long, help: "Worker threads (default: the pipeline's `jobs`, else the number of processors).")
    var jobs: Int?

    @Option(name: .long, help: "Most documents taken but not yet written at once (default: 4 × jobs).")
    var maxInFlight: Int?

    @Option(name: .long, help: "Process only shard K of N (K/N, auto/N or auto) and write a shard result for `merge`.")
    var shard: String?
    @Option(name: .long, help: "A folder of report templates (html-page.mustache, md-claim.mustache, ...): each file found there replaces the shipped one of the same name.")
    var template: String?

    @OptionGroup var log: LogOptions

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let maxInFlight, maxInFlight < 1 { throw ValidationError("--max-in-flight must be at least 1") }
        if let keep, keep < 1 { throw ValidationError("--keep must be at least 1") }
        // --out writes one folder and keeps nothing else, so --keep there would be silently ignored.
        if keep != nil && reports == nil { throw ValidationError("--keep goes with --reports ROOT (it prunes ROOT's run folders); --out keeps no old runs") }
    }

    func run() throws {
        let logger = log.bootstrap()
        guard let pipelinePath = pipeline ?? DefaultPipeline.path() else {
            throw fail(.pipelineError, "no pipeline file: pass --pipeline FILE (pipelines/default.yml was not found)")
        }
        let terminal = isatty(STDERR_FILENO) == 1
        var spec: ShardSpec?
        if let shard {
            do {
                spec = try ShardSpec.parse(shard, environment: ProcessInfo.processInfo.environment)
            } catch {
                throw fail(.usage, error.description)
            }
        }
        var settings = BatchRun.Settings(
            pipelinePath: pipelinePath, inputs: inputs, outputDirectory: out, reportsRoot: reports,
            statePath: state, full: full, keep: keep, metricsPath: metrics, jobs: jobs, maxInFlight: maxInFlight,
            progress: progress && terminal, templateDirectory: template)
        settings.shard = spec
        switch StateJournalOption.resolve(stateJournal) {
        case .success(let journal): settings.stateJournal = journal
        case .failure(let error): throw fail(.usage, error.description)
        }
        do {
            let outcome = try BatchRun(settings: settings, registry: Registry.stages, logger: logger).execute()
            let summary = outcome.summary
            if terminal {
                printError("claimsieve: \(summary.documents) documents (\(summary.skipped) unchanged), \(summary.claims) claims (\(summary.verdicts["unverified"] ?? 0) unverified), \(summary.failed) failed; report in \(outcome.reportDirectory)/report.html")
            }
            // Which failure the exit status tells, most serious first: nothing read at all, then
            // a monitor left with stale metrics, then some documents failed.
            // A shard writes summary.json only; the merge writes the report.
            let report = spec == nil ? "\(outcome.reportDirectory)/report.html and summary.json" : "\(outcome.reportDirectory)/summary.json"
            if summary.failed > 0 && summary.failed == summary.documents {
                printError("claimsieve: every document failed (\(summary.failed)); they are listed in \(report)", level: .error)
                throw ExitStatus.allFailed.exitCode
            }
            if let metricsError = outcome.metricsError {
                throw fail(.metricsNotWritable, metricsError)
            }
            if summary.failed > 0 {
                // Each failure was logged as it happened; this line says where they are listed.
                printError("claimsieve: \(summary.failed) of \(summary.documents) documents failed; they are listed in \(report)", level: .warning)
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
