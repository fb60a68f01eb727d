@testable import ClaimSieveLanguage
import ClaimSieveCore
import Testing

/// Which phrase speaks for an attribution cue when the words beside the verb are not its
/// subject: a relative clause with a subject of its own (`SpeakerFinder.before`), and a lexicon
/// phrase the attribution model does not mark (`CueTagger.modelSpeakerBeforeCue`).
@Suite struct SpeakerChoiceTests {
    static let all: SentenceAnalyzer = {
        do { return try SentenceAnalyzer(modelCues: .all) } catch { fatalError("built-in models: \(error)") }
    }()

    /// "tweets in which he called": "which" is the verb's object, "he" its subject; the speaker
    /// is "he" (resolved from the sentence before), not the words before "which".
    @Test func aRelativeClauseWithItsOwnSubjectKeepsIt() {
        let claims = Shared.analyzer.analyze([
            "Trump said the rally went well.",
            "He did not address his series of early-morning tweets in which he called a former Miss Universe “disgusting.”",
        ])
        #expect(claims[1].source?.text == "Trump", "\(String(describing: claims[1].source))")
        #expect(claims[1].source?.named == true)
        #expect(claims[1].context?.hasPrefix("“he” is Trump") == true, "\(claims[1].context ?? "nil")")
        // The relative as the clause's subject still gives way to the phrase before it.
        let official = Shared.claim("An official who was not authorized to speak publicly said the talks had failed.")
        #expect(official.source?.text == "An official", "\(String(describing: official.source))")
    }

    /// "He recently pitched himself to African-Americans by telling them": the lexicon's finder
    /// walks back from "telling" over "pitched himself to African-Americans by", a phrase that is
    /// nobody; the attribution model marks "He".
    @Test func theModelsSpeakerBeforeTheVerbBeatsAPhraseItDoesNotMark() {
        let claims = Self.all.analyze([
            "Trump said the rally went well.",
            "He recently pitched himself to African-Americans by telling them that their lives are terrible.",
        ])
        #expect(claims[1].source?.text == "Trump", "\(String(describing: claims[1].source))")
        #expect(claims[1].context?.hasPrefix("“He” is Trump") == true, "\(claims[1].context ?? "nil")")
    }

    static let speech: SentenceAnalyzer = {
        do { return try SentenceAnalyzer(modelCues: .speech) } catch { fatalError("built-in models: \(error)") }
    }()

    /// The model's whole mention of a speaker found before the verb; a relative pronoun closing
    /// the model's span is no part of it.
    @Test func theMentionLeavesATrailingRelativeOut() {
        let apte = Self.speech.analyze(["Eswar Prasad, a trade professor at Cornell, said the deal would not last."])[0]
        #expect(apte.source?.text == "Eswar Prasad")
        #expect(apte.source?.mention?.text == "Eswar Prasad, a trade professor at Cornell,", "\(String(describing: apte.source))")
        #expect(apte.source?.mention.map { $0.start..<$0.end } == 0..<43)
        // The model marks "Some consumers who": the mention would be the name and a "who".
        let consumers = Self.speech.analyze([
            "Some consumers who sought help on launch day reported telephone wait times that exceeded two hours."
        ])[0]
        #expect(consumers.source?.text == "Some consumers")
        #expect(consumers.source?.mention == nil, "\(String(describing: consumers.source))")
    }

    /// A speaker after the verb ("..., said Alan Cole, an economist at ...") gets its mention where
    /// the model reads the whole sentence (`speech`, `all`; by default it stops at the first cue,
    /// for speed).
    @Test func aSpeakerAfterTheVerbGetsItsMention() {
        let claim = Self.speech.analyze(["The talks failed, said Alan Cole, an economist at the Tax Foundation."])[0]
        #expect(claim.source?.text == "Alan Cole")
        #expect(claim.source?.mention?.text == "Alan Cole, an economist at the Tax Foundation", "\(String(describing: claim.source))")
        #expect(claim.source?.mention.map { $0.start..<$0.end } == 23..<68)
    }
}
