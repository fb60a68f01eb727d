import ClaimSieveCore
import Testing

/// named_source: on the record by a named person, body or outlet.
@Suite("Cues: named sources")
struct TagNamedSourceTests {
    @Test(arguments: [
        "The Russian Foreign Ministry [[said|named_source]] on December 8 that Assad had resigned.",
        "Russia did not participate in these negotiations, the ministry [[said|named_source]].",
        "“Since 2016, Iran defended Aleppo,” [[said|named_source]] Ahmed Rahal, a former general.",
        "In Washington, the White House press office [[told|named_source]] RFE/RL that it was watching.",
        "[[According to|named_source]] the World Health Organization, cases rose by 20 percent.",
        "The company [[announced|named_source]] that it would close two plants.",
        "Senator Maria Lopez [[wrote|named_source]] in a letter that the agency ignored warnings.",
        "“We are ready to cooperate,” the spokesman [[added|named_source]].",
        "Russian Foreign Minister Sergei Lavrov [[declined to comment|named_source]] on the bases.",
        "The insurgents’ Military Operations Command [[wrote on Telegram|named_source]] that the city was free.",
        "Kyiv has [[accused|named_source]] Moscow of targeting power plants.",
    ])
    func namedSource(_ marked: String) {
        expectMarked(marked, .attributed)
    }

    @Test("ordinary uses of speech verbs are no cue")
    func ordinaryVerbs() {
        expectMarked("The army added 500 troops to the border garrison.", .confirmed)
        expectMarked("The minister wrote a book about the war in 2015.", .confirmed)
        expectMarked("The company reported a net loss of $120 million.", .confirmed)
        expectMarked("The Washington Post [[reported|named_source]] that an inquiry had opened.", .attributed)
    }

    @Test("a speech verb closing the sentence after the content, with a short adverbial, reports it")
    func closingClauseWithAdverbial() {
        expectMarked("Two ferries collided near the harbour, the broadcaster [[reported|named_source]] on Friday.", .attributed)
        expectMarked("Exports fell for a third month, the agency [[stated|named_source]] in its bulletin.", .attributed)
        // Not a verb with an object, not "reported to" (answered to), not one inside a relative clause.
        expectMarked("The bank reported a loss of $40 million in the quarter.", .confirmed)
        expectMarked("After the merger, the chief engineer reported to him.", .confirmed)
        expectMarked("She found the enzyme in liver cells, a result that she reported in 2011.", .confirmed)
    }

    @Test("a verb after a closing quotation mark and its speaker reports the quotation, whatever follows")
    func afterAClosingQuotation() {
        expectMarked("“The river rose overnight,” Mr. Alden [[recounted|named_source]] in a radio interview.", .attributed)
        expectMarked("“We had no warning at all,” the mayor [[wrote|named_source]] in her weekly column.", .attributed)
        let claim = Shared.claim("“Quite a day for a swim,” one resident quipped.")
        #expect(claim.verdict == .unverified)
        #expect(claim.source?.text == "one resident")
    }

    @Test("a straight mark closes a curly quotation on a page that mixes them")
    func mixedQuotationMarks() {
        let claim = Shared.claim("“The dam will hold through the spring floods,\" said Maria Keller, a civil engineer.")
        #expect(claim.verdict == .attributed)
        #expect(claim.source?.text == "Maria Keller")
    }

    @Test("the writer's set phrases with a speech verb are no cue, at the start only")
    func setPhrases() {
        expectMarked("That said, the museum will stay open through the winter.", .confirmed)
        expectMarked("Having said that, the plan has its critics in the council.", .confirmed)
        expectMarked("The bridge, needless to say, was closed for the day.", .confirmed)
        expectMarked("The ministry published a statement that [[said|named_source]] the border was open.", .attributed)
    }

    @Test("an instruction's verb is never a speech verb, however long the instruction")
    func instructionVerb() {
        let claim = Shared.claim("To the sauce, add the cream, the grated cheese and a pinch of salt.")
        #expect(claim.kind == .instruction)
        #expect(claim.cues.isEmpty)
        #expect(claim.source == nil)
    }
}
