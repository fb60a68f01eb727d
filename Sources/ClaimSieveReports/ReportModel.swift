public import ClaimSieveCore
import Foundation

/// What the reports are made of besides the claims: counts, gone claims and skipped inputs.
/// The claims and each document's facts stream to a `ClaimSpill` on disk (its `documents`
/// table), so this stays small whatever the number of documents and claims: what it keeps
/// grows only with the failed documents, the publishers and the languages.
public struct ReportModel: Sendable {
    /// What the reports need of one document once its blocks are dropped.
    public struct DocumentFacts: Sendable, Codable {
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
        /// The article's address (canonical URL, else the first claim's `url`), nil when unknown.
        public var url: String? = nil
        /// The outlet, the author line and the publication date as the page gave them.
        public var publisher: String? = nil
        public var byline: String? = nil
        public var published: String? = nil
    }

    /// Documents added, failed ones included (their facts are in the spill, in input order).
    public private(set) var documentCount = 0
    /// The failed documents in input order, as listed in the report and `summary.json`.
    public private(set) var failures: [RunSummary.FailureEntry] = []
    /// Documents not failed by language code, "unknown" when it could not be told.
    private(set) var languages: [String: Int] = [:]
    /// Publishers in order of first appearance, and each one's index.
    private(set) var publishers: [String] = []
    private(set) var publisherIndex: [String: Int] = [:]
    /// Claims in the report.
    public var claimCount = 0
    /// Claims of the report by verdict.
    public var verdictCounts: [Verdict: Int] = [:]
    /// Claims of the report by `change`; empty without run state.
    public var changeCounts: [String: Int] = [:]
    /// Claims of the previous run that are no longer found.
    public var gone: [ClaimRecord] = []
    /// What was found under the input roots and not processed, with why (every input is accounted for).
    public var notProcessed: [InputWalker.Skipped] = []
    /// Claims with an editor's decision, and those among them whose text changed after it.
    public var reviewed = 0
    public var reviewStale = 0

    /// An empty model; the writer fills it as documents arrive.
    public init() {}

    @discardableResult
    mutating func add(_ document: Document, records: [ClaimRecord]) -> DocumentFacts {
        add(document, claims: records.lazy.map { ($0.verdict, $0.change, $0.review) }, count: records.count,
            firstURL: records.first?.url)
    }

    /// Adds a document from what the model needs of each claim (verdict, change, decision) and
    /// its first claim's address.
    @discardableResult
    mutating func add<Claims: Sequence>(_ document: Document, claims: Claims, count: Int, firstURL: String?) -> DocumentFacts
    where Claims.Element == (Verdict, String?, Review?) {
        var verdicts: [Verdict: Int] = [:]
        for (verdict, change, review) in claims {
            verdicts[verdict, default: 0] += 1
            if let change { changeCounts[change, default: 0] += 1 }
            if let review {
                reviewed += 1
                if review.stale == true { reviewStale += 1 }
            }
        }
        for (verdict, count) in verdicts { verdictCounts[verdict, default: 0] += count }
        claimCount += count
        let facts = DocumentFacts(id: document.id, title: document.metadata.title, format: document.format,
                                  failure: document.failure, claims: count, verdicts: verdicts,
                                  language: document.metadata.language,
                                  url: document.metadata.canonicalURL ?? firstURL,
                                  publisher: document.metadata.publisher, byline: document.metadata.byline,
                                  published: document.metadata.published)
        countDocument(facts)
        return facts
    }

    /// Counts a document whose facts go to the spill (by `add`, or read back from a kept
    /// spill): what the summary and the reports need of all documents together.
    mutating func countDocument(_ facts: DocumentFacts) {
        documentCount += 1
        if let failure = facts.failure {
            failures.append(RunSummary.FailureEntry(doc: facts.id, stage: failure.stage, reason: failure.reason))
        } else {
            languages[facts.language ?? "unknown", default: 0] += 1
        }
        if let publisher = facts.publisher, publisherIndex[publisher] == nil {
            publisherIndex[publisher] = publishers.count
            publishers.append(publisher)
        }
    }

    /// The summary without its `perDocument` entries (`SummaryJSON` writes them from the spill).
    func summary(pipeline: String, statistics: PipelineRunner.Statistics, skipped: Int) -> RunSummary {
        var verdicts: [String: Int] = [:]
        for verdict in Verdict.allCases { verdicts[verdict.rawValue] = verdictCounts[verdict] ?? 0 }
        var changes: [String: Int]?
        if !changeCounts.isEmpty || !gone.isEmpty {
            var counts = ["new": 0, "updated": 0, "unchanged": 0, "gone": gone.count]
            for (change, count) in changeCounts { counts[change, default: 0] += count }
            changes = counts
        }
        let rounded = statistics.stageSeconds.mapValues { ($0 * 1000).rounded() / 1000 }
        let roundedCPU = statistics.stageCPUSeconds.mapValues { ($0 * 1000).rounded() / 1000 }
        return RunSummary(
            generatedAt: ISO8601DateFormatter().string(from: Date()),
            pipeline: pipeline, inputs: statistics.inputs, documents: documentCount,
            processed: documentCount - skipped, skipped: skipped, failed: failures.count,
            claims: claimCount, verdicts: verdicts, languages: languages, changes: changes,
            perDocument: [], failures: failures, skippedInputs: notProcessed,
            timings: .init(wallSeconds: (statistics.wallSeconds * 1000).rounded() / 1000, stageSeconds: rounded,
                             stageCPUSeconds: roundedCPU))
    }

    /// The `per_document` entry of one document.
    static func entry(_ facts: DocumentFacts) -> RunSummary.DocumentEntry {
        RunSummary.DocumentEntry(
            doc: facts.id, title: facts.title, format: facts.format.rawValue,
            status: facts.failure == nil ? "ok" : "failed", claims: facts.claims,
            verdicts: Dictionary(uniqueKeysWithValues: facts.verdicts.map { ($0.key.rawValue, $0.value) }),
            language: facts.language)
    }
}
