public import ClaimSieveCore

/// Where a sentence stands in its document, for the tagger's context features and quotations.
public struct SentenceContext: Sendable, Equatable {
    /// The first sentence of its paragraph (block).
    public var paragraphStart: Bool
    /// A quotation opened in an earlier sentence of the paragraph is still open.
    public var insideQuotation: Bool

    /// A sentence on its own: first of its paragraph, outside any quotation.
    public init(paragraphStart: Bool = true, insideQuotation: Bool = false) {
        self.paragraphStart = paragraphStart
        self.insideQuotation = insideQuotation
    }
}

/// Which cues the learned taggers add of their own (`model_cues:` in the pipeline file).
public enum ModelCues: String, Sendable, CaseIterable {
    /// None: the models only name the speaker of a sentence whose lexicon cue found none.
    case off
    /// Hedges, and attribution cues that introduce what is said: a clause ("argued that", "asked
    /// whether") or a quotation. A deed is not speech ("announced a ceasefire", "signed the bill",
    /// "voted"), so its sentence stays a fact, as the project's labelled set has it (361 of 361,
    /// the seed 39 of 39). Not the default yet: on real pages it is right on about 7 in 10 of the
    /// verdicts it changes (docs/learned-taggers.md, "Why `speech` is not the default"), and decoding both models
    /// costs the analyzer about twice its time.
    case speech
    /// Every cue the models find, PolNeAR's convention: deeds and positions ("announced a
    /// ceasefire", "voted", "called for") are attributions too.
    case all

    /// What `tag` does when the pipeline file says nothing: speakers only, at the speed of the
    /// lexicon (see `speech`).
    public static let `default` = ModelCues.off
}

/// The learned taggers `tag` applies after the lexicon.
///
/// `attribution` labels attribution cue spans and source spans (trained on PolNeAR); `hedge`
/// labels hedge cue spans (trained on the Szeged uncertainty corpus and the SFU reviews). Either
/// may be absent; with both absent the tagger is the lexicon alone.
public struct TaggerModels: Sendable {
    /// Attribution cue and source spans.
    public var attribution: SequenceModel?
    /// Hedge (speculation) cue spans.
    public var hedge: SequenceModel?
    /// Which cues the models add of their own (`"by": "model"`); see `ModelCues`.
    public var cues: ModelCues
    /// Whether the models add cues of their own at all. Off, they only name the speaker of a
    /// sentence whose lexicon cue found none ("Police union chairman Tomas Brenner welcomed the
    /// plan but said ...").
    public var addsCues: Bool { cues != .off }
    /// The corpus whose own conventions the hedge model adds to the ones the corpora share
    /// ("wiki", "bio", "sfu_reviews": the training files' names; see `ModelTrainer.Options.domainHeads`);
    /// nil for the shared weights alone. By default Wikipedia's (`defaultHedgeDomain`).
    public var hedgeDomain: String? = TaggerModels.defaultHedgeDomain

    /// The hedge conventions `tag` uses: the Szeged Wikipedia corpus's, the encyclopedic prose
    /// nearest to news of the three corpora. The reviews' conventions make "or" and "can" hedges
    /// ("you can fold the seats", "red or blue"), the biomedical ones mark hypotheses of method;
    /// the shared weights alone lose recall on all three (see README, "Learned taggers").
    public static let defaultHedgeDomain: String? = "wiki"

    /// No models: the lexicon alone.
    public init(attribution: SequenceModel? = nil, hedge: SequenceModel? = nil, cues: ModelCues = .all) {
        self.attribution = attribution
        self.hedge = hedge
        self.cues = cues
    }

    /// True when no model is loaded.
    public var isEmpty: Bool { attribution == nil && hedge == nil }

    /// The shipped model files, relative to the data folder (`pipelines/`).
    public static let builtInFiles = ["models/attribution.model", "models/hedge.model"]

    /// Loads model files; each file's header says which tagger it is (`attribution` or `hedge`).
    public static func load(paths: [String], cues: ModelCues = .all) throws -> TaggerModels {
        var models = TaggerModels(cues: cues)
        for path in paths {
            let model = try SequenceModel.load(path: path)
            switch model.name {
            case "attribution":
                guard model.roles == ["cue", "source"] else {
                    throw ModelFileError(file: path, message: "an attribution model must label cue and source")
                }
                models.attribution = model
            case "hedge":
                guard model.roles == ["hedge"] else {
                    throw ModelFileError(file: path, message: "a hedge model must label hedge")
                }
                models.hedge = model
            default:
                throw ModelFileError(file: path, message: "unknown model '\(model.name)' (known: attribution, hedge)")
            }
        }
        return models
    }

    /// The shipped models, or none when they are not found beside the program (a build without
    /// `pipelines/models/` tags with the lexicon alone).
    public static func builtIn(cues: ModelCues = .default) throws -> TaggerModels {
        var models = try loadedBuiltIn.get()
        models.cues = cues
        return models
    }

    /// Read once per process: every `tag` stage and analyzer shares the same immutable tables.
    private static let loadedBuiltIn = Result { try load(paths: builtInFiles.compactMap(DataFiles.locate)) }
}

extension CueTagger {
    /// Category codes the lexicon contributes to the features.
    static let neutralCode: UInt8 = 30

    /// The token index of a hedge of one function word ("could", "may": `speaker_stops`), which
    /// has no holder of its own; nil for any other cue.
    func functionWordHedge(_ cue: Cue, _ tokens: UnsafeBufferPointer<Token>) -> Int? {
        guard !Self.hasSpeaker(cue.category), cue.category != .confirmation,
            let index = tokens.firstIndex(where: { Int($0.start) == cue.start }), Int(tokens[index].end) == cue.end,
            finder.wordClass(tokens[index]).contains(.speakerStop)
        else { return nil }
        return index
    }

    /// Per token: the lexicon's word-list bits and the lexicon phrase covering it.
    func lexical(_ tokens: UnsafeBufferPointer<Token>, _ matches: [Match]) -> [ModelFeatures.Lexical] {
        var lexical = [ModelFeatures.Lexical](repeating: ModelFeatures.Lexical(wordClass: 0, cue: 0), count: tokens.count)
        for index in 0..<tokens.count {
            lexical[index].wordClass = finder.wordClass(tokens[index]).rawValue & ModelFeatures.wordClassBits
        }
        for match in matches {
            let code: UInt8
            if let category = rules[match.rule].category {
                code = UInt8(CueCategory.allCases.firstIndex(of: category) ?? 0) + 1
            } else {
                code = Self.neutralCode
            }
            for index in match.start..<match.end { lexical[index].cue = index == match.start ? code | 64 : code }
        }
        return lexical
    }

    /// Tokens and model features of one sentence, as training and tagging compute them.
    func features(
        bytes: UnsafeBufferPointer<UInt8>, context: SentenceContext, seed: UInt64, tokens: inout [Token],
        features: inout [UInt64], featureSet: UInt32 = 3, clusters: WordClusters? = nil
    ) -> Bool {
        let endsInQuote = ByteTokenizer.tokenize(
            bytes, vocabulary: vocabulary, tokens: &tokens, carriedQuote: context.insideQuotation)
        tokens.withUnsafeBufferPointer { tokens in
            let firstWord = tokens.firstIndex { $0.isWord } ?? 0
            let matches = lexiconMatches(tokens, bytes, firstWord: firstWord, titleCase: Self.isTitleCase(tokens, bytes))
            ModelFeatures.extract(
                tokens: tokens, bytes: bytes, lexical: lexical(tokens, matches),
                sentence: ModelFeatures.Sentence(paragraphStart: context.paragraphStart, carriedQuote: context.insideQuotation),
                seed: seed, into: &features, set: featureSet, clusters: clusters)
        }
        return endsInQuote
    }

    /// The lexicon's cues first; then the models' cues where no lexicon phrase (a cue or a
    /// neutral exclusion) covers any of their words; a model source names the speaker the lexicon
    /// could not find.
    func applyModels(
        to result: inout TaggedSentence, matches: [Match], skipping imperative: Int? = nil, _ bytes: UnsafeBufferPointer<UInt8>,
        _ tokens: UnsafeBufferPointer<Token>, _ context: SentenceContext, firstWord: Int, titleCase: Bool
    ) {
        applyLexicon(matches, skipping: imperative, to: &result, bytes, tokens, firstWord: firstWord, titleCase: titleCase)
        // Whether the attribution model may add cues of its own here: with `speech` only where one
        // could introduce speech (a clause opener, a quotation or a colon in the sentence).
        let modelSpeech = models.cues == .all || (models.cues == .speech && mayIntroduceSpeech(tokens))
        // Otherwise the attribution model only names speakers. Without model cues it runs only
        // where that can change the answer: a lexicon cue whose speaker is missing or was looked
        // for after the verb. With `speech` it checks every lexicon cue's speaker against the
        // sources it marks (a lexicon speaker the model does not mark, "twice" of "Big Machine
        // have twice denied", gives way to a named one it does), so it runs wherever there is a
        // lexicon cue. (Gating it as without model cues, decoded up to the first cue, was tried:
        // 12% fewer instructions on the benchmark, but 15 of 7,222 c181 speakers changed, most
        // for the worse.)
        // (Reading every sentence whose speaker the lexicon found before its verb, for the
        // speaker's mention alone, was tried: PolNeAR's default-mode source spans +0.034 on dev,
        // +0.018 held-out, but 34% more instructions in `claimsieve-bench tag --analyzer`, below
        // its 30 MB/s.)
        var speakerInDoubt = false
        if !modelSpeech {
            if !models.addsCues {
                guard !result.cues.isEmpty else { return }
                if result.source != nil {
                    speakerInDoubt = (result.sourceRange?.lowerBound ?? 0) >= result.cues[0].start
                } else {
                    speakerInDoubt = true
                }
                guard speakerInDoubt else { return }
            } else {
                speakerInDoubt = !result.cues.isEmpty
            }
        }
        // The hedge domain whose copies the hedge model adds (as in training).
        let hedgeDomain = models.hedgeDomain.flatMap { models.hedge?.domains.contains($0) == true ? $0 : nil }
        // The gate: a sentence holding none of the words the model's training cues needed is not
        // decoded (its cues would be in none of them).
        let runsHedge = models.addsCues
            && models.hedge?.mayFindCue(tokens.lazy.map(\.hash), domain: hedgeDomain) == true
        let runsAttribution = models.attribution != nil && (modelSpeech || speakerInDoubt)
        guard runsHedge || runsAttribution else { return }
        // The words a lexicon phrase covers (not those the corpus's conventions leave to the
        // models): only model cues of their own look at them.
        var covered = [Bool](repeating: false, count: models.addsCues ? tokens.count : 0)
        for match in matches where models.addsCues && !rules[match.rule].leftToModels {
            for index in match.start..<match.end { covered[index] = true }
        }
        let lexical = lexical(tokens, matches)
        let sentence = ModelFeatures.Sentence(paragraphStart: context.paragraphStart, carriedQuote: context.insideQuotation)
        var seedOfFeatures: UInt64?
        // One extraction serves both models: set 4 is set 3 with more templates after each
        // token's first 23, so the hedge model (set 3) reads a prefix of every block.
        // (Without the attribution model, the hedge model's set alone: a prefix of each block.)
        let extractionSet = runsAttribution
            ? max(models.attribution?.featureSet ?? 3, models.hedge?.featureSet ?? 3) : models.hedge?.featureSet ?? 3
        let stride = ModelFeatures.perToken(extractionSet)
        var tags: [Int] = []
        // Naming speakers alone, only the words up to the first cue matter: the attribution
        // decode stops there (features still see the words after it); the hedge model reads all.
        // (Reading on to a speaker the lexicon found after its verb and 14 tokens past it, for its
        // mention, "..., said Alan Cole, an economist at ...", was tried: PolNeAR's default-mode
        // source spans +0.016 on dev, +0.023 held-out, but 6.5% more instructions took
        // `claimsieve-bench tag --analyzer` under its 30 MB/s.)
        var attributionLimit = tokens.count
        if !models.addsCues, let first = result.cues.first {
            attributionLimit = min(tokens.count, (0..<tokens.count).first { Int(tokens[$0].start) >= first.end } ?? tokens.count)
        }
        let limit = runsHedge ? tokens.count : attributionLimit
        // The sentence's features, computed once for both models, in one allocation.
        let featureMemory = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, limit * stride))
        defer { featureMemory.deallocate() }
        var features = FeatureBuffer(base: featureMemory, capacity: limit * stride)
        func decode(_ model: SequenceModel) -> [(role: Int, range: Range<Int>)] {
            if seedOfFeatures != model.seed {
                features.removeAll()
                ModelFeatures.extract(
                    tokens: tokens, bytes: bytes, lexical: lexical, sentence: sentence, seed: model.seed, into: &features,
                    limit: limit, set: extractionSet, clusters: runsAttribution ? models.attribution?.clusters : nil)
                seedOfFeatures = model.seed
            }
            // A corpus's own copy of every feature follows the shared ones, as in training.
            let domain = model.name == "hedge" ? hedgeDomain : nil
            model.decode(
                features: features.features, perToken: model.perToken, stride: stride,
                tokens: model.name == "hedge" ? limit : attributionLimit,
                addsCues: models.addsCues, allCues: models.cues == .all, domain: domain, into: &tags)
            return SequenceModel.spans(tags)
        }
        func free(_ range: Range<Int>) -> Bool {
            !range.contains { covered[$0] || tokens[$0].inQuote } && !isCancelledByNamedAgent(range, tokens)
        }
        var added: [Cue] = []
        var contextAdded: [Int] = []
        if let model = models.hedge, runsHedge {
            // The first speech verb or attribution cue: a `reported_future` word after it is the
            // tense of reported speech ("said profits would rise"), not a hedge.
            let firstAnchor = lexical.indices.first { ModelFeatures.isAnchor(lexical[$0]) } ?? tokens.count
            for span in decode(model) where free(span.range) {
                // Before its own speech verb it is the refusal or promise being reported ("would
                // not say", "would not comment"): the verb, not the "would", carries the claim.
                let at = span.range.lowerBound
                // (The verb next, or after one word of the `auxiliaries` list: "would not say".)
                let auxiliary = WordClass.auxiliary.rawValue
                let ownVerb = at + 1 < tokens.count
                    && (ModelFeatures.isAnchor(lexical[at + 1])
                        || (lexical[at + 1].wordClass & auxiliary != 0 && at + 2 < tokens.count
                            && ModelFeatures.isAnchor(lexical[at + 2])))
                let reportedFuture = span.range.count == 1 && (at > firstAnchor || ownVerb)
                    && lexical[at].wordClass & WordClass.reportedFuture.rawValue != 0
                if reportedFuture { continue }
                added.append(cue(span.range, .speculation, bytes, tokens, weight: 0.6))
            }
        }
        let hedges = added.count
        // The attribution model's spans, for the speaker's mention below (none when it did not run).
        var attributionSpans: [(role: Int, range: Range<Int>)] = []
        // Its source spans outside quotations (the speakers of this sentence's cues).
        var sources: [Range<Int>] = []
        if let model = models.attribution, runsAttribution {
            var spans = decode(model)
            // Where the decode stopped at the first cue, a source span running up to that stop may
            // be cut short ("Sources familiar with" of "... with the matter said"): not a mention.
            if attributionLimit < tokens.count {
                spans.removeAll { $0.role == 1 && $0.range.upperBound >= attributionLimit }
            }
            attributionSpans = spans
            sources = spans.filter { $0.role == 1 && !$0.range.contains { tokens[$0].inQuote } }.map(\.range)
            if models.cues == .all { widenLexiconCues(&result, to: spans, covered: covered, bytes, tokens) }
            for span in spans where models.addsCues && span.role == 0 && free(span.range)
                && (models.cues == .all ? !isColonIntroducingNothing(span.range, tokens) : introducesSpeech(span.range, tokens))
            {
                // The nearest source span speaks for this cue.
                let source = sources.min { distance($0, span.range) < distance($1, span.range) }
                // "I later found that", "you know that": outside a quotation a first- or
                // second-person speaker is the writer's (or the reader's) own voice, no one else's
                // words. PolNeAR's news has few (275 of 17,848 train sources, by its text "I",
                // "we", "you", "me", "us"; most of them in quotations that run over sentences),
                // real pages many (a tenth of the verdicts `speech` changed on c181).
                if models.cues == .speech {
                    if let source, Self.isFirstOrSecondPerson(source, tokens, bytes) { continue }
                    if source == nil, Self.writerBefore(span.range, tokens, bytes) { continue }
                    // A cue on the sentence's first word has nobody before it to speak: an
                    // imperative or a noun ("Think about it:", "Read about that topic ...",
                    // "Challenges that need ...", "LOOK WHAT YOU MADE ME DO").
                    if span.range.lowerBound <= firstWord { continue }
                    // Knowing and finding out ("also knows that", "realized that") presuppose what
                    // follows: the writer's own statement, not someone's word.
                    if span.range.contains(where: { finder.wordClass(tokens[$0]).contains(.factive) }) { continue }
                    // "It shows that", "which aims to": a thing or a clause is nobody's word.
                    if let source, source.count == 1, finder.wordClass(tokens[source.lowerBound]).contains(.impersonal) { continue }
                    if isPassive(span.range, tokens, bytes) { continue }
                    // Nobody in the sentence speaks (no source the model marks, none the lexicon
                    // found): a deed or the writer's narrative ("nothing indicated that", "decided to
                    // fix a few things that"), not a speaker of the sentences before, unless the
                    // cue closes a quotation (“…,” continued Ms. Ortiz's aide).
                    if source == nil, result.source == nil, !Self.followsQuotation(span.range, tokens) { continue }
                }
                var category = CueCategory.namedSource
                if let source {
                    let judgement = finder.judge(source, in: tokens, bytes: bytes, firstWord: firstWord, titleCase: titleCase)
                    switch judgement {
                    case .named: break
                    case .unnamed(let implied): category = implied ?? .unnamedSource
                    case .pronoun: contextAdded.append(added.count)
                    }
                    if result.source == nil {
                        result.source = Source(
                            text: Self.string(bytes, Int(tokens[source.lowerBound].start), Int(tokens[source.upperBound - 1].end)),
                            named: !Self.isUnnamed(judgement))
                        result.sourceRange = Int(tokens[source.lowerBound].start)..<Int(tokens[source.upperBound - 1].end)
                        if judgement == .pronoun { result.speakerNeedsContext = true }
                    }
                } else if let known = result.source {
                    if !known.named { category = .unnamedSource }
                } else {
                    result.speakerNeedsContext = true
                    contextAdded.append(added.count)
                }
                var found = cue(span.range, category, bytes, tokens, weight: 0.6)
                if let source { found.speaker = mention(source, bytes, tokens) }
                added.append(found)
            }
            // The lexicon's cue found no speaker: a speaker the model finds in the sentence, when it
            // is named (or names someone in apposition), is the sentence's own and is not taken
            // from the sentences before.
            // The lexicon found no speaker, or looked after its verb ("said the charges were
            // baseless"), or found part of the phrase the model marks ("spokesperson" of "The
            // ministry's spokesperson, Ilona Fekete,"): a named speaker the model finds before the
            // first cue is the sentence's own, and is not taken from the sentences before.
            // The subject of a modal is nobody's speaker: "Prosecutors could still go after ..."
            // is the writer's guess ("Republicans have expressed concern that ... could" is theirs).
            let modalSubjectEnd = result.cues.first.flatMap { functionWordHedge($0, tokens) }
            if !result.cues.isEmpty {
                let firstCue = result.cues[0].start
                let lexiconSpan = result.sourceRange
                var replaced = false
                for candidate in sources where Int(tokens[candidate.upperBound - 1].end) <= firstCue && candidate.upperBound != modalSubjectEnd {
                    let bytesRange = Int(tokens[candidate.lowerBound].start)..<Int(tokens[candidate.upperBound - 1].end)
                    let replaces: Bool
                    if result.source == nil {
                        replaces = true
                    } else if let lexiconSpan {
                        replaces = lexiconSpan.lowerBound >= firstCue
                            || (bytesRange.lowerBound <= lexiconSpan.lowerBound && bytesRange.upperBound >= lexiconSpan.upperBound
                                && bytesRange != lexiconSpan)
                            || !isModelSource(lexiconSpan, sources, tokens)
                    } else {
                        replaces = false
                    }
                    guard replaces,
                        let name = namedSpeaker(
                            in: withNameBefore(candidate, tokens, firstWord: firstWord), tokens, bytes, firstWord: firstWord,
                            titleCase: titleCase)
                    else { continue }
                    // The lexicon judged its cues by the speaker it found; a generic one ("forcefully",
                    // "one" read as "one official") gives way to a name, so its cues are a named source's.
                    if result.source?.named == false, let lexiconSpan, lexiconSpan.upperBound <= firstCue,
                        !isModelSource(lexiconSpan, sources, tokens)
                    {
                        for index in result.cues.indices where result.cues[index].by != .model && result.cues[index].category == .unnamedSource {
                            result.cues[index].category = .namedSource
                        }
                    }
                    result.source = Source(
                        text: Self.string(bytes, Int(tokens[name.lowerBound].start), Int(tokens[name.upperBound - 1].end)),
                        named: true)
                    result.sourceRange = Int(tokens[name.lowerBound].start)..<Int(tokens[name.upperBound - 1].end)
                    result.speakerNeedsContext = false
                    result.contextCues.removeAll()
                    replaced = true
                    break
                }
                if !replaced {
                    let decodedEnd = attributionLimit > 0 ? Int(tokens[attributionLimit - 1].end) : 0
                    modelSpeakerBeforeCue(&result, sources: sources, decodedEnd: decodedEnd, bytes, tokens, firstWord: firstWord, titleCase: titleCase)
                }
            }
            if result.source == nil {
                relativeSpeakersAntecedent(&result, sources: sources, bytes, tokens, firstWord: firstWord, titleCase: titleCase)
            }
        }
        // The speaker's whole mention: the model's source span around the speaker's name ("Ryan
        // Ellis, a Republican tax consultant" for "Ryan Ellis"), what PolNeAR marks as the source
        // and what tells an editor who speaks. Where the model marks none, the name alone.
        if let range = result.sourceRange, result.source != nil,
            let whole = wholeMention(of: range, in: attributionSpans, tokens), whole != range
        {
            result.source?.mention = Self.mention(whole, bytes)
        }
        // Each lexicon attribution cue's speaker: the model's mention around the one the lexicon
        // found where the model marks it; else (the lexicon found none, or a phrase the model does
        // not mark as anyone's: "said Tuesday", "show Scott calmly leaving") the model's source
        // nearest the cue; the claim's own speaker stays as the lexicon found it.
        if !attributionSpans.isEmpty {
            result.speakersChecked = true
            // Where the decode stopped at the first cue, the model has not read a later cue: it
            // keeps a speaker only as the claim's own, as where the model did not run.
            let unread = attributionLimit < tokens.count ? Int(tokens[attributionLimit].start) : Int.max
            for index in result.cues.indices where result.cues[index].start >= unread {
                if let speaker = result.cues[index].speaker, speaker.start..<speaker.end != result.sourceRange {
                    result.cues[index].speaker = nil
                }
            }
            for index in result.cues.indices where result.cues[index].category == .weasel && result.cues[index].start < unread {
                // "critics say", "some experts said": the crowd the phrase names, where the model marks it.
                guard let cueTokens = tokenRange(of: result.cues[index], tokens),
                    let crowd = sources.first(where: { distance($0, cueTokens) == 0 })
                else { continue }
                result.cues[index].speaker = mention(crowd, bytes, tokens)
            }
            for index in result.cues.indices where Self.hasSpeaker(result.cues[index].category) && result.cues[index].start < unread {
                if let speaker = result.cues[index].speaker,
                    let whole = wholeMention(of: speaker.start..<speaker.end, in: attributionSpans, tokens)
                {
                    if whole != speaker.start..<speaker.end {
                        result.cues[index].speaker = Self.mention(whole, bytes)
                    }
                    continue
                }
                if let speaker = result.cues[index].speaker, speaker.start..<speaker.end == result.sourceRange { continue }
                var nearestMention: SourceMention?
                if let cueTokens = tokenRange(of: result.cues[index], tokens),
                    let nearest = sources.min(by: { distance($0, cueTokens) < distance($1, cueTokens) })
                {
                    nearestMention = mention(nearest, bytes, tokens)
                }
                if result.cues[index].speaker != nearestMention { result.cues[index].speaker = nearestMention }
            }
        }
        // With `speech`, what a named speaker says ("Sanborn said he thought ...", "SNC would be
        // able to start ..., he said") is that speaker's, belief and tense included: a hedge model
        // cue inside it (the lexicon's stay) does not make the sentence unverified.
        // The speech verb is the lexicon's (the model's own verbs include findings that hedge:
        // "These results show that ... can"), its speaker someone: not the writer ("I think"),
        // not a thing ("Suffice it to say", "That said"), nor missing ("was based on reports that").
        if models.cues == .speech, hedges > 0, result.source != nil {
            let speech = result.cues.filter { $0.category == .namedSource && $0.by != .model }
            let writer = result.sourceRange.map { range in
                Self.isWritersVoice(bytes, range)
                    || tokens.contains { Int($0.start) == range.lowerBound && Int($0.end) == range.upperBound
                        && finder.wordClass($0).contains(.impersonal) }
            } ?? false
            var kept: [Cue] = []
            for hedge in added[..<hedges] {
                let reported = !writer && speech.contains { Self.reports($0, hedge, bytes) }
                if !reported { kept.append(hedge) }
            }
            let dropped = hedges - kept.count
            if dropped > 0 {
                added.replaceSubrange(..<hedges, with: kept)
                contextAdded = contextAdded.map { $0 - dropped }
            }
        }
        guard !added.isEmpty else { return }
        // Merge in text order, keeping which cues wait for the context's speaker.
        var all: [(cue: Cue, context: Bool)] = result.cues.enumerated().map { ($1, result.contextCues.contains($0)) }
        all += added.enumerated().map { ($1, contextAdded.contains($0)) }
        all.sort { $0.cue.start < $1.cue.start }
        result.cues = all.map(\.cue)
        result.contextCues = all.indices.filter { all[$0].context }
    }

    /// The spans one model labels in a sentence, as (role, UTF-8 byte range), before the lexicon
    /// is consulted: what `eval` scores as the learned tagger's own spans.
    public func modelSpans(
        _ text: String, model: SequenceModel, context: SentenceContext = SentenceContext()
    ) -> [(role: String, range: Range<Int>)] {
        var text = text
        return text.withUTF8 { bytes in
            var tokens: [Token] = []
            var features: [UInt64] = []
            _ = self.features(
                bytes: bytes, context: context, seed: model.seed, tokens: &tokens, features: &features,
                featureSet: model.featureSet, clusters: model.clusters)
            var tags: [Int] = []
            features.withUnsafeBufferPointer {
                model.decode(
                    features: $0, perToken: model.perToken, tokens: tokens.count, allCues: models.cues == .all,
                    into: &tags)
            }
            return SequenceModel.spans(tags).map { span in
                (model.roles[span.role], Int(tokens[span.range.lowerBound].start)..<Int(tokens[span.range.upperBound - 1].end))
            }
        }
    }

    /// Does the model mark any word of `span` (UTF-8 bytes) as a source? A speaker the lexicon
    /// found where the model sees none ("Deeply" of "Deeply divided ..., leaders found", "one" of
    /// "In one tweet, Trump said") gives way to a named speaker the model finds before the cue.
    func isModelSource(_ span: Range<Int>, _ sources: [Range<Int>], _ tokens: UnsafeBufferPointer<Token>) -> Bool {
        sources.contains { Int(tokens[$0.lowerBound].start) < span.upperBound && Int(tokens[$0.upperBound - 1].end) > span.lowerBound }
    }

    /// The named speaker in a model's source span: the span itself when named, the name in
    /// apposition ("Carlineo's attorney, Sonya Zoghlin,"), else nil. Trailing punctuation is
    /// never part of it.
    private func namedSpeaker(
        in span: Range<Int>, _ tokens: UnsafeBufferPointer<Token>, _ bytes: UnsafeBufferPointer<UInt8>, firstWord: Int,
        titleCase: Bool
    ) -> Range<Int>? {
        var end = span.upperBound
        while end > span.lowerBound, !tokens[end - 1].isWord { end -= 1 }
        guard end > span.lowerBound else { return nil }
        if let comma = (span.lowerBound..<end).first(where: { tokens[$0].kind == .comma }), comma > span.lowerBound,
            let name = finder.appositiveName(after: span.lowerBound..<comma, in: tokens)
        {
            return name
        }
        // "Kerr Putney, the Charlotte-Mecklenburg police chief,": the name first, its apposition after.
        if let comma = (span.lowerBound..<end).first(where: { tokens[$0].kind == .comma }), comma > span.lowerBound,
            finder.judge(span.lowerBound..<comma, in: tokens, bytes: bytes, firstWord: firstWord, titleCase: titleCase) == .named
        {
            return span.lowerBound..<comma
        }
        let trimmed = span.lowerBound..<end
        if trimmed.contains(where: { tokens[$0].kind == .comma }) { return nil }
        let judgement = finder.judge(trimmed, in: tokens, bytes: bytes, firstWord: firstWord, titleCase: titleCase)
        return judgement == .named ? trimmed : nil
    }

    /// A model source that is an apposition between commas after a name ("Marc H. Morial, [the
    /// chief executive of the National Urban League], told"): the span from the name, so the
    /// name-first rule of `namedSpeaker` names the speaker. The name is a run of capitalised words
    /// (and initials' periods) right before the comma, itself after a comma or opening the sentence.
    private func withNameBefore(_ span: Range<Int>, _ tokens: UnsafeBufferPointer<Token>, firstWord: Int) -> Range<Int> {
        let comma = span.lowerBound - 1
        var last = span.upperBound - 1
        while last > span.lowerBound, !tokens[last].isWord, tokens[last].kind != .comma { last -= 1 }
        let closed = tokens[last].kind == .comma || (span.upperBound < tokens.count && tokens[span.upperBound].kind == .comma)
        guard closed, comma >= 1, tokens[comma].kind == .comma else { return span }
        var start = comma
        while start > 0 {
            let token = tokens[start - 1]
            let initial = token.kind == .end && token.end - token.start == 1 && start >= 2 && tokens[start - 2].isWord
                && tokens[start - 2].capitalized && tokens[start - 2].end - tokens[start - 2].start == 1
            guard (token.isWord && token.capitalized) || initial else { break }
            start -= 1
        }
        guard start < comma, tokens[start].isWord, start == firstWord || (start > 0 && tokens[start - 1].kind == .comma) else { return span }
        return start..<span.upperBound
    }

    /// With `speech`, a model cue is kept only where it introduces speech (`introducesSpeech`),
    /// which needs a clause opener, a quotation or a colon in the sentence; without one, no cue of
    /// the attribution model's own can be kept, and the model only checks the lexicon cues'
    /// speakers (none: it is not run, and the hedge model's features are its own set alone).
    private func mayIntroduceSpeech(_ tokens: UnsafeBufferPointer<Token>) -> Bool {
        for token in tokens {
            switch token.kind {
            case .quoteOpen, .quoteClose, .quoteStraight, .colon: return true
            default:
                if token.inQuote || finder.wordClass(token).contains(.clauseOpener) { return true }
            }
        }
        return false
    }

    /// Does the cue at `cue` introduce what is said: a quotation right after it or closed right
    /// before it (“…,” she argued), a colon, or a clause opened by a `clause_openers` word
    /// ("argued that", "asked whether", "told reporters that")? PolNeAR also marks deeds as
    /// attributions ("announced a ceasefire", "voted", "signed the bill"); a model cue without
    /// speech after it is dropped, so such a sentence stays a fact, as the project's labelled set
    /// has it.
    func introducesSpeech(_ cue: Range<Int>, _ tokens: UnsafeBufferPointer<Token>) -> Bool {
        // "told reporters in Washington on Monday that": the clause may open a few words on.
        let reach = 8
        var index = cue.upperBound
        // An object opened by a determiner right after the verb ("created a speaker that sounds",
        // "offers a free version of its software that", "referred the call to ..., who"): a clause
        // opener after it is a relative clause on that noun, not what is said. (After a
        // preposition the determiner opens an adverbial: "wrote in a letter that".)
        var object = false
        // A cue that ends on the colon itself ("Anthony Lynn: “...”", "WIRED25: Stories of ...").
        if tokens[cue.upperBound - 1].kind == .colon { return colonIntroduces(cue.upperBound - 1, after: cue, tokens) }
        while index < tokens.count, index < cue.upperBound + reach {
            let token = tokens[index]
            if token.kind == .colon { return colonIntroduces(index, after: cue, tokens) }
            let wordClass = finder.wordClass(token)
            if token.inQuote || token.kind == .quoteOpen || token.kind == .quoteStraight {
                if Self.isLongQuotation(at: index, tokens) { return true }
            } else if wordClass.contains(.clauseOpener) {
                if !object { return true }
            } else if token.isWord, wordClass.contains(.determiner) || wordClass.contains(.definite),
                index == cue.upperBound || !finder.wordClass(tokens[index - 1]).contains(.speakerBreak)
            {
                object = true
            }
            if token.kind == .end || token.kind == .semicolon { break }
            index += 1
        }
        // “…,” she argued / “…”, the aide wrote: the quotation ends shortly before the cue.
        var back = cue.lowerBound - 1
        while back >= 0, back >= cue.lowerBound - 8 {
            let token = tokens[back]
            if token.inQuote || token.kind == .quoteClose || token.kind == .quoteStraight,
                Self.isLongQuotation(at: back, tokens, orOpensTheSentence: true)
            {
                return true
            }
            back -= 1
        }
        return false
    }

    /// A colon after a model cue introduces what is said when a quotation follows it ("tried to
    /// escape: “I pushed you away ...”", "Anthony Lynn: “We needed to win this game”"), or when it
    /// ends the sentence right after the cue (the words follow in the next block: "he said:"); a
    /// colon of a headline or a list ("WIRED25: Stories of people ...", "will discuss the
    /// following:") introduces nothing said.
    private func colonIntroduces(_ colon: Int, after cue: Range<Int>, _ tokens: UnsafeBufferPointer<Token>) -> Bool {
        let next = colon + 1
        if next < tokens.count {
            let token = tokens[next]
            return token.inQuote || token.kind == .quoteOpen || token.kind == .quoteStraight
        }
        return colon <= cue.upperBound + 1
    }

    /// With `all`, a cue that is a colon and nothing else (no word: "Bernie Sanders: 1,501.",
    /// "A: It’s a big mistake.", "Delegate Update: The latest count") speaks only where the colon
    /// introduces something said (`colonIntroduces`: a quotation after it, or nothing after it).
    /// PolNeAR marks few such cues (21 of 2,103 on dev, 6 of 2,078 on the held-out slice), the
    /// model many more on lists, scores and interview transcripts.
    private func isColonIntroducingNothing(_ cue: Range<Int>, _ tokens: UnsafeBufferPointer<Token>) -> Bool {
        guard !cue.contains(where: { tokens[$0].isWord }), let colon = cue.last(where: { tokens[$0].kind == .colon }) else { return false }
        return !colonIntroduces(colon, after: cue, tokens)
    }

    /// Is the cue passive: a `passive_auxiliaries` word followed, inside the cue, by a past
    /// participle ("were told", "has been shown", "was informed"; not "are alleging", nor an
    /// adjective: "was adamant that", "were confident that")? A participle ends in "-ed", "-en"
    /// or "-wn", or is one of the irregular ones of speech and knowing (`irregularParticiples`).
    private func isPassive(_ cue: Range<Int>, _ tokens: UnsafeBufferPointer<Token>, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let be = cue.first(where: { finder.wordClass(tokens[$0]).contains(.passive) }) else { return false }
        guard let verb = (be + 1..<cue.upperBound).last(where: { tokens[$0].isWord }) else { return false }
        return Self.isParticiple(bytes, Int(tokens[verb].start)..<Int(tokens[verb].end))
    }

    /// Past participles that end in none of "-ed", "-en", "-wn".
    private static let irregularParticiples: [[UInt8]] = [
        "told", "said", "thought", "found", "held", "heard", "made", "brought", "taught", "sought", "meant", "felt",
        "kept", "left", "sent", "read", "seen", "shown", "known", "given", "led", "quoted",
    ].map { Array($0.utf8) }

    /// Is the word at `range` (bytes) a past participle by its ending or `irregularParticiples`?
    static func isParticiple(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let count = range.count
        guard count >= 3 else { return false }
        let last = bytes[range.upperBound - 1] | 0x20
        let before = bytes[range.upperBound - 2] | 0x20
        if last == 0x64 && before == 0x65 { return true }  // -ed
        if last == 0x6E && (before == 0x65 || before == 0x77) { return true }  // -en, -wn
        for word in irregularParticiples where word.count == count {
            var same = true
            for offset in 0..<count where bytes[range.lowerBound + offset] | 0x20 != word[offset] { same = false; break }
            if same { return true }
        }
        return false
    }

    /// Does the speech cue `speech` report the words of the hedge `hedge`: the hedge after it (its
    /// content: "said he thought"), or before it when the cue closes the sentence after a comma or
    /// a quotation ("... is not thought to cause problems, the authors said")? Never when both are
    /// on the same words ("These data indicate that": the verb itself hedges).
    static func reports(_ speech: Cue, _ hedge: Cue, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if speech.start < hedge.end && hedge.start < speech.end { return false }
        // After the cue, inside its clause: a semicolon or a contrast (", but", ", while", ...)
        // opens the writer's next clause ("Smith said the talks ended, but analysts think the
        // deal may collapse": "may" is not Smith's).
        if hedge.start >= speech.end { return !clauseBreak(bytes, from: speech.end, to: hedge.start) }
        // The hedge is before the cue: the cue ends the sentence (a few words after it at most:
        // "he said in a statement on Monday"), a comma (or a closing quotation mark) between
        // them, the speaker's name or pronoun after the last one.
        var after = 0
        for offset in speech.end..<bytes.count where bytes[offset] == 0x20 { after += 1 }
        if after > 6 { return false }
        var index = speech.start - 1
        var words = 0
        while index >= hedge.end {
            let byte = bytes[index]
            if byte == 0x2C || byte == 0x22 { return words <= 4 }
            if byte == 0x20 { words += 1 }
            // ” (E2 80 9D) closing a quotation. (Not ’, E2 80 99: it is also the apostrophe of
            // "don’t" and "students’".)
            if byte == 0x9D, index >= 2, bytes[index - 1] == 0x80, bytes[index - 2] == 0xE2 { return words <= 4 }
            index -= 1
        }
        return false
    }

    /// Words that, after a comma, open a clause set against the one before it.
    private static let contrastWords: [[UInt8]] = ["but", "while", "whereas", "although", "though", "yet"].map { Array($0.utf8) }

    /// Is there a semicolon, or a comma followed by a contrast word (`contrastWords`), in
    /// `bytes[from..<to]`: the end of the clause a speech cue opens?
    static func clauseBreak(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Bool {
        var index = from
        while index < to {
            let byte = bytes[index]
            if byte == 0x3B { return true }
            if byte == 0x2C {
                var start = index + 1
                while start < to, bytes[start] == 0x20 { start += 1 }
                var end = start
                while end < to, bytes[end] | 0x20 >= 0x61, bytes[end] | 0x20 <= 0x7A { end += 1 }
                if end > start, end - start <= 8 {
                    for word in contrastWords where word.count == end - start {
                        var same = true
                        for offset in 0..<word.count where bytes[start + offset] | 0x20 != word[offset] { same = false; break }
                        if same { return true }
                    }
                }
            }
            index += 1
        }
        return false
    }

    /// Is the speaker at `range` (bytes) "I", "we" or "you": the writer's (or reader's) own voice?
    /// The word's letters up to an apostrophe ("you’re" → "you"), packed as `personal` is; two
    /// capitals or more are a name, never the pronoun: "US", "ME" (Maine), "MY".
    static func isWritersVoice(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var key: UInt64 = 0
        var capitals = 0
        var letters = 0
        for offset in range {
            let byte = bytes[offset]
            if byte >= 0x41, byte <= 0x5A { capitals += 1 }
            let lower = byte | 0x20
            guard lower >= 0x61, lower <= 0x7A else { break }
            letters += 1
            if letters > 5 { return false }
            key = key << 8 | UInt64(lower)
        }
        return capitals < 2 && QuotedSpeech.personal.contains(key)
    }

    /// Does a quotation close within the two tokens before the cue (“…,” continued the aide)?
    static func followsQuotation(_ cue: Range<Int>, _ tokens: UnsafeBufferPointer<Token>) -> Bool {
        var index = cue.lowerBound - 1
        while index >= 0, index >= cue.lowerBound - 2 {
            if tokens[index].inQuote || tokens[index].kind == .quoteClose || tokens[index].kind == .quoteStraight { return true }
            index -= 1
        }
        return false
    }

    /// Where the model marks no speaker: is one of the two words right before the cue, in its
    /// clause (no punctuation between, none quoted), a first- or second-person pronoun ("I found
    /// that", "I later found that", "we estimate that")? So a model that leaves "I" unmarked does
    /// not turn the writer's own voice into someone's speech.
    static func writerBefore(
        _ cue: Range<Int>, _ tokens: UnsafeBufferPointer<Token>, _ bytes: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        var index = cue.lowerBound - 1
        while index >= 0, index >= cue.lowerBound - 2, tokens[index].isWord, !tokens[index].inQuote {
            if isFirstOrSecondPerson(index..<(index + 1), tokens, bytes) { return true }
            index -= 1
        }
        return false
    }

    /// Is `span` one first- or second-person pronoun ("I", "We", "you’re": `QuotedSpeech.personal`)?
    static func isFirstOrSecondPerson(
        _ span: Range<Int>, _ tokens: UnsafeBufferPointer<Token>, _ bytes: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        let words = span.filter { tokens[$0].isWord }
        guard words.count == 1, let word = words.first else { return false }
        return isWritersVoice(bytes, Int(tokens[word].start)..<Int(tokens[word].end))
    }

    /// Is the quotation at `index` (a quotation mark or a quoted token) speech: four words or more
    /// (`QuotedSpeech.minimumWords`), or running on past either end of the sentence? Shorter ones
    /// are titles and scare quotes as often as speech ("offer support for “Hey, Siri”", "the
    /// company rebranded itself after “We”"), and a model cue beside one introduces nothing.
    /// With `orOpensTheSentence`, a short quotation that opens the sentence counts too: dialogue
    /// (“Oh my,” Lucas responded).
    static func isLongQuotation(
        at index: Int, _ tokens: UnsafeBufferPointer<Token>, orOpensTheSentence: Bool = false
    ) -> Bool {
        var low = index
        var high = index
        if !tokens[index].inQuote {
            // A mark: the quoted words are on one side of it.
            if index + 1 < tokens.count, tokens[index + 1].inQuote {
                low = index + 1
                high = low
            } else if index > 0, tokens[index - 1].inQuote {
                low = index - 1
                high = low
            } else {
                return false
            }
        }
        while low > 0, tokens[low - 1].inQuote { low -= 1 }
        while high + 1 < tokens.count, tokens[high + 1].inQuote { high += 1 }
        if low == 0 || high == tokens.count - 1 { return true }
        if orOpensTheSentence, low == 1, tokens[0].kind == .quoteOpen || tokens[0].kind == .quoteStraight { return true }
        var words = 0
        for position in low...high where tokens[position].isWord {
            words += 1
            if words >= QuotedSpeech.minimumWords { return true }
        }
        return false
    }

    private func distance(_ a: Range<Int>, _ b: Range<Int>) -> Int {
        a.upperBound <= b.lowerBound ? b.lowerBound - a.upperBound : a.lowerBound >= b.upperBound ? a.lowerBound - b.upperBound : 0
    }

    /// PolNeAR's convention, `--model-cues all`: a cue is the whole verb group ("has said", "also
    /// said", "said:"). Where a model cue span holds one attribution cue of the lexicon and words
    /// no lexicon phrase covers, the lexicon's cue takes the model's span and keeps its category:
    /// the lexicon still decides what the cue is, the data where its span ends.
    private func widenLexiconCues(
        _ result: inout TaggedSentence, to spans: [(role: Int, range: Range<Int>)], covered: [Bool],
        _ bytes: UnsafeBufferPointer<UInt8>, _ tokens: UnsafeBufferPointer<Token>
    ) {
        // Bytes the model marks as a source.
        var sourceBytes: [Range<Int>] = []
        for span in spans where span.role == 1 {
            sourceBytes.append(Int(tokens[span.range.lowerBound].start)..<Int(tokens[span.range.upperBound - 1].end))
        }
        for span in spans where span.role == 0 {
            let start = Int(tokens[span.range.lowerBound].start)
            let end = Int(tokens[span.range.upperBound - 1].end)
            let inside = result.cues.indices.filter { result.cues[$0].start < end && result.cues[$0].end > start }
            guard inside.count == 1, let index = inside.first else { continue }
            let lexiconCue = result.cues[index]
            guard CorpusEvaluation.attributionCategories.contains(lexiconCue.category) else { continue }
            // The lexicon's phrase holds its speaker ("officials said", "experts say"): the words
            // the model marks as the source leave the cue, which keeps the model's verb.
            if lexiconCue.start <= start, lexiconCue.end >= end, lexiconCue.end - lexiconCue.start > end - start {
                let outside = [lexiconCue.start..<start, end..<lexiconCue.end].filter { !$0.isEmpty }
                let sourceOutside = outside.allSatisfy { part in
                    sourceBytes.contains { $0.lowerBound <= part.lowerBound + 1 && $0.upperBound >= part.upperBound - 1 }
                }
                if sourceOutside {
                    result.cues[index].start = start
                    result.cues[index].end = end
                    result.cues[index].text = Self.string(bytes, start, end)
                }
                continue
            }
            guard lexiconCue.start >= start, lexiconCue.end <= end, lexiconCue.end - lexiconCue.start < end - start
            else { continue }
            let extra = span.range.filter { Int(tokens[$0].start) < lexiconCue.start || Int(tokens[$0].end) > lexiconCue.end }
            guard !extra.contains(where: { covered[$0] || tokens[$0].inQuote }) else { continue }
            result.cues[index].start = start
            result.cues[index].end = end
            result.cues[index].text = Self.string(bytes, start, end)
        }
    }

    /// No speaker yet, and the model marks a lone relative pronoun as the source ("the United
    /// States, which accuses him", "Assange, who denies"): its antecedent, right before it in the
    /// same sentence, speaks; a relative pronoun refers to no sentence before.
    private func relativeSpeakersAntecedent(
        _ result: inout TaggedSentence, sources: [Range<Int>], _ bytes: UnsafeBufferPointer<UInt8>,
        _ tokens: UnsafeBufferPointer<Token>, firstWord: Int, titleCase: Bool
    ) {
        guard let firstCue = result.cues.first(where: { Self.hasSpeaker($0.category) })?.start,
            let relative = sources.first(where: {
                $0.count == 1 && Int(tokens[$0.lowerBound].end) <= firstCue && finder.wordClass(tokens[$0.lowerBound]).contains(.relative)
            })?.lowerBound
        else { return }
        var end = relative - 1
        if end >= 0, tokens[end].kind == .comma { end -= 1 }
        guard end >= 0, tokens[end].isWord, !tokens[end].inQuote,
            let phrase = finder.before(end + 1, in: tokens, bytes: bytes, relativeJumped: true)
        else { return }
        // The noun phrase that ends there: from its determiner or capitalised first word ("the
        // United States" of "battling extradition to the United States").
        func opens(_ index: Int) -> Bool {
            tokens[index].isWord && (tokens[index].capitalized || finder.wordClass(tokens[index]).contains(.determiner)
                || finder.wordClass(tokens[index]).contains(.definite))
        }
        guard let start = phrase.first(where: { opens($0) && ($0 == phrase.lowerBound || !opens($0 - 1)) }) else { return }
        let antecedent = start..<phrase.upperBound
        let judgement = finder.judge(antecedent, in: tokens, bytes: bytes, firstWord: firstWord, titleCase: titleCase)
        if judgement == .pronoun { return }
        let from = Int(tokens[antecedent.lowerBound].start)
        let stop = Int(tokens[antecedent.upperBound - 1].end)
        result.source = Source(text: Self.string(bytes, from, stop), named: !Self.isUnnamed(judgement))
        result.sourceRange = from..<stop
        result.speakerNeedsContext = false
        if Self.isUnnamed(judgement) {
            for index in result.contextCues where result.cues[index].category == .namedSource {
                result.cues[index].category = .unnamedSource
            }
        }
        result.contextCues.removeAll()
    }

    /// The model's source span (tokens) as a speaker's mention, without a closing relative pronoun.
    private func mention(_ span: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>, _ tokens: UnsafeBufferPointer<Token>) -> SourceMention {
        Self.mention(Int(tokens[span.lowerBound].start)..<Int(tokens[mentionEnd(span, tokens) - 1].end), bytes)
    }

    /// The model's source span (UTF-8 bytes) around a speaker's name or inside it; nil when the
    /// model marks none there or one that cuts through the name ("Ellis, a Republican ..." for
    /// "Ryan Ellis" is not the speaker's mention).
    private func wholeMention(
        of range: Range<Int>, in spans: [(role: Int, range: Range<Int>)], _ tokens: UnsafeBufferPointer<Token>
    ) -> Range<Int>? {
        for span in spans where span.role == 1 {
            let start = Int(tokens[span.range.lowerBound].start)
            let end = Int(tokens[mentionEnd(span.range, tokens) - 1].end)
            guard start < range.upperBound, end > range.lowerBound else { continue }
            let around = start <= range.lowerBound && end >= range.upperBound
            let inside = start >= range.lowerBound && end <= range.upperBound
            return around || inside ? start..<end : nil
        }
        return nil
    }

    /// The tokens a cue covers.
    private func tokenRange(of cue: Cue, _ tokens: UnsafeBufferPointer<Token>) -> Range<Int>? {
        guard let first = tokens.firstIndex(where: { Int($0.start) >= cue.start }) else { return nil }
        var last = first
        while last < tokens.count, Int(tokens[last].end) <= cue.end { last += 1 }
        return last > first ? first..<last : nil
    }

    private func cue(
        _ range: Range<Int>, _ category: CueCategory, _ bytes: UnsafeBufferPointer<UInt8>,
        _ tokens: UnsafeBufferPointer<Token>, weight: Double
    ) -> Cue {
        let start = Int(tokens[range.lowerBound].start)
        let end = Int(tokens[range.upperBound - 1].end)
        return Cue(text: Self.string(bytes, start, end), category: category, start: start, end: end, weight: weight, by: .model)
    }
}
