import ClaimSieveCore
import ClaimSieveReports
import Foundation

/// The part of `claimsieve run --shard K/N` that differs from a whole run: which inputs this
/// shard takes, and the shard result (`ShardResult`) it leaves for `claimsieve merge`.
///
/// Every shard walks every input (no byte is read to do so), so each knows the whole run's
/// input order and records, for each of its documents, its position in it: the merge puts the
/// documents of all shards back in that order.
struct ShardRun {
    let spec: ShardSpec
    /// Every input of the run, in input order.
    let walked: [InputWalker.Located]
    /// This shard's inputs, in input order.
    let entries: [InputWalker.Located]
    /// Each of `entries` with its position in `walked`.
    let positions: [(index: Int, identity: String)]

    init(spec: ShardSpec, walked: [InputWalker.Located]) {
        self.spec = spec
        self.walked = walked
        var entries: [InputWalker.Located] = []
        var positions: [(index: Int, identity: String)] = []
        for (index, located) in walked.enumerated() where spec.contains(identity: located.identity) {
            entries.append(located)
            positions.append((index, located.identity))
        }
        self.entries = entries
        self.positions = positions
    }

    /// A shard writes `summary.json` (its own documents, for a monitor of the shard) and the
    /// shard result; the other reports come from the merge, where corroboration sees every shard.
    static let formats = ["summary"]

    /// Writes `shard.sqlite` into the run's working folder, before the writer finishes.
    func writeResult(writer: ReportWriter, into directory: String, file: PipelineFile, fingerprint: String,
                     skippedDocuments: Int, freshClaims: Int, statistics: PipelineRunner.Statistics) throws {
        let manifest = ShardResult.Manifest(
            shard: spec, inputs: walked.count, inputsDigest: ShardResult.inputsDigest(walked.map(\.identity)),
            shardInputs: entries.count, pipeline: file.path, fingerprint: fingerprint, reports: file.reports,
            corroborator: writer.corroborator, skippedDocuments: skippedDocuments, freshClaims: freshClaims,
            statistics: statistics)
        try ShardResult.write(from: writer, entries: positions, manifest: manifest, into: directory)
    }
}
