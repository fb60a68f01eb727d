import Testing

@testable import ClaimSieveLanguage

/// The cue bias search's choice (`ModelTrainer.smoothedChoice`): the held-out articles are few, so
/// a bias is judged with its neighbours, not by one F1 alone.
@Suite("Cue bias choice")
struct CueBiasChoiceTests {
    @Test("a lone best F1 a hair above its neighbour does not win over a steadier one")
    func smoothedOverNeighbours() {
        // A search where bias 20 is best alone (0.8791 against 0.8790) and 30 with its eligible
        // neighbours (40 misses the precision floor and does not count).
        let lines: [(bias: Float, f1: Double, eligible: Bool)] = [
            (0, 0.8735, true), (10, 0.8755, true), (20, 0.8791, true), (30, 0.8790, true), (40, 0.8844, false),
        ]
        #expect(ModelTrainer.smoothedChoice(lines) == 30)
        // An ineligible neighbour's high F1 does not pull the choice towards it.
        #expect(ModelTrainer.smoothedChoice([(0, 0.80, true), (10, 0.84, true), (20, 0.80, true), (30, 0.95, false)]) == 0)
    }

    @Test("only an eligible bias is chosen, and none when none is")
    func eligibleOnly() {
        #expect(ModelTrainer.smoothedChoice([(0, 0.5, false), (10, 0.9, false)]) == nil)
        #expect(ModelTrainer.smoothedChoice([(0, 0.5, true), (10, 0.9, false)]) == 0)
    }
}
