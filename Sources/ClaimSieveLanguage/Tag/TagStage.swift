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
        /// Learned tagger files (`models/*.model`), relative to the pipeline file; nil (the key
        /// absent) means the built-in models, an empty list means the lexicon alone.
        public var models: [String]?
        /// Whether the models add cues of their own (`"by": "model"`), not only speakers the
        /// lexicon could not find. Off by default (see `TaggerModels.addsCues`).
        public var modelCues = false
        /// Every accepted key, so a misspelt option is an error with its line.
        public enum CodingKeys: String, CodingKey, CaseIterable {
            case lexicons, models
            case modelCues = "model_cues"
        }
        /// No lexicons listed: the built-in English lexicon.
        public init() {}
        /// Reads the `tag:` entry of a pipeline file.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            lexicons = try container.decodeIfPresent([String].self, forKey: .lexicons) ?? []
            models = try container.decodeIfPresent([String].self, forKey: .models)
            modelCues = try container.decodeIfPresent(Bool.self, forKey: .modelCues) ?? false
        }
    }

    /// The name in pipeline files: `- tag`.
    public static let name = "tag"
    /// Shown by `claimsieve stages`.
    public static let summary = "Finds uncertainty cues and sources from the lexicon (data, not code) and the learned models."

    /// The compiled lexicon, shared by all workers.
    public let tagger: CueTagger

    /// Loads and compiles the lexicons named by the pipeline file.
    public init(options: Options = Options(), context: StageContext = StageContext(baseDirectory: ".")) throws {
        let models = try options.models.map {
            try TaggerModels.load(paths: $0.map { context.resolve($0) }, addsCues: options.modelCues)
        }
        tagger = try CueTagger(
            lexiconPaths: options.lexicons.map { context.resolve($0) },
            models: models ?? TaggerModels.builtIn(addsCues: options.modelCues))
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
        var tagged: [TaggedSentence] = []
        tagged.reserveCapacity(claims.count)
        var insideQuotation = false
        for index in claims.indices {
            let paragraphStart = index == 0 || claims[index - 1].block != claims[index].block || claims[index].isHeadline
            if paragraphStart { insideQuotation = false }
            let sentence = tagger.tag(
                claims[index].text, context: SentenceContext(paragraphStart: paragraphStart, insideQuotation: insideQuotation))
            insideQuotation = sentence.endsInsideQuotation
            tagged.append(sentence)
        }
        DocumentContext.apply(tagged, to: &claims)
    }
}
