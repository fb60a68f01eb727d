import ArgumentParser
import ClaimSieveCore
import Foundation

/// `claimsieve detect-language`: what `clean` decides a text's language is, and why.
///
/// For checking a profiles file after an edit, or a page whose language came out wrong: the
/// scores show how many stop words of each language the text holds.
struct DetectLanguageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect-language",
        abstract: "Reads one text per line on standard input and prints the language `clean` would give it, as JSON.",
        discussion: """
        Each output line is {"language", "declared", "words", "hits": {"en": 41.5, ...}}: the language \
        decided (null when it cannot be told), the declared one given with --declared, the words read \
        and the stop-word hits of the languages that have any. Only the first sample_bytes of a line \
        are read, as in a run. The profiles are lexicons/language-profiles.yml unless --profiles is given.
        """
    )

    @Option(name: .long, help: "A profiles file to use instead of the shipped one.")
    var profiles: String?

    @Option(name: .long, help: "The language the page declares (as in <html lang>), to see whether the text overrides it.")
    var declared: String?

    struct Line: Encodable {
        var language: String?
        var declared: String?
        var words: Int
        var hits: [String: Double]

        enum CodingKeys: String, CodingKey { case language, declared, words, hits }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(language, forKey: .language)  // null when it cannot be told
            try container.encodeIfPresent(declared, forKey: .declared)
            try container.encode(words, forKey: .words)
            try container.encode(hits, forKey: .hits)
        }
    }

    func run() throws {
        let detector: LanguageDetector
        do {
            detector = try profiles.map { try LanguageDetector.load(path: $0) } ?? LanguageDetector.shipped()
        } catch {
            throw fail(.pipelineError, "cannot load the language profiles: \(error)")
        }
        let output = FileHandleOutput()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let declaredCode = declared.flatMap(detector.normalize)
        try readStandardInputLines { text in
            let scores = detector.score(text)
            var hits: [String: Double] = [:]
            for (index, language) in detector.languages.enumerated() where scores.hits[index] > 0 {
                hits[language.code] = (scores.hits[index] * 100).rounded() / 100
            }
            let line = Line(
                language: detector.decide(declaredCode: declaredCode, scores: scores), declared: declaredCode,
                words: scores.words, hits: hits)
            output.write(String(decoding: try encoder.encode(line), as: UTF8.self) + "\n")
        }
        output.flush()
    }
}
