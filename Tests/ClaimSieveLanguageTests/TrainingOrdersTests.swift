@testable import ClaimSieveLanguage
import Testing

/// `ModelTrainer.Options.attributionOrders`: the perceptron run again in other orders of the same
/// examples, the runs' averaged weights averaged once more (one linear model, so tagging costs
/// the same).
@Suite("Training orders")
struct TrainingOrdersTests {
    /// Four toy sentences whose tags a perceptron cannot fit at once, so the order of the updates
    /// shows in the weights.
    static let examples: [ModelTrainer.Example] = (0..<4).map { sentence in
        let tokens = 3 + sentence % 2
        var features: [UInt64] = []
        for token in 0..<tokens {
            for template in 0..<3 { features.append(UInt64(token * 7 + template * 13 + (sentence % 3) * 29)) }
        }
        let tags = (0..<tokens).map { ($0 + sentence) % 3 == 0 ? 1 : ($0 + sentence) % 3 == 1 ? 2 : 0 }
        return ModelTrainer.Example(features: features, tags: tags, perToken: 3)
    }

    /// 32-bit weights: the runs compared here are the floats before rounding (`WeightFormatTests`).
    static let options: ModelTrainer.Options = {
        var options = ModelTrainer.Options(epochs: 3, bucketBits: 8)
        options.weightFormat = .float32
        return options
    }()

    @Test func oneOrderIsTheSingleRunAndSeveralAreTheMeanOfTheirRuns() {
        func run(_ shuffle: UInt64) -> [Float] {
            ModelTrainer.averagedWeights(name: "t", tagCount: 3, Self.examples, Self.options, shuffle: shuffle) { _ in }
        }
        let single = ModelTrainer.perceptron(name: "t", roles: ["cue"], Self.examples, Self.options, { _ in })
        #expect(single.weights == run(Self.options.seed))

        let three = ModelTrainer.perceptron(name: "t", roles: ["cue"], Self.examples, Self.options, { _ in }, orders: 3)
        let runs = [0, 1, 2].map { order in
            run(order == 0 ? Self.options.seed : Self.options.seed ^ (UInt64(order) &* 0x9E37_79B9_7F4A_7C15))
        }
        #expect(runs[0] != runs[1], "the toy data must be order-sensitive for this test to mean anything")
        let mean = (0..<runs[0].count).map { index in
            Float(runs.reduce(0.0) { $0 + Double($1[index]) } / 3)
        }
        #expect(three.weights == mean)
        #expect(three.weights != single.weights)
        // The same data and options, the same bytes.
        let again = ModelTrainer.perceptron(name: "t", roles: ["cue"], Self.examples, Self.options, { _ in }, orders: 3)
        #expect(again.serialized() == three.serialized())
    }
}
