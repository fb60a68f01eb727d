import ArgumentParser
import ClaimSieveLanguage
import Foundation

/// `claimsieve eval FILE`: how well the verdicts match a user's own labelled sentences.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Scores verdicts against labelled sentences: precision, recall and F1 per verdict, and a confusion matrix.",
        discussion: "FILE has one `verdict<TAB>sentence` line per sentence; `#` lines and blank lines are skipped."
    )

    @Argument(help: "A file of `verdict<TAB>sentence` lines.")
    var file: String

    @Option(name: .long, help: "A lexicon file to use instead of the built-in one (repeatable).")
    var lexicon: [String] = []

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw fail(.noInput, "cannot read \(file)")
        }
        let lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
        do {
            let analyzer = try SentenceAnalyzer(lexiconPaths: lexicon)
            let evaluation = try VerdictEvaluation.evaluate(labelledLines: lines, analyzer: analyzer)
            print(evaluation.report)
        } catch {
            throw fail(.pipelineError, "\(file): \(error)")
        }
    }
}
