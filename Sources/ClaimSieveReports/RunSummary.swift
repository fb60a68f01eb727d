public import ClaimSieveCore

/// `summary.json`: what a monitor or a script reads after a run.
public struct RunSummary: Sendable, Codable {
    /// One element of `per_document`.
    public struct DocumentEntry: Sendable, Codable {
        /// The document id: input path, plus `#item-N` for a feed item.
        public var doc: String
        /// The document's title, absent when it has none.
        public var title: String?
        /// The recognised format: "html", "rss", "atom", "nitf", "xml" or "unknown".
        public var format: String
        /// "ok" or "failed".
        public var status: String
        /// Number of claims the document contributed.
        public var claims: Int
        /// Its claims counted by verdict; verdicts without claims are absent.
        public var verdicts: [String: Int]
        /// Its language code ("en", "de"), absent when it could not be told.
        public var language: String?
    }

    /// One failed document: which one, in which stage, and why.
    public struct FailureEntry: Sendable, Codable, Equatable {
        /// The failed document's id (input path, plus `#item-N` for a feed item).
        public var doc: String
        /// The stage that failed it.
        public var stage: String
        /// Why, in words an operator can act on.
        public var reason: String
    }

    /// Where the time went, in seconds rounded to milliseconds.
    public struct Timings: Sendable, Codable {
        /// Elapsed time of the processing, in seconds.
        public var wallSeconds: Double
        /// Seconds per stage name, summed over workers (so it may exceed `wallSeconds`).
        public var stageSeconds: [String: Double]
        /// CPU seconds per stage name, summed over workers: the stage's own work, without waiting
        /// (a `command` stage's program is not counted). `claimsieve-bench run` reads it.
        public var stageCPUSeconds: [String: Double]?
        enum CodingKeys: String, CodingKey {
            case wallSeconds = "wall_seconds"
            case stageSeconds = "stage_seconds"
            case stageCPUSeconds = "stage_cpu_seconds"
        }
    }

    /// When the summary was written, ISO 8601 in UTC.
    public var generatedAt: String
    /// The pipeline file's path.
    public var pipeline: String
    /// Input files the run was given.
    public var inputs: Int
    /// Documents in the report (a feed counts once per item), failed ones included.
    public var documents: Int
    /// Documents processed in this run, i.e. `documents` minus `skipped`.
    public var processed: Int
    /// Documents taken from the state because their input and pipeline were unchanged.
    public var skipped: Int
    /// Failed documents; more than 0 makes the exit code 1 (partial).
    public var failed: Int
    /// Claims in the report.
    public var claims: Int
    /// Claims by verdict; every verdict is present, 0 when it has none. `not_judged` counts the
    /// claims of documents in a language the pipeline has no lexicon for.
    public var verdicts: [String: Int]
    /// Claims among `claims` that are questions, instructions or exclamations (a `kind` in
    /// `claims.jsonl`): `verdicts` counts them too, as `claims.jsonl` gives every claim a
    /// verdict, but the reports keep them out of the verdict lists and their header counts, so
    /// `verdicts[v]` minus these claims of verdict `v` is what the reports show. Absent only in
    /// summaries written before it existed.
    public var nonStatements: Int?
    /// Documents processed (not failed) by language code, "unknown" when it could not be told;
    /// absent only in summaries written before it existed.
    public var languages: [String: Int]?
    /// Claims by `change` ("new", "updated", "unchanged", "gone"); nil without run state.
    public var changes: [String: Int]?
    /// One entry per document, in input order.
    public var perDocument: [DocumentEntry]
    /// Every failed document, in input order.
    public var failures: [FailureEntry]
    /// Everything found under the input roots and not processed, with why (hidden, other
    /// extension, unreadable, name not UTF-8, path too long, symlink outside the root, loop, not a
    /// regular file), in the order found; absent only in summaries written before it existed.
    public var skippedInputs: [InputWalker.Skipped]?
    /// Wall time and time per stage.
    public var timings: Timings

    enum CodingKeys: String, CodingKey {
        case generatedAt = "generated_at"
        case pipeline, inputs, documents, processed, skipped, failed, claims, verdicts, languages, changes
        case nonStatements = "non_statements"
        case perDocument = "per_document"
        case failures
        case skippedInputs = "skipped_inputs"
        case timings
    }
}
