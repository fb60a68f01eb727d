import ClaimSieveLanguage
import Testing

/// The units the `split` stage drops: furniture, footers, credits, bylines, datelines, headings.
@Suite("Split: non-claims")
struct SplitNonClaimTests {
    @Test(
        "calls to action and update lines are furniture",
        arguments: [
            "READ MORE about recent military action in Syria.", "Read more: Assad flees to Moscow",
            "Sign up for our newsletter.", "Click here to watch the video.", "Subscribe to our daily briefing.",
            "Updated as reports come in.", "This story has been updated.", "• Share this article",
            "Advertisement", "Editor’s note: this story contains graphic details.", "* * *", "…",
        ])
    func furniture(_ text: String) {
        #expect(nonClaims.classify(text) == .furniture)
    }

    @Test(
        "sourcing footers after a dash",
        arguments: [
            "– Based on reports from multiple sources, including VOA, RFE/RL; and from security contacts in London and the U.S.",
            "— With reporting by Reuters and AFP.", "- Compiled from wire reports",
        ])
    func footers(_ text: String) {
        #expect(nonClaims.classify(text) == .sourcingFooter)
    }

    @Test(
        "image credits", arguments: ["Rebels in Damascus on Sunday. (AP Photo/Ghaith Alsayed)", "Photo: Getty Images", "AFP via Getty Images"]
    )
    func credits(_ text: String) {
        #expect(nonClaims.classify(text) != nil)
    }

    @Test("bylines", arguments: ["By Jane Doe", "By JANE DOE and John Roe, Associated Press", "By Ahmed Rahal | VOA"])
    func bylines(_ text: String) {
        #expect(nonClaims.classify(text) == .byline)
    }

    @Test("a dateline alone is not a claim")
    func datelineAlone() {
        #expect(nonClaims.classify("DAMASCUS, Syria (AP) —") == .dateline)
        #expect(nonClaims.dateline.strip("DAMASCUS, Syria (AP) — Syrian rebels said Sunday.") == "Syrian rebels said Sunday.")
        #expect(nonClaims.dateline.strip("WASHINGTON — The White House said.") == "The White House said.")
        #expect(nonClaims.dateline.strip("Beirut (Reuters) - Hezbollah said.") == "Hezbollah said.")
        #expect(nonClaims.dateline.strip("The army said — again — it won.") == "The army said — again — it won.")
    }

    @Test(
        "claims that look like furniture are still claims",
        arguments: [
            "Based on reports from the front, the army advanced.", "Subscribers to the service lost data.",
            "By Sunday, the rebels had taken the capital.", "Russia has been a close ally of Assad.",
            "The photo agency Getty Images said it would appeal the ruling in a court in London next month.",
            "Updated figures show 50 people died.", "Advertisement revenue fell by half.",
            "Sponsored by the UN, the talks began on Monday.", "Copyright lawsuits rose sharply last year.",
        ])
    func stillClaims(_ text: String) {
        #expect(nonClaims.classify(text) == nil)
    }

    @Test("section headings do not read as sentences; headline-style sentences do")
    func headings() {
        #expect(!nonClaims.readsAsSentence("Setback For Russia"))
        #expect(nonClaims.looksLikeSectionHeading("Setback For Russia"))
        #expect(nonClaims.readsAsSentence("Russia Says It Will Keep Its Bases"))
        #expect(nonClaims.readsAsSentence("Rebels take Damascus."))
        #expect(!nonClaims.looksLikeSectionHeading("Events proved otherwise."))
        #expect(!nonClaims.looksLikeSectionHeading("the army was seen leaving the city at dawn"))
    }
}
