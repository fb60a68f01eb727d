public import ClaimSieveCore

/// Tags and judges sentences without a pipeline, as `claimsieve tag` and `claimsieve eval` need:
/// sentences in, claims with cues, source, verdict and score out.
///
/// Consecutive sentences given to one `analyze` call are one document, so the context rules
/// (a quotation after its speaker, "he told VOA") apply exactly as in a pipeline run.
public struct SentenceAnalyzer: Sendable {
    /// The compiled lexicon.
    public let tagger: CueTagger

    /// Loads the lexicon files (the built-in English lexicon when empty) and the model files (the
    /// built-in models when nil, none when empty); `modelCues` as the `tag` stage's `model_cues`.
    /// `hedgeDomain` as `TaggerModels.hedgeDomain`.
    public init(
        lexiconPaths: [String] = [], modelPaths: [String]? = nil, modelCues: ModelCues = .default,
        hedgeDomain: String? = TaggerModels.defaultHedgeDomain
    ) throws {
        var models = try modelPaths.map { try TaggerModels.load(paths: $0, cues: modelCues) }
            ?? TaggerModels.builtIn(cues: modelCues)
        models.hedgeDomain = hedgeDomain
        tagger = try CueTagger(lexiconPaths: lexiconPaths, models: models)
    }

    /// Reuses a compiled tagger, e.g. one built from a lexicon in code.
    public init(tagger: CueTagger) {
        self.tagger = tagger
    }

    /// One claim per sentence, in order.
    public func analyze(_ sentences: [String]) -> [Claim] {
        analyze(sentences, firstIsHeadline: false)
    }

    /// One claim per sentence; with `firstIsHeadline` the first sentence is the document's
    /// headline and may inherit the hedge of the body sentence it restates.
    public func analyze(_ sentences: [String], firstIsHeadline: Bool) -> [Claim] {
        var claims = sentences.enumerated().map { index, text in
            Claim(id: "", block: 0, sentence: index, text: text, isHeadline: firstIsHeadline && index == 0)
        }
        TagStage(tagger: tagger).tag(&claims)
        VerdictStage.judge(&claims)
        return claims
    }
}
