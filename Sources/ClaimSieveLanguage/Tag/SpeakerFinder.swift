import ClaimSieveCore

/// Finds who speaks for an attribution cue and whether that speaker is named.
///
/// News attributes in a few shapes: "the ministry said", "said Ahmed Rahal, a former general",
/// "according to Russian media", "a U.S.-based security source told". The finder walks from the
/// cue over the words that can make up a noun phrase (the lexicon's stop words end it), then
/// judges the phrase: a generic head noun ("source", "officials", "reports") is unnamed whatever
/// its adjectives; a proper name, an institution or a definite "the ministry" is named.
struct SpeakerFinder: Sendable {
    typealias Token = ByteTokenizer.Token

    /// What a speaker span turned out to be.
    enum Judgement: Equatable {
        case named
        /// Unnamed; the category a generic head implies (`hearsay` for "reports", `social_media`
        /// for "posts"), `nil` for a plain unnamed source.
        case unnamed(CueCategory?)
        /// "he", "she", "they": the sentence before tells who.
        case pronoun
    }

    let classes: [WordClass]

    @inline(__always)
    func wordClass(_ token: Token) -> WordClass {
        token.id >= 0 ? classes[Int(token.id)] : []
    }

    /// The speaker phrase ending right before token `verb`, as a token range.
    func before(
        _ verb: Int, in tokens: UnsafeBufferPointer<Token>, bytes: UnsafeBufferPointer<UInt8>,
        relativeJumped: Bool = false
    ) -> Range<Int>? {
        var index = skipAuxiliaries(from: verb - 1, in: tokens, bytes: bytes)
        if index >= 0, tokens[index].kind == .comma {
            // "the ministry, which runs the army, said": step over the appositive clause.
            guard let clauseComma = appositiveStart(before: index, in: tokens, bytes: bytes) else { return nil }
            index = clauseComma - 1
        }
        let end = index
        if !relativeJumped, hasNoSubjectBefore(verb, in: tokens, bytes: bytes) { return nil }
        var words = 0
        while index >= 0, words < 10 {
            let token = tokens[index]
            if token.isWord {
                if token.inQuote { break }
                if wordClass(token).contains(.speakerStop), !isNameConjunction(index, in: tokens) { break }
                words += 1
                index -= 1
            } else if isTitlePeriod(index, in: tokens) {
                index -= 1
            } else if token.kind == .parenClose {
                var open = index - 1
                while open >= 0, tokens[open].kind != .parenOpen, tokens[open].kind != .parenClose { open -= 1 }
                guard open >= 0, tokens[open].kind == .parenOpen else { break }
                index = open - 1
            } else {
                break
            }
        }
        // "an official who was not authorized to speak said": the speaker is before "who". Not
        // where the clause has a subject of its own ("tweets in which he called", "a plan which
        // the ministry said"): the relative is its object and that subject speaks.
        if !relativeJumped, let relative = relativePronoun(atOrBefore: index, in: tokens),
            !opensWithSubject(relative, before: end, in: tokens)
        {
            return before(relative, in: tokens, bytes: bytes, relativeJumped: true)
        }
        var start = index + 1
        while start <= end, !tokens[start].isWord || wordClass(tokens[start]).contains(.speakerBreak) { start += 1 }
        return start <= end ? start..<(end + 1) : nil
    }

    /// The relative clause at `relative` has its own subject before the verb: the word after the
    /// relative pronoun is a personal pronoun, a determiner or a definite ("which he called",
    /// "whom the report named"), and the clause reaches the verb at `end`.
    private func opensWithSubject(_ relative: Int, before end: Int, in tokens: UnsafeBufferPointer<Token>) -> Bool {
        let next = relative + 1
        guard next <= end, tokens[next].isWord else { return false }
        let wordClass = wordClass(tokens[next])
        return wordClass.contains(.pronoun) || wordClass.contains(.determiner) || wordClass.contains(.definite)
    }

    /// A relative pronoun at `index` or a few words before it, with only words in between.
    private func relativePronoun(atOrBefore index: Int, in tokens: UnsafeBufferPointer<Token>) -> Int? {
        var position = index
        var words = 0
        while position >= 0, words < 10, tokens[position].isWord, !tokens[position].inQuote {
            if wordClass(tokens[position]).contains(.relative) { return position > 0 ? position : nil }
            position -= 1
            words += 1
        }
        return nil
    }

    /// The subject a participle after a comma speaks for ("The utilities commission is frustrated
    /// ..., saying", "Twitter pledged ..., adding"): the words of the clause before `limit` up to
    /// its verb (an auxiliary, or a word in -ed not right after a determiner). An opening phrase
    /// ("On Friday,", "Hours before the game,") is stepped over at its comma; nil when no such
    /// subject of at most eight words is found.
    func clauseSubject(from firstWord: Int, before limit: Int, in tokens: UnsafeBufferPointer<Token>, bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var start = firstWord
        var index = start
        func restart() -> Bool {
            guard let comma = (index..<limit).first(where: { tokens[$0].kind == .comma }) else { return false }
            start = comma + 1
            index = start
            return true
        }
        while index < limit {
            let token = tokens[index]
            if token.kind == .comma {
                start = index + 1
                index = start
                continue
            }
            guard token.isWord, !token.inQuote else { return nil }
            let wordClass = wordClass(token)
            // "In a recorded interview with the FBI, Webb confessed": a preposition opens no subject.
            if index == start, wordClass.contains(.speakerBreak) {
                guard restart() else { return nil }
                continue
            }
            // "a newly elected mayor", "the injured driver": an -ed word after a determiner or an
            // -ly adverb describes the noun.
            let describes = index > start
                && (!self.wordClass(tokens[index - 1]).isDisjoint(with: [.determiner, .definite]) || Self.endsInLy(tokens[index - 1], bytes))
            if index > start,
                wordClass.contains(.auxiliary) || wordClass.contains(.passive)
                    || (Self.isPastParticiple(token, bytes) && !describes)
            {
                // "Police arrested two men, and prosecutors charged them, saying": the clause
                // nearest the participle speaks.
                if let coordinated = (index..<limit).last(where: {
                    tokens[$0].kind == .comma && $0 + 2 < limit && tokens[$0 + 1].isWord
                        && self.wordClass(tokens[$0 + 1]).isSuperset(of: [.speakerJoin, .speakerStop])
                }) {
                    start = coordinated + 2
                    index = start
                    continue
                }
                // "Police found the car was abandoned": a word before a determiner inside the
                // subject is a verb with its object; this is no subject.
                if (start..<(index - 1)).contains(where: { !tokens[$0].capitalized && !self.wordClass(tokens[$0 + 1]).isDisjoint(with: [.determiner, .definite]) && self.wordClass(tokens[$0]).isDisjoint(with: [.determiner, .definite, .speakerJoin]) }) {
                    return nil
                }
                return start..<index
            }
            // "after", "that", "when": a clause this does not read; the next one may be it.
            if wordClass.contains(.speakerStop) || index - start >= 8 {
                guard restart() else { return nil }
                continue
            }
            index += 1
        }
        return nil
    }

    /// The speaker phrase starting at token `position` ("said Ahmed Rahal", "according to Reuters").
    func after(_ position: Int, in tokens: UnsafeBufferPointer<Token>, bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var index = position
        var lastWord = -1
        var words = 0
        while index < tokens.count, words < 8 {
            let token = tokens[index]
            if token.isWord {
                let wordClass = wordClass(token)
                if token.inQuote { break }
                if wordClass.contains(.speakerStop), !isNameConjunction(index, in: tokens) { break }
                if wordClass.contains(.speakerBreak), !wordClass.contains(.speakerJoin) { break }
                // "according to a TikTok post viewed 2 million times": the past participle after
                // the speaker's noun says something of it, as in `judge`.
                if index > position, Self.isPastParticiple(token, bytes),
                    !self.wordClass(tokens[index - 1]).isDisjoint(with: Self.speakerNouns)
                {
                    break
                }
                lastWord = index
                words += 1
                index += 1
            } else if isTitlePeriod(index, in: tokens) {
                index += 1
            } else if token.kind == .parenOpen {
                var close = index + 1
                while close < tokens.count, tokens[close].kind != .parenClose, tokens[close].kind != .parenOpen { close += 1 }
                guard close < tokens.count, tokens[close].kind == .parenClose else { break }
                lastWord = close
                index = close + 1
            } else {
                break
            }
        }
        // A phrase never ends on "of"/"for" ("according to the head of" + a number).
        while lastWord >= position, tokens[lastWord].isWord, wordClass(tokens[lastWord]).contains(.speakerJoin) {
            lastWord -= 1
        }
        return lastWord >= position ? position..<(lastWord + 1) : nil
    }

    /// Named, unnamed or a pronoun. A capital letter proves a name only where English does not
    /// capitalise anyway: not on the sentence's first word, not in a Title Case headline (there
    /// only words the lexicon does not know count).
    func judge(
        _ span: Range<Int>, in tokens: UnsafeBufferPointer<Token>, bytes: UnsafeBufferPointer<UInt8>, firstWord: Int,
        titleCase: Bool
    ) -> Judgement {
        func provesName(_ position: Int) -> Bool {
            let token = tokens[position]
            guard token.isWord, token.capitalized else { return false }
            if titleCase { return token.id < 0 }
            // The first word: a word the lexicon knows only from a phrase ("Twitter" of "on
            // Twitter") is still a name; one of its word lists ("Officials") is not.
            if position == firstWord { return token.id < 0 || wordClass(token).isEmpty }
            return true
        }
        var index = span.lowerBound
        var definite = false
        while index < span.upperBound, tokens[index].isWord {
            let wordClass = wordClass(tokens[index])
            if wordClass.contains(.definite) {
                definite = true
            } else if !wordClass.contains(.determiner) {
                break
            }
            index += 1
        }
        guard index < span.upperBound else { return .unnamed(nil) }
        if index == span.upperBound - 1, wordClass(tokens[index]).contains(.pronoun) { return .pronoun }
        // The head: the last word of the first chunk ("officials at the ministry" → "officials").
        var head = index
        var position = index
        while position < span.upperBound {
            let token = tokens[position]
            if !token.isWord { break }
            let wordClass = wordClass(token)
            if position > index, wordClass.contains(.speakerBreak) || wordClass.contains(.speakerJoin) { break }
            // "a TikTok post viewed 2 million times", "two people briefed on the talks": a past
            // participle after a speaker noun starts what is said of it.
            if position > index, Self.isPastParticiple(token, bytes),
                !self.wordClass(tokens[position - 1]).isDisjoint(with: Self.speakerNouns)
            {
                break
            }
            head = position
            position += 1
        }
        let headClass = wordClass(tokens[head])
        // "The Washington Post", "Daily Mail": a capitalised head is part of a name.
        if provesName(head) { return .named }
        // "the team's doctor", "the company's chief financial officer": one person by role.
        if headClass.contains(.genericSpeaker), !Self.endsWithS(tokens[head], bytes),
            (index..<head).contains(where: { Self.isPossessive(tokens[$0], bytes) })
        {
            return .named
        }
        if headClass.contains(.hearsaySpeaker) { return .unnamed(.hearsay) }
        if headClass.contains(.socialSpeaker) { return .unnamed(.socialMedia) }
        if headClass.contains(.genericSpeaker) { return .unnamed(nil) }
        // "Studies indicate", "Polls show": no study in particular ("the study", "a new ABC News
        // poll" are one).
        if headClass.contains(.genericFinding), !definite, !(index..<head).contains(where: provesName) {
            return .unnamed(nil)
        }
        for position in index..<span.upperBound where provesName(position) {
            let wordClass = wordClass(tokens[position])
            if wordClass.contains(.determiner) || wordClass.contains(.definite) || wordClass.contains(.pronoun) {
                continue
            }
            return .named
        }
        if headClass.contains(.institution) || definite { return .named }
        return .unnamed(nil)
    }

    /// "one of the victims' relatives, Maria Gomez": a name in apposition right after an unnamed
    /// speaker names it.
    func appositiveName(after span: Range<Int>, in tokens: UnsafeBufferPointer<Token>) -> Range<Int>? {
        let comma = span.upperBound
        guard comma + 1 < tokens.count, tokens[comma].kind == .comma, tokens[comma + 1].isWord,
            tokens[comma + 1].capitalized, !tokens[comma + 1].inQuote
        else { return nil }
        var end = comma + 1
        while end < tokens.count, tokens[end].isWord, tokens[end].capitalized || isTitlePeriod(end, in: tokens) {
            end += 1
        }
        while end < tokens.count, isTitlePeriod(end, in: tokens) { end += 1 }
        return end - (comma + 1) >= 2 ? (comma + 1)..<end : nil
    }

    /// "and" inside a name or a list of names: "Fire and Rescue Service", "Russia and Iran".
    private func isNameConjunction(_ index: Int, in tokens: UnsafeBufferPointer<Token>) -> Bool {
        guard index > 0, index + 1 < tokens.count, wordClass(tokens[index]).contains(.speakerJoin) else { return false }
        return tokens[index - 1].isWord && tokens[index - 1].capitalized && tokens[index + 1].isWord
            && tokens[index + 1].capitalized
    }

    /// The period of "Mr. Smith", "Gen. Ali": after a short capitalised word, before a capitalised one.
    func isTitlePeriod(_ index: Int, in tokens: UnsafeBufferPointer<Token>) -> Bool {
        guard tokens[index].kind == .end, tokens[index].end - tokens[index].start == 1, index > 0,
            index + 1 < tokens.count
        else { return false }
        let before = tokens[index - 1]
        let after = tokens[index + 1]
        return before.isWord && before.capitalized && before.end - before.start <= 4 && before.end == tokens[index].start
            && after.isWord && after.capitalized
    }

    /// Whether the speech verb at `verb` has no subject of its own right before it: it comes
    /// after an article ("a saying", "the disputed city"), or after a preposition or "to" (the
    /// lexicon's `subjectless_before`) and is no finite form ("I’ve got to say", "by saying", "a
    /// request for comment"; but "the people he spoke to said", "analysts who weighed in said"
    /// strand the preposition). The words before such a verb are never its speaker: of PolNeAR
    /// train's 17,857 source spans none ends in "of", "for", "at", "in", "on", "by", "the" or
    /// "an" (2 end in "to", 8 in "a").
    func hasNoSubjectBefore(_ verb: Int, in tokens: UnsafeBufferPointer<Token>, bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let before = verb - 1
        guard before >= 0, verb < tokens.count, tokens[before].isWord, !tokens[before].inQuote else { return false }
        let previous = wordClass(tokens[before])
        guard previous.contains(.subjectlessBefore) else { return false }
        if !previous.isDisjoint(with: [.determiner, .definite]) { return true }
        let form = tokens[verb]
        let finite = wordClass(form).contains(.irregularFinite) || Self.hasSuffix(form, bytes, "ed", minimum: 3)
            || (Self.endsWithS(form, bytes) && !Self.hasSuffix(form, bytes, "ss", minimum: 2))
        return !finite
    }

    /// Does `token` end in `suffix` (lowercase ASCII, compared case-insensitively) and hold at
    /// least `minimum` bytes? The word-ending tests below are this one comparison.
    @inline(__always)
    static func hasSuffix(_ token: Token, _ bytes: UnsafeBufferPointer<UInt8>, _ suffix: StaticString, minimum: Int) -> Bool {
        let end = Int(token.end)
        let count = suffix.utf8CodeUnitCount
        guard end - Int(token.start) >= max(minimum, count) else { return false }
        let letters = suffix.utf8Start
        for offset in 0..<count where bytes[end - count + offset] | 0x20 != letters[offset] { return false }
        return true
    }

    /// "published", "speaking": a clause opened by a participle ("The report, published on
    /// Tuesday, said").
    static func isParticiple(_ token: Token, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        hasSuffix(token, bytes, "ed", minimum: 5) || hasSuffix(token, bytes, "ing", minimum: 5)
    }

    /// A lowercase word of five letters or more ending in "-ed" ("viewed", "briefed", "shared").
    static func isPastParticiple(_ token: Token, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        token.kind == .word && !token.capitalized && hasSuffix(token, bytes, "ed", minimum: 5)
    }

    /// A word ending in "-ly" ("newly", "badly").
    static func endsInLy(_ token: Token, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        token.kind == .word && hasSuffix(token, bytes, "ly", minimum: 4)
    }

    /// The word lists whose words head a speaker's noun phrase.
    static let speakerNouns: WordClass = [.genericSpeaker, .hearsaySpeaker, .socialSpeaker, .genericFinding, .institution]

    static func endsWithS(_ token: Token, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes[Int(token.end) - 1] | 0x20 == 0x73
    }

    /// "team's", "team’s", "insurgents’".
    static func isPossessive(_ token: Token, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let end = Int(token.end)
        let start = Int(token.start)
        guard end - start >= 2 else { return false }
        if bytes[end - 1] == 0x27 || bytes[end - 1] == 0x99 && end - start >= 4 && bytes[end - 2] == 0x80 {
            return true
        }
        if bytes[end - 1] | 0x20 == 0x73 {
            if bytes[end - 2] == 0x27 { return true }
            if end - start >= 5, bytes[end - 2] == 0x99, bytes[end - 3] == 0x80, bytes[end - 4] == 0xE2 { return true }
        }
        return false
    }

    /// Steps back over "has", "also", "repeatedly" between a speaker and its verb. An "-ly" word
    /// counts as an adverb only when no determiner precedes it ("the family said" keeps "family").
    private func skipAuxiliaries(
        from start: Int, in tokens: UnsafeBufferPointer<Token>, bytes: UnsafeBufferPointer<UInt8>
    ) -> Int {
        var index = start
        while index >= 0, tokens[index].isWord, !tokens[index].inQuote {
            let token = tokens[index]
            if wordClass(token).contains(.auxiliary) {
                index -= 1
                continue
            }
            let end = Int(token.end)
            let isAdverb = !token.capitalized && end - Int(token.start) >= 5 && bytes[end - 2] == 0x6C
                && bytes[end - 1] == 0x79
            guard isAdverb, index > 0, tokens[index - 1].isWord else { break }
            let previous = wordClass(tokens[index - 1])
            if previous.contains(.determiner) || previous.contains(.definite) { break }
            index -= 1
        }
        return index
    }

    /// For "X, which ..., said": the comma that opens the clause, when the clause looks like an
    /// appositive or relative clause (its first word is in `appositive_starts`).
    private func appositiveStart(
        before comma: Int, in tokens: UnsafeBufferPointer<Token>, bytes: UnsafeBufferPointer<UInt8>
    ) -> Int? {
        var index = comma - 1
        var words = 0
        // Up to 24 words: "An airline official, who asked not to be named because he was not
        // authorised to speak to the media, said" has 16. (16 before; 24 and 32 score the same on
        // PolNeAR dev and the held-out slice, within a span.)
        while index >= 0, words < 24 {
            let token = tokens[index]
            if token.kind == .comma {
                let first = index + 1
                guard first < comma, tokens[first].isWord,
                    wordClass(tokens[first]).contains(.appositiveStart) || Self.isParticiple(tokens[first], bytes)
                else {
                    return nil
                }
                return index
            }
            if !token.isWord, token.kind != .parenOpen, token.kind != .parenClose, token.kind != .dash { return nil }
            if token.inQuote { return nil }
            words += 1
            index -= 1
        }
        return nil
    }
}
