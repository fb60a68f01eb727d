import ClaimSieveCore

/// `summary.json`: what a monitor or a script reads after a run.
public struct RunSummary: Sendable, Codable {
    public struct DocumentEntry: Sendable, Codable {
        public var doc: String
        public var title: String?
        public var format: String
        public var status: String
        public var claims: Int
        public var verdicts: [String: Int]
    }

    public struct FailureEntry: Sendable, Codable, Equatable {
        public var doc: String
        public var stage: String
        public var reason: String
    }

    public struct Timings: Sendable, Codable {
        public var wallSeconds: Double
        public var stageSeconds: [String: Double]
        enum CodingKeys: String, CodingKey {
            case wallSeconds = "wall_seconds"
            case stageSeconds = "stage_seconds"
        }
    }

    public var generatedAt: String
    public var pipeline: String
    public var inputs: Int
    public var documents: Int
    public var processed: Int
    public var skipped: Int
    public var failed: Int
    public var claims: Int
    public var verdicts: [String: Int]
    public var changes: [String: Int]?
    public var perDocument: [DocumentEntry]
    public var failures: [FailureEntry]
    public var timings: Timings

    enum CodingKeys: String, CodingKey {
        case generatedAt = "generated_at"
        case pipeline, inputs, documents, processed, skipped, failed, claims, verdicts, changes
        case perDocument = "per_document"
        case failures, timings
    }
}
