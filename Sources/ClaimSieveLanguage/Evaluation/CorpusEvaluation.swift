public import ClaimSieveCore
import Foundation

/// Precision, recall and F1 from counts.
public struct PRF: Sendable, Equatable {
    /// Correct predictions.
    public var truePositives = 0
    /// Predictions.
    public var predicted = 0
    /// Gold items.
    public var gold = 0

    /// Counts start at zero.
    public init() {}
    /// Share of predictions that are right.
    public var precision: Double { predicted == 0 ? 0 : Double(truePositives) / Double(predicted) }
    /// Share of gold items found.
    public var recall: Double { gold == 0 ? 0 : Double(truePositives) / Double(gold) }
    /// Harmonic mean of precision and recall.
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    /// "P 0.912  R 0.871  F1 0.891  (tp/pred/gold)".
    public var line: String {
        String(format: "P %.3f  R %.3f  F1 %.3f  (%d/%d/%d)", precision, recall, f1, truePositives, predicted, gold)
    }
}

/// Scores the whole tagger (lexicon, models, context rules) on the public training formats, as
/// `claimsieve eval --polnear` and `--uncertainty` print them.
public enum CorpusEvaluation {
    /// The cue categories that make a sentence attributed (reported speech of any source).
    public static let attributionCategories: Set<CueCategory> = [
        .namedSource, .unnamedSource, .hearsay, .socialMedia, .denial,
    ]
    /// Cue categories of vague authority ("critics say", "studies have shown", "some experts
    /// said"): reported speech of a crowd, an attribution in PolNeAR, so they make a sentence
    /// attributed too (not a cue span: the lexicon's phrase holds its speaker).
    public static let vagueAttributionCategories: Set<CueCategory> = [.weasel]
    /// The cue categories that hedge a sentence.
    public static let hedgeCategories: Set<CueCategory> = [.speculation, .unconfirmed, .weasel]

    /// PolNeAR scores: sentences, cue spans and source spans.
    public struct AttributionScores: Sendable {
        /// A sentence is attributed when it holds an attribution's cue or part of its content.
        public var sentences = PRF()
        /// Cue spans, exact byte match.
        public var cues = PRF()
        /// Cue spans, a match when they overlap.
        public var cuesOverlap = PRF()
        /// Source spans in the cue's sentence as the product outputs them (the speaker's mention
        /// where the claim has one, else the speaker as written there, "he" before it is
        /// resolved), exact match: the headline figure.
        public var sources = PRF()
        /// The speaker's name alone (the claim's `source.text` as written in the sentence, without
        /// its mention), exact match: the headline figure before the mention was output.
        public var sourceNames = PRF()
        /// Those source spans, a match when they overlap.
        public var sourcesOverlap = PRF()
        /// Source spans exact, widened to the attribution model's source span around the claim's
        /// speaker where the model marks one ("Ryan Ellis, a Republican tax consultant" for the
        /// claim's "Ryan Ellis"): PolNeAR's convention of the whole mention. The product never
        /// outputs these spans; the figure shows how much of `sources`' gap is boundaries only.
        public var sourceMentions = PRF()
        /// The attribution model's own cue spans (before the lexicon), exact match.
        public var modelCues = PRF()
        /// The attribution model's own source spans, exact match.
        public var modelSources = PRF()
        /// Articles read.
        public var articles = 0
        /// Sentences the gold marks attributed and the tagger does not ("article#sentence: text").
        public var missed: [String] = []
        /// Sentences the tagger marks attributed and the gold does not.
        public var falseAlarms: [String] = []
        /// Cue and source spans that differ from the gold ("cue-missed|cue-false|source-missed|
        /// source-false<TAB>article<TAB>span<TAB>sentence"), for looking at errors.
        public var spanErrors: [String] = []
        /// The printable report.
        public var report: String {
            """
            articles \(articles), sentences \(sentences.gold + 0) attributed in gold
            sentence-level attribution  \(sentences.line)
            cue spans (exact)           \(cues.line)
            cue spans (overlap)         \(cuesOverlap.line)
            source spans (exact)        \(sources.line)
            source spans (overlap)      \(sourcesOverlap.line)
            source spans (speaker's name) \(sourceNames.line)
            source spans (mention, model-widened) \(sourceMentions.line)
            model's cue spans (exact)   \(modelCues.line)
            model's source spans (exact) \(modelSources.line)

            """
        }
    }

    /// Reads every article as a document (paragraphs as blocks, in order) and compares.
    public static func attribution(_ articles: [AttributionArticle], analyzer: SentenceAnalyzer) -> AttributionScores {
        var scores = AttributionScores()
        for article in articles {
            scores.articles += 1
            var claims = article.sentences.indices.map { index in
                Claim(id: "", block: article.paragraphs[index], sentence: index, text: article.text(of: index))
            }
            TagStage(tagger: analyzer.tagger).tag(&claims)
            VerdictStage.judge(&claims)
            // The speaker as written in each sentence, before "he" is resolved from the sentences
            // before: the mention is what PolNeAR's source spans mark.
            // Each sentence's context is kept for the model's own spans below.
            var mentions: [Range<Int>?] = []
            // The span the claim outputs: the speaker's mention where it has one.
            var outputs: [Range<Int>?] = []
            var contexts: [SentenceContext] = []
            var carried = false
            for index in article.sentences.indices {
                let paragraphStart = index == 0 || article.paragraphs[index] != article.paragraphs[index - 1]
                if paragraphStart { carried = false }
                let context = SentenceContext(paragraphStart: paragraphStart, insideQuotation: carried)
                let tagged = analyzer.tagger.tag(claims[index].text, context: context)
                carried = tagged.endsInsideQuotation
                // Where the tagger found it: the first "he" of the text may be inside "there".
                let name = tagged.source == nil ? nil : tagged.sourceRange ?? tagged.source.flatMap { wordRange(of: $0.text, in: claims[index].text) }
                mentions.append(name)
                outputs.append(tagged.source?.mention.map { $0.start..<$0.end } ?? name)
                contexts.append(context)
            }
            var goldCues: [Range<Int>] = []
            var goldSources: [Range<Int>] = []
            var goldRegions: [Range<Int>] = []
            for attribution in article.attributions {
                goldCues += attribution.cue
                goldSources += attribution.source
                goldRegions += attribution.cue + attribution.content
            }
            var predictedCues: [Range<Int>] = []
            var predictedSources: [Range<Int>] = []
            var nameSources: [Range<Int>] = []
            var mentionSources: [Range<Int>] = []
            // The model's own spans of each sentence, by role (sentence-relative byte ranges).
            var modelSpans: [[(role: String, range: Range<Int>)]] = []
            if let model = analyzer.tagger.models.attribution {
                modelSpans = article.sentences.indices.map { index in
                    analyzer.tagger.modelSpans(claims[index].text, model: model, context: contexts[index])
                }
            }
            for (index, sentence) in article.sentences.enumerated() {
                let claim = claims[index]
                let gold = goldRegions.contains { $0.overlaps(sentence) }
                let attributionCues = claim.cues.filter { attributionCategories.contains($0.category) }
                let predicted = claim.source != nil || !attributionCues.isEmpty
                    || claim.cues.contains { vagueAttributionCategories.contains($0.category) }
                if gold { scores.sentences.gold += 1 }
                if predicted { scores.sentences.predicted += 1 }
                if gold && predicted { scores.sentences.truePositives += 1 }
                if gold != predicted {
                    let line = "\(article.id)#\(index): \(claim.text)"
                    if gold { scores.missed.append(line) } else { scores.falseAlarms.append(line) }
                }
                for cue in attributionCues {
                    predictedCues.append((sentence.lowerBound + cue.start)..<(sentence.lowerBound + cue.end))
                }
                if let output = outputs[index], !attributionCues.isEmpty {
                    predictedSources.append((sentence.lowerBound + output.lowerBound)..<(sentence.lowerBound + output.upperBound))
                }
                // Each cue's own speaker too ("..., another source said" beside the deed's doer):
                // one span a speaker, however many of its cues it speaks for.
                for cue in claim.cues where attributionCategories.contains(cue.category) || vagueAttributionCategories.contains(cue.category) {
                    guard let speaker = cue.speaker else { continue }
                    let range = speaker.start..<speaker.end
                    if let output = outputs[index], !attributionCues.isEmpty, output.overlaps(range) { continue }
                    let shifted = (sentence.lowerBound + range.lowerBound)..<(sentence.lowerBound + range.upperBound)
                    if !predictedSources.contains(shifted) { predictedSources.append(shifted) }
                }
                if let range = mentions[index], !attributionCues.isEmpty {
                    nameSources.append((sentence.lowerBound + range.lowerBound)..<(sentence.lowerBound + range.upperBound))
                    // PolNeAR's source is the speaker's whole mention ("Ryan Ellis, a Republican tax
                    // consultant", "Police officials"); the claim names the speaker ("Ryan Ellis",
                    // "officials"): also scored (apart) as the model's source span around the speaker.
                    var mention = range
                    if index < modelSpans.count,
                        let span = modelSpans[index].first(where: { $0.role == "source" && $0.range.overlaps(range) })
                    {
                        mention = span.range
                    }
                    mentionSources.append((sentence.lowerBound + mention.lowerBound)..<(sentence.lowerBound + mention.upperBound))
                }
            }
            count(predictedCues, goldCues, exact: &scores.cues, overlap: &scores.cuesOverlap)
            scores.spanErrors += differences(predictedCues, goldCues, role: "cue", article: article)
            scores.spanErrors += differences(predictedSources, goldSources, role: "source", article: article)
            if !modelSpans.isEmpty {
                var modelCues: [Range<Int>] = []
                var modelSources: [Range<Int>] = []
                for (index, sentence) in article.sentences.enumerated() {
                    for span in modelSpans[index] {
                        let range = (sentence.lowerBound + span.range.lowerBound)..<(sentence.lowerBound + span.range.upperBound)
                        if span.role == "cue" { modelCues.append(range) } else { modelSources.append(range) }
                    }
                }
                var ignored = PRF()
                count(modelCues, goldCues, exact: &scores.modelCues, overlap: &ignored)
                count(modelSources, goldSources, exact: &scores.modelSources, overlap: &ignored)
                scores.spanErrors += differences(modelCues, goldCues, role: "model-cue", article: article)
                scores.spanErrors += differences(modelSources, goldSources, role: "model-source", article: article)
            }
            if !modelSpans.isEmpty {
                scores.spanErrors += lostSpans(
                    article: article, claims: claims, mentions: outputs, modelSpans: modelSpans,
                    goldCues: goldCues, goldSources: goldSources, predictedCues: predictedCues,
                    predictedSources: predictedSources, mentionSources: mentionSources)
            }
            count(predictedSources, goldSources, exact: &scores.sources, overlap: &scores.sourcesOverlap)
            var unused = PRF()
            count(nameSources, goldSources, exact: &scores.sourceNames, overlap: &unused)
            count(mentionSources, goldSources, exact: &scores.sourceMentions, overlap: &unused)
        }
        return scores
    }

    /// Uncertainty scores of one file's sentences.
    public struct HedgeScores: Sendable {
        /// A sentence is uncertain when it holds a hedge cue.
        public var sentences = PRF()
        /// Hedge cue spans, exact match.
        public var cues = PRF()
        /// Hedge cue spans, a match when they overlap.
        public var cuesOverlap = PRF()
        /// Uncertain sentences with no hedge found ("id: text [gold cues]"), for looking at errors.
        public var missed: [String] = []
        /// Certain sentences with a hedge found ("id: text [cues found]").
        public var falseAlarms: [String] = []
        /// The printable report.
        public var report: String {
            """
            sentence-level uncertainty  \(sentences.line)
            cue spans (exact)           \(cues.line)
            cue spans (overlap)         \(cuesOverlap.line)

            """
        }
    }

    /// Tags each sentence on its own and compares hedge cues with the labels.
    public static func hedges(_ sentences: [HedgeSentence], analyzer: SentenceAnalyzer) -> HedgeScores {
        var scores = HedgeScores()
        for sentence in sentences {
            let tagged = analyzer.tagger.tag(sentence.text)
            let cues = tagged.cues.filter { hedgeCategories.contains($0.category) }
            if sentence.uncertain { scores.sentences.gold += 1 }
            if !cues.isEmpty { scores.sentences.predicted += 1 }
            if sentence.uncertain && !cues.isEmpty { scores.sentences.truePositives += 1 }
            if sentence.uncertain && cues.isEmpty {
                let gold = sentence.cues.map { span in
                    String(decoding: Array(sentence.text.utf8)[span.start..<span.end], as: UTF8.self)
                }
                scores.missed.append("\(sentence.id): \(sentence.text) [\(gold.joined(separator: ", "))]")
            } else if !sentence.uncertain && !cues.isEmpty {
                let found = cues.map { "\($0.text)\($0.by == .model ? " (model)" : "")" }
                scores.falseAlarms.append("\(sentence.id): \(sentence.text) [\(found.joined(separator: ", "))]")
            }
            count(
                cues.map { $0.start..<$0.end }, sentence.cues.map { $0.start..<$0.end }, exact: &scores.cues,
                overlap: &scores.cuesOverlap)
        }
        return scores
    }

    /// UTF-8 byte range of the first whole-word occurrence of `word` in `text`.
    static func wordRange(of word: String, in text: String) -> Range<Int>? {
        let bytes = Array(text.utf8)
        let needle = Array(word.utf8)
        guard !needle.isEmpty, needle.count <= bytes.count else { return nil }
        func isWordByte(_ byte: UInt8) -> Bool {
            byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
        }
        for start in 0...(bytes.count - needle.count) where bytes[start..<(start + needle.count)].elementsEqual(needle) {
            let end = start + needle.count
            if (start == 0 || !isWordByte(bytes[start - 1])) && (end == bytes.count || !isWordByte(bytes[end])) {
                return start..<end
            }
        }
        return nil
    }

    /// The gold spans the attribution model's own spans match exactly and the product's do not,
    /// each with why ("lost-cue|lost-source<TAB>class<TAB>article<TAB>span<TAB>sentence", a lost
    /// source then <TAB> the span the product output instead), and
    /// the other way round ("won-cue", "won-source"): where the product loses the model's answer.
    private static func lostSpans(
        article: AttributionArticle, claims: [Claim], mentions: [Range<Int>?],
        modelSpans: [[(role: String, range: Range<Int>)]], goldCues: [Range<Int>], goldSources: [Range<Int>],
        predictedCues: [Range<Int>], predictedSources: [Range<Int>], mentionSources: [Range<Int>]
    ) -> [String] {
        var lines: [String] = []
        func key(_ range: Range<Int>) -> [Int] { [range.lowerBound, range.upperBound] }
        let predictedCueSet = Set(predictedCues.map(key))
        let predictedSourceSet = Set(predictedSources.map(key))
        let mentionSet = Set(mentionSources.map(key))
        let goldSourceSet = Set(goldSources.map(key))
        func relation(_ predicted: Range<Int>, _ gold: Range<Int>) -> String {
            if predicted.lowerBound >= gold.lowerBound && predicted.upperBound <= gold.upperBound { return "narrower" }
            if predicted.lowerBound <= gold.lowerBound && predicted.upperBound >= gold.upperBound { return "wider" }
            return "partial"
        }
        for (index, sentence) in article.sentences.enumerated() {
            let claim = claims[index]
            let shift = { (range: Range<Int>) in (sentence.lowerBound + range.lowerBound)..<(sentence.lowerBound + range.upperBound) }
            let modelCues = Set(modelSpans[index].filter { $0.role == "cue" }.map { key(shift($0.range)) })
            let modelSources = Set(modelSpans[index].filter { $0.role == "source" }.map { key(shift($0.range)) })
            let attributionCues = claim.cues.filter { attributionCategories.contains($0.category) }
            // The product's own span last, for a lost source (what it output instead).
            let chosen = mentions[index].map { String(decoding: article.bytes[shift($0)], as: UTF8.self) } ?? ""
            func emit(_ kind: String, _ why: String, _ span: Range<Int>) {
                let text = String(decoding: article.bytes[span], as: UTF8.self)
                let around = String(decoding: article.bytes[sentence], as: UTF8.self)
                let instead = kind == "lost-source" ? "\t\(chosen)" : ""
                lines.append("\(kind)\t\(why)\t\(article.id)\t\(text)\t\(around)\(instead)".replacingOccurrences(of: "\n", with: " "))
            }
            for gold in goldCues where sentence.contains(gold.lowerBound) {
                let model = modelCues.contains(key(gold))
                let product = predictedCueSet.contains(key(gold))
                if model && !product {
                    var why: String
                    if let cue = attributionCues.first(where: { shift($0.start..<$0.end).overlaps(gold) }) {
                        why = "\(cue.by == .model ? "model" : "lexicon") cue \(relation(shift(cue.start..<cue.end), gold))"
                    } else if let cue = claim.cues.first(where: { shift($0.start..<$0.end).overlaps(gold) }) {
                        why = "\(cue.by == .model ? "model" : "lexicon") cue of \(cue.category.rawValue)"
                    } else {
                        why = "model cue dropped"
                    }
                    emit("lost-cue", why, gold)
                } else if product && !model {
                    emit("won-cue", "", gold)
                }
            }
            for gold in goldSources where sentence.contains(gold.lowerBound) {
                let model = modelSources.contains(key(gold))
                let product = predictedSourceSet.contains(key(gold))
                if model && !product {
                    var why: String
                    if attributionCues.isEmpty {
                        why = claim.cues.isEmpty ? "no cue" : "no attribution cue"
                    } else if let mention = mentions[index].map(shift) {
                        if mention.overlaps(gold) {
                            why = "speaker \(relation(mention, gold))"
                            if mentionSet.contains(key(gold)) { why += " (widened: right)" }
                        } else if goldSourceSet.contains(key(mention)) {
                            why = "another attribution's speaker"
                        } else if modelSources.contains(key(mention)) {
                            why = "another model source"
                        } else {
                            why = "another phrase"
                        }
                    } else {
                        why = claim.source == nil ? "no speaker" : "speaker from context"
                    }
                    emit("lost-source", why, gold)
                } else if product && !model {
                    emit("won-source", "", gold)
                }
            }
        }
        return lines
    }

    /// The spans only one side has, with the sentence around each.
    private static func differences(
        _ predicted: [Range<Int>], _ gold: [Range<Int>], role: String, article: AttributionArticle
    ) -> [String] {
        let predictedSet = Set(predicted.map { [$0.lowerBound, $0.upperBound] })
        let goldSet = Set(gold.map { [$0.lowerBound, $0.upperBound] })
        var lines: [String] = []
        for (kind, spans, other) in [("missed", gold, predictedSet), ("false", predicted, goldSet)] {
            for span in spans where !other.contains([span.lowerBound, span.upperBound]) {
                let sentence = article.sentences.first { $0.overlaps(span) } ?? span
                let text = String(decoding: article.bytes[span], as: UTF8.self)
                let around = String(decoding: article.bytes[sentence], as: UTF8.self)
                lines.append("\(role)-\(kind)\t\(article.id)\t\(text)\t\(around)".replacingOccurrences(of: "\n", with: " "))
            }
        }
        return lines
    }

    private static func count(_ predicted: [Range<Int>], _ gold: [Range<Int>], exact: inout PRF, overlap: inout PRF) {
        let goldSet = Set(gold.map { [$0.lowerBound, $0.upperBound] })
        exact.predicted += predicted.count
        exact.gold += goldSet.count
        exact.truePositives += Set(predicted.map { [$0.lowerBound, $0.upperBound] }).intersection(goldSet).count
        overlap.predicted += predicted.count
        overlap.gold += gold.count
        overlap.truePositives += min(
            predicted.filter { p in gold.contains { $0.overlaps(p) } }.count,
            gold.filter { g in predicted.contains { $0.overlaps(g) } }.count)
    }
}
