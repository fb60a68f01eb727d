import ClaimSieveCore
import ClaimSieveLanguage
import ClaimSieveTestSupport
import Foundation
import Testing

/// Scoring the public corpora in their own conventions (issue 10): PolNeAR's source spans are the
/// speaker's whole mention, its attributions include a vague crowd's words, and each hedge corpus
/// leaves out lexicon phrases it does not mark.
@Suite("Corpus conventions")
struct CorpusConventionTests {
    static func file(_ lines: [String], _ name: String = "polnear-\(UUID().uuidString)") throws -> String {
        let path = NSTemporaryDirectory() + name + ".jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// PolNeAR marks the speaker with its apposition ("Ryan Ellis, a Republican tax consultant");
    /// the claim names "Ryan Ellis". `sources` scores the claim's own span as the product outputs
    /// it (a miss here); `sourceMentions` scores the model's mention around the speaker (a hit).
    @Test func aSourceSpanIsScoredAsTheProductsAndApartAsTheWholeMention() throws {
        let text = "“It’s hard to avoid,” said Ryan Ellis, a Republican tax consultant."
        let scalars = Array(text.unicodeScalars)
        let sourceStart = 27, sourceEnd = scalars.count - 1
        #expect(String(String.UnicodeScalarView(scalars[sourceStart..<sourceEnd])) == "Ryan Ellis, a Republican tax consultant")
        let record = #"{"id":"a2","text":"\#(text)","sentences":[[0,\#(scalars.count)]],"attributions":[{"cue":[[22,26]],"source":[[\#(sourceStart),\#(sourceEnd)]],"content":[[0,21]]}]}"#
        let articles = try TrainingCorpus.readAttribution(path: try Self.file([record]))
        let analyzer = try SentenceAnalyzer(modelCues: .off)
        #expect(analyzer.analyze([text])[0].source?.text == "Ryan Ellis")
        let scores = CorpusEvaluation.attribution(articles, analyzer: analyzer)
        #expect(scores.sources.truePositives == 0)
        #expect(scores.sources.predicted == 1)
        #expect(scores.sourcesOverlap.truePositives == 1)
        #expect(scores.sourceMentions.truePositives == 1)
        #expect(scores.sourceMentions.predicted == 1)
        #expect(scores.report.contains("source spans (mention, model-widened)"))
    }

    /// With the model's cues on, the claim's source carries the whole mention ("Ryan Ellis, a
    /// Republican tax consultant" beside the name "Ryan Ellis"): the headline `sources` scores
    /// it (a hit), `sourceNames` the name alone (a miss).
    @Test func theClaimsMentionIsTheSourceSpanScored() throws {
        let text = "“It’s hard to avoid,” said Ryan Ellis, a Republican tax consultant."
        let scalars = Array(text.unicodeScalars)
        let sourceStart = 27, sourceEnd = scalars.count - 1
        let record = #"{"id":"a4","text":"\#(text)","sentences":[[0,\#(scalars.count)]],"attributions":[{"cue":[[22,26]],"source":[[\#(sourceStart),\#(sourceEnd)]],"content":[[0,21]]}]}"#
        let articles = try TrainingCorpus.readAttribution(path: try Self.file([record]))
        let analyzer = try SentenceAnalyzer(modelCues: .all)
        let source = try #require(analyzer.analyze([text])[0].source)
        #expect(source.text == "Ryan Ellis")
        #expect(source.mention?.text == "Ryan Ellis, a Republican tax consultant")
        let scores = CorpusEvaluation.attribution(articles, analyzer: analyzer)
        #expect(scores.sources.truePositives == 1)
        #expect(scores.sourceNames.truePositives == 0)
        #expect(scores.sourceNames.predicted == 1)
        #expect(scores.report.contains("source spans (speaker's name)"))
    }

    /// The mention is the sentence's own: "Police officials" beside "officials" (by default, the
    /// lexicon's cue); a "he" resolved from the sentence before names that speaker without the
    /// other sentence's mention (its offsets would point into the wrong text).
    @Test func aMentionStaysWithItsOwnSentence() throws {
        let analyzer = try SentenceAnalyzer(modelCues: .off)
        let police = try #require(analyzer.analyze(["Police officials said the suspect fled."])[0].source)
        #expect(police.text == "officials")
        #expect(police.mention == SourceMention(text: "Police officials", start: 0, end: 16))
        let claims = analyzer.analyze([
            "Carlineo’s attorney, Sonya Zoghlin, said the charges were baseless.", "He said the plan would work.",
        ])
        #expect(claims[0].source?.text == "Sonya Zoghlin")
        #expect(claims[0].source?.mention?.text.hasPrefix("Carlineo’s attorney, Sonya Zoghlin") == true)
        #expect(claims[1].source?.text == "Sonya Zoghlin")
        #expect(claims[1].source?.mention == nil)
    }

    /// With `all`, a colon the model marks as a cue by itself speaks only where it introduces
    /// something said: a quotation after it ("Sanders: “...”"), not a headline's or a list's
    /// colon ("Poll: Donald Trump Ties ...", which the model alone marks).
    @Test func aBareColonIsACueOnlyBeforeAQuotation() throws {
        let analyzer = try SentenceAnalyzer(modelCues: .all)
        let claims = analyzer.analyze([
            "Poll: Donald Trump Ties Hillary Clinton With Michael Bloomberg in a Three-Way Contest.",
        ])
        #expect(!claims[0].cues.contains { $0.text == ":" })
        #expect(claims[0].verdict == .confirmed)
        let quoted = analyzer.analyze(["Sanders: “Clinton needs to get away from all of this personality stuff.”"])
        #expect(quoted[0].cues.contains { $0.text == ":" && $0.by == .model })
        #expect(quoted[0].verdict == .attributed)
    }

    /// "Critics say the plan will fail." is the lexicon's `weasel` (a vague crowd's words) and
    /// PolNeAR's attribution: the sentence counts as attributed, with no speaker named.
    @Test func aVagueCrowdsWordsAreAnAttribution() throws {
        let text = "Critics say the plan will fail."
        let record = #"{"id":"a3","text":"\#(text)","sentences":[[0,31]],"attributions":[{"cue":[[8,11]],"source":[[0,7]],"content":[[12,30]]}]}"#
        let articles = try TrainingCorpus.readAttribution(path: try Self.file([record]))
        let analyzer = try SentenceAnalyzer(modelCues: .off)
        let claim = analyzer.analyze([text])[0]
        #expect(claim.cues.map(\.category) == [.weasel])
        #expect(claim.source == nil)
        let scores = CorpusEvaluation.attribution(articles, analyzer: analyzer)
        #expect(scores.sentences.truePositives == 1)
        #expect(scores.sentences.predicted == 1)
    }

    /// A corpus whose train split never marks "could" (ability: "cells could be stained") but
    /// marks "may": under its own conventions the lexicon's "could" is left to the models (with
    /// model cues off, no cue), "may" stays; the tagger `tag` uses keeps "could".
    @Test func aHedgePhraseTheCorpusDoesNotMarkIsLeftToTheModels() throws {
        var lines: [String] = []
        for index in 0..<6 {
            lines.append(#"{"id":"c\#(index)","text":"Cells could be stained with dye \#(index).","label":"certain","cues":[],"doc":"d\#(index)","split":"train"}"#)
            lines.append(#"{"id":"m\#(index)","text":"The protein may bind DNA \#(index).","label":"uncertain","cues":[{"start":12,"end":15,"text":"may","type":"epistemic"}],"doc":"d\#(index)","split":"train"}"#)
        }
        let sentences = try TrainingCorpus.readHedges(path: try Self.file(lines, "bio-\(UUID().uuidString)"))
        let analyzer = try SentenceAnalyzer(modelCues: .off)
        let conventions = HedgeConventions.learn(from: sentences, tagger: analyzer.tagger)
        #expect(conventions.phrases.map(\.phrase) == ["could"])
        #expect(conventions.phrases.first?.uses == 6)
        #expect(conventions.phrases.first?.marked == 0)
        let own = conventions.applied(to: analyzer.tagger)
        #expect(own.tag("The cells could be stained.").cues.isEmpty)
        #expect(own.tag("The protein may bind DNA.").cues.map(\.text) == ["may"])
        #expect(analyzer.tagger.tag("The cells could be stained.").cues.map(\.text) == ["could"])
    }

    /// Conventions are learned from train records that are not scored: scoring every record, or
    /// the train split, is refused (the figures would count sentences the conventions were
    /// learned on); scoring dev learns from all of train, and a dev record never counts.
    @Test func conventionsAreNeverLearnedOnScoredRecords() throws {
        var lines: [String] = []
        for index in 0..<6 {
            lines.append(#"{"id":"c\#(index)","text":"Cells could be stained with dye \#(index).","label":"certain","cues":[],"doc":"d\#(index)","split":"train"}"#)
        }
        // Dev marks "could" every time: were dev counted, 6 marked of 12 would not be "unmarked".
        for index in 0..<6 {
            lines.append(#"{"id":"v\#(index)","text":"It could rain \#(index).","label":"uncertain","cues":[{"start":3,"end":8,"text":"could","type":"epistemic"}],"doc":"v\#(index)","split":"dev"}"#)
        }
        let records = try TrainingCorpus.readHedges(path: try Self.file(lines, "bio-\(UUID().uuidString)"))
        let tagger = try SentenceAnalyzer(modelCues: .off).tagger
        for scored in [Array(records.indices), records.indices.filter { records[$0].split == "train" }] {
            #expect(throws: HedgeConventions.ScoredTrainRecords.self) {
                try HedgeConventions.learn(from: records, scoring: scored, tagger: tagger)
            }
        }
        do {
            _ = try HedgeConventions.learn(from: records, scoring: [0], tagger: tagger)
            Issue.record("a scored train record was accepted")
        } catch {
            #expect(error.count == 1)
            #expect(error.description.contains("--split dev"))
        }
        let dev = records.indices.filter { records[$0].split == "dev" }
        let conventions = try HedgeConventions.learn(from: records, scoring: dev, tagger: tagger)
        #expect(conventions.phrases.map { "\($0.phrase) \($0.marked)/\($0.uses)" } == ["could 0/6"])
    }

    /// Fewer than `minimumCount` uses judge nothing: four unmarked uses of "could" are too few.
    @Test func aRarePhraseIsNotJudged() throws {
        let lines = (0..<4).map {
            #"{"id":"c\#($0)","text":"Cells could be stained \#($0).","label":"certain","cues":[],"doc":"d","split":"train"}"#
        }
        let sentences = try TrainingCorpus.readHedges(path: try Self.file(lines, "bio-\(UUID().uuidString)"))
        let conventions = HedgeConventions.learn(from: sentences, tagger: try SentenceAnalyzer(modelCues: .off).tagger)
        #expect(conventions.unmarked.isEmpty)
    }
}

/// The speaker the attribution model marks beside the lexicon's (issue 10, speakers).
@Suite("Model speakers")
struct ModelSpeakerTests {
    /// "Senator Dianne Feinstein, Democrat of California, said ...": the name comes first and its
    /// apposition after; the lexicon looked after the verb and found "the program".
    @Test func aNameBeforeItsAppositionIsTheSpeaker() throws {
        let claim = try SentenceAnalyzer(modelCues: .off).analyze([
            "Senator Dianne Feinstein, Democrat of California, said the program has sent a terrible message."
        ])[0]
        #expect(claim.source?.text == "Senator Dianne Feinstein")
        #expect(claim.source?.named == true)
        #expect(claim.verdict == .attributed)
    }

    /// The lexicon took the adverb before "told" for a generic speaker ("forcefully"); the model
    /// marks none there but a named one before it, which speaks, and its cue is a named source's.
    @Test func aSpeakerTheModelDoesNotSeeGivesWayToANamedOne() throws {
        let claim = try SentenceAnalyzer(modelCues: .speech).analyze([
            "In a panel discussion this weekend in Washington, Marc H. Morial, the chief executive of the National Urban League, forcefully told the crowd that the plan had failed."
        ])[0]
        #expect(claim.source?.text == "Marc H. Morial")
        #expect(claim.cues.first { $0.text == "told" }?.category == .namedSource)
        #expect(claim.verdict == .attributed)
    }
}
