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
    /// Claims of stored documents decoded from the state to be reported again: 0 on a night
    /// that takes the spill the last report kept. Logged as `stored_claims_decoded`.
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
        if let state, saveError == nil {
            do {
                let saved = try state.save(path: work.id, sha256: work.sha256 ?? "", fingerprint: fingerprint,
                                           runID: runID, documents: documents, records: records,
                                           root: plan.roots[work.id], file: work.path,
                                           size: work.stat?.size, modified: work.stat?.modified)
                records = saved.records
                writer.addGone(saved.gone)
            } catch {
                saveError = error
                logger.error("cannot save \(work.path) in the state: \(error)")
            }
        }
        for (document, documentRecords) in zip(documents, records) {
            writer.add(document, records: documentRecords, fresh: true)
            freshCount += documentRecords.filter { $0.change == nil || $0.change == "new" || $0.change == "updated" }.count
        }
        progress?.advance()
    }

    /// Every input is stored and the writer took the spill the last report kept
    /// (`ReportWriter.adoptKept`), which holds their `documents`: nothing is read from the state.
    func takeKept(documents: Int) {
        for _ in nextItem..<plan.items.count { progress?.advance() }
        nextItem = plan.items.count
        skippedDocuments = documents
    }

    /// Writes the stored inputs left after the last processed one.
    func emitRemainingStored() {
        emitStored(upTo: plan.items.count)
    }

    private func emitStored(upTo end: Int) {
        while nextItem < end {
            if case .stored(let path) = plan.items[nextItem], let state {
                do {
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
