import ClaimSieveCore

extension CueTagger {
    typealias SpeakerToken = ByteTokenizer.Token

    /// The categories of a cue with a speaker: someone's word, as `eval` counts attributions.
    /// (A switch: a `Set` hashes the category on every test, a cost on the per-sentence path.)
    static func hasSpeaker(_ category: CueCategory) -> Bool {
        switch category {
        case .namedSource, .unnamedSource, .hearsay, .socialMedia, .denial: true
        case .speculation, .unconfirmed, .confirmation, .weasel: false
        }
    }

    /// The lexicon's speaker is no source the attribution model marks, and the model marks one
    /// right before the sentence's first cue: that one speaks, named or not. The lexicon's finder
    /// walks the words next to a verb, so where the verb's subject is not beside it, it takes a
    /// phrase that is nobody ("address his series of early-morning tweets in" of "He did not
    /// address ...", "pitched himself to African-Americans by" of "He recently pitched himself
    /// ..."); the model, which reads the whole sentence, marks "He". (A named source the model
    /// marks there already replaces the lexicon's speaker: `applyModels`.) On PolNeAR dev the
    /// product chose such a phrase ("another phrase" of `eval --errors`) for 18 source spans the
    /// model had right (10 after this rule and the finder's relative-clause rule).
    func modelSpeakerBeforeCue(
        _ result: inout TaggedSentence, sources: [Range<Int>], decodedEnd: Int, _ bytes: UnsafeBufferPointer<UInt8>,
        _ tokens: UnsafeBufferPointer<SpeakerToken>, firstWord: Int, titleCase: Bool
    ) {
        // The first attribution cue of the lexicon's: the verb whose speaker it looked for (a
        // hedge before it, "could" of "who could leak details, a source said", speaks for no one).
        guard let old = result.source, let lexiconSpan = result.sourceRange,
            let firstCue = result.cues.first(where: { Self.hasSpeaker($0.category) })?.start,
            // Where the model did not read (its decode stops at the first cue when it only names
            // speakers), a span it does not mark says nothing.
            lexiconSpan.upperBound <= decodedEnd, firstCue < decodedEnd,
            // A speaker after its verb ("..., said Serene Gregg, local president of ...") is the
            // inverted order of news, not a phrase that missed the subject.
            lexiconSpan.upperBound <= firstCue
        else { return }
        // Any word of the lexicon's speaker marked by the model: the two agree on who speaks.
        guard !isModelSource(lexiconSpan, sources, tokens),
            var candidate = sources.last(where: { Int(tokens[$0.upperBound - 1].end) <= firstCue })
        else { return }
        while candidate.upperBound > candidate.lowerBound, !tokens[candidate.upperBound - 1].isWord {
            candidate = candidate.lowerBound..<(candidate.upperBound - 1)
        }
        // An apposition or a list is the named-speaker rule's to read.
        guard !candidate.isEmpty, !candidate.contains(where: { !tokens[$0].isWord && tokens[$0].kind == .comma }) else {
            return
        }
        // "who" and "which" name nobody (their antecedent speaks: the finder's to find), and "you"
        // or "I" outside a quotation is the writer's voice ("You also can't tell unless ...").
        if candidate.count == 1, finder.wordClass(tokens[candidate.lowerBound]).contains(.relative) { return }
        if Self.isFirstOrSecondPerson(candidate, tokens, bytes) { return }
        let judgement = finder.judge(candidate, in: tokens, bytes: bytes, firstWord: firstWord, titleCase: titleCase)
        let start = Int(tokens[candidate.lowerBound].start)
        let end = Int(tokens[candidate.upperBound - 1].end)
        result.source = Source(text: Self.string(bytes, start, end), named: !Self.isUnnamed(judgement))
        result.sourceRange = start..<end
        // The lexicon judged its cues by the speaker it found: judge them again by this one.
        let speech = result.cues.indices.filter {
            result.cues[$0].by != .model && [.namedSource, .unnamedSource].contains(result.cues[$0].category)
        }
        switch judgement {
        case .named:
            if !old.named { for index in speech { result.cues[index].category = .namedSource } }
            result.speakerNeedsContext = false
            result.contextCues.removeAll()
        case .unnamed(let implied):
            // "Reports say", "posts on Twitter": the speaker's own kind, as the other judgements keep it.
            for index in speech { result.cues[index].category = implied ?? .unnamedSource }
            result.speakerNeedsContext = false
            result.contextCues.removeAll()
        case .pronoun:
            // "He": the sentences before tell who; a "he" that turns out unnamed makes these unnamed.
            for index in speech { result.cues[index].category = .namedSource }
            result.speakerNeedsContext = true
            result.contextCues = Array(Set(result.contextCues + speech)).sorted()
        }
    }

    /// The end (a token index) of the speaker's mention in a model source span: a relative
    /// pronoun closing it ("Some consumers who", "Mr. Kamin, who") opens the clause the
    /// speaker's verb is in, and PolNeAR marks it as a source of its own; it and the comma before
    /// it are left out.
    func mentionEnd(_ span: Range<Int>, _ tokens: UnsafeBufferPointer<SpeakerToken>) -> Int {
        var end = span.upperBound
        guard end - span.lowerBound >= 2, tokens[end - 1].isWord, finder.wordClass(tokens[end - 1]).contains(.relative) else {
            return end
        }
        end -= 1
        while end > span.lowerBound + 1, tokens[end - 1].kind == .comma { end -= 1 }
        return end
    }
}
