@testable import ClaimSieveLanguage
import Testing

/// The `speech` cue bias search's bound on ordinary prose (`ModelTrainer.withinNegativeSlack`):
/// relative to bias 0's count of negatives with a model cue, in whole sentences.
@Suite struct NegativeSlackTests {
    /// A quarter more of bias 0's 656 sentences (1.34% of 48,942, as the shipped search) is 164:
    /// 820 passes, 821 does not.
    @Test func theSlackIsRelativeToBiasZero() {
        #expect(ModelTrainer.withinNegativeSlack(marked: 820, base: 656, slack: 0.25))
        #expect(!ModelTrainer.withinNegativeSlack(marked: 821, base: 656, slack: 0.25))
        #expect(ModelTrainer.withinNegativeSlack(marked: 656, base: 656, slack: 0))
    }

    /// A bias 0 that marks no negative sentence still lets a bias mark one, not none at all.
    @Test func aBaseOfNoneStillAllowsOneSentence() {
        #expect(ModelTrainer.withinNegativeSlack(marked: 1, base: 0, slack: 0.25))
        #expect(!ModelTrainer.withinNegativeSlack(marked: 2, base: 0, slack: 0.25))
    }
}
