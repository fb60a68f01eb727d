@testable import ClaimSieveLanguage
import Foundation
import ClaimSieveTestSupport
import Testing

/// The heading checks' words on bytes against the `Character` path they replace, on random text
/// mixing the characters the bytes path knows with some it must leave to `Character`s.
@Suite struct SimpleWordsTests {
    /// What `NonClaimClassifier.words` computes on `Character`s.
    static func characterWords(_ text: String) -> [String] {
        text.split(whereSeparator: { $0.isWhitespace }).map { word -> String in
            var s = word[...]
            while let c = s.unicodeScalars.first, !c.properties.isAlphabetic, c.properties.numericType == nil { s = s.dropFirst() }
            while let c = s.unicodeScalars.last, !c.properties.isAlphabetic, c.properties.numericType == nil { s = s.dropLast() }
            return String(s)
        }.filter { !$0.isEmpty }
    }

    typealias Generator = SplitMix64

    static let known = ["a", "B", "z", "7", " ", "  ", "\t", "\n", "\r\n", ".", ",", "-", "'", "\"", "(", "\u{A0}", "’", "‘", "“", "”", "–", "—", "…"]
    static let unknown = ["é", "e\u{301}", " \u{301}", "\u{2009}", "İ", "٣"]

    @Test("words and folded whitespace agree with the Character path on 20,000 random texts")
    func randomTexts() {
        var random = Generator(state: 7)
        var simple = 0
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...14, using: &random) {
                text += Int.random(in: 0..<40, using: &random) == 0 ? Self.unknown.randomElement(using: &random)! : Self.known.randomElement(using: &random)!
            }
            let ranges = text.utf8.withContiguousStorageIfAvailable { bytes in
                SimpleWords.ranges(bytes).map { $0.map { String(decoding: bytes[$0], as: UTF8.self) } }
            } ?? nil
            let folded = SimpleWords.foldedWhitespace(text)
            let hasUnknown = Self.unknown.contains { text.unicodeScalars.contains($0.unicodeScalars.last!) }
            if hasUnknown {
                #expect(ranges == nil && folded == nil, "\(text.debugDescription)")
                continue
            }
            simple += 1
            #expect(ranges == Self.characterWords(text), "\(text.debugDescription)")
            #expect(folded == text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " "), "\(text.debugDescription)")
        }
        #expect(simple > 10_000)
    }

    @Test func headingChecksReadTheSameOnEitherPath() throws {
        let classifier = try NonClaimClassifier()
        // Curly quotes and dashes take the bytes path; an accented letter the Character path.
        #expect(classifier.looksLikeSectionHeading("Setback For Russia’s Army"))
        #expect(classifier.looksLikeSectionHeading("Setback For Russia’s Army — Café"))
        #expect(!classifier.looksLikeSectionHeading("Russia Says It Will Keep Its Bases"))
        #expect(!classifier.looksLikeSectionHeading("Russia Says It Will Keep Its Bases – Café"))
        #expect(!classifier.looksLikeSectionHeading("the army pulled back"))
        #expect(classifier.readsAsSentence("Russia Says It Will Keep Its Bases"))
        #expect(!classifier.readsAsSentence("Setback For Russia"))
        #expect(SplitStage.foldWhitespace("  Setback\u{A0}\u{A0}For\n Russia ") == "Setback For Russia")
        #expect(SplitStage.foldWhitespace(" Café\u{2009}Society ") == "Café Society")
    }
}
