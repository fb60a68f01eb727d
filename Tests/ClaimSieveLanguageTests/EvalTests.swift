import ClaimSieveCore
import ClaimSieveLanguage
import Testing

/// `VerdictEvaluation`: the scores and the line-numbered errors.
@Suite("Evaluation")
struct EvalTests {
    @Test("precision, recall, F1, accuracy and the confusion matrix")
    func scores() throws {
        let lines = [
            "# a comment",
            "",
            "confirmed\tThe bridge was opened in 1998.",
            "attributed\tThe ministry said the bridge was opened in 1998.",
            "unverified\tThe bridge reportedly opened in 1998.",
            "attributed\tThe bridge was opened in 1998.",
        ]
        let evaluation = try VerdictEvaluation.evaluate(labelledLines: lines, analyzer: Shared.analyzer)
        #expect(evaluation.count == 4)
        #expect(evaluation.accuracy == 0.75)
        #expect(evaluation.confusion[.attributed]?[.confirmed] == 1)
        #expect(evaluation.scores[.confirmed]?.precision == 0.5)
        #expect(evaluation.scores[.confirmed]?.recall == 1)
        #expect(evaluation.scores[.attributed]?.recall == 0.5)
        #expect(evaluation.scores[.unverified]?.f1 == 1)
        #expect(evaluation.mistakes.map(\.line) == [6])
        #expect(evaluation.report.contains("accuracy 0.750 (3/4)"))
        #expect(evaluation.report.contains("confusion"))
    }

    @Test("a malformed line is an error naming its line number", arguments: [
        ["confirmed\tFine.", "no tab here"],
        ["confirmed\tFine.", "maybe\tThe verdict is unknown."],
        ["confirmed\tFine.", "confirmed\t   "],
    ])
    func malformed(_ lines: [String]) {
        do {
            _ = try VerdictEvaluation.evaluate(labelledLines: lines, analyzer: Shared.analyzer)
            Issue.record("no error")
        } catch let error as LabelledLineError {
            #expect(error.line == 2)
            #expect(error.description.hasPrefix("line 2: "))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
