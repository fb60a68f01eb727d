import ClaimSieveCore
@testable import ClaimSieveLanguage
import Testing

/// A sentence quoting someone at length is someone's words: it takes the speaker of its
/// paragraph, or an unnamed one, never stays a confirmed fact of the writer's.
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
        #expect(QuotedSpeech.longestQuotation("We will rebuild the whole town,” and more.", startsInside: false) == 6)
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

    @Test func aLongQuotationWithNoSpeakerInItsParagraphIsUnverified() throws {
        let claims = try Self.judge([
            ["The council met on Monday."],
            ["The plan was “a waste of money from start to finish.”"],
        ])
        #expect(claims[1].source?.named == false)
        #expect(claims[1].verdict == .unverified)
        #expect(claims[0].verdict == .confirmed)
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

    /// With no speaker before it in the paragraph, the nearest one after it; never one from
    /// another paragraph.
    @Test func withNoSpeakerBeforeItTakesTheNextOneOfItsParagraphOnly() throws {
        let claims = try Self.judge([
            ["Mayor Ana Lopez said the bridge would reopen in May."],
            [
                "The repairs were “the largest the city has ever paid for in one year.”",
                "The cost was high.",
                "Council member Raj Patel said the city would borrow the money.",
            ],
        ])
        #expect(claims[1].source?.text == claims[3].source?.text)
        #expect(claims[1].source?.text != claims[0].source?.text)
        #expect(claims[1].context?.contains("paragraph 2, sentence 3") == true)
        #expect(claims[2].source == nil)
    }
}
