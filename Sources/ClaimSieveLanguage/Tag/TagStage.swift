public import ClaimSieveCore

/// `tag`: finds cue spans and the source of every claim. (Stub.)
public struct TagStage: Stage {
    public struct Options: StageOptions {
        /// Lexicon files, relative to the pipeline file; empty means the built-in `lexicons/en.yml`.
        public var lexicons: [String] = []
        public enum CodingKeys: String, CodingKey, CaseIterable { case lexicons }
        public init() {}
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            lexicons = try container.decodeIfPresent([String].self, forKey: .lexicons) ?? []
        }
    }

    public static let name = "tag"
    public static let summary = "Finds uncertainty cues and sources from the lexicon (data, not code)."

    public init(options: Options = Options(), context: StageContext = StageContext(baseDirectory: ".")) throws {}

    public func process(_ document: Document) throws -> Document { document }
}
