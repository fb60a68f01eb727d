import ClaimSieveCore
import ClaimSieveLanguage
import ClaimSieveTestSupport
import Foundation
import Testing

/// The hand-labelled news sentences in Fixtures/labelled-en.tsv, scored like `claimsieve eval`.
@Suite("Labelled sentences")
struct EvalLabelledTests {
    static let fixture = TestPaths.inRepository("Tests/ClaimSieveLanguageTests/Fixtures/labelled-en.tsv")

    static func lines() throws -> [String] {
        try String(contentsOfFile: fixture, encoding: .utf8).components(separatedBy: "\n")
    }

    @Test("the labelled set is big enough and covers every cue family")
    func coverage() throws {
        let analyzer = try SentenceAnalyzer()
        var sentences = 0
        var perCategory: [CueCategory: Int] = [:]
        for line in try Self.lines() where !line.hasPrefix("#") && line.contains("\t") {
            sentences += 1
            let text = String(line.split(separator: "\t", maxSplits: 1)[1])
            let claim = analyzer.analyze([text])[0]
            for category in Set(claim.cues.map(\.category)) { perCategory[category, default: 0] += 1 }
        }
        #expect(sentences >= 200)
        for category in CueCategory.allCases {
            #expect((perCategory[category] ?? 0) >= 15, "only \(perCategory[category] ?? 0) sentences with \(category.rawValue)")
        }
    }

    /// The models' own cues in `speech` mode may cost the labelled set at most the issue's two
    /// sentences (they cost none when written); `all` follows PolNeAR, where deeds are attributions.
    @Test("model cues in speech mode keep the labelled set")
    func speechModelCues() throws {
        let evaluation = try VerdictEvaluation.evaluate(
            labelledLines: try Self.lines(), analyzer: try SentenceAnalyzer(modelCues: .speech))
        #expect(evaluation.count >= 200)
        #expect(evaluation.mistakes.count <= 2, "\(evaluation.mistakes.map(\.text))")
    }

    @Test("verdicts on the labelled set reach the thresholds")
    func scores() throws {
        let evaluation = try VerdictEvaluation.evaluate(labelledLines: try Self.lines(), analyzer: try SentenceAnalyzer())
        print(evaluation.report)
        #expect(evaluation.count >= 200)
        // Just below what the rules reach (1.0 when written), so a regression shows at once.
        #expect(evaluation.accuracy >= 0.98)
        #expect(evaluation.macroF1 >= 0.98)
        for verdict in Verdict.judged {
            #expect((evaluation.scores[verdict]?.f1 ?? 0) >= 0.97, "F1 of \(verdict.rawValue)")
        }
    }
}
