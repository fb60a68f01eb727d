/// Boundaries of running web text that the Golden Rules do not cover, found on the `train`
/// paragraphs of `../shared/eval/sentences-ud` (GUM and EWT) and checked on `dev`:
///
/// - Reference markers after the stop belong to the sentence they close: "... martyr.[1] The
///   emperor", "... in 2009. [2] [3] Fillmore ..."; footnote numbers glued to the stop too:
///   "... in a consultation.11 12 Take the example ...". A marker alone is never a sentence.
/// - Emoticons (`emoticons:`) after the stop belong to the sentence before them ("void. :) Richard").
/// - Web text starts sentences in lower case ("it is in karol bagh. some beautiful locations"):
///   with `end_before_lower_case`, a period after a plain word that is no abbreviation, and a
///   `?`/`!` with no closing quote, end the sentence before a lower-case word.
/// - A URL ends a sentence when a capitalised word or another URL follows ("... chernobyl.html
///   http://www.ibrae.ac.ru ..."): links stand alone in e-mail and answers.
/// - A closing of a letter ends at its comma before a name ("Thanks, Anne"; `closings:`).
/// - CJK and fullwidth full stops (。！？．) end a sentence with no space after them.
/// - A section number alone ("2.1. New Institutional Economics", "10. Jack Welch") ends nothing.
extension BoundaryScanner {
    /// Longest citation marker read ("[123]"), and longest run of footnote numbers.
    static let maxMarkerDigits = 3

    /// The end of the reference markers and emoticons that follow a stop at `p` ("[1]", " [7] [8]",
    /// " :)"), or `nil` when none follows. A marker may be glued to the stop; an emoticon stands
    /// after whitespace and before whitespace or the end of the text.
    func trailers(from p: Int) -> Int? {
        var q = p
        while q < n {
            let s = b.skipWhitespace(from: q)
            guard s < n else { break }
            if let end = citationMarker(at: s) {
                q = end
                continue
            }
            guard s > q, !lex.emoticons.isEmpty else { break }
            var e = s
            while e < n, e - s <= lex.emoticons.maxLength, b.whitespaceLength(at: e) == 0 { e += 1 }
            guard e == n || b.whitespaceLength(at: e) > 0, lex.emoticons.contains(b, s, e) else { break }
            q = e
        }
        return q > p ? q : nil
    }

    /// "[12]", "[citation needed]": the end of a reference marker or editor's note at `p`
    /// (digits, or a few lower-case words), or `nil`.
    func citationMarker(at p: Int) -> Int? {
        guard p + 2 < n, b[p] == SplitterBytes.openBracket else { return nil }
        var q = p + 1
        if SplitterBytes.isDigit(b[q]) {
            while q < n, q - p <= Self.maxMarkerDigits, SplitterBytes.isDigit(b[q]) { q += 1 }
        } else {
            while q < n, q - p <= Self.maxNoteBytes, SplitterBytes.isLower(b[q]) || b[q] == SplitterBytes.space { q += 1 }
        }
        guard q > p + 1, q < n, b[q] == SplitterBytes.closeBracket else { return nil }
        return q + 1
    }

    /// Longest editor's note in brackets ("[better source needed]").
    static let maxNoteBytes = 32

    /// "consultation.11 12 Take", "a publication fee. 8 Yet": footnote numbers after the period
    /// at `i` that follows a word of three lower-case letters or more; returns their end when a
    /// capitalised word follows.
    func footnotes(afterPeriod i: Int) -> Int? {
        guard i >= 3, i + 1 < n else { return nil }
        let first = b.skipWhitespace(from: i + 1)
        guard first < n, SplitterBytes.isDigit(b[first]) else { return nil }
        var w = i
        while w > sentenceStart, SplitterBytes.isLetter(b[w - 1]) { w -= 1 }
        guard i - w >= 3, SplitterBytes.isLower(b[i - 1]), w == 0 || b.whitespaceBefore(w) > 0 || b.openerLength(at: w - 1) > 0,
            !lex.isAbbreviation(b, w, i)
        else { return nil }
        var q = first
        while true {
            let s = q
            while q < n, q - s <= Self.maxMarkerDigits, SplitterBytes.isDigit(b[q]) { q += 1 }
            guard q > s, q - s <= Self.maxMarkerDigits, q < n, b.whitespaceLength(at: q) > 0 else { return nil }
            let k = b.skipWhitespace(from: q)
            guard k < n else { return nil }
            if SplitterBytes.isDigit(b[k]) {
                q = k
                continue
            }
            // "... took office. 14 - Percentage ...": a number that opens a list line is no footnote.
            return SplitterBytes.isUpper(b[k]) && classifyNext(k) == .capital ? q : nil
        }
    }

    /// Whether the stop at `i..<e` (no closing quote after it) ends the sentence before a
    /// lower-case word: `?` and `!` do (unless "Yahoo! in ..."), a period does after a plain word
    /// of two letters or more that is no abbreviation ("it was cold. we left", not "etc. and").
    func endsBeforeLowerCase(at i: Int, end e: Int, strong: Bool) -> Bool {
        guard lex.endBeforeLowerCase else { return false }
        if strong { return !(b[i] == SplitterBytes.exclamation && isExclamationName(before: i)) }
        guard e == i + 1 else { return false }
        let (_, w) = wordStart(before: i)
        guard i - w >= 2 else { return false }
        for k in w..<i where !SplitterBytes.isLetter(b[k]) { return false }
        return !lex.isAbbreviation(b, w, i) && !lex.units.contains(b, w, i)
    }

    /// "2.1. New Institutional Economics", "10. Jack Welch": a section number that is all the
    /// sentence holds so far (digits and periods, starting with a digit).
    func isSectionNumber(_ w: Int, _ i: Int) -> Bool {
        guard i > w, i - w <= 8, SplitterBytes.isDigit(b[w]) else { return false }
        for k in w..<i where !SplitterBytes.isDigit(b[k]) && b[k] != SplitterBytes.period { return false }
        let start = b.skipWhitespace(from: sentenceStart)
        if w == start { return true }
        // "Figure 1. Original and mutant ...": a caption's label, one capitalised word and a number.
        guard SplitterBytes.isUpper(b[start]) else { return false }
        var q = start + 1
        while q < w, q - start < 32, SplitterBytes.isLetter(b[q]) { q += 1 }
        return q < w && b.skipWhitespace(from: q) == w
    }

    /// "am 3. Oktober", "im 19. Jahrhundert" (`ordinals:`): the number before the period at `i`
    /// is an ordinal when the next word is listed, or when the number is short and the next
    /// word is no sentence starter.
    func isOrdinal(_ w: Int, _ i: Int, nextStart k: Int) -> Bool {
        guard lex.ordinalMaxDigits > 0 || !lex.ordinalBefore.isEmpty, i > w else { return false }
        for p in w..<i where !SplitterBytes.isDigit(b[p]) { return false }
        var q = k
        while q < n, SplitterBytes.isLetter(b[q]) || b[q] >= 0x80 { q += 1 }
        if lex.ordinalBefore.contains(b, k, q) { return true }
        return i - w <= lex.ordinalMaxDigits && !startsSentence(at: k)
    }

    /// "http://...", "https://...": the URL whose "://" starts at `i`; returns its end, after
    /// cutting there when a capitalised word or another URL follows.
    mutating func url(colonAt i: Int) -> Int? {
        guard i + 2 < n, b[i + 1] == UInt8(ascii: "/"), b[i + 2] == UInt8(ascii: "/") else { return nil }
        var s = i
        while s > 0, i - s < 6, SplitterBytes.isLetter(b[s - 1]) { s -= 1 }
        guard i - s >= 3, s == 0 || b.whitespaceBefore(s) > 0 || b.openerLength(at: s - 1) > 0 else { return nil }
        return afterURL(tokenEnd(from: i))
    }

    /// "www.example.org": the URL whose "www" ends at the period `i`, as `url(colonAt:)`.
    mutating func url(wwwBefore i: Int) -> Int? {
        guard i >= 3, i + 1 < n, SplitterBytes.isLetter(b[i + 1]) else { return nil }
        let s = i - 3
        guard SplitterBytes.lowered(b[s]) == UInt8(ascii: "w"), SplitterBytes.lowered(b[s + 1]) == UInt8(ascii: "w"),
            SplitterBytes.lowered(b[s + 2]) == UInt8(ascii: "w"),
            s == 0 || b.whitespaceBefore(s) > 0 || b.openerLength(at: s - 1) > 0
        else { return nil }
        return afterURL(tokenEnd(from: i))
    }

    private func tokenEnd(from i: Int) -> Int {
        var e = i
        while e < n, b.whitespaceLength(at: e) == 0 { e += 1 }
        return e
    }

    private mutating func afterURL(_ end: Int) -> Int {
        guard end < n, enclosures.enclosing(end - 1) == nil else { return end }
        let k = b.skipWhitespace(from: end)
        guard k < n, k > end else { return end }
        var isURL = b.matches(Self.www, at: k)
        if !isURL {
            var q = k
            while q < n, q - k < 6, SplitterBytes.isLetter(b[q]) { q += 1 }
            isURL = q - k >= 3 && b.matches(Self.schemeSeparator, at: q)
        }
        if isURL || (SplitterBytes.isUpper(b[k]) && classifyNext(k) == .capital) { cut(at: end) }
        return end
    }

    private static let www = Array("www.".utf8)
    private static let schemeSeparator = Array("://".utf8)

    /// "Thanks, Anne", "Best regards, Jeff": the comma at `i` closes a letter when the sentence so
    /// far is one of the `closings` and a name follows (a capitalised word that is no sentence
    /// starter and does not end in a stop: "Thanks, Kim." is one sentence).
    mutating func closing(commaAt i: Int) {
        // Bounded work per comma: a closing starts within a few bytes of the sentence start.
        guard i - sentenceStart <= lex.closings.maxLength + 64 else { return }
        let s = b.skipWhitespace(from: sentenceStart)
        guard i > s, i - s <= lex.closings.maxLength, lex.closings.contains(b, s, i) else { return }
        guard i + 1 < n, b.whitespaceLength(at: i + 1) > 0 else { return }
        let k = b.skipWhitespace(from: i + 1)
        guard k < n, SplitterBytes.isUpper(b[k]), !startsSentence(at: k) else { return }
        // "Thank you, Madam Speaker.": a name that ends in a stop is an address, not a signature.
        var q = k
        for _ in 0..<3 {
            while q < n, b.whitespaceLength(at: q) == 0, !SplitterBytes.isTerminal(b[q]) { q += 1 }
            if q < n, SplitterBytes.isTerminal(b[q]) { return }
            q = b.skipWhitespace(from: q)
            guard q < n, SplitterBytes.isUpper(b[q]) else { break }
        }
        cut(at: i + 1)
    }

    /// The CJK or fullwidth full stop at `i` (。！？．｡ and repeats), with the closing marks after
    /// it; cuts after them unless inside quotes or at the end. Returns where scanning resumes,
    /// or `nil` when `i` starts no full stop.
    mutating func fullStop(at i: Int) -> Int? {
        guard isFullStop(i) else { return nil }
        var e = i + 3
        while e + 2 < n, isFullStop(e) { e += 3 }
        while e < n {
            let l = cjkCloserLength(at: e)
            if l == 0 { break }
            e += l
        }
        if let span = enclosures.enclosing(i), span.close >= e { return e }
        guard b.skipWhitespace(from: e) < n else { return e }
        // "１．５": a fullwidth period between digits is a decimal point.
        if b[i] == 0xEF, b[i + 2] == 0x8E, e + 2 < n, b[e] == 0xEF, b[e + 1] == 0xBC, b[e + 2] >= 0x90, b[e + 2] <= 0x99 {
            return e
        }
        cut(at: e)
        return e
    }

    private func isFullStop(_ i: Int) -> Bool {
        guard i + 2 < n else { return false }
        if b[i] == 0xE3 { return b[i + 1] == 0x80 && b[i + 2] == 0x82 }
        guard b[i] == 0xEF else { return false }
        if b[i + 1] == 0xBC { return b[i + 2] == 0x81 || b[i + 2] == 0x9F || b[i + 2] == 0x8E }
        return b[i + 1] == 0xBD && b[i + 2] == 0xA1
    }

    /// Closing marks after a CJK stop: the ASCII and curly ones, 」 』 》 〉 and fullwidth ）.
    private func cjkCloserLength(at i: Int) -> Int {
        let l = b.closerLength(at: i)
        if l > 0 { return l }
        guard i + 2 < n else { return 0 }
        if b[i] == 0xE3, b[i + 1] == 0x80, [0x8D, 0x8F, 0x8B, 0x89].contains(b[i + 2]) { return 3 }
        if b[i] == 0xEF, b[i + 1] == 0xBC, b[i + 2] == 0x89 { return 3 }
        return 0
    }

    /// "Figure 1.5 Residents of Boxborough ...": a caption's label and number at the start of a
    /// line (`caption_labels:`) are a sentence of their own when a capitalised word follows
    /// (sentences-ud train: 14 in 16). "Figure 1. Original ..." (number closed by a period) is not.
    mutating func captionLabel(at p: Int) {
        guard !lex.captionLabels.isEmpty, p < n, SplitterBytes.isUpper(b[p]) else { return }
        var q = p
        while q < n, SplitterBytes.isLetter(b[q]) { q += 1 }
        let word = q
        if q < n, b[q] == SplitterBytes.period { q += 1 }
        guard q + 1 < n, b[q] == SplitterBytes.space, SplitterBytes.isDigit(b[q + 1]), lex.captionLabels.contains(b, p, word) else { return }
        q += 1
        let s = q
        while q < n, q - s <= 8, SplitterBytes.isDigit(b[q]) || (b[q] == SplitterBytes.period && q > s) { q += 1 }
        guard q > s, q < n, SplitterBytes.isDigit(b[q - 1]), b.whitespaceLength(at: q) > 0 else { return }
        let k = b.skipWhitespace(from: q)
        guard k < n, SplitterBytes.isUpper(b[k]) else { return }
        cut(at: q)
    }

    /// "... 10/23/2000 12:12 PM Finally completed tonight": a time of day written with AM or PM
    /// and no periods ends the sentence before a capitalised word that is no time zone ("5:00 PM
    /// EST"); sentences-ud train: 152 in 160. ("a.m." and "p.m." are `abbreviations.time`.)
    mutating func timeOfDay(before k: Int) {
        let t = k - 1
        let a = b[t - 2] | 0x20
        guard a == UInt8(ascii: "a") || a == UInt8(ascii: "p") else { return }
        var d = t - 3
        if d >= 0, b[d] == SplitterBytes.space { d -= 1 }
        guard d >= 0, SplitterBytes.isDigit(b[d]), t - 2 > sentenceStart else { return }
        var q = k
        while q < n, SplitterBytes.isLetter(b[q]) { q += 1 }
        guard !lex.timeZones.contains(b, k, q), enclosures.enclosing(k) == nil else { return }
        cut(at: t)
    }
}
