@testable import ClaimSieveLanguage
import Foundation
import Testing

/// The distributional word classes of feature set 5: words that stand between the same
/// neighbours share a class, learned from unlabelled text, the same on every run.
@Suite("Word classes")
struct WordClusterTests {
    static func hash(_ word: String) -> UInt32 {
        var tokens: [ByteTokenizer.Token] = []
        var text = word
        _ = text.withUTF8 { ByteTokenizer.tokenize($0, vocabulary: Vocabulary(), tokens: &tokens) }
        return tokens[0].hash
    }

    /// "X believes that ..." and "X contends that ...": belief verbs; "the table is ..." nouns.
    static let text: [[(hash: UInt32, isWord: Bool)]] = {
        var sentences: [String] = []
        let subjects = ["he", "she", "smith", "jones", "officials"]
        let verbs = ["believes", "contends", "insists", "argues"]
        let nouns = ["table", "chair", "house", "garden"]
        for (index, subject) in subjects.enumerated() {
            for verb in verbs { sentences.append("\(subject) \(verb) that it works .") }
            for noun in nouns { sentences.append("the \(noun) is \(index % 2 == 0 ? "old" : "new") .") }
        }
        return sentences
    }().map { sentence in
        sentence.split(separator: " ").map { word in (hash(String(word)), word != ".") }
    }

    @Test func wordsOfTheSameNeighboursShareAClass() {
        let clusters = WordClusters.learn(Self.text, classCount: 3, minimumCount: 2)
        let believes = clusters.lookup(Self.hash("believes"))
        #expect(believes != WordClusters.unknown)
        for verb in ["contends", "insists", "argues"] { #expect(clusters.lookup(Self.hash(verb)) == believes, "\(verb)") }
        let table = clusters.lookup(Self.hash("table"))
        #expect(table != believes)
        for noun in ["chair", "house", "garden"] { #expect(clusters.lookup(Self.hash(noun)) == table, "\(noun)") }
        #expect(clusters.lookup(Self.hash("unseen")) == WordClusters.unknown)
        // Deterministic: the same text gives the same table.
        #expect(WordClusters.learn(Self.text, classCount: 3, minimumCount: 2) == clusters)
    }
}
