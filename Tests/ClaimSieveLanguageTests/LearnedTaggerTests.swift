import ClaimSieveCore
import ClaimSieveLanguage
import ClaimSieveTestSupport
import Foundation
import Testing

/// The learned taggers: training is deterministic, the file round-trips, and the lexicon stays
/// the editor's lever (its phrases keep their category, its exclusions beat the model).
@Suite("Learned tagger")
struct LearnedTaggerTests {
    /// A tiny hedge corpus: "perhaps" and "might" are hedges; "denying" is not.
    static let hedgeLines = [
        #"{"id":"1","text":"Perhaps the plan works.","label":"uncertain","cues":[{"start":0,"end":7,"text":"Perhaps","type":"epistemic"}],"split":"train"}"#,
        #"{"id":"2","text":"The plan might work.","label":"uncertain","cues":[{"start":9,"end":14,"text":"might","type":"epistemic"}],"split":"train"}"#,
        #"{"id":"3","text":"The plan works.","label":"certain","cues":[],"split":"train"}"#,
        #"{"id":"4","text":"It might rain, perhaps.","label":"uncertain","cues":[{"start":3,"end":8,"text":"might","type":"epistemic"},{"start":15,"end":22,"text":"perhaps","type":"epistemic"}],"split":"train"}"#,
        #"{"id":"5","text":"Café owners might say no.","label":"uncertain","cues":[{"start":12,"end":17,"text":"might","type":"epistemic"}],"split":"dev"}"#,
        #"{"id":"6","text":"Officials kept denying flu vaccines.","label":"certain","cues":[],"split":"train"}"#,
    ]

    static func hedgeFile() throws -> String {
        // The file's name names its corpus, and the corpus is part of the model: a fixed name.
        let directory = NSTemporaryDirectory() + "hedges-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/hedges.jsonl"
        try (hedgeLines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// One training order (`hedgeOrders = 1`): the toy corpora hold each cue once or twice, and
    /// the mean of runs that read them in other orders is a smaller toy, not what these tests ask.
    static let options: ModelTrainer.Options = {
        var options = ModelTrainer.Options(epochs: 5, bucketBits: 12)
        options.hedgeOrders = 1
        return options
    }()

    static func trainHedge(lexicon: Lexicon) throws -> SequenceModel {
        let sentences = try TrainingCorpus.readHedges(path: try hedgeFile())
        return ModelTrainer.trainHedge(sentences.filter { $0.split == "train" }, tagger: try CueTagger(lexicon: lexicon), options: options)
    }

    static func lexicon(_ yaml: String) throws -> Lexicon {
        var lexicon = Lexicon()
        try lexicon.add(yaml: yaml, file: "test.yml")
        return lexicon
    }

    @Test func codePointOffsetsBecomeByteOffsets() throws {
        let sentences = try TrainingCorpus.readHedges(path: try Self.hedgeFile())
        let cafe = try #require(sentences.first { $0.id == "5" })
        // "Café" is 5 bytes, so "might" at code point 12 starts at byte 13.
        #expect(cafe.cues.map(\.start) == [13])
        #expect(cafe.split == "dev")
    }

    @Test func theSameDataGiveAByteIdenticalModelThatRoundTrips() throws {
        let lexicon = try Self.lexicon("cues: []")
        let first = try Self.trainHedge(lexicon: lexicon).serialized()
        let second = try Self.trainHedge(lexicon: lexicon).serialized()
        #expect(first == second)
        let path = NSTemporaryDirectory() + "hedge-\(UUID().uuidString).model"
        try first.write(to: URL(fileURLWithPath: path))
        let loaded = try SequenceModel.load(path: path)
        #expect(loaded.serialized() == first)
        #expect(loaded.name == "hedge" && loaded.tags == ["O", "B-hedge", "I-hedge"])
    }

    @Test func aBrokenModelFileIsRefusedWithItsPath() throws {
        let path = NSTemporaryDirectory() + "broken-\(UUID().uuidString).model"
        try Data("not a model".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: ModelFileError.self) { try SequenceModel.load(path: path) }
        do {
            _ = try SequenceModel.load(path: path)
        } catch {
            #expect("\(error)".contains(path))
        }
    }

    @Test func modelCuesSayByModelAndTheLexiconKeepsItsCategoryAndExclusions() throws {
        let empty = try Self.lexicon("cues: []")
        let model = try Self.trainHedge(lexicon: empty)
        let plain = try CueTagger(lexicon: empty, models: TaggerModels(hedge: model))
        let learned = plain.tag("The deal might collapse.")
        #expect(learned.cues.map(\.text) == ["might"])
        #expect(learned.cues.first?.by == .model)
        #expect(learned.cues.first?.category == .speculation)

        // A lexicon phrase is a cue of its category, whatever the model says.
        let named = try CueTagger(
            lexicon: try Self.lexicon("cues:\n  - {phrase: might, category: weasel}"), models: TaggerModels(hedge: model))
        let lexiconCue = named.tag("The deal might collapse.")
        #expect(lexiconCue.cues.map(\.category) == [.weasel])
        #expect(lexiconCue.cues.first?.by == nil)

        // A neutral phrase (an exclusion) beats the model.
        let excluded = try CueTagger(
            lexicon: try Self.lexicon("cues:\n  - {phrase: might collapse, category: neutral}"), models: TaggerModels(hedge: model))
        #expect(excluded.tag("The deal might collapse.").cues.isEmpty)
    }

    /// The hedge model trains on feature set 3 by default and on set 4 (the attribution model's
    /// wider windows) when asked; a tagger reads either, alone or beside a set-4 attribution model.
    @Test func theHedgeModelNamesTheFeatureSetItWasTrainedOn() throws {
        let empty = try Self.lexicon("cues: []")
        let sentences = try TrainingCorpus.readHedges(path: try Self.hedgeFile()).filter { $0.split == "train" }
        let narrow = try Self.trainHedge(lexicon: empty)
        #expect(narrow.featureSet == 3)
        var wideOptions = Self.options
        wideOptions.hedgeFeatureSet = 4
        let wide = ModelTrainer.trainHedge(sentences, tagger: try CueTagger(lexicon: empty), options: wideOptions)
        #expect(wide.featureSet == 4)
        #expect(narrow.serialized() != wide.serialized())
        for model in [wide, narrow] {
            let tagger = try CueTagger(lexicon: empty, models: TaggerModels(hedge: model))
            #expect(tagger.tag("The deal might collapse.").cues.map(\.text) == ["might"])
        }
        let both = try SentenceAnalyzer(modelCues: .speech)
        let withWide = try CueTagger(
            lexicon: empty,
            models: TaggerModels(attribution: try #require(both.tagger.models.attribution), hedge: wide, cues: .speech))
        #expect(withWide.tag("The deal might collapse.").cues.map(\.text) == ["might"])
    }

    @Test func modelCuesDecideVerdictsThroughTheAnalyzer() throws {
        let empty = try Self.lexicon("cues: []")
        let model = try Self.trainHedge(lexicon: empty)
        let analyzer = SentenceAnalyzer(tagger: try CueTagger(lexicon: empty, models: TaggerModels(hedge: model)))
        let claims = analyzer.analyze(["The deal might collapse.", "The deal collapsed."])
        #expect(claims.map(\.verdict) == [.unverified, .confirmed])
    }

    /// "would" after a speech verb is the tense of reported speech: the built-in hedge model marks
    /// it (the uncertainty corpora do), the `reported_future` word list drops it there only.
    @Test func wouldInReportedSpeechIsNoHedgeButKeepsItsPlaceElsewhere() throws {
        let analyzer = try SentenceAnalyzer(modelCues: .speech)
        let reported = analyzer.analyze(["The senator said he would vote against the bill."])[0]
        #expect(!reported.cues.contains { $0.text == "would" })
        #expect(reported.verdict == .attributed)
        // Alone, with no speech verb before it, a learned "would" stays a hedge.
        let path = NSTemporaryDirectory() + "would-\(UUID().uuidString).jsonl"
        let line = #"{"id":"1","text":"Prices would rise.","label":"uncertain","cues":[{"start":7,"end":12,"text":"would","type":"epistemic"}],"split":"train"}"#
        try (line + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let empty = try Self.lexicon("words: {reported_future: [would]}\ncues: []")
        let wouldModel = ModelTrainer.trainHedge(
            try TrainingCorpus.readHedges(path: path), tagger: try CueTagger(lexicon: empty), options: Self.options)
        let alone = SentenceAnalyzer(tagger: try CueTagger(lexicon: empty, models: TaggerModels(hedge: wouldModel)))
        #expect(alone.analyze(["Prices would rise."])[0].cues.map(\.text) == ["would"])
    }

    /// `speech` (the default) keeps a model's attribution cue only where it introduces what is said
    /// (a clause or a quotation); `all` keeps PolNeAR's deeds too; `off` adds none.
    @Test func aModelAttributionCueStaysWhereItIntroducesSpeech() throws {
        let deed = "The council announced the new parking rules on Tuesday."
        let all = try SentenceAnalyzer(modelCues: .all).analyze([deed])[0]
        #expect(all.cues.contains { $0.by == .model && $0.text == "announced" })
        #expect(all.verdict == .attributed)
        let speech = try SentenceAnalyzer(modelCues: .speech).analyze([deed])[0]
        #expect(!speech.cues.contains { $0.by == .model })
        #expect(speech.verdict == .confirmed)
        let clause = try SentenceAnalyzer(modelCues: .speech).analyze(["The senator lamented that the vote had been rushed."])[0]
        #expect(clause.cues.contains { $0.by == .model && $0.text == "lamented" })
        #expect(clause.verdict == .attributed)
        #expect(try SentenceAnalyzer(modelCues: .off).analyze([deed])[0].cues.isEmpty)
    }

    /// The pipeline file names the mode: `speech`, `all` (or `true`), `off` (or `false`); any
    /// other word is an error that lists them.
    @Test func thePipelineFileNamesTheModeOfModelCues() throws {
        let deed = TagLanguageTests.document(language: "en", ["The council announced the new parking rules on Tuesday."])
        func verdict(_ options: String) throws -> Verdict? {
            try VerdictStage().process(try TagLanguageTests.stage(options).process(deed)).claims.first?.verdict
        }
        #expect(try verdict("model_cues: speech\n") == .confirmed)
        #expect(try verdict("model_cues: all\n") == .attributed)
        #expect(try verdict("model_cues: true\n") == .attributed)
        #expect(try verdict("model_cues: false\n") == .confirmed)
        #expect { try TagLanguageTests.stage("model_cues: loud\n") } throws: { "\($0)".contains("off, speech, all") }
    }

    /// "would" right before its own speech verb is the reported refusal ("would not say"), not a
    /// hedge; a lexicon phrase a named agent cancels ("is considered ... by the United States")
    /// stays no cue even where the hedge model marks its words.
    @Test func reportedRefusalsAndNamedDesignationsAreNoHedges() throws {
        let analyzer = try SentenceAnalyzer(modelCues: .speech)
        let refusal = analyzer.analyze(["The airline would not say when flights would resume."])[0]
        #expect(!refusal.cues.contains { $0.text == "would" })
        #expect(refusal.verdict == .attributed)
        let designation = analyzer.analyze(["The militia is considered a terrorist group by Japan and Australia."])[0]
        #expect(designation.cues.isEmpty)
        #expect(designation.verdict == .confirmed)
    }

    /// The committed models are the files their sidecars describe, load, and stay small. (Retraining
    /// them takes minutes in a debug build, so byte-identity is checked by `claimsieve train` runs,
    /// not here: see the README.)
    @Test func theCommittedModelsMatchTheirSidecars() throws {
        var total = 0
        for name in ["attribution", "hedge"] {
            let path = TestPaths.inRepository("pipelines/models/\(name).model")
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            total += data.count
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in data { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            let hex = String(hash, radix: 16)
            let sidecar = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path + ".json"))) as? [String: Any]
            #expect(sidecar?["model_fnv1a64"] as? String == String(repeating: "0", count: 16 - hex.count) + hex, "\(name)")
            #expect((sidecar?["command"] as? String)?.hasPrefix("claimsieve train ") == true)
            #expect(try SequenceModel.load(path: path).name == name)
        }
        #expect(total <= 20_000_000)
    }

    /// The attribution sidecar's PolNeAR figures keep `source_spans_exact` for the spans the
    /// product outputs and give the claim's model-widened mention its own key (`eval`'s two
    /// lines), and the speaker's name alone its own (`source_name_spans_exact`). The product
    /// outputs the claim's mention (`source.mention`) and each attribution cue's own `speaker`,
    /// so it finds more of PolNeAR's sources than the claim's speaker alone.
    @Test func theAttributionSidecarScoresTheProductsSourceSpansApartFromTheMention() throws {
        let path = TestPaths.inRepository("pipelines/models/attribution.model.json")
        let sidecar = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        let dev = try #require((sidecar?["figures"] as? [String: Any])?["dev"] as? [String: [String: [String: Double]]])
        for mode in ["model_cues_speech", "model_cues_all"] {
            let own = try #require(dev[mode]?["source_spans_exact"]?["f1"], "\(mode)")
            let mention = try #require(dev[mode]?["source_mention_spans_exact"]?["f1"], "\(mode)")
            #expect(mention < own, "\(mode): each cue's own speaker adds matches to the claim's mention alone")
            if let name = dev[mode]?["source_name_spans_exact"]?["f1"] {
                #expect(name < own, "\(mode): the mention the claim outputs adds matches to the name alone")
            }
        }
    }

    /// Two corpora that disagree: the reviews mark "or" as a hedge, the encyclopedia does not;
    /// both mark "might". Each corpus's own copy of the features keeps its convention, and a
    /// tagger asks for the one it wants (`hedgeDomain`); the file's name names the corpus.
    @Test func eachCorpusKeepsItsOwnHedgeConventions() throws {
        func record(_ id: Int, _ text: String, _ cues: [String]) -> String {
            let spans = cues.map { cue -> String in
                let start = text.distance(from: text.startIndex, to: text.range(of: cue)!.lowerBound)
                return #"{"start":\#(start),"end":\#(start + cue.count),"text":"\#(cue)","type":"speculation"}"#
            }
            let label = cues.isEmpty ? "certain" : "uncertain"
            return #"{"id":"\#(id)","text":"\#(text)","label":"\#(label)","cues":[\#(spans.joined(separator: ","))],"split":"train"}"#
        }
        let texts = ["Red or blue paint is sold here.", "Tea or coffee comes with it.", "The plan might work.", "The shop opens at nine."]
        let directory = NSTemporaryDirectory() + "corpora-\(UUID().uuidString)/"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, orIsHedge) in [("reviews", true), ("encyclopedia", false)] {
            let lines = texts.enumerated().map { index, text in
                record(index, text, text.contains("might") ? ["might"] : text.contains(" or ") && orIsHedge ? ["or"] : [])
            }
            try (lines.joined(separator: "\n") + "\n").write(toFile: directory + name + ".jsonl", atomically: true, encoding: .utf8)
        }
        let sentences = try TrainingCorpus.readHedges(path: directory + "reviews.jsonl")
            + TrainingCorpus.readHedges(path: directory + "encyclopedia.jsonl")
        #expect(Set(sentences.map(\.domain)) == ["reviews", "encyclopedia"])
        let empty = try Self.lexicon("cues: []")
        let model = ModelTrainer.trainHedge(sentences, tagger: try CueTagger(lexicon: empty), options: Self.options)
        func cues(_ domain: String) throws -> [String] {
            var models = TaggerModels(hedge: model)
            models.hedgeDomain = domain
            return try CueTagger(lexicon: empty, models: models).tag("Milk or sugar might be added.").cues.map(\.text)
        }
        let reviews = try cues("reviews")
        let encyclopedia = try cues("encyclopedia")
        #expect(reviews == ["or", "might"])
        #expect(!encyclopedia.contains("or"))
        #expect(model.domains == ["encyclopedia", "reviews"])
    }

    /// Real pages (c181): with the speech cue bias chosen on PolNeAR alone (120), the attribution
    /// model marked a sentence's first name as a cue ("James" of a TV show's news), turning plain
    /// facts into attributions; the bias held to ordinary prose (negatives) marks none there and
    /// still finds the verb that closes a quotation.
    @Test func theSpeechBiasLeavesAPlainFirstNameAlone() throws {
        let analyzer = try SentenceAnalyzer(modelCues: .speech)
        let fact = analyzer.analyze(["James Van Der Beek has been eliminated from “Dancing with the Stars.”"])[0]
        #expect(!fact.cues.contains { $0.by == .model })
        #expect(fact.verdict == .confirmed)
        let quoted = analyzer.analyze([
            "“What is the contingency if, for some reason, those commercial rockets are not available by 2024,” Aderholt asked."
        ])[0]
        #expect(quoted.verdict == .attributed)
        #expect(quoted.source?.text == "Aderholt")
    }

    /// `speech`: a quotation of one to three words is a title or a scare quote as often as speech,
    /// so a model cue beside one introduces nothing, unless it opens the sentence (dialogue); and
    /// a first- or second-person speaker outside a quotation is the writer's own voice.
    @Test func speechCuesNeedSpeechNotATitleOrTheWriter() throws {
        let analyzer = try SentenceAnalyzer(modelCues: .speech)
        let title = analyzer.analyze([
            "The second-generation AirPods offer support for “Hey, Siri” and include Apple’s upgraded H1 chip for fast pairing."
        ])[0]
        #expect(!title.cues.contains { $0.by == .model })
        #expect(title.verdict == .confirmed)
        let dialogue = analyzer.analyze(["“Oh my,” Lucas responded with a sigh."])[0]
        #expect(dialogue.verdict == .attributed)
        #expect(dialogue.source?.text == "Lucas")
        for writer in [
            "I later found that many people, especially teens, opt for more ironic options like Cruise Line or Well Water Drilling Service.",
            "In that presentation I talked about how the online world gives you many opportunities to step out of your comfort zone.",
        ] {
            let claim = analyzer.analyze([writer])[0]
            #expect(!claim.cues.contains { $0.by == .model && $0.category != .speculation }, "\(writer)")
            #expect(claim.verdict == .confirmed, "\(writer)")
        }
    }

    /// `speech` on real pages (c181, issue 10): a model cue passes only as someone's speech. Not on
    /// the first word (an imperative or a noun), not a verb of knowing (the writer vouches for what
    /// follows), not with "it"/"which" as its speaker, not passive (who was told is no speaker),
    /// not without any speaker in the sentence, not before a relative clause on its object, and a
    /// colon only before a quotation.
    @Test func speechCuesAreSomeonesSpeech() throws {
        let analyzer = try SentenceAnalyzer(modelCues: .speech)
        for fact in [
            "Challenges that need to be performed within a week, even after the game is over",
            "Schiff also knows that voters have an upcoming rendezvous with the reports of Michael Horowitz and John Durham.",
            "It shows that despite all the known harms of air pollution, the pressure for economic development remains immense.",
            "In a company email sent by chairman Marcelo Claure, employees were told that layoffs will begin this week in the U.S.",
            "His main hobby was playing guitar and saxophone for a band, and nothing indicated that he was sticking either of these instruments up his nostrils.",
            "Dashlane offers a free version of its software that allows you to manage up to 50 passwords with autofill functionality.",
            "WIRED25: Stories of people who are racing to save us",
            "We have found no evidence to corroborate this claim.",
        ] {
            let claim = analyzer.analyze([fact])[0]
            #expect(claim.cues.isEmpty, "\(fact)")
            #expect(claim.verdict == .confirmed, "\(fact)")
        }
        let headline = analyzer.analyze(["Anthony Lynn: “We needed to win this game”"])[0]
        #expect(headline.verdict == .attributed)
        #expect(headline.source?.text == "Anthony Lynn")
        let alleging = analyzer.analyze(["The Democrats are alleging that Trump's call with his Ukrainian counterpart was irregular."])[0]
        #expect(alleging.verdict == .attributed)
        #expect(alleging.source?.text == "The Democrats")
        // A finding without an author is an unnamed source.
        let studies = analyzer.analyze(["Studies indicate that yoga can help encourage healthy eating habits and reduce the risk of emotional eating."])[0]
        #expect(studies.verdict == .unverified)
        #expect(studies.source?.named == false)
        // One study in particular, or a poll by name, is named.
        for named in [
            "According to the study, published in BMJ Case Reports, the 43-year-old man had suffered months of coughing.",
            "A new ABC News poll shows that most voters support impeachment.",
        ] {
            let claim = analyzer.analyze([named])[0]
            #expect(claim.source?.named == true, "\(named)")
            #expect(claim.verdict == .attributed, "\(named)")
        }
    }

    /// `speech`: a belief inside what a named speaker says is the speaker's ("said he thought"):
    /// the hedge model's cue there does not make the sentence unverified; outside speech it does.
    @Test func aBeliefInsideReportedSpeechIsTheSpeakers() throws {
        let analyzer = try SentenceAnalyzer(modelCues: .speech)
        for reported in [
            "Jeff Sanborn, president of Chapter & Verse, said he thought South Dakota’s campaign was brilliant.",
            "Usov says the family thought they’d never see the cat again.",
        ] {
            let claim = analyzer.analyze([reported])[0]
            #expect(!claim.cues.contains { $0.category == .speculation }, "\(reported)")
            #expect(claim.verdict == .attributed, "\(reported)")
        }
        let belief = analyzer.analyze(["Trump thought voters would repudiate impeachment and vindicate him."])[0]
        #expect(belief.cues.contains { $0.category == .speculation && $0.by == .model })
        #expect(belief.verdict == .unverified)
    }



    /// Lexicon exclusions the hedge model meets on real pages: thinking of or about something,
    /// assuming a role, "for fear that" and the absence of evidence are no doubt.
    @Test func recallingAndTakingOnAreNoHedges() throws {
        let analyzer = try SentenceAnalyzer(modelCues: .speech)
        for fact in [
            "When I got word that a deal had finally been struck, I immediately thought of Elise Matthesen.",
            "He has alternated displays of anger and warmth toward Beijing and assumed the role of the insatiable negotiator.",
            "The prince went ahead with the interview despite advice from aides not to do so, for fear that the media fiasco would inflict disaster on the monarchy.",
        ] {
            let claim = analyzer.analyze([fact])[0]
            #expect(!claim.cues.contains { $0.category == .speculation }, "\(fact)")
            #expect(claim.verdict == .confirmed, "\(fact)")
        }
        // "think" with its object further on is still a belief.
        let belief = analyzer.analyze(["I think the importance of empathetic listening is the biggest lesson I’ve learned."])[0]
        #expect(belief.verdict == .unverified)
    }
}

