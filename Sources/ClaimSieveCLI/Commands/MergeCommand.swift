import ArgumentParser
import ClaimSieveCore
import ClaimSieveReports
import Logging
import Foundation

/// `claimsieve merge`: the shards of one run (`run --shard K/N`) into the reports one run over
/// every input would have written.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merges the shard results of `run --shard K/N` into the reports of one run over all inputs.",
        discussion: """
        Give the output folder of every shard (each holds shard.sqlite). The reports are those a \
        single run over every input writes: claims.jsonl byte for byte, corroboration and \
        contradictions across shards, the failures of every shard. A shard that is missing, has \
        not finished, or ran over other inputs or another pipeline stops the merge with exit 3 \
        and its name; nothing is written then.

        \(ExitStatus.helpText)
        """
    )

    @Argument(help: "The shards' output folders (each with shard.sqlite), in any order.")
    var shards: [String]

    @Option(name: .long, help: "Write claims.jsonl, report.html, report.md and summary.json into this folder.")
    var out: String

    @Option(name: .long, help: "Write Prometheus text-format metrics to this file (atomically).")
    var metrics: String?

    @Option(name: .long, help: "Report files written at once (default: the number of processors).")
    var jobs: Int?

    @OptionGroup var log: LogOptions

    func validate() throws {
        if shards.isEmpty { throw ValidationError("name the shards' output folders") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let logger = log.bootstrap()
        let started = Date()
        let merge: ShardMerge
        do {
            merge = try ShardMerge(folders: shards)
        } catch {
            throw fail(.shardMissing, error.description)
        }
        let manifest = merge.manifest
        let writer: ReportWriter
        do {
            writer = try ReportWriter(outputDirectory: out, formats: manifest.reports, pipelineName: manifest.pipeline)
        } catch {
            throw fail(.outputNotWritable, "cannot write to \(out): \(PathProblem.unwritable(out, createsFolders: true, fallback: error.localizedDescription))")
        }
        writer.parallelism = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        writer.corroborator = manifest.corroborateMinimumWords.map { Corroborator(minimumWords: $0) }
        let summary: RunSummary
        let totals: ShardMerge.Totals
        do {
            totals = try merge.feed(writer)
            summary = try writer.finish(statistics: totals.statistics, skipped: totals.skippedDocuments)
        } catch let error as ShardMergeError {
            writer.abandon()
            throw fail(.shardMissing, error.description)
        } catch {
            writer.abandon()
            throw fail(.outputNotWritable, "cannot write the report in \(out): \(error.localizedDescription)")
        }
        logger.info("merge finished", metadata: ["shards": "\(manifest.count)", "documents": "\(summary.documents)",
                                                 "claims": "\(summary.claims)"])
        if let metricsPath = metrics {
            let file = MetricsFile(
                durationSeconds: Date().timeIntervalSince(started) + totals.statistics.wallSeconds,
                processed: summary.processed, skipped: summary.skipped, failed: summary.failed,
                verdicts: summary.verdicts, newClaims: totals.freshClaims, success: summary.failed == 0,
                lastSuccess: summary.failed == 0 ? Date() : nil)
            do {
                try file.write(to: metricsPath)
            } catch {
                throw fail(.metricsNotWritable, "cannot write the metrics file \(metricsPath): \(PathProblem.unwritable(metricsPath, createsFolders: false, fallback: error.localizedDescription))")
            }
        }
        let report = "\(out)/report.html and summary.json"
        if summary.failed > 0 && summary.failed == summary.documents {
            printError("claimsieve: every document failed (\(summary.failed)); they are listed in \(report)", level: .error)
            throw ExitStatus.allFailed.exitCode
        }
        if summary.failed > 0 {
            printError("claimsieve: \(summary.failed) of \(summary.documents) documents failed; they are listed in \(report)", level: .warning)
            throw ExitStatus.partial.exitCode
        }
    }
}
