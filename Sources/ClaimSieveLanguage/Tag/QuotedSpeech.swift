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
    /// when `startsInside` (its words before the closing mark are quoted). A closing mark with no
    /// opening one before it closes a quotation opened in an earlier sentence; straight marks (")
    /// open and close in turn. A quotation right after a word of `names` (the lexicon's
    /// `name_words`: "titled", "read", "dubbed") is a name or a text on show, not speech, and
    /// does not count.
    static func longestQuotation(_ text: String, startsInside: Bool, names: Set<String> = []) -> Int {
        var text = text
        return text.withUTF8 { longestQuotation($0, startsInside: startsInside, names: names) }
    }

    /// `longestQuotation` on UTF-8 bytes: one pass, no allocation unless a quotation opens after
    /// a word that may be a name word.
    static func longestQuotation(_ bytes: UnsafeBufferPointer<UInt8>, startsInside: Bool, names: Set<String>) -> Int {
        // Most sentences quote nothing: one scan for a quotation mark's byte first.
        guard startsInside || bytes.contains(where: { $0 == 0x22 || $0 == 0xE2 }) else { return 0 }
        var inside = startsInside
        var run = 0
        var wordsSoFar = 0
        var longest = 0
        var inWord = false
        var wordHasContent = false
        var named = false
        func endWord() {
            if inWord && wordHasContent {
                wordsSoFar += 1
                if inside { run += 1 }
            }
            inWord = false
            wordHasContent = false
        }
        func close() {
            endWord()
            if !named { longest = max(longest, inside ? run : wordsSoFar) }
            named = false
            inside = false
            run = 0
        }
        /// The word before `position`, lower-cased (only where a quotation opens).
        func wordBefore(_ position: Int) -> String {
            var end = position
            while end > 0, bytes[end - 1] == 0x20 { end -= 1 }
            var start = end
            while start > 0, bytes[start - 1] != 0x20, bytes[start - 1] != 0x22, bytes[start - 1] != 0x9C { start -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).lowercased()
        }
        func open(at position: Int) {
            endWord()
            inside = true
            run = 0
            named = !names.isEmpty && names.contains(wordBefore(position))
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x9C || bytes[index + 2] == 0x9D {
                if bytes[index + 2] == 0x9C { open(at: index) } else { close() }
                index += 3
                continue
            }
            if byte == 0x22 {
                if inside { close() } else { open(at: index) }
            } else if byte == 0x20 || byte == 0x0A || byte == 0x09 {
                endWord()
            } else {
                inWord = true
                if byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) {
                    wordHasContent = true
                }
            }
            index += 1
        }
        endWord()
        if inside && !named { longest = max(longest, run) }
        return longest
    }

    /// Gives each sentence that quotes at length and has no speaker or attribution cue of its own
    /// the speaker of the nearest sentence of its paragraph that has one (before it first), saying
    /// so in its context; with none in the paragraph, an unnamed speaker (the verdict is then
    /// `unverified`: the words are someone's, and the article does not say whose).
    static func apply(
        _ sentences: inout [TaggedSentence], claims: [Claim], contexts: inout [String?], names: Set<String>
    ) {
        func place(_ index: Int) -> String { "paragraph \(claims[index].block &+ 1), sentence \(claims[index].sentence &+ 1)" }
        var candidates: [Int] = []
        for index in sentences.indices where sentences[index].source == nil && !claims[index].isHeadline {
            guard !sentences[index].cues.contains(where: { CorpusEvaluation.attributionCategories.contains($0.category) }),
                longestQuotation(claims[index].text, startsInside: sentences[index].startsInsideQuotation, names: names)
                    >= minimumWords
            else { continue }
            candidates.append(index)
        }
        guard !candidates.isEmpty else { return }
        // The nearest sentence with a speaker before and after each one, inside its paragraph (a
        // headline ends a paragraph): two passes, however long the paragraph.
        let original = sentences.map(\.source)
        let count = sentences.count
        func sameParagraph(_ a: Int, _ b: Int) -> Bool {
            claims[a].block == claims[b].block && !claims[a].isHeadline && !claims[b].isHeadline
        }
        var before = [Int](repeating: -1, count: count)
        var after = [Int](repeating: -1, count: count)
        var last = -1
        for index in 0..<count {
            if last >= 0 && !sameParagraph(last, index) { last = -1 }
            before[index] = last
            if original[index] != nil && !claims[index].isHeadline { last = index }
        }
        last = -1
        for index in stride(from: count - 1, through: 0, by: -1) {
            if last >= 0 && !sameParagraph(last, index) { last = -1 }
            after[index] = last
            if original[index] != nil && !claims[index].isHeadline { last = index }
        }
        for index in candidates {
            let speaker = before[index] >= 0 ? before[index] : after[index]
            if speaker >= 0, let source = original[speaker] {
                sentences[index].source = source
                contexts[index] = contexts[index] ?? "quotes \(source.text), speaker of \(place(speaker))"
            } else {
                sentences[index].source = Source(text: "an unnamed speaker", named: false)
                contexts[index] = contexts[index] ?? "quotes someone the article does not name"
            }
        }
    }
}
