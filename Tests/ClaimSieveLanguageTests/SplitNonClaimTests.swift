@testable import ClaimSieveLanguage
import ClaimSieveTestSupport
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

/// The `short_contains` patterns found by one automaton pass, then checked with their edge rule,
/// against trying each pattern at each byte (the way it was first written).
@Suite struct NonClaimShortPatternTests {
    @Test func theAutomatonAgreesWithTryingEachPatternOnRandomTexts() throws {
        let classifier = try NonClaimClassifier(rulesPath: TestPaths.inRepository("pipelines/lexicons/en-splitter.yml"))
        // The shipped patterns, cut and glued to letters, digits, spaces and slashes, so that they
        // occur at and away from word edges.
        let pieces = ["getty images", "getty", "ap photo", "ap", "photo", "reuters/", "/reuters", "reuters", "/ap", "/afp",
                      "afp", "via getty", "shutterstock", "istock", "epa-efe", "epa", "credit", "courtesy of",
                      "all rights reserved", " ", "/", "s", "x", "1", "é", "-", "."]
        var random = SplitMix64(state: 33)
        var matched = 0
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }
                .joined(separator: Bool.random(using: &random) ? " " : "")
            let folded = NonClaimClassifier.folded(text)
            let fast = classifier.containsShortPattern(folded)
            #expect(fast == classifier.containsShortPatternOneByOne(folded), "\(text)")
            if fast { matched += 1 }
        }
        #expect(matched > 500)
    }
}
