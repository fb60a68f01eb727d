import ArgumentParser
import ClaimSieveCore
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
        P/R/F1 of hedges (only `split: dev` records with --split dev). --sentences-ud DIR (or one of its \
        .jsonl files) scores the sentence splitter on real paragraphs and prints boundary P/R/F1 and the \
        exact-paragraph rate per treebank and genre (--split dev by default, --treebank gum or ewt, \
        --errors N prints the first N paragraphs split wrongly; with --polnear, the first N missed and false sentences and differing cue and source spans; with --uncertainty, the first N missed and false sentences with their cues).
        """
    )

    @Argument(help: "A file of `verdict<TAB>sentence` lines.")
    var file: String?

    @Option(name: .long, help: "A PolNeAR-format JSON Lines file (repeatable).")
    var polnear: [String] = []

    @Option(name: .long, help: "An uncertainty-format JSON Lines file (repeatable).")
    var uncertainty: [String] = []

    @Option(name: .long, help: "Only records of this split (train or dev) of --uncertainty and --sentences-ud files (dev by default for --sentences-ud).")
    var split: String?

    @Option(name: .customLong("sentences-ud"), help: "The sentences-ud folder (gum.jsonl, ewt.jsonl) or one of its files.")
    var sentencesUD: String?

    @Option(name: .long, help: "Only this treebank of --sentences-ud (gum or ewt).")
    var treebank: String?

    @Option(
        name: .long,
        help: "With --sentences-ud: print the first N paragraphs split wrongly; with --polnear or --uncertainty: the first N sentences missed and N false alarms.")
    var errors: Int = 0

    @Option(name: .long, help: "With --sentences-ud: a splitter rules file instead of the shipped one.")
    var rules: String?

    @Option(name: .long, help: "A lexicon file to use instead of the built-in one (repeatable).")
    var lexicon: [String] = []

    @Option(name: .long, help: "A model file to use instead of the built-in ones (repeatable).")
    var model: [String] = []

    @Option(name: .long, help: "The corpus whose own hedge conventions the hedge model adds (wiki, the default as in `tag`; bio, sfu_reviews), `shared` for none, or `corpus`: each --uncertainty file's own (by its name), with the lexicon's hedge phrases that file's train split marks in under half of their uses left to the models (printed; only with --split dev, so no scored record is a train record).")
    var hedgeDomain: String?

    /// The `--hedge-domain` for the analyzer of every file but `--uncertainty` ones under `corpus`.
    private var hedgeDomainOption: String? {
        switch hedgeDomain {
        case nil, "corpus": TaggerModels.defaultHedgeDomain
        case "shared": nil
        case let name: name
        }
    }

    @Flag(name: .long, help: "Use no model: the lexicon alone.")
    var noModel = false

    @Option(name: .long, help: "Which cues the models add of their own: off (the default: they only name speakers), speech (hedges, and attribution cues that introduce a clause or a quotation) or all (every model cue: PolNeAR's convention).")
    var modelCues: String = ModelCues.default.rawValue

    func validate() throws {
        if file == nil && polnear.isEmpty && uncertainty.isEmpty && sentencesUD == nil {
            throw ValidationError("give FILE, --polnear, --uncertainty or --sentences-ud")
        }
        if let treebank, !["gum", "ewt"].contains(treebank) { throw ValidationError("--treebank must be gum or ewt") }
        if let split, !["train", "dev"].contains(split) { throw ValidationError("--split must be train or dev") }
    }

    private var modelPaths: [String]? { noModel ? [] : model.isEmpty ? nil : model }

    func run() throws {
        if let sentencesUD {
            try evaluateSentences(sentencesUD)
            if file == nil && polnear.isEmpty && uncertainty.isEmpty { return }
        }
        let analyzer: SentenceAnalyzer
        do {
            analyzer = try SentenceAnalyzer(
                lexiconPaths: lexicon, modelPaths: modelPaths, modelCues: try cueMode(),
                hedgeDomain: hedgeDomainOption)
        } catch {
            throw fail(.pipelineError, "\(error)")
        }
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw fail(.noInput, "cannot read \(file): \(PathProblem.unreadable(file))")
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
                if errors > 0 {
                    for line in scores.missed.prefix(errors) { print("missed  \(line)") }
                    for line in scores.falseAlarms.prefix(errors) { print("false   \(line)") }
                    for line in scores.spanErrors.prefix(errors) { print(line) }
                }
            }
            for path in uncertainty {
                let records = try TrainingCorpus.readHedges(path: path)
                let scored = records.indices.filter { split == nil || records[$0].split == split }
                let sentences = scored.map { records[$0] }
                print("== \(path)\(split.map { " (split \($0))" } ?? "")")
                var fileAnalyzer = analyzer
                if hedgeDomain == "corpus" {
                    do {
                        fileAnalyzer = try SentenceAnalyzer(
                            lexiconPaths: lexicon, modelPaths: modelPaths, modelCues: try cueMode(),
                            hedgeDomain: TrainingCorpus.domainName(path))
                    } catch {
                        throw fail(.pipelineError, "\(error)")
                    }
                    // The lexicon's hedge phrases this corpus does not mark, learned from its train
                    // records that are not scored (refused when scored records are train records).
                    let conventions: HedgeConventions
                    do {
                        conventions = try HedgeConventions.learn(from: records, scoring: scored, tagger: fileAnalyzer.tagger)
                    } catch {
                        throw fail(.usage, "\(path): --hedge-domain corpus: \(error)")
                    }
                    fileAnalyzer = SentenceAnalyzer(tagger: conventions.applied(to: fileAnalyzer.tagger))
                    let listed = conventions.phrases.map { "\($0.phrase) \($0.marked)/\($0.uses)" }
                    print("lexicon phrases this corpus does not mark (train split): \(listed.isEmpty ? "none" : listed.joined(separator: ", "))")
                }
                let scores = CorpusEvaluation.hedges(sentences, analyzer: fileAnalyzer)
                print(scores.report)
                if errors > 0 {
                    for line in scores.missed.prefix(errors) { print("missed  \(line)") }
                    for line in scores.falseAlarms.prefix(errors) { print("false   \(line)") }
                }
            }
        } catch let error as TrainingDataError {
            throw fail(.noInput, "\(error)")
        }
    }

    /// `--sentences-ud`: the splitter's boundary scores per treebank file.
    private func evaluateSentences(_ path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw fail(.noInput, "\(path): no such file or folder")
        }
        let files = isDirectory.boolValue
            ? (treebank.map { [$0] } ?? ["gum", "ewt"]).map { path + "/" + $0 + ".jsonl" }
            : [path]
        let splitter: SentenceSplitter
        do {
            splitter = try SentenceSplitter(options: .init(rulesPath: rules))
        } catch {
            throw fail(.pipelineError, "cannot load the splitter's rules: \(error)")
        }
        let wanted = split ?? "dev"
        for file in files {
            let paragraphs: [SentenceParagraph]
            do {
                paragraphs = try SentenceBoundaryEvaluation.read(path: file).filter { $0.split == wanted }
            } catch {
                throw fail(.noInput, "\(error)")
            }
            let scores = SentenceBoundaryEvaluation.evaluate(paragraphs, splitter: splitter)
            print("== \(file) (split \(wanted))")
            print(scores.report)
            for mistake in scores.mistakes.prefix(errors) {
                print("-- \(mistake.paragraph.doc) (\(mistake.paragraph.genre)) missed \(mistake.falseNegatives) added \(mistake.falsePositives)")
                for sentence in mistake.paragraph.sentences { print("   gold | \(sentence)") }
                for sentence in mistake.predicted { print("   ours | \(sentence)") }
            }
        }
    }
}

extension EvalCommand {
    /// `--model-cues` as a mode; a word that names none is a usage error listing the modes.
    func cueMode() throws -> ModelCues {
        guard let mode = ModelCues(rawValue: modelCues) else {
            throw ValidationError("--model-cues must be \(ModelCues.allCases.map(\.rawValue).joined(separator: ", ")); found '\(modelCues)'")
        }
        return mode
    }
}
