@testable import ClaimSieveLanguage
import Foundation
import Testing

/// Model format 7: weights stored as 16-bit integers times one step per table (half the file, so
/// a table of 2^20 rows fits the size budget), read back to the very floats the trainer measured;
/// files of earlier formats (32-bit floats) still load, and a file with another width is refused.
@Suite("Weight format")
struct WeightFormatTests {
    static func model(state: UInt64) -> SequenceModel {
        ModelSpeedTests.model(roles: ["cue", "source"], seed: 5, state: state)
    }

    /// The same model with its weights rounded as the trainer rounds them.
    static func quantised(_ model: SequenceModel) -> SequenceModel {
        let (weights, scale) = WeightFormat.quantised(model.weights)
        var rounded = SequenceModel(name: model.name, roles: model.roles, bucketBits: model.bucketBits, seed: model.seed, weights: weights)
        rounded.weightFormat = .int16
        rounded.weightScale = scale
        rounded.cueBiasAll = 20
        return rounded
    }

    @Test func sixteenBitWeightsRoundTripToTheSameFloatsInHalfTheFile() throws {
        let float = Self.model(state: 77)
        let rounded = Self.quantised(float)
        // Each weight moves by at most half a step, and the step is the largest weight / 32767.
        let largest = float.weights.map(abs).max()!
        #expect(rounded.weightScale == largest / 32767)
        for (before, after) in zip(float.weights, rounded.weights) { #expect(abs(before - after) <= rounded.weightScale / 2 * 1.001) }
        #expect(rounded.weights != float.weights, "the toy weights must not all be multiples of the step")

        let bytes = rounded.serialized()
        let parsed = try SequenceModel.parse(bytes, file: "q.model")
        #expect(parsed.format == 7)
        #expect(parsed.weightFormat == .int16)
        #expect(parsed.weights == rounded.weights)
        #expect(parsed.cueBiasAll == 20)
        #expect(parsed.serialized() == bytes)
        // Half the bytes a weight, and a bitmap of the rows present (here every row).
        let floatBytes = float.serialized()
        #expect(floatBytes.count - bytes.count == float.weights.count * 2 - (1 << 8) / 8)
        // A row of zeros is left out of the file: only its bit in the bitmap says so.
        var sparseWeights = float.weights
        for index in 0..<(128 * 5) { sparseWeights[index] = 0 }
        let sparse = Self.quantised(
            SequenceModel(name: float.name, roles: float.roles, bucketBits: float.bucketBits, seed: float.seed, weights: sparseWeights))
        let sparseBytes = sparse.serialized()
        #expect(bytes.count - sparseBytes.count == 128 * 5 * 2)
        let sparseParsed = try SequenceModel.parse(sparseBytes, file: "sparse.model")
        #expect(sparseParsed.weights == sparse.weights)
        #expect(sparseParsed.serialized() == sparseBytes)
        // The same tags from the file as from the model the trainer holds.
        let features = (0..<(6 * 29)).map { UInt64($0 &* 0x9E37_79B9 &+ 11) }
        var fromFile: [Int] = []
        var fromTrainer: [Int] = []
        features.withUnsafeBufferPointer {
            parsed.decode(features: $0, perToken: 29, tokens: 6, into: &fromFile)
            rounded.decode(features: $0, perToken: 29, tokens: 6, into: &fromTrainer)
        }
        #expect(fromFile == fromTrainer)
        // Cut short: refused, naming the file.
        #expect(throws: ModelFileError.self) { try SequenceModel.parse(bytes.dropLast(2), file: "short.model") }
    }

    /// The loader fills each padded row with one vector (4 lanes for the hedge model's 3 tags, 8
    /// for the attribution model's 5), reading past a row into the next; rows present and absent
    /// in every pattern, and the last row, come back as the trainer's floats, padding lanes 0.
    @Test(arguments: [["cue"], ["cue", "source"]])
    func theRowsOfEitherWidthLoadAsTheTrainersFloats(roles: [String]) throws {
        let float = ModelSpeedTests.model(roles: roles, seed: 9, state: 5)
        var weights = float.weights
        let tags = 1 + 2 * roles.count
        // Rows 0..<256: every third row absent, and a run of eight absent rows (a zero byte).
        for row in 0..<(1 << float.bucketBits) where row % 3 == 0 || (64..<72).contains(row) {
            for tag in 0..<tags { weights[row * tags + tag] = 0 }
        }
        let rounded = Self.quantised(SequenceModel(name: float.name, roles: roles, bucketBits: float.bucketBits, seed: float.seed, weights: weights))
        let parsed = try SequenceModel.parse(rounded.serialized(), file: "rows.model")
        #expect(parsed.weights == rounded.weights)
        let table = parsed.table
        #expect(table.stride == (tags <= 4 ? 4 : 8))
        for row in 0..<table.rowCount {
            for lane in tags..<table.stride { #expect(table.rows[row * table.stride + lane].bitPattern == 0) }
        }
    }

    /// A file of format 6 (32-bit floats, no width field) still loads and is written back as it was.
    @Test func aFileOfTheFormatBeforeStillLoads() throws {
        var old = Self.model(state: 91)
        old.format = 6
        let bytes = old.serialized()
        let parsed = try SequenceModel.parse(bytes, file: "old.model")
        #expect(parsed.format == 6)
        #expect(parsed.weightFormat == .float32)
        #expect(parsed.weights == old.weights)
        #expect(parsed.serialized() == bytes)
    }

    /// A width other than 16 or 32, or a step that is not a small positive number, is refused
    /// with a message naming the file and the field.
    @Test func anUnknownWidthOrABadStepIsRefused() throws {
        var model = Self.quantised(Self.model(state: 5))
        let bytes = model.serialized()
        // The width, the step and the count precede the table (in a float file, its weights).
        model.weightFormat = .float32
        let widthOffset = model.serialized().count - model.weights.count * 4 - 12
        #expect(bytes[widthOffset] == 16)
        var eightBits = bytes
        eightBits[widthOffset] = 8
        #expect { _ = try SequenceModel.parse(eightBits, file: "eight.model") } throws: { error in
            "\(error)".contains("eight.model") && "\(error)".contains("8 bits")
        }
        for step: Float in [.nan, 0, -1, 1e6] {
            var broken = bytes
            withUnsafeBytes(of: step.bitPattern.littleEndian) { broken.replaceSubrange((widthOffset + 4)..<(widthOffset + 8), with: $0) }
            #expect { _ = try SequenceModel.parse(broken, file: "step.model") } throws: { error in
                "\(error)".contains("step.model") && "\(error)".contains("step")
            }
        }
    }

    /// The trainer writes 16-bit weights by default: the float run's weights rounded, the same
    /// bytes on every run; `weightFormat = .float32` keeps the floats.
    @Test func theTrainerRoundsTheWeightsItMeasures() {
        var options = TrainingOrdersTests.options
        options.weightFormat = .float32
        let float = ModelTrainer.perceptron(name: "t", roles: ["cue"], TrainingOrdersTests.examples, options, { _ in })
        options.weightFormat = .int16
        let rounded = ModelTrainer.perceptron(name: "t", roles: ["cue"], TrainingOrdersTests.examples, options, { _ in })
        #expect(rounded.weightFormat == .int16)
        #expect(rounded.weights == WeightFormat.quantised(float.weights).weights)
        let again = ModelTrainer.perceptron(name: "t", roles: ["cue"], TrainingOrdersTests.examples, options, { _ in })
        #expect(again.serialized() == rounded.serialized())
        #expect(ModelTrainer.Options().weightFormat == .int16)
    }

    /// `clusterText`: unlabelled sentences join the articles' text for the word classes, so a
    /// word the articles never hold gets a class.
    @Test func clusterTextGivesAClassToWordsTheArticlesLack() throws {
        var lexicon = Lexicon()
        try lexicon.add(yaml: "cues: []", file: "test.yml")
        let tagger = try CueTagger(lexicon: lexicon)
        // 300 words (more than the 256 classes), each three times between the same neighbours.
        let sentences = (0..<900).map { index in "the w\(index % 300)x said that it works ." }
        let without = ModelTrainer.wordClusters([], tagger: tagger)
        let with = ModelTrainer.wordClusters([], tagger: tagger, extra: sentences)
        let word = WordClusterTests.hash("w17x")
        #expect(without.lookup(word) == WordClusters.unknown)
        #expect(with.lookup(word) != WordClusters.unknown)
    }
}
