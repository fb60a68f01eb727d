import ClaimSieveCore
import ClaimSieveLanguage
import Testing

/// The verdict rules on hand-made cues: least certain wins, scores in [0, 1].
@Suite("Verdict rules")
struct VerdictRulesTests {
    static func cue(_ category: CueCategory, _ weight: Double = 0.8) -> Cue {
        Cue(text: "x", category: category, start: 0, end: 1, weight: weight)
    }

    @Test("no cue is confirmed")
    func noCue() {
        #expect(VerdictRules.decide(cues: [], source: nil).verdict == .confirmed)
    }

    @Test("every uncertain family gives unverified, also next to a named source", arguments: [
        CueCategory.hearsay, .unnamedSource, .socialMedia, .speculation, .unconfirmed, .weasel,
    ])
    func uncertain(_ category: CueCategory) {
        let decision = VerdictRules.decide(
            cues: [Self.cue(.namedSource), Self.cue(category)], source: Source(text: "Reuters", named: true))
        #expect(decision.verdict == .unverified)
    }

    @Test("named source alone is attributed; confirmation alone is confirmed; named beats confirmation")
    func namedAndConfirmation() {
        #expect(VerdictRules.decide(cues: [Self.cue(.namedSource)], source: nil).verdict == .attributed)
        #expect(VerdictRules.decide(cues: [Self.cue(.confirmation)], source: nil).verdict == .confirmed)
        #expect(
            VerdictRules.decide(cues: [Self.cue(.confirmation), Self.cue(.namedSource)], source: nil).verdict
                == .attributed)
    }

    @Test("a denial is attributed only by a named source")
    func denial() {
        #expect(
            VerdictRules.decide(cues: [Self.cue(.denial)], source: Source(text: "the ministry", named: true)).verdict
                == .attributed)
        #expect(
            VerdictRules.decide(cues: [Self.cue(.denial)], source: Source(text: "officials", named: false)).verdict
                == .unverified)
    }

    @Test("a speaker from context decides when there is no cue")
    func inheritedSpeaker() {
        #expect(VerdictRules.decide(cues: [], source: Source(text: "Jalali", named: true)).verdict == .attributed)
        #expect(VerdictRules.decide(cues: [], source: Source(text: "the source", named: false)).verdict == .unverified)
    }

    @Test("the score grows with evidence and stays in [0, 1]")
    func score() {
        let one = VerdictRules.decide(cues: [Self.cue(.speculation, 0.5)], source: nil).score
        let two = VerdictRules.decide(cues: [Self.cue(.speculation, 0.5), Self.cue(.hearsay, 0.5)], source: nil).score
        #expect(one == 0.5)
        #expect(two == 0.75)
        let capped = VerdictRules.decide(cues: [Self.cue(.weasel, 1), Self.cue(.weasel, 1)], source: nil).score
        #expect((0...1).contains(capped))
        #expect(VerdictRules.decide(cues: [], source: nil).score == VerdictRules.baseline)
    }

    @Test("the analyzer keeps the cues as reasons and scores every claim")
    func reasonsKept() {
        let claim = Shared.claim("The storm may reach the coast, reports say.")
        #expect(claim.verdict == .unverified)
        #expect(claim.cues.map(\.category) == [.speculation, .hearsay])
        #expect(claim.score.map { (0...1).contains($0) } == true)
    }
}
