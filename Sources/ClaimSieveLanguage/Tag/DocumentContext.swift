import ClaimSieveCore

/// The context rules that need the sentences around a claim, applied once per document.
///
/// A sentence alone cannot know who "he" is, or who speaks in a sentence that is only a quotation;
/// the article told the reader a sentence or two earlier, so the tagger asks the same place.
enum DocumentContext {
    /// How many sentences back "he said" may look for its speaker.
    static let pronounReach = 3
    /// How many sentences back a pronoun looks for a named speaker first.
    static let namedReach = 6

    /// Copies each sentence's cues and source onto its claim, resolving pronoun speakers and
    /// quotation-only sentences from the sentences before (or, for a quotation that opens a
    /// paragraph, the one right after).
    static func apply(_ tagged: [TaggedSentence], to claims: inout [Claim], nameWords: Set<String> = []) {
        var sentences = tagged
        var last: (source: Source, index: Int)?
        var lastNamed: (source: Source, index: Int)?
        var contexts = [String?](repeating: nil, count: sentences.count)
        func place(_ index: Int) -> String { "paragraph \(claims[index].block &+ 1), sentence \(claims[index].sentence &+ 1)" }
        for index in sentences.indices {
            if claims[index].isHeadline { continue }
            if sentences[index].speakerNeedsContext {
                // "he told VOA": the nearest named speaker before it, else the nearest speaker.
                let pronoun = sentences[index].source?.text
                var speaker: (source: Source, index: Int)?
                if let named = lastNamed, index - named.index <= namedReach {
                    speaker = named
                } else if let recent = last, index - recent.index <= pronounReach {
                    speaker = recent
                }
                if let speaker {
                    inherit(speaker.source, into: &sentences[index])
                    let who = pronoun.map { "“\($0)” is " } ?? "the speaker is "
                    // An unnamed speaker ("one user", "a source") is mentioned there, not named.
                    let said = speaker.source.named ? "named" : "mentioned"
                    contexts[index] = "\(who)\(speaker.source.text), \(said) in \(place(speaker.index))"
                }
            } else if sentences[index].isQuoteOnly || sentences[index].startsInsideQuotation,
                sentences[index].source == nil, let speaker = last, speaker.index == index - 1
            {
                sentences[index].source = speaker.source
                contexts[index] = "continues the quotation of \(place(index - 1)) by \(speaker.source.text)"
            }
            if let source = sentences[index].source {
                last = (source, index)
                if source.named { lastNamed = (source, index) }
            }
        }
        // A quotation that comes before its attribution: “...” / “...,” the minister said.
        for index in sentences.indices.reversed()
        where sentences[index].isQuoteOnly && sentences[index].source == nil && !claims[index].isHeadline {
            let next = index + 1
            // (A quotation of three sentences or more: its middle sentences open inside it.)
            if next < sentences.count, !claims[next].isHeadline, let source = sentences[next].source,
                opensWithQuotation(claims[next].text) || sentences[next].startsInsideQuotation
            {
                sentences[index].source = source
            }
        }
        QuotedSpeech.apply(&sentences, claims: claims, contexts: &contexts, names: nameWords)
        for index in sentences.indices {
            claims[index].cues = sentences[index].cues
            var source = sentences[index].source
            // A mention's offsets are into its own sentence: a speaker taken from another one
            // ("he" resolved, a quotation continued) names the speaker without it.
            if source?.mention != nil, source != tagged[index].source { source?.mention = nil }
            claims[index].source = source
            claims[index].kind = sentences[index].kind
            if let context = contexts[index], claims[index].context == nil { claims[index].context = context }
        }
    }

    /// The sentence starts with a quotation (“…,” she said) or continues one opened in the
    /// sentence before (…,” she said).
    static func opensWithQuotation(_ text: String) -> Bool {
        let bytes = Array(text.utf8.prefix(600))
        if let first = bytes.first, first == 0x22 { return true }
        if bytes.count > 1, bytes[0] == 0x27, bytes[1] == 0x27 { return true }
        var index = 0
        while index + 2 < bytes.count {
            if bytes[index] == 0xE2, bytes[index + 1] == 0x80 {
                if bytes[index + 2] == 0x9C { return index == 0 }
                if bytes[index + 2] == 0x9D { return true }
            }
            index += 1
        }
        return false
    }

    /// "he told VOA" after "said Ahmed Rahal": the earlier speaker, named or not.
    private static func inherit(_ source: Source, into sentence: inout TaggedSentence) {
        sentence.source = source
        guard !source.named else { return }
        for cue in sentence.contextCues where sentence.cues[cue].category == .namedSource {
            sentence.cues[cue].category = .unnamedSource
        }
    }
}
