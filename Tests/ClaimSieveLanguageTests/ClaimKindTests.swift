import ClaimSieveCore
import ClaimSieveLanguage
import Testing

/// Questions, instructions and exclamations are not factual claims: they get a `kind`.
@Suite("Claim kind")
struct ClaimKindTests {
    static let analyzer = try! SentenceAnalyzer(modelPaths: [])

    static func kind(_ sentence: String) -> ClaimKind? {
        analyzer.analyze([sentence])[0].kind
    }

    @Test func questionsEndWithAQuestionMarkOutsideQuotes() {
        #expect(Self.kind("Who pays the cost of a tariff?") == .question)
        #expect(Self.kind("“Who pays the cost?” the senator asked.") == nil)
        #expect(Self.kind("“Who pays the cost?”") == nil, "a quoted question is the speaker's, read in context")
    }

    @Test func instructionsOpenWithAnImperativeVerb() {
        #expect(Self.kind("To the pears, add the juice of one lemon.") == .instruction)
        #expect(Self.kind("Stir the sauce until it thickens.") == .instruction)
        #expect(Self.kind("The chef added the juice of one lemon.") == nil)
        #expect(Self.kind("In Paris, police said the march was peaceful.") == nil)
    }

    @Test func exclamations() {
        #expect(Self.kind("What a night it was!") == .exclamation)
        #expect(Self.kind("The minister resigned on Friday.") == nil)
    }

    @Test func aRecipeStepIsNotAttributedToTheJuice() {
        let claim = Self.analyzer.analyze(["To the pears, add the juice of one lemon."])[0]
        #expect(claim.kind == .instruction)
        #expect(claim.source == nil)
    }
}
