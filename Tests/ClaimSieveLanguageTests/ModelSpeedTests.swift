import ClaimSieveCore
@testable import ClaimSieveLanguage
import Foundation
import Testing

/// What makes the learned taggers fast must not change what they say: the vector decode gives
/// the trainer's tags bit for bit, and the weight table loads in bulk and round-trips.
@Suite("Learned tagger speed")
struct ModelSpeedTests {
    static func model(roles: [String], seed: UInt64, state: UInt64) -> SequenceModel {
        var random = SequenceDecodeTests.Generator(state: state)
        let bits = 8
        let weights = (0..<((1 << bits) * (1 + 2 * roles.count))).map { _ in random.weight() }
        return SequenceModel(name: roles == ["hedge"] ? "hedge" : "attribution", roles: roles, bucketBits: bits, seed: seed, weights: weights)
    }

    /// The trainer's scalar Viterbi over the file's layout, on features laid out as the trainer
    /// lays them out (a domain's copies after the shared ones).
    static func reference(
        _ model: SequenceModel, _ features: [UInt64], perToken: Int, stride: Int, tokens: Int, bias: Float, domain: String?
    ) -> [Int] {
        var compact: [UInt64] = []
        for token in 0..<tokens {
            let shared = features[(token * stride)..<(token * stride + perToken)]
            compact += shared
            if let domain {
                let hash = FNV1a.hash(domain.utf8)
                for feature in shared { compact.append(ModelFeatures.mix(feature, hash, 40, seed: model.seed)) }
            }
        }
        var tags: [Int] = []
        let weights = model.weights
        compact.withUnsafeBufferPointer { features in
            weights.withUnsafeBufferPointer { weights in
                SequenceModel.viterbi(
                    features: features, perToken: domain == nil ? perToken : 2 * perToken, tokens: tokens,
                    tagCount: model.tagCount, mask: model.mask, seed: model.seed, weights: weights, cueBias: bias, into: &tags)
            }
        }
        return tags
    }

    @Test(arguments: [["hedge"], ["cue", "source"]])
    func theVectorDecodeGivesTheTrainersTags(roles: [String]) {
        let model = Self.model(roles: roles, seed: 11, state: 0xC0FFEE)
        var random = SequenceDecodeTests.Generator(state: 0xBEEF)
        // A set-3 model reads the first 23 features of each block of set 4's 29.
        let perToken = 23
        let stride = 29
        for round in 0..<60 {
            let tokens = 1 + round % 25
            let features = (0..<(tokens * stride)).map { _ in random.next() }
            let bias: Float = [0, 3.5, -2][round % 3]
            let domain: String? = round % 2 == 0 ? nil : "wiki"
            var fast: [Int] = []
            features.withUnsafeBufferPointer {
                model.decode(features: $0, perToken: perToken, stride: stride, tokens: tokens, bias: bias, domain: domain, into: &fast)
            }
            let expected = Self.reference(model, features, perToken: perToken, stride: stride, tokens: tokens, bias: bias, domain: domain)
            #expect(fast == expected)
        }
    }

    @Test func theWeightTableRoundTripsThroughTheFile() throws {
        var model = Self.model(roles: ["cue", "source"], seed: 5, state: 77)
        model.cueBias = 3
        let bytes = model.serialized()
        let parsed = try SequenceModel.parse(bytes, file: "test.model")
        #expect(parsed.weights == model.weights)
        #expect(parsed.cueBias == 3)
        #expect(parsed.serialized() == bytes)
        // A table cut short is refused, naming the file.
        #expect(throws: ModelFileError.self) { try SequenceModel.parse(bytes.dropLast(4), file: "short.model") }
    }

    /// A weight that is not a number, or huge, is refused naming the file: the decode would have
    /// no best path (every score NaN or -inf) and read back-pointers it never wrote.
    @Test func aModelFileWithAWeightThatIsNotANumberOrHugeIsRefused() throws {
        let model = Self.model(roles: ["cue"], seed: 5, state: 77)
        let bytes = model.serialized()
        let last = bytes.count - 4
        for bad: Float in [.nan, -.infinity, -1e38] {
            var broken = bytes
            withUnsafeBytes(of: bad.bitPattern.littleEndian) { broken.replaceSubrange(last..<bytes.count, with: $0) }
            #expect {
                _ = try SequenceModel.parse(broken, file: "bad.model")
            } throws: { error in
                "\(error)".contains("bad.model") && "\(error)".contains("weight")
            }
        }
        #expect(throws: Never.self) { _ = try SequenceModel.parse(bytes, file: "good.model") }
    }

    /// The shipped file read in bulk holds the same weights as its floats read one by one.
    @Test func theShippedModelLoadsTheFilesWeights() throws {
        let path = try #require(DataFiles.locate("models/hedge.model"))
        let model = try SequenceModel.load(path: path)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let weights = model.weights
        let start = data.count - weights.count * 4
        let expected = data.withUnsafeBytes { raw in
            (0..<weights.count).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: start + $0 * 4, as: UInt32.self))) }
        }
        #expect(weights == expected)
        #expect(model.serialized() == data)
    }
}
