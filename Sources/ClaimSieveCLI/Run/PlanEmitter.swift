import ClaimSieveCore
import ClaimSieveReports
import ClaimSieveState
import Foundation
import Logging

/// The sink of a run with a plan: writes processed inputs as they arrive and, before each, the
/// stored inputs that come earlier in input order. Called on the runner's serial sink queue only.
final class PlanEmitter: @unchecked Sendable {
    let plan: RunPlan
    let writer: ReportWriter
    let state: StateStore?
    let runID: String
    let fingerprint: String
    let lastReported: String?
    let logger: Logger
    let progress: ProgressLine?

    private var nextItem = 0
    private(set) var skippedDocuments = 0
    private(set) var freshCount = 0
    /// Claims of stored documents that were decoded to be rendered again (no pieces in the
    /// state, or a document the writer could not take as stored): 0 on a night where nothing
    /// changed over a state written with pieces. Logged as `stored_claims_decoded`.
    private(set) var storedDecoded = 0
    private(set) var saveError: (any Error)?

    init(plan: RunPlan, writer: ReportWriter, state: StateStore?, runID: String, fingerprint: String,
         lastReported: String?, logger: Logger, progress: ProgressLine?) {
        self.plan = plan
        self.writer = writer
        self.state = state
        self.runID = runID
        self.fingerprint = fingerprint
        self.lastReported = lastReported
        self.logger = logger
        self.progress = progress
    }

    func emitProcessed(_ output: PipelineRunner.Output) {
        let work = plan.work[output.index]
        emitStored(upTo: work.index)
        nextItem = work.index + 1
        let documents = output.documents
        var records = documents.map { document in
            document.failure == nil ? document.claims.map { ClaimRecord(claim: $0, document: document) } : []
        }
        // Each claim's report pieces, made once: kept in the state for the nights it is not
        // processed again, and in the spill for the end of this run.
        let pieces = zip(documents, records).map { writer.pieces(for: $0, records: $1) }
        if let state, saveError == nil {
            do {
                let saved = try state.save(path: work.document.id, sha256: work.sha256 ?? "", fingerprint: fingerprint,
                                           runID: runID, documents: documents, records: records, pieces: pieces,
                                           root: plan.roots[work.document.id], file: work.document.path,
                                           size: work.stat?.size, modified: work.stat?.modified)
                records = saved.records
                writer.addGone(saved.gone)
            } catch {
                saveError = error
                logger.error("cannot save \(work.document.path) in the state: \(error)")
            }
        }
        for (index, (document, documentRecords)) in zip(documents, records).enumerated() {
            writer.add(document, records: documentRecords, pieces: pieces[index], fresh: true)
            freshCount += documentRecords.filter { $0.change == nil || $0.change == "new" || $0.change == "updated" }.count
        }
        progress?.advance()
    }

    /// Writes the stored inputs left after the last processed one.
    func emitRemainingStored() {
        emitStored(upTo: plan.items.count)
    }

    /// A claim is fresh when its change was decided after the last report (for example by a
    /// run that was killed before it could report).
    private func isFresh(changedRun: String?) -> Bool {
        guard let lastReported, let changedRun else { return true }
        return changedRun > lastReported
    }

    /// Stored documents whose claims have their pieces: taken into the report as stored; a
    /// document the writer cannot take so (an editor's decision on it, pieces of another
    /// version) has its records decoded.
    private func emitStored(_ documents: [(document: Document, claims: [ClaimSpill.StoredClaim])]) {
        for (document, claims) in documents {
            if let fresh = writer.addStored(document, claims: claims, fresh: { claim, _ in isFresh(changedRun: claim.changedRun) }) {
                freshCount += fresh
            } else {
                var records: [ClaimRecord] = []
                var freshIDs: [String] = []
                for claim in claims {
                    guard let record = claim.record.withUnsafeBytes({ ClaimRecord(binary: $0) }) else {
                        saveError = saveError ?? StoredClaimUnreadable(doc: document.id)
                        logger.error("cannot read a stored claim of \(document.id) from the state")
                        return
                    }
                    records.append(record)
                    if isFresh(changedRun: claim.changedRun) {
                        freshIDs.append(record.id)
                        if record.change == "new" || record.change == "updated" { freshCount += 1 }
                    }
                }
                writer.add(document, records: records, fresh: false)
                if !freshIDs.isEmpty { writer.markFresh(freshIDs) }
                storedDecoded += records.count
            }
            skippedDocuments += 1
        }
    }

    /// A stored claim whose record does not decode.
    struct StoredClaimUnreadable: Error, CustomStringConvertible {
        var doc: String
        var description: String { "a stored claim of \(doc) cannot be read" }
    }

    private func emitStored(upTo end: Int) {
        while nextItem < end {
            if case .stored(let path) = plan.items[nextItem], let state {
                do {
                    if let documents = try state.storedClaims(path: path) {
                        emitStored(documents)
                        progress?.advance()
                        nextItem += 1
                        continue
                    }
                    for stored in try state.storedDocuments(path: path) {
                        // A claim is fresh when its change was decided after the last report
                        // (for example by a run that was killed before it could report).
                        let fresh = stored.records.filter { record in
                            guard let lastReported, let changed = stored.changedRun[record.id] else { return true }
                            return changed > lastReported
                        }
                        writer.add(stored.document, records: stored.records, fresh: false)
                        storedDecoded += stored.records.count
                        if !fresh.isEmpty {
                            // Marks those claims of the document just added.
                            writer.markFresh(fresh.map(\.id))
                            freshCount += fresh.filter { $0.change == "new" || $0.change == "updated" }.count
                        }
                        skippedDocuments += 1
                    }
                } catch {
                    saveError = error
                    logger.error("cannot read \(path) from the state: \(error)")
                }
                progress?.advance()
            }
            nextItem += 1
        }
    }
}
