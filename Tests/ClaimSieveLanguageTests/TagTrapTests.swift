import ClaimSieveCore
import Testing

/// Phrases that look like cues and are not, or that look like one cue and are another.
@Suite("Cues: traps")
struct TagTrapTests {
    @Test("May the month or a name is no hedge", arguments: [
        "The elections were held on May 5 after months of delays.",
        "In May, the parliament approved the new budget.",
        "Former prime minister Theresa May met the French president.",
        "May 9 is a public holiday in several countries.",
    ])
    func mayTheMonth(_ sentence: String) {
        expectMarked(sentence, .confirmed)
    }

    @Test("may the modal is still a hedge")
    func mayTheModal() {
        expectMarked("The court [[may|speculation]] rule on the appeal in May.", .unverified)
    }

    @Test("could not be reached for comment does not hedge the claim")
    func notReached() {
        expectMarked("The mayor could not be reached for comment on Sunday.", .confirmed)
        expectMarked(
            "Ahmed Nasser [[said|named_source]] the shop was looted; his brother could not be reached for comment.",
            .attributed)
    }

    @Test("a designation by named governments is not a weasel")
    func designation() {
        expectMarked(
            "The HTS is considered a terrorist group by the United States, Britain, Canada, and the European Union.",
            .confirmed)
        expectMarked("The painting [[is considered|weasel]] one of the finest by many.", .unverified)
    }

    @Test("said inside a quotation does not attribute the claim")
    func saidInsideQuotation() {
        expectMarked("The banner read “Nobody said it would be easy” in large letters.", .confirmed)
        expectMarked(
            "“The army said it would protect us,” a resident [[told|unnamed_source]] the newspaper.", .unverified)
        expectMarked(
            "\"Nobody said anything about a ceasefire,\" the commander [[told|named_source]] reporters.", .attributed)
    }

    @Test("single and nested quotation marks are quotations too")
    func singleQuotes() {
        expectMarked("‘Reports say we lost,’ the minister [[said|named_source]].", .attributed)
        expectMarked(
            "“He told me ‘officials said nothing’ and left,” Anna Weber [[said|named_source]].", .attributed)
        expectMarked("The rebels’ leader [[said|named_source]] the city had fallen.", .attributed)
    }

    @Test("negated confirmation is unconfirmed, not confirmation")
    func negatedConfirmation() {
        expectMarked("The ministry did [[not confirm|unconfirmed]] the number of casualties.", .unverified)
        expectMarked("The arrests were [[not confirmed|unconfirmed]] by the police.", .unverified)
        expectMarked("The company [[could not confirm|unconfirmed]] [[whether|speculation]] data was stolen.", .unverified)
        expectMarked("The death toll has [[not been confirmed|unconfirmed]].", .unverified)
    }

    @Test("declined to comment by a named person is attributed")
    func declinedToComment() {
        expectMarked(
            "Russian Foreign Minister Sergei Lavrov [[declined to comment|named_source]] on the fate of the bases, [[saying|named_source]] he “wasn’t in the business of guessing.”",
            .attributed)
        let claim = Shared.claim("Sergei Lavrov declined to comment on the report.")
        #expect(claim.source == Source(text: "Sergei Lavrov", named: true))
    }

    @Test("a noun after a possessive or a quantifier is no speech verb, unless what is said follows")
    func nounsThatLookLikeSpeechVerbs() {
        expectMarked("The app adds a share button to every post, so readers can pass it on.", .confirmed)
        expectMarked("The senator's call, which came late, was not returned.", .confirmed)
        expectMarked("The report repeated the senator's [[claim|named_source]] that the border was open.", .attributed)
    }

    @Test("the subject of a modal is nobody's speaker")
    func modalSubject() {
        let claim = Shared.claim("Prosecutors could still reopen the case if new evidence emerges.")
        #expect(claim.verdict == .unverified)
        #expect(claim.source == nil)
    }

    @Test("the writer's own voice outside a quotation is no source")
    func writersVoice() {
        expectMarked("That is why I always tell my readers to check the small print.", .confirmed)
        expectMarked("After a week with the new phone, we can say that the battery lasts two days.", .confirmed)
        expectMarked("“We will rebuild the school,” the mayor [[said|named_source]].", .attributed)
    }

    @Test("an opening phrase before a comma is nothing said")
    func openingPhraseIsNoContent() {
        expectMarked("After the crash, emergency crews responded in force.", .confirmed)
        expectMarked("In the third quarter, the company reported in line with expectations.", .confirmed)
        expectMarked("“The plan is dead,” [[warns|named_source]] Smith.", .attributed)
    }

    @Test("a straight mark inside a curly quotation that closes later nests, and the sentence after is outside")
    func nestedStraightQuotation() {
        let claims = Shared.analyzer.analyze([
            "“He said \"no\" to me,” she said, calling it \"a lie.\"",
            "Officials said the road was closed.",
        ])
        #expect(claims[1].verdict == .unverified)
        #expect(claims[1].source?.text == "Officials")
    }

    @Test("a contraction is no possessive; the writer's set phrase may follow an opening conjunction")
    func contractionsAndConjunctions() {
        expectMarked("She's [[claiming|named_source]] in court that the contract was void.", .attributed)
        expectMarked("But that said, the museum will stay open through the winter.", .confirmed)
    }
}
