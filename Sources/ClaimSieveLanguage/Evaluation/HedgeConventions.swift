/// Which of the lexicon's hedge phrases a corpus does not mark, learned from that corpus's
/// `split: train` sentences, for scoring it on its own conventions (`eval --hedge-domain corpus`).
///
/// The lexicon is written for news: "could", "potential", "possible", "if" hedge a news claim,
/// while the biomedical corpus reads them as ability or a plain condition ("cells could be
/// stained", "potential binding sites") and marks them in a minority of their uses. Scoring bio
/// with the news lexicon's phrases counts the corpus's own convention as the tagger's error. So,
/// as the hedge model adds each corpus's own weights, the lexicon's phrases a corpus marks in
/// under `minimumShare` of at least `minimumCount` uses on its train split are left to the models
/// for that corpus. Learned from train only (never dev), per phrase of the lexicon, never by hand;
/// `tag` never applies it: there the lexicon always wins.
public struct HedgeConventions: Sendable {
    /// One lexicon phrase as the corpus uses it.
    public struct Phrase: Sendable, Equatable {
        /// The lexicon entry's phrase.
        public var phrase: String
        /// Matches of the phrase on hedge-labelled text's train split.
        public var uses: Int
        /// Matches that overlap a cue the corpus marks.
        public var marked: Int
        /// Share of uses the corpus marks.
        public var share: Double { uses == 0 ? 0 : Double(marked) / Double(uses) }
    }

    /// Positions in the lexicon's `entries` of the phrases the corpus does not mark.
    public var unmarked: Set<Int>
    /// Those phrases with their counts, most used first (what `eval` prints).
    public var phrases: [Phrase]

    /// Fewest uses on the train split before a phrase may be judged.
    public static let minimumCount = 5
    /// A phrase the corpus marks in fewer than this share of its uses is not its hedge.
    public static let minimumShare = 0.5

    /// Scored records that are also train records: conventions counted on them would be judged
    /// on the very sentences they were learned from.
    public struct ScoredTrainRecords: Error, CustomStringConvertible {
        /// How many scored records are train records.
        public var count: Int
        public var description: String {
            "\(count) scored records are train records, which the corpus's conventions are learned from: score held-out records only (--split dev)"
        }
    }

    /// The conventions of a file whose records at `scored` (positions in `records`) are scored:
    /// learned from the file's train records that are not scored (by position, so a train
    /// record's copy in dev still counts), and refused when a scored record is a train record
    /// (scoring all records, or `split: train`), as the figures would not be held out.
    public static func learn(
        from records: [HedgeSentence], scoring scored: some Sequence<Int>, tagger: CueTagger
    ) throws(ScoredTrainRecords) -> HedgeConventions {
        let scored = Set(scored)
        let overlap = scored.count { records[$0].split == "train" }
        if overlap > 0 { throw ScoredTrainRecords(count: overlap) }
        let heldOut = records.indices.filter { records[$0].split == "train" && !scored.contains($0) }
        return learn(from: heldOut.map { records[$0] }, tagger: tagger)
    }

    /// Counts every hedge phrase of `tagger`'s lexicon on `sentences` (the corpus's train split).
    public static func learn(
        from sentences: [HedgeSentence], tagger: CueTagger, minimumCount: Int = minimumCount,
        minimumShare: Double = minimumShare
    ) -> HedgeConventions {
        var uses = [Int](repeating: 0, count: tagger.rules.count)
        var marked = [Int](repeating: 0, count: tagger.rules.count)
        var tokens: [CueTagger.Token] = []
        for sentence in sentences {
            var text = sentence.text
            text.withUTF8 { bytes in
                _ = ByteTokenizer.tokenize(bytes, vocabulary: tagger.vocabulary, tokens: &tokens, carriedQuote: false)
                tokens.withUnsafeBufferPointer { tokens in
                    guard let firstWord = tokens.firstIndex(where: { $0.isWord }) else { return }
                    let matches = tagger.lexiconMatches(
                        tokens, bytes, firstWord: firstWord, titleCase: CueTagger.isTitleCase(tokens, bytes))
                    for match in matches {
                        guard let category = tagger.rules[match.rule].category,
                            CorpusEvaluation.hedgeCategories.contains(category)
                        else { continue }
                        let start = Int(tokens[match.start].start)
                        let end = Int(tokens[match.end - 1].end)
                        uses[match.rule] += 1
                        if sentence.cues.contains(where: { $0.start < end && $0.end > start }) { marked[match.rule] += 1 }
                    }
                }
            }
        }
        var conventions = HedgeConventions(unmarked: [], phrases: [])
        for rule in uses.indices where uses[rule] >= minimumCount {
            let phrase = Phrase(phrase: tagger.lexicon.entries[rule].phrase, uses: uses[rule], marked: marked[rule])
            guard phrase.share < minimumShare else { continue }
            conventions.unmarked.insert(rule)
            conventions.phrases.append(phrase)
        }
        conventions.phrases.sort { $0.uses != $1.uses ? $0.uses > $1.uses : $0.phrase < $1.phrase }
        return conventions
    }

    /// `tagger` with the phrases the corpus does not mark left to the models: no cue of the
    /// lexicon's and no block on the models' cues there, but still a feature the models read (they
    /// were trained seeing it).
    public func applied(to tagger: CueTagger) -> CueTagger {
        tagger.leavingToModels(unmarked)
    }
}
