import ClaimSieveCore

/// Finds cue spans and the speaker in one sentence, from a lexicon compiled once.
///
/// Build one per run and share it: it is an immutable value, safe on every worker thread. The
/// hot path works on the sentence's UTF-8 bytes (tokens, vocabulary ids, a trie walk), so tagging
/// costs about the same for a lexicon of ten cues or a thousand.
public struct CueTagger: Sendable {
    typealias Token = ByteTokenizer.Token

    /// A lexicon entry with its filters resolved to vocabulary ids; plain values only, so reading
    /// one per match costs no reference counting.
    struct Rule: Sendable {
        var category: CueCategory?
        var unnamed: CueCategory?
        var speaker: LexiconEntry.SpeakerPosition?
        var weight: Double
        var skipCapitalized: Bool
        var speechContext: Bool
        var cancelByNamedAgent: Bool
        var needsFollowingWord: Bool
        var notBeforeNumber: Bool
        /// Ranges of `filterWords`.
        var notBefore: Range<Int32>
        var notAfter: Range<Int32>
        /// Only at the sentence's first word (`at_start`).
        var atStart = false
        /// Scoring a corpus on its own conventions only (`HedgeConventions`): the phrase is no cue
        /// and blocks no model cue, but the models still see it as a feature, as in training.
        var leftToModels = false
    }

    /// The lexicon this tagger was compiled from.
    public let lexicon: Lexicon
    let vocabulary: Vocabulary
    let matcher: CueMatcher
    private(set) var rules: [Rule]
    let filterWords: [Int32]
    let finder: SpeakerFinder
    /// The learned taggers, applied after the lexicon (which always wins where both speak).
    public let models: TaggerModels
    /// The lexicon's `name_words`: a quotation right after one is a name, not speech (`QuotedSpeech`).
    let quotationNameWords: Set<String>

    /// Compiles `lexicon`; a phrase the notation cannot express is an error naming it.
    public init(lexicon: Lexicon, models: TaggerModels = TaggerModels()) throws {
        self.lexicon = lexicon
        self.models = models
        quotationNameWords = Set(lexicon.wordList("name_words"))
        let inflector = Inflector(irregular: lexicon.inflections)
        var vocabulary = Vocabulary()
        var bits: [Int32: WordClass] = [:]
        for (name, wordClass) in WordClass.listNames {
            for item in lexicon.wordList(name) {
                for form in Self.expand(item, inflector) {
                    for id in Self.words(of: form, into: &vocabulary) { bits[id, default: []].insert(wordClass) }
                }
            }
        }
        for id in Self.words(of: "by", into: &vocabulary) { bits[id, default: []].insert(.agentMarker) }
        // The irregular forms that are neither the lemma nor in -ing or -s ("said", "told",
        // "written"): finite, so a preposition right before one is stranded ("the people he spoke
        // to said"), not the head of an infinitive or a gerund (`SpeakerFinder.hasNoSubjectBefore`).
        for (lemma, forms) in lexicon.inflections {
            for form in forms where form != lemma && !form.hasSuffix("ing") && !form.hasSuffix("s") {
                for id in Self.words(of: form, into: &vocabulary) { bits[id, default: []].insert(.irregularFinite) }
            }
        }
        var matcher = CueMatcher()
        var rules: [Rule] = []
        var filterWords: [Int32] = []
        for entry in lexicon.entries {
            var parts = Self.parts(of: entry.phrase.lowercased())
            var needsFollowingWord = false
            if parts.last == "*" {
                needsFollowingWord = true
                parts.removeLast()
            }
            guard let first = parts.first, first != "*" else {
                throw LexiconError(file: entry.origin ?? "(lexicon)", message: "phrase '\(entry.phrase)' must start with a word")
            }
            var slots: [CueMatcher.Slot] = []
            for part in parts {
                if part == "*" {
                    slots.append(.gap(entry.gap))
                    continue
                }
                var alternatives: [[Int32]] = []
                var body = part
                if body.hasPrefix("("), body.hasSuffix(")") { body = String(body.dropFirst().dropLast()) }
                for alternative in body.split(separator: "|").map(String.init) {
                    // "(social media|{post} online)": every word of an alternative may inflect.
                    var sequences: [String] = [""]
                    for word in alternative.split(separator: " ").map(String.init) {
                        let forms = Self.expand(word, inflector)
                        sequences = sequences.flatMap { prefix in forms.map { prefix.isEmpty ? $0 : prefix + " " + $0 } }
                    }
                    for sequence in sequences {
                        let ids = Self.words(of: sequence, into: &vocabulary)
                        if !ids.isEmpty { alternatives.append(ids) }
                    }
                }
                guard !alternatives.isEmpty else {
                    throw LexiconError(file: entry.origin ?? "(lexicon)", message: "phrase '\(entry.phrase)': '\(part)' has no words")
                }
                slots.append(.words(alternatives))
            }
            var notBeforeNumber = false
            let notBeforeStart = Int32(filterWords.count)
            for word in entry.notBefore {
                if word == "#number" {
                    notBeforeNumber = true
                } else {
                    filterWords.append(contentsOf: Self.words(of: word.lowercased(), into: &vocabulary))
                }
            }
            let notAfterStart = Int32(filterWords.count)
            for word in entry.notAfter {
                filterWords.append(contentsOf: Self.words(of: word.lowercased(), into: &vocabulary))
            }
            matcher.insert(slots, entry: Int32(rules.count))
            rules.append(
                Rule(
                    category: entry.category, unnamed: entry.unnamed, speaker: entry.speaker, weight: entry.weight,
                    skipCapitalized: entry.skipCapitalized, speechContext: entry.speechContext,
                    cancelByNamedAgent: entry.cancelByNamedAgent, needsFollowingWord: needsFollowingWord,
                    notBeforeNumber: notBeforeNumber, notBefore: notBeforeStart..<notAfterStart,
                    notAfter: notAfterStart..<Int32(filterWords.count), atStart: entry.atStart))
        }
        matcher.freeze(vocabularySize: vocabulary.count)
        var classes = [WordClass](repeating: [], count: vocabulary.count)
        for (id, wordClass) in bits { classes[Int(id)] = wordClass }
        self.vocabulary = vocabulary
        self.matcher = matcher
        self.rules = rules
        self.filterWords = filterWords
        self.finder = SpeakerFinder(classes: classes)
    }

    /// The same tagger with the lexicon entries at `entries` (positions in `lexicon.entries`)
    /// left to the models: for `HedgeConventions`, never for `tag`.
    func leavingToModels(_ entries: Set<Int>) -> CueTagger {
        var tagger = self
        var rules = self.rules
        for index in entries where rules.indices.contains(index) { rules[index].leftToModels = true }
        tagger.rules = rules
        return tagger
    }

    /// Loads and compiles lexicon files (the built-in English lexicon when `paths` is empty).
    public init(lexiconPaths: [String], models: TaggerModels = TaggerModels()) throws {
        try self.init(lexicon: Lexicon.load(paths: lexiconPaths), models: models)
    }

    /// Cues, speaker and quotation facts of one sentence. `context` says where the sentence
    /// stands in its document (first of its paragraph, inside a quotation opened earlier).
    public func tag(_ text: String, context: SentenceContext = SentenceContext()) -> TaggedSentence {
        var text = text
        return text.withUTF8 { tag(bytes: $0, context: context) }
    }

    /// The same over raw UTF-8 bytes, for callers that already hold them.
    public func tag(bytes: UnsafeBufferPointer<UInt8>, context: SentenceContext = SentenceContext()) -> TaggedSentence {
        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count / 4 + 8)
        let endsInQuote = ByteTokenizer.tokenize(
            bytes, vocabulary: vocabulary, tokens: &tokens, carriedQuote: context.insideQuotation)
        var result = tokens.withUnsafeBufferPointer { analyse(bytes, $0, context) }
        result.endsInsideQuotation = endsInQuote
        return result
    }

    struct Match {
        var rule: Int
        var start: Int
        var end: Int
    }

    /// Leftmost-longest lexicon matches, neutral and quoted ones included.
    func lexiconMatches(_ tokens: UnsafeBufferPointer<Token>, _ bytes: UnsafeBufferPointer<UInt8>, firstWord: Int, titleCase: Bool) -> [Match] {
        var matches: [Match] = []
        var candidates: [CueMatcher.Candidate] = []
        var index = 0
        while index < tokens.count {
            candidates.removeAll(keepingCapacity: true)
            matcher.candidates(in: tokens, from: index, into: &candidates)
            if candidates.isEmpty {
                index += 1
                continue
            }
            if candidates.count > 1 {
                candidates.sort { $0.end != $1.end ? $0.end > $1.end : $0.entry > $1.entry }
            }
            var chosen: CueMatcher.Candidate?
            for candidate in candidates
            where passes(
                rules[Int(candidate.entry)], start: index, end: candidate.end, tokens, bytes, firstWord: firstWord,
                titleCase: titleCase)
            {
                chosen = candidate
                break
            }
            if let chosen {
                matches.append(Match(rule: Int(chosen.entry), start: index, end: chosen.end))
                index = chosen.end
            } else {
                index += 1
            }
        }
        return matches
    }

    private func analyse(
        _ bytes: UnsafeBufferPointer<UInt8>, _ tokens: UnsafeBufferPointer<Token>, _ context: SentenceContext
    ) -> TaggedSentence {
        var firstWord = -1
        var wordsOutsideQuotes = 0
        var words = 0
        for (index, token) in tokens.enumerated() where token.isWord {
            if firstWord < 0 { firstWord = index }
            words += 1
            if !token.inQuote { wordsOutsideQuotes += 1 }
        }
        var result = TaggedSentence(isQuoteOnly: words > 0 && wordsOutsideQuotes == 0)
        result.startsInsideQuotation = context.insideQuotation && firstWord >= 0 && tokens[firstWord].inQuote
        guard firstWord >= 0 else { return result }
        let titleCase = Self.isTitleCase(tokens, bytes)
        result.kind = kind(tokens, bytes, firstWord: firstWord)

        // Leftmost-longest: at each word take the longest phrase whose filters pass, then go on
        // after it, so cues never overlap and "not confirmed" hides "confirmed".
        let matches = lexiconMatches(tokens, bytes, firstWord: firstWord, titleCase: titleCase)
        // "To the pears, add the juice of one lemon and spices": an instruction's verb says
        // what to do, never who speaks. (Its phrase stays a feature of the models, as in training.)
        let imperative = result.kind == .instruction ? imperativeVerb(tokens, firstWord: firstWord) : nil
        if !models.isEmpty {
            applyModels(to: &result, matches: matches, skipping: imperative, bytes, tokens, context, firstWord: firstWord, titleCase: titleCase)
        } else {
            applyLexicon(matches, skipping: imperative, to: &result, bytes, tokens, firstWord: firstWord, titleCase: titleCase)
        }
        // A cue whose verb has no subject of its own names nobody: with nobody named in the
        // sentence, not even by the attribution model, it is an unnamed source's.
        if result.source?.named != true {
            for subjectless in result.subjectlessCues {
                guard let index = result.cues.firstIndex(where: { $0.start == subjectless.start }),
                    result.cues[index].category == .namedSource
                else { continue }
                result.cues[index].category = subjectless.unnamed
            }
        }
        // Speakers exist only where a cue found one (which gave the claim its source) or the
        // attribution model read the sentence.
        if result.source != nil || result.speakersChecked { Self.boundSpeakers(&result, bytes) }
        return result
    }

    /// Each cue's speaker within its bounds, kept only where the attribution model checked it or
    /// it is the claim's own; the claim's speaker without a contraction.
    private static func boundSpeakers(_ result: inout TaggedSentence, _ bytes: UnsafeBufferPointer<UInt8>) {
        for index in result.cues.indices {
            guard let speaker = result.cues[index].speaker else { continue }
            if !result.speakersChecked, speaker.start..<speaker.end != result.sourceRange {
                result.cues[index].speaker = nil
            } else if let bounded = Self.bounded(speaker, bytes) {
                result.cues[index].speaker = bounded
            }
        }
        if let mention = result.source?.mention, let bounded = Self.bounded(mention, bytes) { result.source?.mention = bounded }
        if let range = result.sourceRange, result.source != nil {
            let name = Self.withoutContraction(range, bytes)
            if name != range {
                result.sourceRange = name
                result.source?.text = Self.string(bytes, name.lowerBound, name.upperBound)
            }
        }
        // A mention is only one wider or narrower than the name.
        if let mention = result.source?.mention, mention.start..<mention.end == result.sourceRange { result.source?.mention = nil }
    }

    /// Cues and speaker from the lexicon's matches.
    func applyLexicon(
        _ matches: [Match], skipping imperative: Int? = nil, to result: inout TaggedSentence, _ bytes: UnsafeBufferPointer<UInt8>,
        _ tokens: UnsafeBufferPointer<Token>, firstWord: Int, titleCase: Bool
    ) {
        if matches.isEmpty { return }

        var unresolved: [(cue: Int, unnamed: CueCategory)] = []
        var sourceJudgement: SpeakerFinder.Judgement?
        for match in matches {
            let rule = rules[match.rule]
            // Neutral entries only block; anything inside a quotation is the speaker's wording.
            guard var category = rule.category, !rule.leftToModels, !tokens[match.start].inQuote, match.start != imperative else { continue }
            var speaker: SourceMention?
            if var position = rule.speaker {
                var span: Range<Int>?
                // "I’ve got to say", "by saying", "a request for comment": no subject stands right
                // before the verb, so the cue names nobody, and takes no speaker from the sentences
                // before either (who "shifted his account to say" is further back, and the
                // clause's first words were more often a thing than a speaker on real pages).
                var subjectless = false
                switch position {
                case .before:
                    span = finder.before(match.start, in: tokens, bytes: bytes)
                    if span == nil { subjectless = finder.hasNoSubjectBefore(match.start, in: tokens, bytes: bytes) }
                    // "Claims on X that a child was swept away were shared": a phrase that opens
                    // the sentence, with nobody before its verb, is a noun naming its own
                    // (unnamed) speaker, when its entry says what an unnamed speaker makes it.
                    if span == nil, match.start == firstWord, let unnamed = rule.unnamed,
                        !SpeakerFinder.isParticiple(tokens[match.start], bytes)
                    {
                        position = .self
                        category = unnamed
                        span = selfSpan(match, tokens)
                    }
                case .after:
                    span = finder.after(match.end, in: tokens, bytes: bytes)
                case .either:
                    // "..., saying they failed": a participle after a comma speaks for its clause's
                    // subject, not for the words before the comma.
                    if match.start > firstWord + 1, tokens[match.start - 1].kind == .comma,
                        Self.endsInIng(tokens[match.start], bytes)
                    {
                        span = finder.clauseSubject(from: firstWord, before: match.start - 1, in: tokens, bytes: bytes)
                    }
                    if span == nil { span = finder.before(match.start, in: tokens, bytes: bytes) }
                    if span == nil { subjectless = finder.hasNoSubjectBefore(match.start, in: tokens, bytes: bytes) }
                    if span == nil, mayLookForward(match, tokens, bytes, firstWord: firstWord) {
                        span = finder.after(match.end, in: tokens, bytes: bytes)
                    }
                case .self:
                    span = selfSpan(match, tokens)
                }
                // "We can say that Apple has listened", "I always tell my clients": the writer (or
                // the reader) outside a quotation speaks in the article's own voice.
                if let span, !tokens[span.lowerBound].inQuote, Self.isFirstOrSecondPerson(span, tokens, bytes) { continue }
                if var span {
                    var judgement = finder.judge(
                        span, in: tokens, bytes: bytes, firstWord: firstWord, titleCase: titleCase)
                    if position == .self, rule.speaker == .before { judgement = .unnamed(category) }
                    // "official Timothy Morrison told": a name inside a phrase of unnamed sources.
                    if position == .self, judgement == .named, category == .unnamedSource { category = .namedSource }
                    // "The ministry's spokesperson, Ilona Fekete, told": the name in apposition
                    // is the speaker, whatever the phrase before it is.
                    if position != .self, let name = finder.appositiveName(after: span, in: tokens) {
                        span = name
                        judgement = .named
                    }
                    switch judgement {
                    case .named:
                        break
                    case .unnamed(let implied):
                        if position != .self, category == .namedSource {
                            category = implied ?? rule.unnamed ?? .unnamedSource
                        }
                    case .pronoun:
                        result.contextCues.append(result.cues.count)
                    }
                    let spanStart = Int(tokens[span.lowerBound].start)
                    let spanEnd = Int(tokens[span.upperBound - 1].end)
                    let text = Self.string(bytes, spanStart, spanEnd)
                    speaker = SourceMention(text: text, start: spanStart, end: spanEnd)
                    if result.source == nil {
                        result.source = Source(text: text, named: !Self.isUnnamed(judgement))
                        result.sourceRange = spanStart..<spanEnd
                        sourceJudgement = judgement
                    }
                } else if subjectless {
                    // It names nobody: an unnamed source's unless the sentence names a speaker,
                    // which is known once the models have read it (`tag`).
                    result.subjectlessCues.append(.init(start: Int(tokens[match.start].start), unnamed: rule.unnamed ?? .unnamedSource))
                } else {
                    unresolved.append((result.cues.count, rule.unnamed ?? .unnamedSource))
                }
            }
            let start = Int(tokens[match.start].start)
            let end = Int(tokens[match.end - 1].end)
            result.cues.append(
                Cue(text: Self.string(bytes, start, end), category: category, start: start, end: end, weight: rule.weight,
                    speaker: speaker))
        }
        if let source = result.source {
            // "Officials said ..., adding that": the participle shares the sentence's speaker.
            if !source.named {
                for (cue, unnamed) in unresolved where result.cues[cue].category == .namedSource {
                    result.cues[cue].category = unnamed
                }
            }
            if sourceJudgement == .pronoun {
                result.speakerNeedsContext = true
                result.contextCues.append(contentsOf: unresolved.map(\.cue))
            }
        } else if !unresolved.isEmpty {
            result.speakerNeedsContext = true
            result.contextCues.append(contentsOf: unresolved.map(\.cue))
        }
        result.contextCues.sort()
    }

    /// A question or exclamation ends with its mark outside any quotation ("“Why?” he asked" is a
    /// statement); an instruction opens with an imperative verb, or has one right after a fronted
    /// phrase ("To the pears, add ...").
    private func kind(_ tokens: UnsafeBufferPointer<Token>, _ bytes: UnsafeBufferPointer<UInt8>, firstWord: Int) -> ClaimKind? {
        var last = tokens.count - 1
        while last >= 0, [.quoteClose, .quoteStraight, .parenClose].contains(tokens[last].kind) { last -= 1 }
        if last >= 0, tokens[last].kind == .end, !tokens[last].inQuote {
            switch bytes[Int(tokens[last].start)] {
            case 0x3F: return .question
            case 0x21: return .exclamation
            default: break
            }
        }
        return imperativeVerb(tokens, firstWord: firstWord) == nil ? nil : .instruction
    }

    /// The imperative verb an instruction opens with, or has right after a fronted phrase ("To
    /// the pears, add ..."); nil when the sentence is no instruction.
    private func imperativeVerb(_ tokens: UnsafeBufferPointer<Token>, firstWord: Int) -> Int? {
        let first = tokens[firstWord]
        guard !first.inQuote else { return nil }
        var verb = firstWord
        if finder.wordClass(first).contains(.instructionLead) {
            var index = firstWord + 1
            while index < tokens.count, index < firstWord + 8, tokens[index].isWord { index += 1 }
            guard index + 1 < tokens.count, index > firstWord + 1, tokens[index].kind == .comma else { return nil }
            verb = index + 1
        }
        let token = tokens[verb]
        guard token.isWord, finder.wordClass(token).contains(.imperative),
            verb + 1 < tokens.count, tokens[verb + 1].isWord, !tokens[verb + 1].capitalized || verb == firstWord
        else { return nil }
        return verb
    }

    static func isUnnamed(_ judgement: SpeakerFinder.Judgement) -> Bool {
        if case .unnamed = judgement { return true }
        return false
    }

    /// The entry's filters: the words around the match, capitals, speech context, named agents.
    private func passes(
        _ rule: Rule, start: Int, end: Int, _ tokens: UnsafeBufferPointer<Token>, _ bytes: UnsafeBufferPointer<UInt8>,
        firstWord: Int, titleCase: Bool
    ) -> Bool {
        if rule.needsFollowingWord, !(end < tokens.count && tokens[end].isWord) { return false }
        // At the start, or after one opening "But", "And", "So".
        if rule.atStart, start != firstWord,
            !(start == firstWord + 1 && finder.wordClass(tokens[firstWord]).contains(.speakerStop))
        {
            return false
        }
        if end < tokens.count, tokens[end].isWord {
            if rule.notBeforeNumber, tokens[end].kind == .number { return false }
            if contains(rule.notBefore, tokens[end].id) { return false }
        }
        if start > 0, tokens[start - 1].isWord, contains(rule.notAfter, tokens[start - 1].id) { return false }
        if rule.skipCapitalized, tokens[start].capitalized, start != firstWord, !titleCase { return false }
        // "Trump's call", "the company's post": after a possessive (not "He's", "It's") a word not
        // in -ed is a noun, which reports something only when what is said follows ("Trump's
        // claim that ...").
        if rule.speechContext, start > 0, tokens[start - 1].isWord, SpeakerFinder.isPossessive(tokens[start - 1], bytes),
            Self.withoutContraction(Int(tokens[start - 1].start)..<Int(tokens[start - 1].end), bytes)
                == Int(tokens[start - 1].start)..<Int(tokens[start - 1].end),
            !Self.endsInEd(tokens[start], bytes),
            !(end < tokens.count
                && (tokens[end].kind == .colon || tokens[end].kind == .quoteOpen || tokens[end].kind == .quoteStraight
                    || (tokens[end].isWord && finder.wordClass(tokens[end]).contains(.speechContext))))
        {
            return false
        }
        if rule.speechContext, !hasSpeechContext(start: start, end: end, tokens, bytes) { return false }
        if rule.cancelByNamedAgent, hasNamedAgent(after: end, tokens) { return false }
        return true
    }

    @inline(__always)
    private func contains(_ range: Range<Int32>, _ id: Int32) -> Bool {
        guard id >= 0 else { return false }
        for index in Int(range.lowerBound)..<Int(range.upperBound) where filterWords[index] == id { return true }
        return false
    }

    /// Does the verb introduce speech? "added that", "added:", "added." / "…,” he added", or an
    /// inverted "…, added Smith", or a clause after the content that ends the sentence with a
    /// short adverbial ("…, the broadcaster reported on Wednesday.") — not "the army added 500
    /// troops", not "the company reported a loss on Wednesday".
    private func hasSpeechContext(start: Int, end: Int, _ tokens: UnsafeBufferPointer<Token>, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if end >= tokens.count { return true }
        var index = end
        var words = 0
        while index < tokens.count, words <= 6 {
            let token = tokens[index]
            if token.isWord {
                if finder.wordClass(token).contains(.speechContext) { return true }
                words += 1
            } else {
                switch token.kind {
                case .colon, .quoteOpen, .quoteStraight: return true
                case .end:
                    // "…,” warns Smith.": inverted after a quotation.
                    return words == 0 || index == end
                        || (words <= 5 && closesContent(verb: start, end: end, tokens, bytes))
                        || (start > 0 && (tokens[start - 1].kind == .quoteClose || tokens[start - 1].kind == .quoteStraight))
                case .comma, .quoteClose, .dash: return words == 0 || index == end
                default: return false
                }
            }
            index += 1
        }
        if start > 0 {
            let previous = tokens[start - 1].kind
            if previous == .comma || previous == .quoteClose || previous == .quoteStraight { return true }
        }
        return false
    }

    /// Does the verb at `verb` close the sentence after what was said: its subject a few words
    /// with no clause word ("and", "that", "who"), right after a closing quotation mark ("…,” the
    /// patient wrote in the study) or, for a past tense in -ed, after a comma ("The talks failed,
    /// the broadcaster reported on Wednesday"), with an adverbial after it that
    /// `closing_adverbials` opens? Not "reported to him", not "a finding she reported in 2009".
    private func closesContent(verb: Int, end: Int, _ tokens: UnsafeBufferPointer<Token>, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard tokens[end].isWord, finder.wordClass(tokens[end]).contains(.closingAdverbial) else { return false }
        let pastTense = Self.endsInEd(tokens[verb], bytes)
        var index = verb - 1
        var words = 0
        while index >= 0, words < 6 {
            let token = tokens[index]
            switch token.kind {
            case .comma: return words > 0 && pastTense && opensWithStatement(tokens, before: index)
            case .quoteClose, .quoteStraight: return words > 0
            default:
                if token.isWord {
                    if finder.wordClass(token).contains(.speakerStop) { return false }
                    words += 1
                } else if !finder.isTitlePeriod(index, in: tokens) {
                    return false
                }
            }
            index -= 1
        }
        return false
    }

    /// Does the sentence open, before token `comma`, with a clause rather than an opening phrase
    /// ("After the crash,", "When the alarm sounded,", "In March,", "Quickly,")? Only then is what
    /// comes before the comma something said.
    private func opensWithStatement(_ tokens: UnsafeBufferPointer<Token>, before comma: Int) -> Bool {
        guard let first = tokens[..<comma].firstIndex(where: { $0.isWord }) else { return false }
        let opener: WordClass = [.speakerStop, .speakerBreak, .clauseOpener, .instructionLead]
        return finder.wordClass(tokens[first]).isDisjoint(with: opener) && comma - first >= 3
    }

    /// A word of five letters or more ending in "-ing" ("saying", "adding"): a participle.
    static func endsInIng(_ token: Token, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        token.kind == .word && SpeakerFinder.hasSuffix(token, bytes, "ing", minimum: 5)
    }

    /// A word of four letters or more ending in "-ed" ("reported", "added"): a past tense or participle.
    static func endsInEd(_ token: Token, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        SpeakerFinder.hasSuffix(token, bytes, "ed", minimum: 4)
    }

    /// A headline In Title Case: most words of four letters or more are capitalised, so capitals
    /// say nothing about names.
    static func isTitleCase(_ tokens: UnsafeBufferPointer<Token>, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var long = 0
        var capitalized = 0
        for token in tokens where token.kind == .word && token.end - token.start >= 4 {
            long += 1
            if token.capitalized { capitalized += 1 }
        }
        return long >= 3 && capitalized * 4 >= long * 3
    }

    /// "by" followed by a capitalised name within a few words ("by the United States").
    /// Is `span` inside a lexicon phrase that a named agent cancels here ("is considered a
    /// terrorist group by the United States")? The lexicon has said the words are no cue, so a
    /// model may not make them one: the editor's lever holds for what the model finds too.
    func isCancelledByNamedAgent(_ span: Range<Int>, _ tokens: UnsafeBufferPointer<Token>) -> Bool {
        var candidates: [CueMatcher.Candidate] = []
        for start in max(0, span.lowerBound - 4)...span.lowerBound {
            candidates.removeAll(keepingCapacity: true)
            matcher.candidates(in: tokens, from: start, into: &candidates)
            for candidate in candidates where candidate.end >= span.upperBound && rules[Int(candidate.entry)].cancelByNamedAgent {
                if hasNamedAgent(after: candidate.end, tokens) { return true }
            }
        }
        return false
    }

    private func hasNamedAgent(after end: Int, _ tokens: UnsafeBufferPointer<Token>) -> Bool {
        var index = end
        while index < tokens.count, index < end + 10 {
            let token = tokens[index]
            if token.kind == .end { return false }
            if token.isWord, finder.wordClass(token).contains(.agentMarker) {
                var next = index + 1
                while next < tokens.count, tokens[next].isWord,
                    finder.wordClass(tokens[next]).contains(.definite) || finder.wordClass(tokens[next]).contains(.determiner)
                {
                    next += 1
                }
                return next < tokens.count && tokens[next].isWord && tokens[next].capitalized
            }
            index += 1
        }
        return false
    }

    /// An inverted speaker ("…,” said Ahmed Rahal) is looked for after the verb only when the
    /// verb opens its clause; a participle ("…, saying he") never looks forward.
    private func mayLookForward(
        _ match: Match, _ tokens: UnsafeBufferPointer<Token>, _ bytes: UnsafeBufferPointer<UInt8>, firstWord: Int
    ) -> Bool {
        let verb = tokens[match.start]
        let end = Int(verb.end)
        if end - Int(verb.start) > 4, bytes[end - 3] | 0x20 == 0x69, bytes[end - 2] | 0x20 == 0x6E,
            bytes[end - 1] | 0x20 == 0x67
        {
            return false
        }
        // "said Ahmed Rahal", "said the ministry" — not "said 2 million people needed aid".
        guard match.end < tokens.count, tokens[match.end].isWord,
            tokens[match.end].capitalized || finder.wordClass(tokens[match.end]).contains(.definite)
                || finder.wordClass(tokens[match.end]).contains(.determiner)
        else { return false }
        if match.start == firstWord { return true }
        let previous = tokens[match.start - 1].kind
        return previous == .comma || previous == .quoteClose || previous == .quoteStraight || previous == .dash
            || previous == .colon
    }

    /// For a cue that names its own speaker, the speaker part of it: "a security source" of
    /// "a security source told", "Russian media" of "according to Russian media", "sources" of
    /// "sources familiar with", "analysts" of "analysts believe". When the phrase holds a speaker
    /// noun (the word lists `generic_speakers`, `hearsay_speakers`, `social_speakers`), the
    /// speaker ends with the last one, whatever verb follows it; otherwise trailing speech verbs,
    /// breaks and auxiliaries are dropped.
    private func selfSpan(_ match: Match, _ tokens: UnsafeBufferPointer<Token>) -> Range<Int> {
        var start = match.start
        while start < match.end, finder.wordClass(tokens[start]).contains(.speakerLead) { start += 1 }
        let speakerNoun: WordClass = [.hearsaySpeaker, .socialSpeaker, .genericSpeaker]
        // Not before a name: "official Timothy Morrison" of "official Timothy Morrison told".
        if let last = (start..<match.end).last(where: { tokens[$0].isWord && !finder.wordClass(tokens[$0]).isDisjoint(with: speakerNoun) }),
            !(last + 1..<match.end).contains(where: { tokens[$0].isWord && tokens[$0].capitalized })
        {
            return start..<(last + 1)
        }
        var end = match.end
        while end > start + 1 {
            let wordClass = finder.wordClass(tokens[end - 1])
            guard wordClass.contains(.speechVerb) || wordClass.contains(.speakerBreak)
                || wordClass.contains(.auxiliary) || !tokens[end - 1].isWord
            else { break }
            end -= 1
        }
        return end > start ? start..<end : match.start..<match.end
    }

    /// A speaker's mention within PolNeAR's bounds, which are also an editor's: without a
    /// contraction ("He" of "He’s", "She" of "She’ll") and with the comma that closes an
    /// apposition ("Douglas Brinkley, a historian who attended the session,": in PolNeAR's train
    /// split 910 of the 1,014 source spans holding ", " and followed by a comma take it).
    /// Nil when `mention` is within them already.
    static func bounded(_ mention: SourceMention, _ bytes: UnsafeBufferPointer<UInt8>) -> SourceMention? {
        var range = withoutBrokenBracket(withoutContraction(mention.start..<mention.end, bytes), bytes)
        if range.upperBound < bytes.count, bytes[range.upperBound] == 0x2C, bytes[range.upperBound - 1] != 0x2C,
            range.dropLast().contains(where: { bytes[$0] == 0x2C && bytes[$0 + 1] == 0x20 })
        {
            range = range.lowerBound..<(range.upperBound + 1)
        }
        guard range != mention.start..<mention.end else { return nil }
        return Self.mention(range, bytes)
    }

    /// `range` without a parenthesis it opens and does not close: closed when the `)` comes right
    /// after it ("Alliance to Reclaim Our Schools (AROS" → "… (AROS)"), otherwise cut before the
    /// `(` ("Mr. Burman (" of "said Mr. Burman (a view echoed by ...)" → "Mr. Burman"). A speaker
    /// never ends inside brackets: of PolNeAR train's 17,857 source spans, 171 hold a `(` and 3
    /// leave one open. The range is kept when nothing would be left before the `(`.
    static func withoutBrokenBracket(_ range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        // The depth of brackets open, and the `(` that opened the outermost one still open.
        var depth = 0
        var outermost = range.lowerBound
        for index in range {
            if bytes[index] == 0x28 {
                if depth == 0 { outermost = index }
                depth += 1
            } else if bytes[index] == 0x29, depth > 0 {
                depth -= 1
            }
        }
        guard depth > 0 else { return range }
        if depth == 1, range.upperBound < bytes.count, bytes[range.upperBound] == 0x29 {
            return range.lowerBound..<(range.upperBound + 1)
        }
        var end = outermost
        while end > range.lowerBound, bytes[end - 1] == 0x20 { end -= 1 }
        return end > range.lowerBound ? range.lowerBound..<end : range
    }

    /// The mention of the bytes `range` of the sentence.
    static func mention(_ range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) -> SourceMention {
        SourceMention(text: string(bytes, range.lowerBound, range.upperBound), start: range.lowerBound, end: range.upperBound)
    }

    /// The pronoun before a contraction that ends `range` ("He" of "He’s", "We" of "We’ll"): after
    /// a pronoun only, so "Trump’s" stays a possessive and a name such as "Sa’d" stays whole.
    static func withoutContraction(_ range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        // At most three letters back: a longer last word ends in no contraction.
        var letters = range.upperBound
        while letters > range.lowerBound, range.upperBound - letters < 3, bytes[letters - 1] | 0x20 >= 0x61,
            bytes[letters - 1] | 0x20 <= 0x7A
        {
            letters -= 1
        }
        let suffix = range.upperBound - letters
        guard suffix == 1 || suffix == 2 else { return range }
        var apostrophe = letters
        if apostrophe - range.lowerBound >= 2, bytes[apostrophe - 1] == 0x27 {
            apostrophe -= 1
        } else if apostrophe - range.lowerBound >= 4, bytes[apostrophe - 3] == 0xE2, bytes[apostrophe - 2] == 0x80, bytes[apostrophe - 1] == 0x99 {
            apostrophe -= 3
        } else {
            return range
        }
        func lower(_ index: Int) -> UInt8 { bytes[index] | 0x20 }
        let contraction: Bool
        if suffix == 2 {
            contraction = (lower(letters) == 0x6C && lower(letters + 1) == 0x6C)  // ll
                || (lower(letters) == 0x72 && lower(letters + 1) == 0x65)  // re
                || (lower(letters) == 0x76 && lower(letters + 1) == 0x65)  // ve
        } else {
            contraction = lower(letters) == 0x64 || lower(letters) == 0x6D || lower(letters) == 0x73  // d, m, s
        }
        guard contraction else { return range }
        var word = apostrophe
        while word > range.lowerBound, bytes[word - 1] | 0x20 >= 0x61, bytes[word - 1] | 0x20 <= 0x7A { word -= 1 }
        let pronoun = Self.contractingPronouns.contains { pronoun in
            pronoun.count == apostrophe - word && pronoun.indices.allSatisfy { pronoun[$0] == lower(word + $0) }
        }
        return pronoun ? range.lowerBound..<apostrophe : range
    }

    /// Words whose "’s", "’d", "’ll" … is a verb, never a possessive nor part of a name.
    private static let contractingPronouns: [[UInt8]] =
        ["i", "you", "we", "they", "he", "she", "it", "who", "that", "there", "what", "where", "here"].map { Array($0.utf8) }

    static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// A phrase's positions: words separated by spaces, where "(a b|c)" is one position whose
    /// alternatives may have several words.
    static func parts(of phrase: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in phrase {
            if character == "(" { depth += 1 }
            if character == ")" { depth = max(0, depth - 1) }
            if (character == " " || character == "\t") && depth == 0 {
                if !current.isEmpty { parts.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }

    /// `{lemma}` to its forms; anything else as written.
    static func expand(_ item: String, _ inflector: Inflector) -> [String] {
        let lowered = item.lowercased()
        if lowered.hasPrefix("{"), lowered.hasSuffix("}"), lowered.count > 2 {
            return inflector.forms(of: String(lowered.dropFirst().dropLast()))
        }
        return [lowered]
    }

    /// The vocabulary ids of a literal's words, tokenized exactly like sentences are.
    static func words(of literal: String, into vocabulary: inout Vocabulary) -> [Int32] {
        var text = literal.lowercased()
        var ids: [Int32] = []
        text.withUTF8 { bytes in
            var tokens: [Token] = []
            ByteTokenizer.tokenize(bytes, vocabulary: vocabulary, tokens: &tokens)
            for token in tokens where token.isWord {
                var word = Array(bytes[Int(token.start)..<Int(token.end)])
                // Fold ’ to ' as the tokenizer does.
                var folded: [UInt8] = []
                var index = 0
                while index < word.count {
                    if index + 2 < word.count, word[index] == 0xE2, word[index + 1] == 0x80, word[index + 2] == 0x99 {
                        folded.append(0x27)
                        index += 3
                    } else {
                        folded.append(word[index])
                        index += 1
                    }
                }
                word = folded
                ids.append(vocabulary.intern(word))
            }
        }
        return ids
    }
}
