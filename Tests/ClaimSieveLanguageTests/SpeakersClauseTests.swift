@testable import ClaimSieveLanguage
import Testing

/// `speech`: a hedge after a named speaker's verb is the speaker's only inside the clause the
/// verb opens (`CueTagger.reports`).
@Suite struct SpeakersClauseTests {
    /// The speaker's clause ends at a semicolon or a contrast after a comma: a hedge after it is
    /// the writer's again.
    @Test func aContrastEndsTheSpeakersClause() {
        func breaks(_ text: String, after: String) -> Bool {
            let bytes = Array(text.utf8)
            let from = text.range(of: after).map { text.utf8.distance(from: text.startIndex, to: $0.upperBound) } ?? 0
            return bytes.withUnsafeBufferPointer { CueTagger.clauseBreak($0, from: from, to: bytes.count) }
        }
        #expect(breaks("Smith said the talks ended, but analysts think the deal may collapse.", after: "said"))
        #expect(breaks("Smith said the talks ended; analysts think the deal may collapse.", after: "said"))
        #expect(breaks("Smith said the talks ended, while others think it may go on.", after: "said"))
        #expect(!breaks("Smith said he thought, however, that the deal may collapse.", after: "said"))
        #expect(!breaks("Smith said the butler, Jones, may know.", after: "said"))
    }

    /// A passive cue needs a participle after its auxiliary: "was adamant", "were confident" are
    /// adjectives, and their speaker still speaks.
    @Test func aPassiveNeedsAParticiple() {
        func participle(_ word: String) -> Bool {
            let bytes = Array(word.utf8)
            return bytes.withUnsafeBufferPointer { CueTagger.isParticiple($0, 0..<bytes.count) }
        }
        for word in ["told", "informed", "shown", "known", "given", "Reported"] { #expect(participle(word), "\(word)") }
        for word in ["adamant", "confident", "sure", "alleging", "aware", "ed"] { #expect(!participle(word), "\(word)") }
    }
}
