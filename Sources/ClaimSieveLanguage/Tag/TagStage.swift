public import ClaimSieveCore

/// `tag`: finds cue spans and the source of every claim, then applies the document's context.
///
/// The lexicon is compiled once when the stage is built, so a malformed lexicon fails the run at
/// start-up with the file and phrase at fault instead of failing every document.
public struct TagStage: Stage {
    /// The stage's entry in a pipeline file.
    public struct Options: StageOptions {
        /// Lexicon files, relative to the pipeline file, loaded in order (a later file adds cues,
        /// one with `replace: true` starts over); empty means the built-in `lexicons/en.yml`.
        public var lexicons: [String] = []
        /// Every accepted key, so a misspelt option is an error with its line.
        public enum CodingKeys: String, CodingKey, CaseIterable { case lexicons }
        /// No lexicons listed: the built-in English lexicon.
        public init() {}
        /// Reads the `tag:` entry of a pipeline file.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            lexicons = try container.decodeIfPresent([String].self, forKey: .lexicons) ?? []
        }
    }

    /// The name in pipeline files: `- tag`.
    public static let name = "tag"
    /// Shown by `claimsieve stages`.
    public static let summary = "Finds uncertainty cues and sources from the lexicon (data, not code)."

    /// The compiled lexicon, shared by all workers.
    public let tagger: CueTagger

    /// Loads and compiles the lexicons named by the pipeline file.
    public init(options: Options = Options(), context: StageContext = StageContext(baseDirectory: ".")) throws {
        tagger = try CueTagger(lexiconPaths: options.lexicons.map { context.resolve($0) })
    }

    /// Uses an already compiled tagger (tests, `SentenceAnalyzer`).
    public init(tagger: CueTagger) {
        self.tagger = tagger
    }

    /// Tags the claims of one document together, so context rules see their neighbours.
    public func process(_ document: Document) throws -> Document {
        var document = document
        tag(&document.claims)
        return document
    }

    /// Tags claims that form one document, in order.
    public func tag(_ claims: inout [Claim]) {
        let tagged = claims.map { tagger.tag($0.text) }
        DocumentContext.apply(tagged, to: &claims)
    }
}
