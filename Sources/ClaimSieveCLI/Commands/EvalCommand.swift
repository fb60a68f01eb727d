import ArgumentParser
import ClaimSieveLanguage
import Foundation

/// `claimsieve eval`: how well the verdicts match labelled sentences: the user's own TSV, or the
/// public formats the models are trained on (PolNeAR attribution, uncertainty corpora).
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Scores the tagger and verdicts against labelled sentences (TSV, PolNeAR or uncertainty JSON Lines).",
        discussion: """
        FILE has one `verdict<TAB>sentence` line per sentence; `#` lines and blank lines are skipped. \
        --polnear FILE.jsonl reads each article in context and prints sentence-level attribution P/R/F1, \
        cue-span and source-span P/R/F1. --uncertainty FILE.jsonl prints sentence-level and cue-span \
        P/R/F1 of hedges (only `split: dev` records with --split dev).
        """
    )

    @Argument(help: "A file of `verdict<TAB>sentence` lines.")
    var file: String?

    @Option(name: .long, help: "A PolNeAR-format JSON Lines file (repeatable).")
    var polnear: [String] = []

    @Option(name: .long, help: "An uncertainty-format JSON Lines file (repeatable).")
    var uncertainty: [String] = []

    @Option(name: .long, help: "Only records of this split (train or dev) of --uncertainty files.")
    var split: String?

    @Option(name: .long, help: "A lexicon file to use instead of the built-in one (repeatable).")
    var lexicon: [String] = []

    @Option(name: .long, help: "A model file to use instead of the built-in ones (repeatable).")
    var model: [String] = []

    @Flag(name: .long, help: "Use no model: the lexicon alone.")
    var noModel = false

    @Flag(name: .long, help: "Let the models add cues of their own (the tag stage's model_cues: true).")
    var modelCues = false

    @Flag(name: .long, help: "With --polnear: also list the sentences missed and the false alarms, for error analysis.")
    var errors = false

    func validate() throws {
        if file == nil && polnear.isEmpty && uncertainty.isEmpty {
            throw ValidationError("give FILE, --polnear or --uncertainty")
        }
    }

    func run() throws {
        let analyzer: SentenceAnalyzer
        do {
            analyzer = try SentenceAnalyzer(lexiconPaths: lexicon, modelPaths: noModel ? [] : model.isEmpty ? nil : model, modelCues: modelCues)
        } catch {
            throw fail(.pipelineError, "\(error)")
        }
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw fail(.noInput, "cannot read \(file)")
            }
            let lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
            do {
                let evaluation = try VerdictEvaluation.evaluate(labelledLines: lines, analyzer: analyzer)
                print(evaluation.report)
            } catch {
                throw fail(.pipelineError, "\(file): \(error)")
            }
        }
        do {
            for path in polnear {
                let articles = try TrainingCorpus.readAttribution(path: path)
                print("== \(path)")
                let scores = CorpusEvaluation.attribution(articles, analyzer: analyzer)
                print(scores.report)
                if errors {
                    for line in scores.missed { print("missed  \(line)") }
                    for line in scores.falseAlarms { print("false   \(line)") }
                }
            }
            for path in uncertainty {
                let sentences = try TrainingCorpus.readHedges(path: path).filter { split == nil || $0.split == split }
                print("== \(path)\(split.map { " (split \($0))" } ?? "")")
                print(CorpusEvaluation.hedges(sentences, analyzer: analyzer).report)
            }
        } catch let error as TrainingDataError {
            throw fail(.noInput, "\(error)")
        }
    }
}
