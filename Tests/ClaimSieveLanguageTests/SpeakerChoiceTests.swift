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

    /// Two people in one sentence: each attribution cue names its own speaker, while the claim's
    /// `source` stays the first (the one the verdict and context rules use).
    @Test func eachAttributionCueNamesItsOwnSpeaker() {
        let claim = Self.speech.analyze([
            "Bloomberg reports that the nominee has won among voters making $100,000 or more, according to the Roper Center for Public Opinion Research."
        ])[0]
        #expect(claim.source?.text == "Bloomberg")
        let speakers = claim.cues.map { $0.speaker?.text }
        #expect(speakers == ["Bloomberg", "the Roper Center for Public Opinion Research"], "\(claim.cues)")
        let roper = claim.cues[1].speaker
        #expect(roper.map { claim.text.utf8.dropFirst($0.start).prefix($0.end - $0.start).elementsEqual($0.text.utf8) } == true)
        // The deed's doer and the sentence's reporter, with PolNeAR's every cue.
        let council = Self.all.analyze(["The council approved the budget on Monday, another official said."])[0]
        #expect(council.cues.compactMap { $0.speaker?.text } == ["The council", "another official"], "\(council.cues)")
        // Where the attribution model did not check it, a lexicon cue other than the claim's
        // speaker's names nobody: the lexicon's finds there are too often no one ("said Tuesday").
        let mayor = Shared.analyzer.analyze(["The mayor said the plant would close, the newspaper reported."])[0]
        #expect(mayor.source?.text == "The mayor")
        #expect(mayor.cues.map { $0.speaker?.text } == ["The mayor", nil], "\(mayor.cues)")
        // Nor does a cue after the point where the model stopped reading (by default it reads up
        // to the first cue): it does not take the first cue's speaker.
        let official = Shared.analyzer.analyze(["Bookings rose, the airline official said on Monday, the newspaper reported."])[0]
        #expect(official.cues.map { $0.speaker?.text } == ["the airline official", nil], "\(official.cues)")
    }

    /// "critics say": the crowd a vague attribution names is its speaker, where the model marks it.
    @Test func aVagueAttributionNamesItsCrowd() {
        let claim = Self.all.analyze(["But critics say resources could be better spent in partnership with NATO."])[0]
        #expect(claim.cues.first?.category == .weasel)
        #expect(claim.cues.first?.speaker?.text == "critics", "\(claim.cues)")
        #expect(claim.source == nil)
    }

    /// A speaker's bounds: no contraction ("He" of "He’s"), and the comma closing an apposition
    /// (PolNeAR's convention in nine of ten such spans).
    @Test func aSpeakerEndsWhereItsMentionDoes() {
        let he = Shared.analyzer.analyze(["He’s said the plan would fail."])[0]
        #expect(he.source?.text == "He", "\(String(describing: he.source))")
        #expect(he.cues.first?.speaker?.text == "He")
        let she = Shared.analyzer.analyze(["She'd told reporters the plan would fail."])[0]
        #expect(she.source?.text == "She", "\(String(describing: she.source))")
        // A possessive is a speaker's own word.
        for word in ["Trump’s", "Reuters'", "it", "Sa’d", "O’Neill"] {
            let bytes = Array(word.utf8)
            #expect(bytes.withUnsafeBufferPointer { CueTagger.withoutContraction(0..<$0.count, $0) } == 0..<bytes.count, "\(word)")
        }
        let contracted = Array("they’ve".utf8)
        #expect(contracted.withUnsafeBufferPointer { CueTagger.withoutContraction(0..<$0.count, $0) } == 0..<4)
        let brinkley = Self.speech.analyze(["Douglas Brinkley, a historian who attended the session, said the mood was grim."])[0]
        #expect(brinkley.source?.text == "Douglas Brinkley")
        #expect(brinkley.source?.mention?.text == "Douglas Brinkley, a historian who attended the session,", "\(String(describing: brinkley.source))")
        #expect(brinkley.cues.first?.speaker?.text == "Douglas Brinkley, a historian who attended the session,")
    }

    /// A speech verb right after a preposition, "to" or an article has no subject of its own: the
    /// words before it are nobody ("I’ve got to", "Quick access to Siri by", "The Hill's request
    /// for"), no speaker is borrowed from the sentence before, and with nobody named the cue is an
    /// unnamed source's; a sentence that names its speaker elsewhere keeps it.
    @Test func aVerbWithoutASubjectOfItsOwnNamesNobody() {
        let claims = Shared.analyzer.analyze([
            "The mayor said the plant would close.",
            "I’ve got to say, the new plan is impressive.",
            "His refusal to say which side he would be on was met with laughter.",
            "The governor's office did not respond to The Hill's request for comment.",
            "There’s a saying that the early bird catches the worm.",
        ])
        for claim in claims.dropFirst() {
            #expect(claim.source == nil, "\(claim.text): \(String(describing: claim.source))")
            #expect(claim.context == nil, "\(claim.text): \(claim.context ?? "")")
            #expect(claim.verdict != .attributed, "\(claim.text)")
        }
        let reuters = Shared.claim("Reuters could not reach the company for comment, but a statement on its website said production had resumed.")
        #expect(reuters.verdict == .attributed, "\(reuters.cues)")
        let officials = Shared.claim("Officials refused to say whether the plan would go ahead.")
        #expect(officials.source?.text == "Officials")
        // A finite verb strands the preposition before it: the speaker stands before that.
        let people = Shared.claim("The people he spoke to said the plan would fail.")
        #expect(people.source?.text == "The people he spoke to", "\(String(describing: people.source))")
        let analysts = Shared.claim("Several analysts who weighed in said the plan would fail.")
        #expect(analysts.source?.text == "Several analysts", "\(String(describing: analysts.source))")
        // A speaker the attribution model names makes the cue a named source's again.
        let musk = Shared.claim("Elon Musk took to X to say that the deal was off.")
        #expect(musk.source?.text == "Elon Musk" && musk.source?.named == true, "\(String(describing: musk.source))")
        #expect(musk.verdict == .attributed, "\(musk.cues)")
    }

    /// A speaker never ends inside brackets it opens: the `)` right after it closes them,
    /// otherwise the span stops before the `(`.
    @Test func aSpeakerClosesOrDropsTheBracketItOpens() {
        func bounded(_ text: String, _ span: String) -> String {
            let bytes = Array(text.utf8)
            let range = text.utf8.distance(from: text.startIndex, to: text.range(of: span)!.lowerBound)
            let result = bytes.withUnsafeBufferPointer { CueTagger.withoutBrokenBracket(range..<(range + span.utf8.count), $0) }
            return String(decoding: bytes[result], as: UTF8.self)
        }
        #expect(bounded("according to the organizer Alliance to Reclaim Our Schools (AROS).", "the organizer Alliance to Reclaim Our Schools (AROS")
                == "the organizer Alliance to Reclaim Our Schools (AROS)")
        #expect(bounded("said Mr. Burman (a view echoed by everyone).", "Mr. Burman (") == "Mr. Burman")
        #expect(bounded("said Mr. Burman (a view echoed by everyone).", "Mr. Burman (a view") == "Mr. Burman")
        #expect(bounded("said the Senator (R-Texas) on Friday.", "the Senator (R-Texas)") == "the Senator (R-Texas)")
        #expect(bounded("said (a) on Friday.", "(a") == "(a)")
        #expect(bounded("said (anonymous on Friday.", "(anonymous") == "(anonymous")
    }

    /// A long relative clause between the speaker and the verb: the sentence still names its own
    /// speaker and takes no other's from the paragraph before (sample-data's airline official).
    @Test func aLongAppositiveClauseKeepsTheSentencesOwnSpeaker() {
        let claims = Shared.analyzer.analyze([
            "Turkey’s civil aviation authority said the airspace was open.",
            "An airline official, who asked not to be named because he was not authorised to speak to the media, said bookings had risen sharply.",
        ])
        #expect(claims[1].source?.text == "An airline official", "\(String(describing: claims[1].source))")
        #expect(claims[1].source?.named == false)
        #expect(claims[1].context == nil, "\(claims[1].context ?? "nil")")
        #expect(claims[1].verdict == .unverified)
    }

    /// By default the attribution model reads only up to the first cue: a source span it marks up
    /// to that point may be cut short, so it is no speaker's mention ("Sources familiar with" of
    /// "Sources familiar with the matter said"); read whole (`speech`), the mention is whole.
    @Test func aSpanCutWhereTheDecodeStoppedIsNoMention() {
        let text = "Sources familiar with the matter said the inquiry had been running quietly since the autumn."
        let cut = Shared.analyzer.analyze([text])[0]
        #expect(cut.source?.text == "Sources")
        #expect(cut.source?.mention == nil, "\(String(describing: cut.source))")
        #expect(!cut.cues.contains { $0.speaker?.text == "Sources familiar with" }, "\(cut.cues)")
        let whole = Self.speech.analyze([text])[0]
        #expect(whole.source?.mention?.text == "Sources familiar with the matter", "\(String(describing: whole.source))")
    }

    /// A relative pronoun the model marks as the speaker ("the United States, which accuses him")
    /// refers to its antecedent in the same sentence, not to a speaker of the sentences before.
    @Test func aRelativePronounSpeaksForItsAntecedent() {
        let claims = Shared.analyzer.analyze([
            "Persson said the talks had gone well.",
            "Assange is battling extradition to the United States, which accuses him of publishing secret documents related to his WikiLeaks work.",
            "Assange, who denies the accusation, has avoided extradition to Sweden for seven years.",
        ])
        #expect(claims[1].source?.text == "the United States", "\(String(describing: claims[1].source))")
        #expect(claims[1].context == nil, "\(claims[1].context ?? "nil")")
        #expect(claims[1].cues.first?.speaker?.text == "which", "the cue's speaker stays as written")
        #expect(claims[2].source?.text == "Assange", "\(String(describing: claims[2].source))")
        #expect(claims[2].verdict == .attributed, "a named source denies")
    }
}
