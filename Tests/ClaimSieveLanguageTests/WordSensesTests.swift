import ClaimSieveCore
@testable import ClaimSieveLanguage
import ClaimSieveTestSupport
import Foundation
import Testing

/// WordNet's supersenses (feature set 6): the committed file's forms, inflected ones included,
/// their codes in the model's word-class table, the templates that read them, and a model
/// trained with them.
@Suite("WordNet supersenses")
struct WordSensesTests {
    static func hash(_ word: String) -> UInt32 {
        var tokens: [ByteTokenizer.Token] = []
        var text = word
        _ = text.withUTF8 { ByteTokenizer.tokenize($0, vocabulary: Vocabulary(), tokens: &tokens) }
        return tokens[0].hash
    }

    static let committed: WordSenses = {
        try! WordSenses.load(path: TestPaths.inRepository("pipelines/lexicons/en-wordnet.tsv"))
    }()

    /// "say" is filed under verb.communication (32) first; its irregular past "said" (verb.exc)
    /// and the regular "pledged" and "insists" are there too, with the verb kind "communication";
    /// "believes" is a cognition verb (31); a word WordNet does not hold has no code.
    @Test func theCommittedFileGivesAWordsSupersenses() {
        let senses = Self.committed
        #expect(senses.words.count > 30_000)
        #expect(senses.code(of: Self.hash("say")) & 63 == 32)
        let said = senses.code(of: Self.hash("said"))
        #expect(said & 63 == 32)
        #expect(said >> 12 & 7 == 2)
        #expect(senses.code(of: Self.hash("pledged")) >> 12 & 7 == 2)
        #expect(senses.code(of: Self.hash("Insists")) & 63 == 32)
        #expect(senses.code(of: Self.hash("believes")) & 63 == 31)
        #expect(senses.code(of: Self.hash("believes")) >> 12 & 7 == 1)
        #expect(senses.code(of: Self.hash("table")) >> 12 & 7 == 0)
        #expect(senses.code(of: Self.hash("xqzzyplonk")) == 0)
    }

    /// The parser reads two supersenses, skips comments, keeps the first of two lines of one form,
    /// and refuses a line of another shape with its number.
    @Test func theParserReadsTheFormatAndRefusesABadLine() throws {
        let senses = try WordSenses.parse("# comment\nwants\t37,34\nwants\t12\n\ntable\t6\n", file: "t.tsv")
        #expect(senses.words.count == 2)
        #expect(senses.code(of: Self.hash("wants")) == 37 | 34 << 6 | 3 << 12)
        #expect(senses.code(of: Self.hash("table")) == 6)
        #expect(throws: ModelFileError.self) { try WordSenses.parse("said 32\n", file: "t.tsv") }
        #expect(throws: ModelFileError.self) { try WordSenses.parse("said\t99\n", file: "t.tsv") }
    }

    /// Merged into the word classes, a word keeps its class in the low 16 bits and takes its code
    /// above; a word only WordNet holds has the class `unknown`.
    @Test func theClassTableCarriesTheCodes() {
        let said = Self.hash("said"), pledged = Self.hash("pledged")
        let pairs = [(said, UInt16(7))]
        let merged = WordClusters(words: pairs.map(\.0), classes: pairs.map(\.1)).adding(senses: Self.committed)
        #expect(merged.lookup(said) & 0xFFFF == 7)
        #expect(merged.lookup(said) >> 16 == UInt64(Self.committed.code(of: said)))
        #expect(merged.lookup(pledged) & 0xFFFF == WordClusters.unknown)
        #expect(merged.lookup(pledged) >> 16 == UInt64(Self.committed.code(of: pledged)))
    }

    /// Set 6 is set 5 and five more templates per token: the first 33 are set 5's, the same
    /// sentence gives the same features twice, and the supersense templates see "pledged" and
    /// "claimed" (both verb.communication, then verb.possession) alike where their words differ.
    @Test func theSenseTemplatesAreDeterministicAndExtendSetFive() throws {
        let tagger = try CueTagger(lexiconPaths: [])
        let table = WordClusters(words: [], classes: []).adding(senses: Self.committed)
        func features(_ text: String, set: UInt32) -> [UInt64] {
            var text = text
            return text.withUTF8 { bytes in
                var tokens: [ByteTokenizer.Token] = []
                ByteTokenizer.tokenize(bytes, vocabulary: tagger.vocabulary, tokens: &tokens)
                return tokens.withUnsafeBufferPointer { tokens in
                    let firstWord = tokens.firstIndex { $0.isWord } ?? 0
                    let matches = tagger.lexiconMatches(tokens, bytes, firstWord: firstWord, titleCase: CueTagger.isTitleCase(tokens, bytes))
                    var out: [UInt64] = []
                    ModelFeatures.extract(
                        tokens: tokens, bytes: bytes, lexical: tagger.lexical(tokens, matches),
                        sentence: .init(paragraphStart: true, carriedQuote: false), seed: 0x5EED, into: &out, set: set,
                        clusters: table)
                    return out
                }
            }
        }
        let six = ModelFeatures.perToken(6), five = ModelFeatures.perToken(5)
        #expect(six == five + 5)
        let pledged = features("The mayor pledged new money.", set: 6)
        #expect(pledged == features("The mayor pledged new money.", set: 6))
        let setFive = features("The mayor pledged new money.", set: 5)
        for token in 0..<(pledged.count / six) {
            #expect(Array(pledged[(token * six)..<(token * six + five)]) == Array(setFive[(token * five)..<((token + 1) * five)]))
        }
        let claimed = features("The mayor claimed new money.", set: 6)
        // Token 2: the verb. Its word differs; its supersense templates (33-37) are the same.
        #expect(pledged[2 * six + 1] != claimed[2 * six + 1])
        #expect(Array(pledged[(2 * six + five)..<(3 * six)]) == Array(claimed[(2 * six + five)..<(3 * six)]))
        // "mayor" (noun.person) and "table" (noun.artifact) differ in the first supersense.
        let table2 = features("The table pledged new money.", set: 6)
        #expect(pledged[1 * six + five] != table2[1 * six + five])
    }

    /// `attributionFeatureSet` 6 trains a model whose file names the set and carries the codes in
    /// its word-class table, and loads back the same bytes; training twice gives the same bytes.
    @Test func aSetSixModelIsWrittenAndLoaded() throws {
        var lexicon = Lexicon()
        try lexicon.add(yaml: "cues: []", file: "test.yml")
        let articles = try TrainingCorpus.readAttribution(path: try PolNeAREvalTests.articleFile())
        var options = ModelTrainer.Options(epochs: 2, bucketBits: 12)
        options.attributionOrders = 1
        options.attributionFeatureSet = 6
        options.wordSenses = Self.committed
        let model = ModelTrainer.trainAttribution(articles, tagger: try CueTagger(lexicon: lexicon), options: options)
        #expect(model.featureSet == 6)
        let said = Self.hash("said")
        #expect((model.clusters?.lookup(said) ?? 0) >> 16 == UInt64(Self.committed.code(of: said)))
        let path = NSTemporaryDirectory() + "attribution-\(UUID().uuidString).model"
        try model.serialized().write(to: URL(fileURLWithPath: path))
        let loaded = try SequenceModel.load(path: path)
        #expect(loaded.featureSet == 6)
        #expect(loaded.serialized() == model.serialized())
        let again = ModelTrainer.trainAttribution(articles, tagger: try CueTagger(lexicon: lexicon), options: options)
        #expect(again.serialized() == model.serialized())
        // The tagger reads it: a sentence is analysed with the set-6 model.
        let analyzer = SentenceAnalyzer(tagger: try CueTagger(lexicon: lexicon, models: TaggerModels(attribution: loaded, cues: .all)))
        #expect(analyzer.analyze(["He said the vote was rushed."]).count == 1)
    }
}
