public import ClaimSieveCore
import Foundation

/// What the reports are made of: kept small (claims and document facts, no blocks), so a run over
/// many thousands of pages still fits in memory.
public struct ReportModel: Sendable {
    /// What the reports need of one document once its blocks are dropped.
    public struct DocumentFacts: Sendable {
        /// The document id: input path, plus `#item-N` for a feed item.
        public var id: String
        /// The document's title, nil when it has none.
        public var title: String?
        /// What `fetch` recognised the input as.
        public var format: DocumentFormat
        /// Why the document failed, nil when it did not.
        public var failure: Failure?
        /// Number of claims it contributed to the report (0 for a failed document).
        public var claims: Int
        /// Its claims counted by verdict; a verdict with no claims is absent.
        public var verdicts: [Verdict: Int]
        /// Its language code ("en"), nil when it could not be told.
        public var language: String? = nil
    }

    /// Every document added, in input order, failed ones included.
    public var documents: [DocumentFacts] = []
    /// Every claim of the report, in input and text order.
    public var records: [ClaimRecord] = []
    /// Claims of the previous run that are no longer found.
    public var gone: [ClaimRecord] = []
    /// Claims decided since the last report (see `ReportWriter.add(_:records:fresh:)`).
    public var freshIDs: Set<String> = []
    /// What was found under the input roots and not processed, with why (every input is accounted for).
    public var notProcessed: [InputWalker.Skipped] = []

    /// An empty model; the writer fills it as documents arrive.
    public init() {}

    mutating func add(_ document: Document, records: [ClaimRecord], fresh: Bool) {
        if fresh { freshIDs.formUnion(records.map(\.id)) }
        var verdicts: [Verdict: Int] = [:]
        for record in records { verdicts[record.verdict, default: 0] += 1 }
        documents.append(DocumentFacts(id: document.id, title: document.metadata.title, format: document.format,
                                       failure: document.failure, claims: records.count, verdicts: verdicts,
                                       language: document.metadata.language))
        self.records.append(contentsOf: records)
    }

    /// The failed documents in input order, as listed in the report and `summary.json`.
    public var failures: [RunSummary.FailureEntry] {
        documents.compactMap { facts in
            facts.failure.map { RunSummary.FailureEntry(doc: facts.id, stage: $0.stage, reason: $0.reason) }
        }
    }

    func summary(pipeline: String, statistics: PipelineRunner.Statistics, skipped: Int) -> RunSummary {
        var verdicts: [String: Int] = [:]
        for verdict in Verdict.allCases { verdicts[verdict.rawValue] = 0 }
        for record in records { verdicts[record.verdict.rawValue, default: 0] += 1 }
        var changes: [String: Int]?
        if records.contains(where: { $0.change != nil }) || !gone.isEmpty {
            var counts = ["new": 0, "updated": 0, "unchanged": 0, "gone": gone.count]
            for record in records { if let change = record.change { counts[change, default: 0] += 1 } }
            changes = counts
        }
        let perDocument = documents.map { facts in
            RunSummary.DocumentEntry(
                doc: facts.id, title: facts.title, format: facts.format.rawValue,
                status: facts.failure == nil ? "ok" : "failed", claims: facts.claims,
                verdicts: Dictionary(uniqueKeysWithValues: facts.verdicts.map { ($0.key.rawValue, $0.value) }),
                language: facts.language)
        }
        var languages: [String: Int] = [:]
        for facts in documents where facts.failure == nil { languages[facts.language ?? "unknown", default: 0] += 1 }
        let rounded = statistics.stageSeconds.mapValues { ($0 * 1000).rounded() / 1000 }
        let roundedCPU = statistics.stageCPUSeconds.mapValues { ($0 * 1000).rounded() / 1000 }
        return RunSummary(
            generatedAt: ISO8601DateFormatter().string(from: Date()),
            pipeline: pipeline, inputs: statistics.inputs, documents: documents.count,
            processed: documents.count - skipped, skipped: skipped, failed: failures.count,
            claims: records.count, verdicts: verdicts, languages: languages, changes: changes,
            perDocument: perDocument, failures: failures, skippedInputs: notProcessed,
            timings: .init(wallSeconds: (statistics.wallSeconds * 1000).rounded() / 1000, stageSeconds: rounded,
                             stageCPUSeconds: roundedCPU))
    }

    /// Claims new or updated since the last report (judged statements only).
    var newSinceLastReport: [ClaimRecord] {
        records.filter {
            freshIDs.contains($0.id) && $0.kind == nil && $0.verdict.isJudged && ($0.change == "new" || $0.change == "updated")
        }
    }

    /// Statements of one verdict, grouped by document in input order. Questions, instructions and
    /// exclamations are in `groupedNonStatements` instead: they assert no fact to check.
    func grouped(_ verdict: Verdict) -> [(doc: String, title: String?, records: [ClaimRecord])] {
        grouped { $0.verdict == verdict && $0.kind == nil }
    }

    /// Questions, instructions and exclamations, grouped by document in input order.
    func groupedNonStatements() -> [(doc: String, title: String?, records: [ClaimRecord])] {
        grouped { $0.kind != nil }
    }

    private func grouped(_ include: (ClaimRecord) -> Bool) -> [(doc: String, title: String?, records: [ClaimRecord])] {
        var order: [String] = []
        var groups: [String: [ClaimRecord]] = [:]
        var titles: [String: String?] = [:]
        for record in records where include(record) {
            if groups[record.doc] == nil { order.append(record.doc) }
            groups[record.doc, default: []].append(record)
            titles[record.doc] = record.title
        }
        return order.map { ($0, titles[$0] ?? nil, groups[$0] ?? []) }
    }
}
