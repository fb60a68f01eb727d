import ArgumentParser
import ClaimSieveCore
import ClaimSieveLanguage
import Foundation

/// `claimsieve train`: learns the attribution and hedge taggers from public (or your own) data
/// in the formats of `../shared/train/README.md`, and writes each model with a sidecar that names
/// the command, the data and the dev figures it was made with.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Trains the learned cue taggers (attribution, hedge) and writes them with their sidecars.",
        discussion: """
        --polnear FILE.jsonl trains the attribution model (cue and source spans); --polnear-dev FILE.jsonl \
        scores it. --uncertainty FILE.jsonl trains the hedge model on the records of `split: train` and \
        scores it per file on `split: dev`. The same data and options give byte-identical model files. \
        Writes DIR/attribution.model, DIR/hedge.model and a .json sidecar beside each.
        """
    )

    @Option(name: .long, help: "PolNeAR-format training file (repeatable).")
    var polnear: [String] = []

    @Option(name: .long, help: "PolNeAR-format dev file for the sidecar's figures (repeatable).")
    var polnearDev: [String] = []

    @Option(name: .long, help: "Uncertainty-format file (repeatable); split train trains, split dev scores.")
    var uncertainty: [String] = []

    @Option(name: .long, help: "Where the models go.")
    var out: String = "pipelines/models"

    @Option(name: .long, help: "Passes over the data.")
    var epochs: Int = ModelTrainer.Options().epochs

    @Option(name: .long, help: "Weight table rows as a power of two (12-22).")
    var bucketBits: Int = ModelTrainer.Options().bucketBits

    @Option(
        name: .long,
        help: "The attribution model's cue bias is the one with the best sentence-level F1 on held-out training articles whose precision stays at or above this.")
    var precisionFloor: Double = ModelTrainer.Options().precisionFloor

    @Option(
        name: .long,
        help: "Uncertainty-format file (repeatable) whose split-train sentences are ordinary prose that is hardly ever attribution; default: the --uncertainty files. The speech cue bias may give a model attribution cue to at most --negative-slack more of them than bias 0 does (relative: 0.25 is a quarter more).")
    var negatives: [String] = []

    @Option(name: .long, help: "How many more negative sentences the speech cue bias may mark than bias 0, relative to bias 0's (0 to 1; 0.25: a quarter more).")
    var negativeSlack: Double = ModelTrainer.Options().negativeSlack

    @Flag(name: .long, help: "Choose the speech cue bias on PolNeAR's held-out articles alone (no negatives).")
    var noNegatives = false

    @Flag(name: .long, help: "Train the hedge model without each corpus's own copy of the features (one convention for all corpora).")
    var noDomainHeads = false

    @Option(name: .long, help: "The hedge model's feature set: 3, or 4 (the attribution model's wider windows).")
    var hedgeFeatureSet: Int = Int(ModelTrainer.Options().hedgeFeatureSet)

    @Option(name: .long, help: "Train the hedge model this many times, each in its own order of the sentences, and average the weights (1 to 16).")
    var hedgeOrders: Int = ModelTrainer.Options().hedgeOrders

    @Option(name: .long, help: "The attribution model's feature set: 5 (with word classes learned from the training text), 4 (without), or 6 (word classes and WordNet supersenses from --word-senses).")
    var attributionFeatureSet: Int = Int(ModelTrainer.Options().attributionFeatureSet)

    @Option(name: .long, help: "WordNet supersenses of word forms for --attribution-feature-set 6 (default: the built-in lexicons/en-wordnet.tsv).")
    var wordSenses: String?

    @Option(name: .long, help: "Train the attribution model this many times, each in its own order of the examples, and average the weights (1 to 16).")
    var attributionOrders: Int = ModelTrainer.Options().attributionOrders

    @Option(name: .long, help: "The attribution model's weight table rows as a power of two (12-22; default: --bucket-bits's).")
    var attributionBucketBits: Int?

    @Option(name: .long, help: "Bits per stored weight: 16 (integers times one step per table; half the file) or 32 (floats).")
    var weightBits: Int = Int(ModelTrainer.Options().weightFormat.rawValue)

    @Option(name: .long, help: "Uncertainty-format file (repeatable) whose split train sentences, unlabelled, join the training articles' text for the attribution model's word classes.")
    var clusterText: [String] = []

    @Option(name: .long, help: "A lexicon file to use instead of the built-in one (repeatable); its cues are features.")
    var lexicon: [String] = []

    func validate() throws {
        if polnear.isEmpty && uncertainty.isEmpty { throw ValidationError("give --polnear or --uncertainty files") }
        if !(1...100).contains(epochs) { throw ValidationError("--epochs must be 1 to 100") }
        if !(12...22).contains(bucketBits) { throw ValidationError("--bucket-bits must be 12 to 22") }
        if let bits = attributionBucketBits, !(12...22).contains(bits) {
            throw ValidationError("--attribution-bucket-bits must be 12 to 22")
        }
        if WeightFormat(rawValue: UInt32(clamping: weightBits)) == nil { throw ValidationError("--weight-bits must be 16 or 32") }
        if !(0...1).contains(precisionFloor) { throw ValidationError("--precision-floor must be 0 to 1") }
        if !(0...1).contains(negativeSlack) { throw ValidationError("--negative-slack must be 0 to 1") }
        if noNegatives && !negatives.isEmpty { throw ValidationError("--negatives and --no-negatives exclude each other") }
        if !(3...4).contains(hedgeFeatureSet) { throw ValidationError("--hedge-feature-set must be 3 or 4") }
        if !(1...16).contains(hedgeOrders) { throw ValidationError("--hedge-orders must be 1 to 16") }
        if !(4...6).contains(attributionFeatureSet) { throw ValidationError("--attribution-feature-set must be 4, 5 or 6") }
        if wordSenses != nil && attributionFeatureSet < 6 { throw ValidationError("--word-senses needs --attribution-feature-set 6") }
        if !(1...16).contains(attributionOrders) { throw ValidationError("--attribution-orders must be 1 to 16") }
    }

    func run() throws {
        let terminal = isatty(STDERR_FILENO) == 1
        func progress(_ line: String) {
            if terminal { FileHandleOutput.writeStandardError("\r\u{1B}[K" + line) }
        }
        var options = ModelTrainer.Options(epochs: epochs, bucketBits: bucketBits)
        options.precisionFloor = precisionFloor
        options.domainHeads = !noDomainHeads
        options.hedgeFeatureSet = UInt32(hedgeFeatureSet)
        options.hedgeOrders = hedgeOrders
        options.attributionFeatureSet = UInt32(attributionFeatureSet)
        options.attributionOrders = attributionOrders
        options.attributionBucketBits = attributionBucketBits
        var sensesFiles: [String] = []
        if attributionFeatureSet >= 6 {
            guard let path = wordSenses ?? DataFiles.locate(WordSenses.defaultName) else {
                throw fail(.pipelineError, "cannot find \(WordSenses.defaultName) (give --word-senses FILE)")
            }
            do {
                options.wordSenses = try WordSenses.load(path: path)
                sensesFiles = [path]
            } catch {
                throw fail(.pipelineError, "cannot load the word senses: \(error)")
            }
        }
        options.weightFormat = WeightFormat(rawValue: UInt32(clamping: weightBits)) ?? .int16
        let lexiconValue: Lexicon
        let base: CueTagger
        do {
            lexiconValue = try Lexicon.load(paths: lexicon)
            base = try CueTagger(lexicon: lexiconValue)
        } catch {
            throw fail(.pipelineError, "cannot load the lexicon: \(error)")
        }
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            throw fail(.outputNotWritable, "cannot create \(out): \(error)")
        }
        let command = "claimsieve train " + CommandLine.arguments.dropFirst(2).joined(separator: " ")
        // The lexicon is an input too: its word lists and phrases are features.
        let lexiconFiles = lexicon.isEmpty ? [(try? Lexicon.defaultPath()) ?? "lexicons/en.yml"] : lexicon
        do {
            if !polnear.isEmpty {
                progress("attribution: reading")
                let articles = try polnear.flatMap(TrainingCorpus.readAttribution)
                var options = options
                let negativeFiles = noNegatives ? [] : negatives.isEmpty ? uncertainty : negatives
                for path in negativeFiles {
                    options.negatives += try TrainingCorpus.readHedges(path: path).filter { $0.split == "train" }.map(\.text)
                }
                options.negativeSlack = negativeSlack
                for path in clusterText {
                    options.clusterText += try TrainingCorpus.readHedges(path: path).filter { $0.split == "train" }.map(\.text)
                }
                var search: [ModelTrainer.SearchLine] = []
                let model = ModelTrainer.trainAttribution(articles, tagger: base, options: options, search: &search, progress: progress)
                var figures: [String: [String: [String: Double]]] = [:]
                if !polnearDev.isEmpty {
                    progress("attribution: scoring dev")
                    let dev = try polnearDev.flatMap(TrainingCorpus.readAttribution)
                    // With the model's own cues, as `eval --model-cues speech` (the default) and
                    // `--model-cues all` score it.
                    for mode in [ModelCues.speech, .all] {
                        let models = TaggerModels(attribution: model, cues: mode)
                        let analyzer = SentenceAnalyzer(tagger: try CueTagger(lexicon: lexiconValue, models: models))
                        let scores = CorpusEvaluation.attribution(dev, analyzer: analyzer)
                        figures["model_cues_" + mode.rawValue] = [
                            "sentences": Self.numbers(scores.sentences), "cue_spans_exact": Self.numbers(scores.cues),
                            "cue_spans_overlap": Self.numbers(scores.cuesOverlap),
                            // As the product outputs them: the speaker's mention where the claim has one.
                            "source_spans_exact": Self.numbers(scores.sources),
                            // The speaker's name alone (`source.text`), without its mention.
                            "source_name_spans_exact": Self.numbers(scores.sourceNames),
                            "source_spans_overlap": Self.numbers(scores.sourcesOverlap),
                            // PolNeAR's whole mention: the model's span around the claim's speaker.
                            "source_mention_spans_exact": Self.numbers(scores.sourceMentions),
                        ]
                    }
                }
                try write(
                    model, data: polnear + polnearDev + negativeFiles + clusterText + lexiconFiles + sensesFiles, figures: ["dev": figures], command: command,
                    options: options, search: search.map(SearchEntry.init))
            }
            if !uncertainty.isEmpty {
                progress("hedge: reading")
                var files: [(String, [HedgeSentence])] = []
                for path in uncertainty { files.append((path, try TrainingCorpus.readHedges(path: path))) }
                let training = files.flatMap { $0.1.filter { $0.split == "train" } }
                let model = ModelTrainer.trainHedge(training, tagger: base, options: options, progress: progress)
                progress("hedge: scoring dev")
                let analyzer = SentenceAnalyzer(tagger: try CueTagger(lexicon: lexiconValue, models: TaggerModels(hedge: model)))
                var figures: [String: [String: [String: Double]]] = [:]
                for (path, sentences) in files {
                    let dev = sentences.filter { $0.split == "dev" }
                    let scores = CorpusEvaluation.hedges(dev, analyzer: analyzer)
                    let name = URL(fileURLWithPath: path).lastPathComponent
                    figures[name] = [
                        "sentences": Self.numbers(scores.sentences), "cue_spans_exact": Self.numbers(scores.cues),
                        "cue_spans_overlap": Self.numbers(scores.cuesOverlap),
                    ]
                    guard options.domainHeads else { continue }
                    // With the corpus's own conventions added (`eval --hedge-domain corpus`).
                    var models = TaggerModels(hedge: model)
                    models.hedgeDomain = TrainingCorpus.domainName(path)
                    let own = CorpusEvaluation.hedges(
                        dev, analyzer: SentenceAnalyzer(tagger: try CueTagger(lexicon: lexiconValue, models: models)))
                    figures[name + " (own conventions)"] = [
                        "sentences": Self.numbers(own.sentences), "cue_spans_exact": Self.numbers(own.cues),
                        "cue_spans_overlap": Self.numbers(own.cuesOverlap),
                    ]
                }
                try write(model, data: uncertainty + lexiconFiles, figures: ["dev": figures], command: command, options: options)
            }
        } catch let error as TrainingDataError {
            throw fail(.noInput, "\(error)")
        }
        if terminal { FileHandleOutput.writeStandardError("\r\u{1B}[K") }
    }

    static func numbers(_ prf: PRF) -> [String: Double] {
        func round(_ value: Double) -> Double { (value * 10000).rounded() / 10000 }
        return ["precision": round(prf.precision), "recall": round(prf.recall), "f1": round(prf.f1)]
    }

    private func write<Figures: Encodable>(
        _ model: SequenceModel, data: [String], figures: Figures, command: String, options: ModelTrainer.Options,
        search: [SearchEntry]? = nil
    ) throws {
        let bytes = model.serialized()
        let path = out + "/" + model.name + ".model"
        let sidecar = Sidecar(
            model: model.name, format: SequenceModel.formatVersion, command: command,
            data: data.map { file in
                let contents = FileManager.default.contents(atPath: file) ?? Data()
                let here = FileManager.default.currentDirectoryPath + "/"
                let shown = file.hasPrefix(here) ? String(file.dropFirst(here.count)) : file
                return DataFile(file: shown, bytes: contents.count, fnv1a64: Self.fnv(contents))
            },
            epochs: options.epochs, bucket_bits: model.bucketBits, weight_bits: model.weightFormat.rawValue, seed: String(options.seed, radix: 16),
            precision_floor: options.precisionFloor, model_cues: options.cues.rawValue, cue_bias: Double(model.cueBias), cue_bias_all: Double(model.cueBiasAll), model_fnv1a64: Self.fnv(bytes),
            domain_heads: model.name == "hedge" ? options.domainHeads : nil,
            feature_set: model.featureSet,
            negative_sentences: model.name == "attribution" ? options.negatives.count : nil,
            negative_slack: model.name == "attribution" && !options.negatives.isEmpty ? options.negativeSlack : nil,
            cue_bias_search: search, word_classes: model.clusters.map { $0.words.count },
            orders: model.name == "attribution" ? options.attributionOrders : options.hedgeOrders,
            figures: figures)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            try bytes.write(to: URL(fileURLWithPath: path), options: .atomic)
            try (encoder.encode(sidecar) + Data("\n".utf8)).write(to: URL(fileURLWithPath: path + ".json"), options: .atomic)
        } catch {
            throw fail(.outputNotWritable, "cannot write \(path): \(error)")
        }
        FileHandleOutput.writeStandardError((isatty(STDERR_FILENO) == 1 ? "\r\u{1B}[K" : "") + "wrote \(path) (\(bytes.count) bytes)\n")
    }

    struct DataFile: Encodable {
        var file: String
        var bytes: Int
        var fnv1a64: String
    }
    struct Sidecar<F: Encodable>: Encodable {
        var model: String
        var format: UInt32
        var command: String
        var data: [DataFile]
        var epochs: Int
        var bucket_bits: Int
        /// How the file stores the weights: 16 (integers times one step) or 32 (floats).
        var weight_bits: UInt32
        var seed: String
        var precision_floor: Double
        /// The mode of model cues the cue bias was chosen for.
        var model_cues: String
        var cue_bias: Double
        /// The cue bias of `model_cues: all`.
        var cue_bias_all: Double
        var model_fnv1a64: String
        /// Hedge model: trained with each corpus's own copy of the features.
        var domain_heads: Bool?
        /// The feature set the model was trained on (`ModelFeatures`).
        var feature_set: UInt32
        /// Attribution model: how many negative sentences the cue bias search read, and its slack
        /// (relative to bias 0's count since main dda3aad: 0.25 is a quarter more; the sidecars
        /// before it hold an absolute share, 0.01).
        var negative_sentences: Int?
        var negative_slack: Double?
        /// Attribution model: every candidate of the cue bias search.
        var cue_bias_search: [SearchEntry]?
        /// Words in the model's distributional word classes (feature set 5 and up), learned from the training text (with WordNet's words in set 6).
        var word_classes: Int?
        /// Runs in other orders of the examples whose weights were averaged (`--attribution-orders`, `--hedge-orders`).
        var orders: Int?
        var figures: F
    }

    /// One candidate of the cue bias search: held-out PolNeAR sentence-level figures, and the
    /// share of negative sentences given a model attribution cue.
    struct SearchEntry: Encodable {
        var model_cues: String
        var bias: Double
        var precision: Double
        var f1: Double
        var negatives_marked: Double?

        init(_ line: ModelTrainer.SearchLine) {
            func round(_ value: Double) -> Double { (value * 10000).rounded() / 10000 }
            model_cues = line.mode.rawValue
            bias = Double(line.bias)
            precision = round(line.precision)
            f1 = round(line.f1)
            negatives_marked = line.negativeShare.map(round)
        }
    }

    static func fnv(_ data: Data) -> String {
        FNV1a.hex(FNV1a.hash(data))
    }
}
