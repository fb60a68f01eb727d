import ClaimSieveCore
import ClaimSieveLanguage
import ClaimSieveTestSupport
import Foundation
import Testing

/// `eval --polnear` and the attribution model's own feature set, on a one-article PolNeAR file.
@Suite("PolNeAR evaluation")
struct PolNeAREvalTests {
    /// `"There is no single point of failure," he said.`: cue "said", source "he".
    static let article =
        #"{"id":"a1","text":"\"There is no single point of failure,\" he said.","sentences":[[0,47]],"attributions":[{"cue":[[42,46]],"source":[[39,41]],"content":[[1,36]]}]}"#

    static func articleFile() throws -> String {
        let path = NSTemporaryDirectory() + "polnear-\(UUID().uuidString).jsonl"
        try (article + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A predicted source span is where the tagger found the speaker, not the first place its text
    /// occurs: the "he" of "There" is not the speaker.
    @Test func aSourceSpanIsScoredWhereTheTaggerFoundIt() throws {
        let articles = try TrainingCorpus.readAttribution(path: try Self.articleFile())
        let scores = CorpusEvaluation.attribution(articles, analyzer: try SentenceAnalyzer(modelCues: .off))
        #expect(scores.sources.predicted == 1)
        #expect(scores.sources.truePositives == 1)
        #expect(scores.cues.truePositives == 1)
        #expect(scores.spanErrors.isEmpty)
    }

    /// A sentence reporting two people has two gold sources; each attribution cue's own speaker
    /// is scored beside the claim's, so both count (the claim has one `source`).
    @Test func eachCuesSpeakerIsAPredictedSourceSpan() throws {
        let line = #"{"id":"a2","text":"Bloomberg reports that the nominee has won among voters making $100,000 or more, according to the Roper Center for Public Opinion Research.","sentences":[[0,139]],"attributions":[{"cue":[[10,17]],"source":[[0,9]],"content":[[23,79]]},{"cue":[[81,93]],"source":[[94,138]],"content":[]}]}"#
        let path = NSTemporaryDirectory() + "polnear-\(UUID().uuidString).jsonl"
        try (line + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let articles = try TrainingCorpus.readAttribution(path: path)
        let scores = CorpusEvaluation.attribution(articles, analyzer: try SentenceAnalyzer(modelCues: .speech))
        #expect(scores.sources.predicted == 2, "\(scores.spanErrors)")
        #expect(scores.sources.truePositives == 2, "\(scores.spanErrors)")
        // The claim's own speaker alone finds one of them.
        #expect(scores.sourceNames.truePositives == 1)
    }

    /// The attribution model is trained on feature set 6 (set 4's wider windows, quotation marks,
    /// capitalised runs, word classes learned from the text and WordNet's supersenses), the file says so and
    /// round-trips with its word classes; a model of set 3 (the hedge model) still loads, and
    /// `attributionFeatureSet` 4 trains the model without word classes.
    @Test func theAttributionModelNamesItsFeatureSet() throws {
        var lexicon = Lexicon()
        try lexicon.add(yaml: "cues: []", file: "test.yml")
        let articles = try TrainingCorpus.readAttribution(path: try Self.articleFile())
        let model = ModelTrainer.trainAttribution(
            articles, tagger: try CueTagger(lexicon: lexicon), options: ModelTrainer.Options(epochs: 3, bucketBits: 12))
        #expect(model.featureSet == 6)
        #expect(model.clusters != nil)
        let path = NSTemporaryDirectory() + "attribution-\(UUID().uuidString).model"
        try model.serialized().write(to: URL(fileURLWithPath: path))
        let loaded = try SequenceModel.load(path: path)
        #expect(loaded.featureSet == 6)
        #expect(loaded.serialized() == model.serialized())
        var options = ModelTrainer.Options(epochs: 3, bucketBits: 12)
        options.attributionFeatureSet = 4
        let narrow = ModelTrainer.trainAttribution(articles, tagger: try CueTagger(lexicon: lexicon), options: options)
        #expect(narrow.featureSet == 4)
        #expect(narrow.clusters == nil)
        #expect(try SequenceModel.load(path: TestPaths.inRepository("pipelines/models/hedge.model")).featureSet == 3)
    }

    /// `attributionBucketBits` sizes the attribution model's table alone (`bucketBits` stays the
    /// hedge model's), and the model file says so.
    @Test func theAttributionTableHasItsOwnSize() throws {
        var lexicon = Lexicon()
        try lexicon.add(yaml: "cues: []", file: "test.yml")
        let articles = try TrainingCorpus.readAttribution(path: try Self.articleFile())
        var options = ModelTrainer.Options(epochs: 2, bucketBits: 12)
        options.attributionOrders = 1
        options.attributionBucketBits = 13
        let model = ModelTrainer.trainAttribution(articles, tagger: try CueTagger(lexicon: lexicon), options: options)
        #expect(model.bucketBits == 13)
        let path = NSTemporaryDirectory() + "attribution-\(UUID().uuidString).model"
        try model.serialized().write(to: URL(fileURLWithPath: path))
        #expect(try SequenceModel.load(path: path).bucketBits == 13)
        options.attributionBucketBits = nil
        #expect(ModelTrainer.trainAttribution(articles, tagger: try CueTagger(lexicon: lexicon), options: options).bucketBits == 12)
    }

    /// `--model-cues all`, PolNeAR's convention: a cue is its verb group. The lexicon's "said"
    /// takes the model's span "has said" and keeps its category; other modes keep the lexicon's span.
    @Test func underAllModelCuesALexiconCueTakesTheModelsVerbGroup() throws {
        let sentence = "The senator has said the vote was rushed."
        let all = try SentenceAnalyzer(modelCues: .all).analyze([sentence])[0]
        #expect(all.cues.contains { $0.text == "has said" && $0.category == .namedSource })
        #expect(all.verdict == .attributed)
        let speech = try SentenceAnalyzer(modelCues: .speech).analyze([sentence])[0]
        #expect(speech.cues.contains { $0.text == "said" })
    }

    /// `--model-cues all`: a lexicon phrase that holds its speaker ("Experts say") gives the words
    /// the model marks as the source back to the source; the cue is the verb, category and verdict
    /// stay the lexicon's. Other modes keep the lexicon's phrase.
    @Test func underAllModelCuesTheSpeakerLeavesALexiconCue() throws {
        let sentence = "Experts say the plan will fail."
        let all = try SentenceAnalyzer(modelCues: .all).analyze([sentence])[0]
        #expect(all.cues.map(\.text) == ["say"])
        #expect(all.cues.first?.category == .unnamedSource)
        #expect(all.verdict == .unverified)
        let speech = try SentenceAnalyzer(modelCues: .speech).analyze([sentence])[0]
        #expect(speech.cues.map(\.text) == ["Experts say"])
        #expect(speech.verdict == .unverified)
    }
}
