import ClaimSieveCore

/// A sentence that quotes someone at length is that someone's claim, not the writer's, even where
/// no verb of its own says who speaks ("The summit accomplished “too little, too late for the
/// region,” he added" split apart, a quotation that spans sentences, a pull quote).
///
/// Learned from PolNeAR, whose content spans mark every quotation as someone's words: among the
/// sentences the tagger left unattributed, those holding a quotation of four words or more are
/// attributed in the gold 9 times in 10 (dev: 78 of 85; a slice of train the models never saw,
/// every tenth article: 36 of 41), while shorter quotations are titles and scare quotes ("the
/// “fact-checking” website", "“13th”") as often as speech.
enum QuotedSpeech {
    /// The fewest words inside one quotation that make the sentence someone's words.
    static let minimumWords = 4

    /// The most words inside one quotation of `text`, a sentence that opens inside a quotation
    /// when `startsInside` (its words before the first closing mark are quoted). A closing mark
    /// with nothing open is a stray (an inch mark: a 65” screen) and credits nothing; straight
    /// marks (") open and close in turn; a quotation nested in another counts with it. The marks
    /// are the tokenizer's (`QuotationMark`). A quotation right after a word of `names` (the
    /// lexicon's `name_words`: "titled", "read", "dubbed") is a name or a text on show, not
    /// speech, and does not count.
    static func longestQuotation(_ text: String, startsInside: Bool, names: Set<String> = []) -> Int {
        var text = text
        return text.withUTF8 { measure($0, startsInside: startsInside, names: names).longest }
    }

    /// The most words inside one quotation of `text` that reads as speech: it holds a first- or
    /// second-person pronoun ("I", "we", "you", "our"), which names and titles seldom do. (Ending
    /// with punctuation inside the marks would be a stronger signal on PolNeAR, but American
    /// style puts a sentence's full stop inside any closing mark: “Smells Like Teen Spirit.”)
    static func longestSpokenQuotation(_ text: String, startsInside: Bool, names: Set<String> = []) -> Int {
        var text = text
        return text.withUTF8 { measure($0, startsInside: startsInside, names: names).spoken }
    }

    /// `longestQuotation` and `longestSpokenQuotation` on UTF-8 bytes: one pass, no allocation
    /// unless a quotation opens after a word that may be a name word or holds a short word that
    /// may be a pronoun.
    static func measure(_ bytes: UnsafeBufferPointer<UInt8>, startsInside: Bool, names: Set<String>) -> (longest: Int, spoken: Int) {
        // Most sentences quote nothing: one scan for a quotation mark's byte first.
        guard startsInside || QuotationMark.mayContain(bytes) else { return (0, 0) }
        var spoken = 0
        var voiced = false
        var wordStart = 0
        var depth = startsInside ? 1 : 0
        var run = 0
        var longest = 0
        var inWord = false
        var wordHasContent = false
        var named = false
        func endWord() {
            if inWord && wordHasContent && depth > 0 {
                run += 1
                if !voiced { voiced = isPersonal(wordStart) }
            }
            inWord = false
            wordHasContent = false
        }
        func close() {
            endWord()
            guard depth > 0 else { return }
            depth -= 1
            guard depth == 0 else { return }
            if !named {
                longest = max(longest, run)
                if voiced { spoken = max(spoken, run) }
            }
            named = false
            voiced = false
            run = 0
        }
        /// Whether the word at `start` begins with a first- or second-person pronoun (I’m, we’ll).
        func isPersonal(_ start: Int) -> Bool {
            var end = start
            while end < bytes.count, (bytes[end] | 0x20) >= 0x61, (bytes[end] | 0x20) <= 0x7A { end += 1 }
            guard end - start <= 5 else { return false }
            var key: UInt64 = 0
            for offset in start..<end { key = key << 8 | UInt64(bytes[offset] | 0x20) }
            return personal.contains(key)
        }
        /// The word before `position`, lower-cased, without a colon or comma ("read:"; only
        /// where a quotation opens).
        func wordBefore(_ position: Int) -> String {
            var end = position
            while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x3A || bytes[end - 1] == 0x2C { end -= 1 }
            var start = end
            while start > 0, bytes[start - 1] != 0x20, bytes[start - 1] != 0x22, bytes[start - 1] != 0x9C { start -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).lowercased()
        }
        func open(at position: Int) {
            endWord()
            if depth == 0 {
                run = 0
                voiced = false
                named = !names.isEmpty && names.contains(wordBefore(position))
            }
            depth += 1
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if let mark = QuotationMark.at(bytes, index) {
                switch mark.kind {
                case .open: open(at: index)
                case .close: close()
                case .straight: if depth > 0 { close() } else { open(at: index) }
                }
                index += mark.length
                continue
            }
            if byte == 0x20 || byte == 0x0A || byte == 0x09 {
                endWord()
            } else {
                if !inWord { wordStart = index }
                inWord = true
                if byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) {
                    wordHasContent = true
                }
            }
            index += 1
        }
        endWord()
        if depth > 0 && !named {
            longest = max(longest, run)
            if voiced { spoken = max(spoken, run) }
        }
        return (longest, spoken)
    }

    /// First- and second-person pronouns, lower-case, each word's bytes packed into one integer
    /// (no allocation per word).
    static let personal: Set<UInt64> = Set(
        ["i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours"].map { word in
            word.utf8.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        })

    /// Gives each sentence that quotes at length and has no speaker or attribution cue of its own
    /// the speaker of the nearest sentence before it in its paragraph that has one, saying so in
    /// its context. Never a speaker after it ("…after “a long and bitter fight.” Patel said he
    /// voted against it": Patel did not say the first). With nobody before it, a quotation that
    /// reads as speech (`longestSpokenQuotation`: “…a free Syria awaits you.”) takes an unnamed
    /// speaker (the verdict is then `unverified`: the words are someone's, and the article does
    /// not say whose); any other stays as it is, as a title or a sign does ("“Everything
    /// Everywhere All at Once” won seven Oscars").
    static func apply(
        _ sentences: inout [TaggedSentence], claims: [Claim], contexts: inout [String?], names: Set<String>
    ) {
        func place(_ index: Int) -> String { "paragraph \(claims[index].block &+ 1), sentence \(claims[index].sentence &+ 1)" }
        func sameParagraph(_ a: Int, _ b: Int) -> Bool {
            claims[a].block == claims[b].block && !claims[a].isHeadline && !claims[b].isHeadline
        }
        // One pass: the nearest sentence with a speaker so far in the paragraph (a headline ends
        // a paragraph), as the tagger found it (a sentence given a speaker here passes none on).
        var last = -1
        for index in sentences.indices {
            if last >= 0 && !sameParagraph(last, index) { last = -1 }
            let speaker = last
            if sentences[index].source != nil && !claims[index].isHeadline { last = index }
            guard sentences[index].source == nil, !claims[index].isHeadline,
                !sentences[index].cues.contains(where: { CorpusEvaluation.attributionCategories.contains($0.category) })
            else { continue }
            var text = claims[index].text
            let measured = text.withUTF8 {
                measure($0, startsInside: sentences[index].startsInsideQuotation, names: names)
            }
            if speaker >= 0, let source = sentences[speaker].source, measured.longest >= minimumWords {
                sentences[index].source = source
                contexts[index] = contexts[index] ?? "quotes \(source.text), speaker of \(place(speaker))"
            } else if speaker < 0, measured.spoken >= minimumWords {
                sentences[index].source = Source(text: "an unnamed speaker", named: false)
                contexts[index] = contexts[index] ?? "quotes someone the article does not name"
            }
        }
    }
}
