import ClaimSieveCore
import ClaimSieveLanguage
import Testing

/// Context across the sentences of a document.
@Suite("Document context")
struct TagContextTests {
    @Test("a quotation-only sentence inherits the speaker of the sentence before")
    func quoteInheritsSpeaker() {
        let claims = Shared.analyzer.analyze([
            "“We declare the city of Damascus free,” the insurgents’ Military Operations Command wrote on Telegram.",
            "“To the displaced all over the world, a free Syria awaits you.”",
        ])
        #expect(claims[1].source == Source(text: "the insurgents’ Military Operations Command", named: true))
        #expect(claims[1].verdict == .attributed)
    }

    @Test("a quotation that runs into the next sentence takes the speaker named there")
    func quoteBeforeItsSpeaker() {
        let claims = Shared.analyzer.analyze([
            "“We will fight on the beaches.",
            "We shall never surrender,” Prime Minister Winston Churchill said.",
        ])
        #expect(claims[0].source == Source(text: "Prime Minister Winston Churchill", named: true))
        #expect(claims.map(\.verdict) == [.attributed, .attributed])
    }

    @Test("a quotation of three sentences takes the speaker named after it in every sentence")
    func longQuoteBeforeItsSpeaker() {
        let claims = Shared.analyzer.analyze([
            "“We will rebuild the bridge.",
            "It will take two years.",
            "The money is there,” Mayor Ana Lopez said.",
        ])
        #expect(claims.map(\.source) == Array(repeating: Source(text: "Mayor Ana Lopez", named: true), count: 3))
        #expect(claims.map(\.verdict) == [.attributed, .attributed, .attributed])
    }

    @Test("a sentence that opens inside the quotation before takes its speaker, whatever follows the mark")
    func sentenceOpeningInsideAQuotation() {
        let claims = Shared.analyzer.analyze([
            "Mayor Ana Lopez said: “We will rebuild the bridge.",
            "It will take two years” — the council has the money.",
        ])
        #expect(claims[1].source == Source(text: "Mayor Ana Lopez", named: true))
        #expect(claims[1].verdict == .attributed)
    }

    @Test("typewriter quotation marks of wire copy ('' and ``) are quotations too")
    func typewriterQuotes() {
        let claims = Shared.analyzer.analyze([
            "The plan cuts taxes for the rich, Senator Elizabeth Warren said.",
            "''It is anti-reform.''",
            "``Nobody asked for it.''",
        ])
        #expect(claims[1].source == Source(text: "Senator Elizabeth Warren", named: true))
        #expect(claims[2].source == Source(text: "Senator Elizabeth Warren", named: true))
        #expect(claims.map(\.verdict) == [.attributed, .attributed, .attributed])
    }

    @Test("a quotation after an unnamed source stays unverified")
    func quoteAfterUnnamedSource() {
        let claims = Shared.analyzer.analyze([
            "The army is retreating, a security source told the paper.",
            "“They have no fuel left.”",
        ])
        #expect(claims[1].source?.named == false)
        #expect(claims[1].verdict == .unverified)
    }

    /// Someone's words, though the article does not say whose (the quotation speaks: "you");
    /// a lone title stays confirmed (`QuotedSpeechTests`).
    @Test("a lone quotation with nobody before it that speaks is someone's words, unverified")
    func loneQuote() {
        let claim = Shared.claim("“To the displaced, a free Syria awaits you.”")
        #expect(claim.verdict == .unverified)
        #expect(claim.source?.named == false)
        #expect(claim.context == "quotes someone the article does not name")
    }

    @Test("he told VOA takes the named speaker of a sentence before")
    func pronounTakesSpeaker() {
        let claims = Shared.analyzer.analyze([
            "“Those defending Aleppo were Iran and Hezbollah,” said Ahmed Rahal, a former Syrian military general.",
            "He now works as a military analyst in Istanbul.",
            "“Iran is currently preoccupied with its conflict with Israel,” he told VOA.",
        ])
        #expect(claims[1].verdict == .confirmed)
        #expect(claims[2].source == Source(text: "Ahmed Rahal", named: true))
        #expect(claims[2].verdict == .attributed)
        #expect(claims[2].context?.hasPrefix("“he” is Ahmed Rahal, named in paragraph ") == true, "\(claims[2].context ?? "nil")")
    }

    @Test("she said after an unnamed source is unnamed")
    func pronounAfterUnnamedSource() {
        let claims = Shared.analyzer.analyze([
            "A senior official said the talks had stalled.",
            "“Nobody wants to move first,” she said.",
        ])
        #expect(claims[1].source?.named == false)
        #expect(claims[1].cues.map(\.category) == [.unnamedSource])
        #expect(claims[1].verdict == .unverified)
        // An unnamed speaker is mentioned in the sentence before, not named there.
        #expect(claims[1].context?.hasPrefix("“she” is official, mentioned in paragraph ") == true, "\(claims[1].context ?? "nil")")
    }

    @Test("a pronoun alone is taken as on the record")
    func pronounAlone() {
        #expect(Shared.claim("“We will rebuild the city,” she said.").verdict == .attributed)
    }

    @Test("a headline that restates a hedged body sentence takes its hedge")
    func headlineTakesHedge() {
        let claims = Shared.analyzer.analyze(
            [
                "Assad Granted Asylum in Russia After Fleeing Syria Amid Rebel Takeover",
                "Ousted Syrian President Bashar al-Assad and his family have been granted asylum in Moscow, according to Russian media.",
                "Russia has been a close ally of Assad.",
            ], firstIsHeadline: true)
        #expect(claims[0].isHeadline)
        #expect(claims[0].verdict == .unverified)
        // The editor sees why a headline with no cue of its own is unverified.
        #expect(claims[0].context == "restates paragraph \(claims[1].block + 1), sentence \(claims[1].sentence + 1), which is unverified")
        #expect(claims[2].verdict == .confirmed)
        #expect(claims[2].context == nil)
    }

    @Test("a headline taking a body sentence's source does not take its mention's offsets")
    func headlineTakesNoMention() {
        let claims = Shared.analyzer.analyze(
            [
                "Assad Granted Asylum in Moscow",
                "Police officials said Assad and his family may have been granted asylum in Moscow.",
            ], firstIsHeadline: true)
        #expect(claims[0].verdict == .unverified)
        #expect(claims[0].source?.text == claims[1].source?.text)
        #expect(claims[1].source?.mention?.text == "Police officials")
        // A mention's offsets are always into its own claim's text.
        for claim in claims {
            if let mention = claim.source?.mention {
                let bytes = Array(claim.text.utf8)
                #expect(mention.end <= bytes.count)
                #expect(mention.end <= bytes.count && String(decoding: bytes[mention.start..<mention.end], as: UTF8.self) == mention.text)
            }
        }
        #expect(claims[0].source?.mention == nil)
    }

    @Test("a headline restating a plain fact stays confirmed")
    func headlineStaysConfirmed() {
        let claims = Shared.analyzer.analyze(
            [
                "Parliament Approves Budget After Long Debate",
                "Parliament approved the budget by 210 votes to 140 after a long debate.",
                "Some say the debate was too long, reports said.",
            ], firstIsHeadline: true)
        #expect(claims[0].verdict == .confirmed)
    }

    @Test("the tag and verdict stages apply the same context to a document")
    func stages() throws {
        var document = Document(id: "d", path: "d")
        document.claims = [
            Claim(id: "1", block: 0, sentence: 0, text: "Jalali said the government was ready."),
            Claim(id: "2", block: 0, sentence: 1, text: "“We will cooperate with any leadership.”"),
        ]
        let tagged = try TagStage().process(document)
        let judged = try VerdictStage().process(tagged)
        #expect(judged.claims.map(\.verdict) == [.attributed, .attributed])
        #expect(judged.claims[1].source?.text == "Jalali")
    }
}
