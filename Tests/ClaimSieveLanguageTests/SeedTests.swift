import ClaimSieveCore
import ClaimSieveLanguage
import ClaimSieveTestSupport
import Foundation
import Testing

/// The seed article of ../shared/seed with its expected verdicts: every claim unit must be right.
@Suite("Seed article")
struct SeedTests {
    static let articlePath = TestPaths.inShared("seed/000_d32f2fd5ef2d7ec4.txt")
    static let labelsPath = TestPaths.inShared("seed/seed-labels.tsv")

    @Test("all labelled claims of the seed get their verdict")
    func seedVerdicts() throws {
        guard FileManager.default.fileExists(atPath: Self.articlePath) else {
            Issue.record("seed article not found at \(Self.articlePath)")
            return
        }
        let article = try String(contentsOfFile: Self.articlePath, encoding: .utf8)
        try check(SeedSentences.split(article))
    }

    @Test("the same with the real sentence splitter")
    func seedWithSplitter() throws {
        guard FileManager.default.fileExists(atPath: Self.articlePath) else { return }
        let article = try String(contentsOfFile: Self.articlePath, encoding: .utf8)
        let splitter = try SentenceSplitter()
        try check(article.split(separator: "\n").flatMap { splitter.split(String($0)) })
    }

    private func check(_ sentences: [String]) throws {
        let labels = try String(contentsOfFile: Self.labelsPath, encoding: .utf8)
        let analyzer = try SentenceAnalyzer()
        let claims = analyzer.analyze(sentences, firstIsHeadline: true)
        var right = 0
        var total = 0
        var failures: [String] = []
        for line in labels.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[0] != "none" else { continue }
            total += 1
            let key = SeedSentences.fold(parts[1])
            guard let claim = claims.first(where: { SeedSentences.fold($0.text).contains(key) }) else {
                failures.append("no sentence contains '\(parts[1])'")
                continue
            }
            if claim.verdict?.rawValue == parts[0] {
                right += 1
            } else {
                let cues = claim.cues.map { "\($0.category.rawValue):\($0.text)" }.joined(separator: ", ")
                failures.append(
                    "expected \(parts[0]), got \(claim.verdict?.rawValue ?? "-"): \(claim.text) [cues: \(cues)] [source: \(claim.source.map { "\($0.text) named=\($0.named)" } ?? "-")]")
            }
        }
        print("seed: \(right)/\(total) claim units right")
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        #expect(total == 35)
    }
}

/// A small, test-only sentence splitter for the seed, so the seed test does not depend on the real
/// splitter's progress: paragraphs are lines; a sentence ends at . ! ? (and a closing quote)
/// before a capital or an opening quote, except after an abbreviation such as "U.S.".
enum SeedSentences {
    static func split(_ article: String) -> [String] {
        var result: [String] = []
        for line in article.split(separator: "\n", omittingEmptySubsequences: true) {
            for glued in unglue(String(line)) { result.append(contentsOf: splitParagraph(glued)) }
        }
        return result.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// "had not fleAbu Mohammad" (a paragraph lost its end): a lower-case run of three or more
    /// letters glued to a capitalised word starts a new sentence.
    static func unglue(_ paragraph: String) -> [String] {
        let scalars = Array(paragraph.unicodeScalars)
        var pieces: [String] = []
        var current = String.UnicodeScalarView()
        var lowerRun = 0
        for (index, scalar) in scalars.enumerated() {
            let isUpper = CharacterSet.uppercaseLetters.contains(scalar)
            let nextIsLower = index + 1 < scalars.count && CharacterSet.lowercaseLetters.contains(scalars[index + 1])
            if isUpper, nextIsLower, lowerRun >= 3 {
                pieces.append(String(current))
                current = String.UnicodeScalarView()
            }
            lowerRun = CharacterSet.lowercaseLetters.contains(scalar) ? lowerRun + 1 : 0
            current.append(scalar)
        }
        pieces.append(String(current))
        return pieces
    }

    static func splitParagraph(_ paragraph: String) -> [String] {
        let characters = Array(paragraph)
        var sentences: [String] = []
        var start = 0
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if ".!?".contains(character) {
                var end = index + 1
                while end < characters.count, "”\"’)".contains(characters[end]) { end += 1 }
                var next = end
                while next < characters.count, characters[next] == " " { next += 1 }
                let boundary = next > end && next < characters.count
                    && (characters[next].isUppercase || characters[next] == "“" || characters[next] == "\"")
                if boundary, !isAbbreviation(characters, before: index) {
                    sentences.append(String(characters[start..<end]))
                    start = next
                    index = next
                    continue
                }
            }
            index += 1
        }
        if start < characters.count { sentences.append(String(characters[start...])) }
        return sentences
    }

    /// "U.S." or a single capital letter before the period.
    static func isAbbreviation(_ characters: [Character], before period: Int) -> Bool {
        var wordStart = period
        while wordStart > 0, !characters[wordStart - 1].isWhitespace { wordStart -= 1 }
        let word = characters[wordStart..<period]
        return word.contains(".") || (word.count == 1 && word.first?.isUppercase == true)
    }

    /// Folds curly quotes and whitespace, as the label file asks.
    static func fold(_ text: String) -> String {
        var folded = ""
        var lastSpace = false
        for character in text {
            var mapped = character
            if "“”„\"".contains(character) { mapped = "\"" }
            if "‘’".contains(character) { mapped = "'" }
            if mapped.isWhitespace {
                if !lastSpace { folded.append(" ") }
                lastSpace = true
            } else {
                folded.append(mapped)
                lastSpace = false
            }
        }
        return folded
    }
}
