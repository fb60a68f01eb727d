@testable import ClaimSieveLanguage
import Testing

/// The learned taggers decode exactly: Viterbi returns the best-scoring allowed tag sequence,
/// the one a search over every sequence finds.
@Suite("Sequence decoding")
struct SequenceDecodeTests {
    /// A fixed xorshift generator, so the weights are the same on every run.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        mutating func weight() -> Float { Float(Int(next() % 2001) - 1000) / 100 }
    }

    /// The score of one tag sequence, as the model defines it.
    static func score(_ tags: [Int], _ model: SequenceModel, _ features: [UInt64], perToken: Int) -> Float {
        var total: Float = 0
        func add(_ feature: UInt64, _ tag: Int) { total += model.weights[Int(feature & model.mask) * model.tagCount + tag] }
        for (token, tag) in tags.enumerated() {
            let previous = token == 0 ? 0 : tags[token - 1]
            for index in 0..<perToken { add(features[token * perToken + index], tag) }
            add(ModelFeatures.transition(previous, 0, seed: model.seed), tag)
            add(ModelFeatures.transitionWord(previous, features[token * perToken + 1], seed: model.seed), tag)
        }
        return total
    }

    @Test func viterbiFindsTheBestAllowedSequence() {
        var random = Generator(state: 0x5EED)
        let roles = ["cue", "source"]
        let bits = 8
        let weights = (0..<((1 << bits) * (1 + 2 * roles.count))).map { _ in random.weight() }
        let model = SequenceModel(name: "test", roles: roles, bucketBits: bits, seed: 7, weights: weights)
        let perToken = 3
        for _ in 0..<20 {
            let tokens = 4
            let features = (0..<(tokens * perToken)).map { _ in random.next() }
            var decoded: [Int] = []
            features.withUnsafeBufferPointer {
                model.decode(features: $0, perToken: perToken, tokens: tokens, into: &decoded)
            }
            // Every sequence of 5 tags over 4 tokens whose I- tags continue their own role.
            var best: (tags: [Int], score: Float)?
            for code in 0..<625 {
                let tags = (0..<tokens).map { code / [1, 5, 25, 125][$0] % 5 }
                let allowed = tags.indices.allSatisfy { SequenceModel.allowed(tags[$0], after: $0 == 0 ? 0 : tags[$0 - 1]) }
                guard allowed else { continue }
                let value = Self.score(tags, model, features, perToken: perToken)
                if best == nil || value > best!.score { best = (tags, value) }
            }
            #expect(decoded == best?.tags)
        }
    }
}

/// The cue bias the trainer learns is part of the model file and moves decoding toward cues only
/// when the model adds cues of its own.
@Suite("Cue bias")
struct CueBiasTests {
    static func model(bias: Float) -> SequenceModel {
        var model = SequenceModel(
            name: "attribution", roles: ["cue", "source"], bucketBits: 8, seed: 3,
            weights: [Float](repeating: 0, count: (1 << 8) * 5))
        model.cueBias = bias
        return model
    }

    @Test func theBiasRoundTripsThroughTheFile() throws {
        var model = Self.model(bias: 42.5)
        model.cueBiasAll = 7.5
        let parsed = try SequenceModel.parse(model.serialized(), file: "test.model")
        #expect(parsed.cueBias == 42.5)
        #expect(parsed.cueBiasAll == 7.5)
        #expect(parsed.serialized() == model.serialized())
    }

    @Test func theBiasAppliesOnlyWhenTheModelAddsCues() {
        let model = Self.model(bias: 5)
        let features = [UInt64](repeating: 9, count: 3 * 2)
        var tags: [Int] = []
        features.withUnsafeBufferPointer { model.decode(features: $0, perToken: 3, tokens: 2, addsCues: true, into: &tags) }
        #expect(tags.first == 1)
        features.withUnsafeBufferPointer { model.decode(features: $0, perToken: 3, tokens: 2, addsCues: false, into: &tags) }
        #expect(tags == [0, 0])
        // `model_cues: all` has its own bias (here none).
        features.withUnsafeBufferPointer {
            model.decode(features: $0, perToken: 3, tokens: 2, addsCues: true, allCues: true, into: &tags)
        }
        #expect(tags == [0, 0])
    }
}
