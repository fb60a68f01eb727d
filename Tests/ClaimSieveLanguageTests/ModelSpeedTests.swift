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

    /// The gate's words round-trip through the file, per corpus; a list out of order is refused.
    @Test func theGateRoundTripsThroughTheFile() throws {
        var model = Self.model(roles: ["hedge"], seed: 5, state: 9)
        model.domains = ["bio", "wiki"]
        model.cueWords = [3, 70, 900]
        model.domainCueWords = [[70], [3, 900]]
        let bytes = model.serialized()
        let parsed = try SequenceModel.parse(bytes, file: "gate.model")
        #expect(parsed.cueWords == [3, 70, 900])
        #expect(parsed.domainCueWords == [[70], [3, 900]])
        #expect(parsed.serialized() == bytes)
        #expect(parsed.mayFindCue([1, 900], domain: "wiki"))
        #expect(!parsed.mayFindCue([1, 900], domain: "bio"))
        #expect(parsed.mayFindCue([70], domain: nil))
        #expect(!parsed.mayFindCue([], domain: nil))
        // No gate: every sentence may hold a cue.
        model.cueWords = []
        #expect(model.mayFindCue([1], domain: nil))
        var unsorted = model
        unsorted.cueWords = [70, 3]
        #expect {
            _ = try SequenceModel.parse(unsorted.serialized(), file: "unsorted.model")
        } throws: { error in
            "\(error)".contains("unsorted.model") && "\(error)".contains("sorted")
        }
    }

    static func hashes(_ text: String, _ tagger: CueTagger) -> [UInt32] {
        var text = text
        var tokens: [ByteTokenizer.Token] = []
        text.withUTF8 { ByteTokenizer.tokenize($0, vocabulary: tagger.vocabulary, tokens: &tokens) }
        return tokens.filter(\.isWord).map(\.hash)
    }

    /// The trainer's gate holds the rarest word of the cues seen at least twice, gold or the
    /// model's own ("might" and "perhaps" in the tiny corpus); a sentence holding neither is not
    /// decoded, and where the model's cues are ones it learned, the decode without the gate
    /// finds none there either.
    @Test func theGateHoldsTheWordsTheTrainingCuesNeed() throws {
        let empty = try LearnedTaggerTests.lexicon("cues: []")
        let model = try LearnedTaggerTests.trainHedge(lexicon: empty)
        let plain = try CueTagger(lexicon: empty)
        #expect(model.cueWords == Self.hashes("might perhaps", plain).sorted())
        #expect(model.domainCueWords == [model.cueWords])
        var ungated = model
        ungated.cueWords = []
        ungated.domainCueWords = []
        let gated = try CueTagger(lexicon: empty, models: TaggerModels(hedge: model, cues: .speech))
        let open = try CueTagger(lexicon: empty, models: TaggerModels(hedge: ungated, cues: .speech))
        for sentence in ["The deal might collapse.", "The plan works.", "Perhaps it rains.", "It might rain, perhaps."] {
            #expect(gated.tag(sentence).cues.map(\.text) == open.tag(sentence).cues.map(\.text), "\(sentence)")
        }
        // What the gate gives up: a cue whose word the model marked only once in training (this
        // toy model, five epochs on six sentences, marks "Officials" in the one sentence it saw).
        let oneOff = "Officials kept denying flu vaccines."
        #expect(open.tag(oneOff).cues.map(\.text) == ["Officials"])
        #expect(gated.tag(oneOff).cues.isEmpty)
        #expect(gated.tag("The deal might collapse.").cues.map(\.text) == ["might"])
        #expect(!model.mayFindCue(Self.hashes("The plan works.", plain), domain: nil))
    }

    /// The shipped hedge model's gate (Wikipedia's conventions, as `tag` uses them) on the project's
    /// labelled sentences: where it says no cue can be, the decode without it
    /// finds none either, so the verdicts are the gated ones.
    @Test func theShippedGateSkipsOnlySentencesWithoutModelCues() throws {
        let analyzer = try SentenceAnalyzer(modelCues: .speech)
        let tagger = analyzer.tagger
        var models = tagger.models
        let hedge = try #require(models.hedge)
        #expect(!hedge.cueWords.isEmpty && hedge.domainCueWords.count == hedge.domains.count)
        var ungated = hedge
        ungated.cueWords = []
        ungated.domainCueWords = []
        models.hedge = ungated
        let open = try CueTagger(lexicon: tagger.lexicon, models: models)
        let labelled = try EvalLabelledTests.lines().filter { !$0.hasPrefix("#") && $0.contains("\t") }.map {
            String($0.split(separator: "\t", maxSplits: 1)[1])
        }
        var skipped = 0
        for sentence in labelled where !hedge.mayFindCue(Self.hashes(sentence, tagger), domain: models.hedgeDomain) {
            skipped += 1
            #expect(tagger.tag(sentence).cues.map(\.text) == open.tag(sentence).cues.map(\.text), "\(sentence)")
        }
        #expect(skipped > labelled.count / 4)
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

    /// The shipped file read in bulk holds the same weights as its floats read one by one (a
    /// file of 32-bit weights; a 16-bit one, format 7, is checked by `WeightFormatTests` and
    /// here by writing it back byte for byte).
    @Test func theShippedModelLoadsTheFilesWeights() throws {
        let path = try #require(DataFiles.locate("models/hedge.model"))
        let model = try SequenceModel.load(path: path)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(model.serialized() == data)
        guard model.weightFormat == .float32 else { return }
        let weights = model.weights
        let start = data.count - weights.count * 4
        let expected = data.withUnsafeBytes { raw in
            (0..<weights.count).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: start + $0 * 4, as: UInt32.self))) }
        }
        #expect(weights == expected)
        #expect(model.serialized() == data)
    }
}
