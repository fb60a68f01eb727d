import ClaimSieveCore
import Foundation

/// Trains the learned taggers: a structured averaged perceptron over BIO tags, decoded with
/// Viterbi during training as in use (see `SequenceModel`).
///
/// Deterministic: examples are read in file order and shuffled each epoch by a fixed-seed
/// generator, features are hashes, and no dictionary's order is ever used, so the same data and
/// options give a byte-identical model file.
public enum ModelTrainer {
    /// Training options; all of them go into the model's sidecar.
    public struct Options: Sendable, Equatable {
        /// Passes over the data.
        public var epochs: Int
        /// Weight table rows: `1 << bucketBits` (18: 262 144 rows).
        public var bucketBits: Int
        /// Mixed into feature hashes and the shuffling generator.
        public var seed: UInt64
        /// The sentence-level attribution precision the attribution model's cue bias may not go
        /// below on the held-out articles (every tenth article of the training data).
        public var precisionFloor: Double = 0.92
        /// The mode of model cues the cue bias is chosen for: with `speech` a cue must introduce a
        /// clause or a quotation, so the bias can go further before precision falls to the floor.
        public var cues: ModelCues = .speech
        /// Hedge model: every feature also fires once more tied to the example's corpus
        /// ("frustratingly easy" domain adaptation, Daumé 2007). A corpus's own conventions (the
        /// SFU reviews mark "or" and "can", the Szeged corpora do not) go into its own copies, and
        /// the shared weights, the only ones `tag` reads, keep what the corpora agree on.
        public var domainHeads = true
        /// The hedge model's feature set: 3 (the shipped model's), or 4 with the attribution
        /// model's wider word windows, quotation distances and capitalised runs (see `ModelFeatures`).
        public var hedgeFeatureSet: UInt32 = 3
        /// Sentences of ordinary prose that are (nearly) never attributions: the uncertainty
        /// corpora's `split: train` sentences (Wikipedia, biomedical, reviews). PolNeAR's political
        /// news is nearly all attribution, so a cue bias chosen on it alone marks a sentence's first
        /// name or word as a cue on real pages ("James" of "James Van Der Beek has been eliminated
        /// ..."). With negatives, the bias of `cues` (not of `all`, which is PolNeAR's convention)
        /// may mark at most `negativeSlack` more of them, relative to those the model marks with an
        /// attribution cue of its own at bias 0. Empty: PolNeAR alone decides.
        public var negatives: [String] = []
        /// How many more negative sentences a cue bias may give a model cue, relative to bias 0's
        /// (0.25: a quarter more; see `negatives`). Relative, not a share of all negatives: the
        /// `speech` rules drop most model cues on ordinary prose, so bias 0 marks about 1.3% of it,
        /// and a fixed point more (the first form of this bound) allowed 75% more false alarms and
        /// bias 80, whose added cues on real pages were nouns and deeds ("Brick kilns", "focusing").
        public var negativeSlack: Double = 0.25
        /// Hedge model: perceptrons trained on the same examples in different orders (the first in
        /// the order of `seed`), whose averaged weights are averaged again. One perceptron's
        /// figures move by up to 0.01 with the order it reads the sentences in; the mean of four
        /// moves less and was as good or better on the held-out slices (README, "Learned taggers").
        public var hedgeOrders = 4
        /// The attribution model's feature set: 6 (the shipped model's: set 5 and WordNet's
        /// supersenses, `wordSenses`), 5 without the supersenses (set 4 and distributional word
        /// classes learned from the training text, `WordClusters`), or 4 without either. Set 6
        /// gains on PolNeAR's `all` figures at every cue bias, on dev and on the held-out slice
        /// (a general signal for the long tail of rare deeds and positions), changes nothing under
        /// `speech` or by default, and marks one more deed of the labelled set under `all`
        /// (docs/learned-taggers.md, "WordNet supersenses").
        public var attributionFeatureSet: UInt32 = 6
        /// WordNet's supersenses for feature set 6, copied into the model's word-class table;
        /// nil: the built-in `pipelines/lexicons/en-wordnet.tsv` (`WordSenses.builtIn`).
        public var wordSenses: WordSenses?
        /// The attribution model is trained this many times over the same examples (the same
        /// feature hashes), each run shuffled in its own order, and the runs' averaged weights are
        /// averaged once more (1: one run, as before). Why: a model trained with another shuffle and
        /// hash seed moves PolNeAR's figures by up to 0.006, as much as any feature tried; the mean
        /// of four orders takes some of that variance out (cue spans +0.001 to +0.008 at every cue
        /// bias on the held-out slice and dev). One linear model comes out, so tagging costs the
        /// same; training costs one perceptron run per order.
        public var attributionOrders = 4
        /// How the model files store the weights: 16-bit integers times one step per table (the
        /// default; half the file, so a bigger table fits the size budget), or 32-bit floats. The
        /// trainer rounds the weights before it chooses the cue bias, so the model it measures is
        /// the one it writes.
        public var weightFormat: WeightFormat = .int16
        /// The attribution model's table rows, `1 << attributionBucketBits` (nil: `bucketBits`,
        /// which the hedge model always uses).
        public var attributionBucketBits: Int?
        /// Unlabelled sentences whose words join the training articles' text when the word
        /// classes are learned (feature set 5): a word PolNeAR holds once or twice gets a class
        /// from its company elsewhere. Empty: the articles alone, as before.
        public var clusterText: [String] = []

        /// The options the shipped models were made with.
        public init(epochs: Int = 12, bucketBits: Int = 18, seed: UInt64 = 0x436C_6169_6D53_6965) {
            self.epochs = epochs
            self.bucketBits = bucketBits
            self.seed = seed
        }
    }

    struct Example {
        var features: [UInt64]
        var tags: [Int]
        /// Features per token: `ModelFeatures.perToken`, twice that with a corpus's own copies.
        var perToken = ModelFeatures.perToken
    }

    /// BIO tags of `tokens` for labelled byte spans: a token belongs to the span its first byte is in.
    static func goldTags(_ tokens: [ByteTokenizer.Token], _ spans: [LabelledSpan]) -> [Int] {
        var tags = [Int](repeating: 0, count: tokens.count)
        var previousSpan = -1
        for (index, token) in tokens.enumerated() {
            let start = Int(token.start)
            guard let spanIndex = spans.firstIndex(where: { $0.start <= start && start < $0.end }) else {
                previousSpan = -1
                continue
            }
            let role = spans[spanIndex].role
            tags[index] = spanIndex == previousSpan ? 2 + 2 * role : 1 + 2 * role
            previousSpan = spanIndex
        }
        return tags
    }

    /// The word classes of the attribution model (feature set 5), learned from the articles' text
    /// alone (no labels): every sentence's tokens, as the tagger reads them.
    static func wordClusters(_ articles: [AttributionArticle], tagger: CueTagger, extra: [String] = []) -> WordClusters {
        var sentences: [[(hash: UInt32, isWord: Bool)]] = []
        var tokens: [ByteTokenizer.Token] = []
        for article in articles {
            for sentence in article.sentences {
                _ = Array(article.bytes[sentence]).withUnsafeBufferPointer {
                    ByteTokenizer.tokenize($0, vocabulary: tagger.vocabulary, tokens: &tokens)
                }
                sentences.append(tokens.map { ($0.hash, $0.kind == .word) })
            }
        }
        for sentence in extra {
            _ = Array(sentence.utf8).withUnsafeBufferPointer {
                ByteTokenizer.tokenize($0, vocabulary: tagger.vocabulary, tokens: &tokens)
            }
            sentences.append(tokens.map { ($0.hash, $0.kind == .word) })
        }
        return WordClusters.learn(sentences)
    }

    /// Attribution examples: every sentence of every article, read in order so each sentence
    /// knows whether it opens a paragraph and continues a quotation (feature set 4, or 5 with
    /// `clusters`).
    static func attributionExamples(
        _ articles: [AttributionArticle], tagger: CueTagger, seed: UInt64, featureSet attributionFeatureSet: UInt32 = 4,
        clusters: WordClusters? = nil
    ) -> [Example] {
        var examples: [Example] = []
        var tokens: [ByteTokenizer.Token] = []
        for article in articles {
            var insideQuotation = false
            for (index, sentence) in article.sentences.enumerated() {
                let paragraphStart = index == 0 || article.paragraphs[index] != article.paragraphs[index - 1]
                if paragraphStart { insideQuotation = false }
                var spans: [LabelledSpan] = []
                for attribution in article.attributions {
                    for (role, segments) in [(0, attribution.cue), (1, attribution.source)] {
                        for segment in segments where segment.overlaps(sentence) {
                            spans.append(
                                LabelledSpan(
                                    role: role, start: max(segment.lowerBound, sentence.lowerBound) - sentence.lowerBound,
                                    end: min(segment.upperBound, sentence.upperBound) - sentence.lowerBound))
                        }
                    }
                }
                spans.sort { $0.start < $1.start }
                var features: [UInt64] = []
                let context = SentenceContext(paragraphStart: paragraphStart, insideQuotation: insideQuotation)
                insideQuotation = Array(article.bytes[sentence]).withUnsafeBufferPointer {
                    tagger.features(
                        bytes: $0, context: context, seed: seed, tokens: &tokens, features: &features,
                        featureSet: attributionFeatureSet, clusters: clusters)
                }
                examples.append(
                    Example(
                        features: features, tags: goldTags(tokens, spans),
                        perToken: ModelFeatures.perToken(attributionFeatureSet)))
            }
        }
        return examples
    }

    /// Hedge examples: each sentence on its own; with `domainHeads`, each token's features are
    /// followed by their copies tied to the sentence's corpus (see `Options.domainHeads`).
    static func hedgeExamples(
        _ sentences: [HedgeSentence], tagger: CueTagger, seed: UInt64, domainHeads: Bool = false,
        featureSet: UInt32 = 3
    ) -> [Example] {
        var tokens: [ByteTokenizer.Token] = []
        return sentences.map { sentence in
            var features: [UInt64] = []
            var text = sentence.text
            _ = text.withUTF8 {
                tagger.features(
                    bytes: $0, context: SentenceContext(), seed: seed, tokens: &tokens, features: &features,
                    featureSet: featureSet)
            }
            let perToken = ModelFeatures.perToken(featureSet)
            guard domainHeads else {
                return Example(features: features, tags: goldTags(tokens, sentence.cues), perToken: perToken)
            }
            let domain = FNV1a.hash(sentence.domain.utf8)
            var augmented: [UInt64] = []
            augmented.reserveCapacity(features.count * 2)
            for token in 0..<tokens.count {
                let shared = features[(token * perToken)..<((token + 1) * perToken)]
                augmented += shared
                for feature in shared { augmented.append(ModelFeatures.mix(feature, domain, 40, seed: seed)) }
            }
            return Example(features: augmented, tags: goldTags(tokens, sentence.cues), perToken: 2 * perToken)
        }
    }

    /// Trains the attribution model (cue and source spans) on PolNeAR-format articles.
    ///
    /// The cue bias is learned too: a model trained without every tenth article tags those
    /// articles (lexicon and model together, in context, as `eval --polnear --model-cues` does) at
    /// each candidate bias, and the bias whose sentence-level F1 (averaged with its neighbours')
    /// is best while its precision stays at or above `precisionFloor` goes into the model trained
    /// on all articles. For `speech` (the
    /// mode meant for real pages) the bias must also keep the share of `negatives` (ordinary prose)
    /// given a model attribution cue within `negativeSlack` (relative) of bias 0's. Dev data never chooses it.
    public static func trainAttribution(
        _ articles: [AttributionArticle], tagger: CueTagger, options: Options, progress: (String) -> Void = { _ in }
    ) -> SequenceModel {
        var search: [SearchLine] = []
        return trainAttribution(articles, tagger: tagger, options: options, search: &search, progress: progress)
    }

    /// One candidate of the cue bias search, as the sidecar lists it.
    public struct SearchLine: Sendable, Equatable, CustomStringConvertible {
        public var mode: ModelCues
        public var bias: Float
        /// Sentence-level attribution on the held-out articles.
        public var precision: Double
        public var f1: Double
        /// The share of `Options.negatives` with a model attribution cue; nil without negatives.
        public var negativeShare: Double?

        public var description: String {
            "\(mode.rawValue) cue bias \(Int(bias)): held-out sentence P \(String(format: "%.3f", precision)) F1 \(String(format: "%.3f", f1))"
                + (negativeShare.map { ", negatives with a model cue \(String(format: "%.4f", $0))" } ?? "")
        }
    }

    /// The share of `sentences` (each on its own) in which `tagger` finds an attribution cue of a
    /// model's own; 0 for none.
    static func negativeCueCount(_ sentences: [String], tagger: CueTagger) -> Int {
        var marked = 0
        for sentence in sentences {
            let cues = tagger.tag(sentence).cues
            if cues.contains(where: { $0.by == .model && CorpusEvaluation.attributionCategories.contains($0.category) }) {
                marked += 1
            }
        }
        return marked
    }

    /// May a cue bias that gives a model cue to `marked` negative sentences be chosen, when bias 0
    /// gives one to `base`? At most `slack` more, relative to `base` (counted in whole sentences,
    /// so the bound never hangs on a float's last bit), and at least one sentence more, so a
    /// bias 0 that marks none does not shut every other bias out.
    static func withinNegativeSlack(marked: Int, base: Int, slack: Double) -> Bool {
        marked <= base + max(1, Int((Double(base) * slack).rounded(.down)))
    }

    /// The same, also listing every candidate of the cue bias search in `search`.
    public static func trainAttribution(
        _ articles: [AttributionArticle], tagger: CueTagger, options: Options, search: inout [SearchLine],
        progress: (String) -> Void = { _ in }
    ) -> SequenceModel {
        var options = options
        if let bits = options.attributionBucketBits { options.bucketBits = bits }
        let heldOut = articles.indices.filter { $0 % 10 == 9 }.map { articles[$0] }
        let kept = articles.indices.filter { $0 % 10 != 9 }.map { articles[$0] }
        var bias: Float = 0
        var biasAll: Float = 0
        let featureSet = options.attributionFeatureSet
        // The word classes come from the text of every training article (unlabelled use only).
        var clusters = featureSet >= 5 ? wordClusters(articles, tagger: tagger, extra: options.clusterText) : nil
        if let clusters { progress("attribution: \(clusters.words.count) words in \(WordClusters.classCount) word classes") }
        if featureSet >= 6 {
            clusters = clusters?.adding(senses: options.wordSenses ?? WordSenses.builtIn)
        }
        if !heldOut.isEmpty, !kept.isEmpty {
            var trial = perceptron(
                name: "attribution", roles: ["cue", "source"],
                attributionExamples(kept, tagger: tagger, seed: options.seed, featureSet: featureSet, clusters: clusters),
                options, { progress("held-out " + $0) }, featureSet: featureSet, orders: options.attributionOrders)
            trial.clusters = clusters
            // Each mode of model cues gets its own bias: `speech` drops the cues that introduce
            // nothing, so its precision holds to a larger bias than `all`.
            // Per mode: the negatives with a model cue at the first candidate that tags (bias 0).
            var negativeBase: [ModelCues: Int] = [:]
            // Per mode, in bias order: each candidate's F1 and whether it may be chosen.
            var tried: [ModelCues: [(bias: Float, f1: Double, eligible: Bool)]] = [:]
            for candidate in stride(from: Float(0), through: 150, by: 10) {
                trial.cueBias = candidate
                trial.cueBiasAll = candidate
                for mode in (options.cues == .all ? [.all] : [options.cues, .all]) where mode != .off {
                    guard let analyzer = try? CueTagger(lexicon: tagger.lexicon, models: TaggerModels(attribution: trial, cues: mode))
                    else { break }
                    let scores = CorpusEvaluation.attribution(heldOut, analyzer: SentenceAnalyzer(tagger: analyzer)).sentences
                    // `all` is PolNeAR's convention (deeds and positions are attributions), so
                    // PolNeAR alone chooses its bias; the negatives hold the mode for real pages.
                    let constrained = mode != .all && !options.negatives.isEmpty
                    let marked = constrained ? negativeCueCount(options.negatives, tagger: analyzer) : 0
                    if negativeBase[mode] == nil { negativeBase[mode] = marked }
                    let withinSlack = !constrained
                        || Self.withinNegativeSlack(marked: marked, base: negativeBase[mode] ?? marked, slack: options.negativeSlack)
                    let line = SearchLine(
                        mode: mode, bias: candidate, precision: scores.precision, f1: scores.f1,
                        negativeShare: constrained ? Double(marked) / Double(options.negatives.count) : nil)
                    search.append(line)
                    progress("attribution: " + line.description)
                    tried[mode, default: []].append((candidate, scores.f1, scores.precision >= options.precisionFloor && withinSlack))
                }
            }
            // The eligible bias whose F1, averaged with its eligible neighbours' (10 either side), is best:
            // the held-out articles are few, neighbouring biases differ by a handful of sentences,
            // and the best single F1 once flipped between 20 and 30 on a difference of 0.0001
            // when a lexicon phrase was added.
            for (mode, lines) in tried {
                guard let chosen = smoothedChoice(lines) else { continue }
                if mode == .all { biasAll = chosen }
                if mode == options.cues { bias = chosen }
            }
        }
        let examples = attributionExamples(
            articles, tagger: tagger, seed: options.seed, featureSet: featureSet, clusters: clusters)
        var model = perceptron(
            name: "attribution", roles: ["cue", "source"], examples, options, progress, featureSet: featureSet,
            orders: options.attributionOrders)
        model.clusters = clusters
        model.cueBias = bias
        model.cueBiasAll = biasAll
        return model
    }

    /// The bias of the eligible candidate (in bias order) whose F1, averaged with its eligible
    /// neighbours' (one either side), is best; the first of equals; nil when none is eligible.
    static func smoothedChoice(_ lines: [(bias: Float, f1: Double, eligible: Bool)]) -> Float? {
        var best: (bias: Float, f1: Double)?
        for (index, line) in lines.enumerated() where line.eligible {
            let around = lines[max(0, index - 1)...min(lines.count - 1, index + 1)].filter(\.eligible)
            let smoothed = around.map(\.f1).reduce(0, +) / Double(around.count)
            if smoothed > best?.f1 ?? -1 { best = (line.bias, smoothed) }
        }
        return best?.bias
    }

    /// Trains the hedge model on uncertainty-format sentences.
    public static func trainHedge(
        _ sentences: [HedgeSentence], tagger: CueTagger, options: Options, progress: (String) -> Void = { _ in }
    ) -> SequenceModel {
        let examples = hedgeExamples(
            sentences, tagger: tagger, seed: options.seed, domainHeads: options.domainHeads,
            featureSet: options.hedgeFeatureSet)
        var model = perceptron(
            name: "hedge", roles: ["hedge"], examples, options, progress, featureSet: options.hedgeFeatureSet,
            orders: options.hedgeOrders)
        if options.domainHeads { model.domains = Set(sentences.map(\.domain)).sorted() }
        let gate = cueWords(sentences, model: model, tagger: tagger)
        model.cueWords = gate.shared
        model.domainCueWords = model.domains.map { gate.perDomain[$0] ?? [] }
        return model
    }

    /// A cue word must stand behind this many training cues to join the gate.
    static let gateMinimumCues = 2

    /// The gate of a hedge model (`SequenceModel.cueWords`), learned from the training data and
    /// the model's own cues: for each cue, the rarest of its words (fewest occurrences in all the
    /// training text; ties by hash). A corpus's gate counts the gold cues of that corpus and the
    /// cues the model finds with that corpus's conventions in every training sentence (the shared
    /// weights carry the other corpora's cues into it); the shared gate counts every gold cue and
    /// the cues of the shared weights alone. A word that is the rarest of at least
    /// `gateMinimumCues` of them joins the gate. Why the rarest word: a cue's first word is often a
    /// common one ("a number of", "it is believed": a gate on first words let 86% of news
    /// sentences through), its rarest one is what makes it a cue.
    static func cueWords(
        _ sentences: [HedgeSentence], model: SequenceModel, tagger: CueTagger
    ) -> (shared: [UInt32], perDomain: [String: [UInt32]]) {
        var tokens: [ByteTokenizer.Token] = []
        var features: [UInt64] = []
        var tags: [Int] = []
        var frequency: [UInt32: Int] = [:]
        // Per cue: its words' hashes and the gate it counts for ("" the shared one).
        var cues: [(hashes: [UInt32], gate: String)] = []
        for sentence in sentences {
            features.removeAll(keepingCapacity: true)
            var text = sentence.text
            _ = text.withUTF8 {
                tagger.features(
                    bytes: $0, context: SentenceContext(), seed: model.seed, tokens: &tokens, features: &features,
                    featureSet: model.featureSet)
            }
            for token in tokens where token.isWord { frequency[token.hash, default: 0] += 1 }
            func words(_ range: Range<Int>) -> [UInt32] { tokens[range].filter(\.isWord).map(\.hash) }
            for cue in sentence.cues {
                let covered = tokens.indices.filter { cue.start <= Int(tokens[$0].start) && Int(tokens[$0].start) < cue.end }
                guard let first = covered.first, let last = covered.last else { continue }
                let hashes = words(first..<(last + 1))
                cues.append((hashes, ""))
                if model.domains.contains(sentence.domain) { cues.append((hashes, sentence.domain)) }
            }
            for gate in [""] + model.domains {
                features.withUnsafeBufferPointer {
                    model.decode(
                        features: $0, perToken: model.perToken, stride: nil, tokens: tokens.count, bias: 0,
                        domain: gate.isEmpty ? nil : gate,
                        into: &tags)
                }
                for span in SequenceModel.spans(tags) { cues.append((words(span.range), gate)) }
            }
        }
        var counts: [String: [UInt32: Int]] = [:]
        for cue in cues where !cue.hashes.isEmpty {
            let rarest = cue.hashes.min { (frequency[$0] ?? 0, $0) < (frequency[$1] ?? 0, $1) }!
            counts[cue.gate, default: [:]][rarest, default: 0] += 1
        }
        func kept(_ counts: [UInt32: Int]) -> [UInt32] { counts.filter { $0.value >= gateMinimumCues }.map(\.key).sorted() }
        var perDomain: [String: [UInt32]] = [:]
        for domain in model.domains { perDomain[domain] = kept(counts[domain] ?? [:]) }
        return (kept(counts[""] ?? [:]), perDomain)
    }

    static func perceptron(
        name: String, roles: [String], _ examples: [Example], _ options: Options, _ progress: (String) -> Void,
        featureSet: UInt32 = 3, orders: Int = 1
    ) -> SequenceModel {
        let tagCount = 1 + 2 * roles.count
        let size = (1 << options.bucketBits) * tagCount
        // Several passes in other orders of the same examples (the same feature hashes), their
        // averaged weights averaged once more: one linear model, so tagging costs the same.
        var mean = [Double](repeating: 0, count: size)
        for run in 0..<max(1, orders) {
            let shuffle = run == 0 ? options.seed : options.seed ^ (UInt64(run) &* 0x9E37_79B9_7F4A_7C15)
            let weights = averagedWeights(
                name: orders > 1 ? "\(name) (order \(run + 1)/\(orders))" : name, tagCount: tagCount, examples, options,
                shuffle: shuffle, progress)
            for index in 0..<size { mean[index] += Double(weights[index]) }
        }
        var averaged = orders > 1 ? mean.map { Float($0 / Double(orders)) } : mean.map { Float($0) }
        var scale: Float = 1
        if options.weightFormat == .int16 { (averaged, scale) = WeightFormat.quantised(averaged) }
        var model = SequenceModel(name: name, roles: roles, bucketBits: options.bucketBits, seed: options.seed, weights: averaged)
        model.featureSet = featureSet
        model.weightFormat = options.weightFormat
        model.weightScale = scale
        return model
    }

    /// One averaged perceptron's weights (`weights[row * tagCount + tag]`), the examples shuffled
    /// each epoch by a generator seeded with `shuffle`.
    static func averagedWeights(
        name: String, tagCount: Int, _ examples: [Example], _ options: Options, shuffle: UInt64,
        _ progress: (String) -> Void
    ) -> [Float] {
        let rows = 1 << options.bucketBits
        let mask = UInt64(rows - 1)
        let size = rows * tagCount
        let seed = options.seed
        var weights = [Float](repeating: 0, count: size)
        var totals = [Double](repeating: 0, count: size)
        var stamps = [Int](repeating: 0, count: size)
        var step = 0
        var order = Array(examples.indices)
        var random = shuffle | 1
        for epoch in 0..<options.epochs {
            // Fisher-Yates with xorshift64: the same order on every machine.
            for index in stride(from: order.count - 1, to: 0, by: -1) {
                random ^= random << 13
                random ^= random >> 7
                random ^= random << 17
                order.swapAt(index, Int(random % UInt64(index + 1)))
            }
            var wrong = 0
            var total = 0
            var falsePositive = 0
            var guess: [Int] = []
            for exampleIndex in order {
                let example = examples[exampleIndex]
                let tokens = example.tags.count
                let perToken = example.perToken
                example.features.withUnsafeBufferPointer { features in
                    weights.withUnsafeBufferPointer { weights in
                        SequenceModel.viterbi(
                            features: features, perToken: perToken, tokens: tokens, tagCount: tagCount, mask: mask,
                            seed: seed, weights: weights, into: &guess)
                    }
                }
                step += 1
                total += tokens
                guard guess != example.tags else { continue }
                // Structured perceptron: toward the gold sequence's features, away from the guess's,
                // only where they differ (a tag, or the tag before it).
                func update(_ feature: UInt64, _ tag: Int, _ delta: Float) {
                    let index = Int(feature & mask) * tagCount + tag
                    totals[index] += Double(step - stamps[index]) * Double(weights[index])
                    stamps[index] = step
                    weights[index] += delta
                }
                for token in 0..<tokens {
                    let gold = example.tags[token]
                    let predicted = guess[token]
                    let goldPrevious = token == 0 ? 0 : example.tags[token - 1]
                    let predictedPrevious = token == 0 ? 0 : guess[token - 1]
                    if gold == predicted && goldPrevious == predictedPrevious { continue }
                    let base = token * perToken
                    let word = example.features[base + 1]
                    if gold != predicted {
                        wrong += 1
                        if gold == 0 { falsePositive += 1 }
                        for index in 0..<perToken {
                            update(example.features[base + index], gold, 1)
                            update(example.features[base + index], predicted, -1)
                        }
                    }
                    update(ModelFeatures.transition(goldPrevious, 0, seed: seed), gold, 1)
                    update(ModelFeatures.transitionWord(goldPrevious, word, seed: seed), gold, 1)
                    update(ModelFeatures.transition(predictedPrevious, 0, seed: seed), predicted, -1)
                    update(ModelFeatures.transitionWord(predictedPrevious, word, seed: seed), predicted, -1)
                }
            }
            progress("\(name): epoch \(epoch + 1)/\(options.epochs), token error \(String(format: "%.4f", Double(wrong) / Double(max(total, 1)))) (on O \(falsePositive))")
        }
        var averaged = [Float](repeating: 0, count: size)
        let steps = Double(max(step, 1))
        for index in 0..<size {
            let sum = totals[index] + Double(step - stamps[index]) * Double(weights[index])
            averaged[index] = Float(sum / steps)
        }
        return averaged
    }
}

