public import ClaimSieveCore

/// `corroborate`: groups near-identical claims across documents (see `Corroborator`).
///
/// Unlike the other stages it needs every document of the run, so it does its work when the
/// report is written; naming it in the pipeline file switches that on and sets its options. Its
/// per-document step passes documents through unchanged.
public struct CorroborateStage: Stage {
    /// `min_words`: the fewest content words a claim needs to be grouped (default 5).
    public struct Options: StageOptions {
        public var minWords: Int = 5

        /// The option names in the pipeline file.
        public enum CodingKeys: String, CodingKey, CaseIterable { case minWords = "min_words" }

        /// The defaults.
        public init() {}

        /// Reads `min_words`, which must be from 2 to 50.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            minWords = try container.decodeIfPresent(Int.self, forKey: .minWords) ?? minWords
            guard (2...50).contains(minWords) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .minWords, in: container, debugDescription: "must be from 2 to 50, got \(minWords)")
            }
        }
    }

    /// The name used in pipeline files.
    public static let name = "corroborate"
    /// One line for `claimsieve stages`.
    public static let summary = "Groups near-identical claims across documents when the report is written: documents, independent sources, contradictions."

    /// What the report writer applies to all claims of the run.
    public let corroborator: Corroborator

    /// Builds the stage from its options.
    public init(options: Options = Options(), context: StageContext = StageContext(baseDirectory: ".")) {
        corroborator = Corroborator(minimumWords: options.minWords)
    }

    /// Passes the document through: the work happens across documents, in the report writer.
    public func process(_ document: Document) throws -> Document { document }
}
