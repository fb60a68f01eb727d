import ClaimSieveCore
@testable import ClaimSieveLanguage
import Testing

/// A sentence quoting someone at length is someone's words: it takes the speaker of its
/// paragraph (a sentence before it), or with none an unnamed one when the quotation speaks ("we",
/// "you"); titles, signs and inch marks stay the writer's claims.
@Suite("Quoted speech")
struct QuotedSpeechTests {
    /// Tags `paragraphs` (one array of sentences each) as one document.
    static func judge(_ paragraphs: [[String]]) throws -> [Claim] {
        var claims: [Claim] = []
        for (block, sentences) in paragraphs.enumerated() {
            for (index, text) in sentences.enumerated() {
                claims.append(Claim(id: "", block: block, sentence: index, text: text))
            }
        }
        let analyzer = try SentenceAnalyzer()
        TagStage(tagger: analyzer.tagger).tag(&claims)
        VerdictStage.judge(&claims)
        return claims
    }

    @Test func theLongestQuotationCountsWordsInsideOneQuotation() {
        #expect(QuotedSpeech.longestQuotation("It was “too little, too late for us” in the end.", startsInside: false) == 6)
        #expect(QuotedSpeech.longestQuotation("The “fact-checking” website erred.", startsInside: false) == 1)
        #expect(QuotedSpeech.longestQuotation(#"He called it "a plan that cannot work" twice."#, startsInside: false) == 5)
        // A sentence that opens inside a quotation, or closes one opened before it.
        #expect(QuotedSpeech.longestQuotation("We will rebuild the whole town,” and more.", startsInside: true) == 6)
        // A closing mark with nothing open is a stray (an inch mark), not the end of a quotation.
        #expect(QuotedSpeech.longestQuotation("We will rebuild the whole town,” and more.", startsInside: false) == 0)
        #expect(QuotedSpeech.longestQuotation("“We will rebuild the whole town", startsInside: false) == 6)
        #expect(QuotedSpeech.longestQuotation("No quotation here at all.", startsInside: false) == 0)
    }

    @Test func aLongQuotationTakesTheSpeakerOfItsParagraph() throws {
        let claims = try Self.judge([
            [
                "Mayor Ana Lopez said the bridge would reopen in May.",
                "The repairs were “the largest the city has ever paid for in one year.”",
            ],
        ])
        #expect(claims[1].source?.text == claims[0].source?.text)
        #expect(claims[1].source != nil)
        #expect(claims[1].verdict == .attributed)
        #expect(claims[1].context?.hasPrefix("quotes ") == true)
    }

    /// Nobody speaks before it: a lone quotation is as often a title or a sign as speech, unless
    /// it speaks in the first or second person.
    @Test func aLongQuotationWithNoSpeakerBeforeItIsSomeonesOnlyWhenItSpeaks() throws {
        let claims = try Self.judge([
            ["The council met on Monday."],
            ["The plan was “a waste of money from start to finish.”"],
            ["The plan was “a waste of our money from start to finish.”"],
        ])
        #expect(claims[1].source == nil)
        #expect(claims[1].verdict == .confirmed)
        #expect(claims[0].verdict == .confirmed)
        #expect(claims[2].source?.named == false)
        #expect(claims[2].verdict == .unverified)
        #expect(claims[2].context == "quotes someone the article does not name")
        #expect(QuotedSpeech.longestSpokenQuotation("They said “I’m not going back to that city” twice.", startsInside: false) == 7)
        #expect(QuotedSpeech.longestSpokenQuotation("The film “Everything Everywhere All at Once” won.", startsInside: false) == 0)
    }

    /// The reviewer's titles, names and signs, each a page of its own.
    @Test(arguments: [
        "“Everything Everywhere All at Once” won seven Oscars on Sunday.",
        "The “Inflation Reduction Act of 2022” cut drug prices.",
        "Taylor Swift’s “All Too Well (10 Minute Version)” topped the chart.",
        "The band closed with “Smells Like Teen Spirit” as an encore.",
        "The sign read: “No entry after dark for anyone.”",
    ])
    func aTitleOrASignWithNobodyBeforeItStaysConfirmed(_ text: String) throws {
        let claims = try Self.judge([["The city released its figures on Monday."], [text]])
        #expect(claims[1].source == nil)
        #expect(claims[1].verdict == .confirmed)
    }

    /// A " right after a digit is an inch mark: it opens no quotation, in its sentence or in the
    /// sentences after it.
    @Test func anInchMarkOpensNoQuotation() throws {
        #expect(QuotedSpeech.longestQuotation(#"Forward Marcus Jones, who is 6'4", signed a three-year contract."#, startsInside: false) == 0)
        let claims = try Self.judge([
            [
                "Coach Ana Lopez said the roster was complete.",
                #"Forward Marcus Jones, who is 6'4", signed a three-year contract."#,
                "The team finished third in the league last season.",
                #"The store's cheapest set is a 65" model."#,
                "Delivery takes about two weeks in most of the country.",
            ],
        ])
        for index in 1...4 {
            #expect(claims[index].source == nil, "\(claims[index].text)")
            #expect(claims[index].verdict == .confirmed, "\(claims[index].text)")
            #expect(claims[index].context == nil, "\(claims[index].text)")
        }
    }

    /// A closing mark with no quotation open (65” for inches) quotes nothing before it.
    @Test func aStrayClosingMarkQuotesNothing() throws {
        #expect(QuotedSpeech.longestQuotation("The new Samsung 65” QLED TV sells for $1,799.", startsInside: false) == 0)
        let claims = try Self.judge([
            ["Mayor Ana Lopez said prices would fall.", "The new Samsung 65” QLED TV sells for $1,799."],
        ])
        #expect(claims[1].source == nil)
        #expect(claims[1].verdict == .confirmed)
    }

    /// The marks are the tokenizer's: ‘ ’, « », `` '' as well as “ ” and ", nested too; an
    /// apostrophe (Swift’s) is none.
    @Test func everyQuotationMarkOfTheTokenizerCounts() throws {
        #expect(QuotedSpeech.longestQuotation("He called it ‘a plan that cannot work’ twice.", startsInside: false) == 5)
        #expect(QuotedSpeech.longestQuotation("He called it «a plan that cannot work» twice.", startsInside: false) == 5)
        #expect(QuotedSpeech.longestQuotation("He called it ``a plan that cannot work'' twice.", startsInside: false) == 5)
        #expect(QuotedSpeech.longestQuotation("It was “he told us ‘no way’ and left the room” then.", startsInside: false) == 9)
        #expect(QuotedSpeech.longestQuotation("Swift’s fans and Jones’s fans met.", startsInside: false) == 0)
        let claims = try Self.judge([
            ["Mayor Ana Lopez said the bridge would reopen in May.", "The repairs were ‘the largest the city has ever paid for.’"],
        ])
        #expect(claims[1].source != nil)
        #expect(claims[1].verdict == .attributed)
    }

    @Test func aShortQuotationIsATitleOrAScareQuoteAndStaysTheWritersClaim() throws {
        let claims = try Self.judge([
            ["Mayor Ana Lopez said the bridge would reopen in May.", "The “fact-checking” website published its review."],
        ])
        #expect(claims[1].source == nil)
        #expect(claims[1].verdict == .confirmed)
    }

    /// A quotation after a word of the lexicon's `name_words` is a title or a text on show.
    @Test func aQuotationAfterANameWordIsATitleNotSpeech() throws {
        let names: Set<String> = ["titled", "read"]
        #expect(QuotedSpeech.longestQuotation("The show is titled “What the River Said Today”.", startsInside: false, names: names) == 0)
        #expect(QuotedSpeech.longestQuotation("The show is about “What the River Said Today”.", startsInside: false, names: names) == 5)
        let claims = try Self.judge([
            ["Mayor Ana Lopez said the bridge would reopen in May.", "The banner read “Nobody said it would be easy” in large letters."],
        ])
        #expect(claims[1].source == nil)
        #expect(claims[1].verdict == .confirmed)
    }

    /// Never the speaker of a sentence after it: Patel did not call the vote a bitter fight.
    @Test func aSpeakerAfterTheQuotationIsNotItsSpeaker() throws {
        let claims = try Self.judge([
            [
                "The budget passed 7-2 after “a long and bitter fight over police overtime.”",
                "Council member Raj Patel said he voted against it.",
            ],
        ])
        #expect(claims[0].source == nil)
        #expect(claims[0].verdict == .confirmed)
        #expect(claims[1].source != nil)
    }
}
