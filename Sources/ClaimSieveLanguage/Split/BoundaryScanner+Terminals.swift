/// Sentence punctuation: `.`, `!`, `?` and the words before them.
///
/// - `!` and `?` (also `!!`, `?!`) end a sentence unless a lower-case word follows
///   ("Yahoo! in the accounting department") or the "!" belongs to a name ("Yahoo! Research",
///   `exclamation_names`).
/// - `.` ends a sentence before a capitalised word, a number or an opening quote, unless the
///   word before it says otherwise (`periodEndsSentence`): a title ("Mr."), an abbreviation that
///   takes a number ("p. 55"), an initial ("Jonas E. Smith"), a dotted abbreviation ("U.S.
///   Government") or a short fragment ("At 5 a.m. Mr. Smith went ...").
/// - Inside quotes or brackets nothing ends unless the punctuation closes them.
/// - A missing space ends a sentence too ("Hello world.Today is Tuesday.").
extension BoundaryScanner {
    /// How far a token is read around a period: longer "words" (a minified blob) are not
    /// abbreviations, and the bound keeps the scan linear on hostile input.
    static let maxTokenBytes = 256

    /// What the next word looks like, after whitespace and opening quotes.
    enum Next {
        case end, lower, capital, digit, other
    }

    /// Handles the punctuation at `i`; returns where scanning resumes.
    mutating func terminal(at i: Int) -> Int {
        if b[i] == SplitterBytes.period, let resume = ellipsis(at: i) { return resume }
        if b[i] == SplitterBytes.period, let resume = url(wwwBefore: i) { return resume }
        var e = i
        var strong = false
        while e < n, SplitterBytes.isTerminal(b[e]) {
            if b[e] != SplitterBytes.period { strong = true }
            e += 1
        }
        var e2 = e
        while e2 < n {
            // `„Wir schaffen das.“ Die Kanzlerin ...`: right after the stop, German “ and ‘ close.
            var l = b.closerLength(at: e2)
            if l == 0, e2 + 2 < n, b[e2] == 0xE2, b[e2 + 1] == 0x80, b[e2 + 2] == 0x9C || b[e2 + 2] == 0x98 { l = 3 }
            if l == 0 { break }
            e2 += l
        }
        if let span = enclosures.enclosing(i), span.close >= e2 { return e }
        guard e2 < n else { return e2 }
        let quoted = e2 > e
        if !strong, e == i + 1, !quoted, let end = footnotes(afterPeriod: i) {
            cut(at: end)
            return end
        }
        // "martyr.[1] The", "in 2009. [2] [3] He", "void. :) Richard": markers stay with the sentence.
        let marked = trailers(from: e2)
        if let marked {
            e2 = marked
            guard e2 < n, b.skipWhitespace(from: e2) < n else { return e2 }
        }
        if b.whitespaceLength(at: e2) == 0 {
            if missingSpaceEndsSentence(at: i, closersEnd: e2, closers: e2 > e) { cut(at: e2) }
            return e2
        }
        let k = b.skipWhitespace(from: e2)
        let next = classifyNext(k)
        if next == .lower {
            // "... Mark E. Smith. a. here it is b. another": a lettered list may follow.
            if k + 1 < n, b[k + 1] == SplitterBytes.period || b[k + 1] == SplitterBytes.closeParen, SplitterBytes.isLower(b[k]) {
                let before = markers.count
                sentenceStart(at: k)
                if markers.count > before {
                    cut(at: e2)
                    return e2
                }
            }
            // `... Iraq Terrorists?" (also see this thread)`: a closed quote, then a parenthesis.
            // "... and -- at last! -- the convoy arrived": a dash goes on with the sentence.
            if (quoted && b[k] == SplitterBytes.openParen) || (!quoted && dashEnd(at: k) == nil && endsBeforeLowerCase(at: i, end: e, strong: strong)) {
                cut(at: e2)
            }
            return e2
        }
        if next == .end { return e2 }
        if strong, e == i + 1, b[i] == SplitterBytes.exclamation, isExclamationName(before: i), !startsSentence(at: k) {
            return e2
        }
        if strong || periodEndsSentence(at: i, next: next, nextStart: k, closed: e2 > e) {
            cut(at: e2)
            sentenceStart(at: k)
        }
        return e2
    }

    /// "Yahoo! Research": the word before the "!" is a name spelt with it.
    func isExclamationName(before i: Int) -> Bool {
        var w = i
        while w > sentenceStart, SplitterBytes.isLetter(b[w - 1]) { w -= 1 }
        return w < i && lex.exclamationNames.contains(b, w, i)
    }

    /// Classifies the word starting at `k`, looking through opening quotes and brackets.
    func classifyNext(_ k: Int) -> Next {
        var p = k
        // "voila! -- you have cake" / "What do you see? - Posted like ...": look past a dash.
        if let afterDash = dashEnd(at: p), afterDash < n, b.whitespaceLength(at: afterDash) > 0 {
            p = b.skipWhitespace(from: afterDash)
        }
        // "(b) Hello world.": an enumerator in parentheses starts an item.
        if p < n, b[p] == SplitterBytes.openParen {
            var q = p + 1
            while q < n, q - p <= 4, SplitterBytes.isAlphanumeric(b[q]) { q += 1 }
            if q > p + 1, q < n, b[q] == SplitterBytes.closeParen, isEnumerator(p + 1, q) { return .capital }
        }
        while p < n {
            let o = b.openerLength(at: p)
            if o == 0 { break }
            p += o
        }
        guard p < n else { return k < n ? .other : .end }
        let c = b[p]
        if SplitterBytes.isLower(c) { return .lower }
        if SplitterBytes.isUpper(c) { return .capital }
        if SplitterBytes.isDigit(c) { return .digit }
        if (c == 0xD0 || c == 0xD1), p + 1 < n {
            // Cyrillic: А-Я upper case, а-я lower case ("1 ст. л. масла").
            let d = b[p + 1]
            if c == 0xD0 && d >= 0x90 && d <= 0xAF { return .capital }
            if (c == 0xD0 && d >= 0xB0) || (c == 0xD1 && d <= 0x8F) { return .lower }
        }
        if c == 0xC3, p + 1 < n {
            // Latin-1 letters: À-Þ upper case, ß-ÿ lower case (× and ÷ are not letters).
            let d = b[p + 1]
            if d >= 0x80 && d <= 0x9E && d != 0x97 { return .capital }
            if d >= 0x9F && d != 0xB7 { return .lower }
        }
        return .other
    }

    /// End of a dash at `p` ("-", "--", "–", "—"), or `nil`.
    func dashEnd(at p: Int) -> Int? {
        guard p < n else { return nil }
        if b[p] == UInt8(ascii: "-") {
            var q = p
            while q < n, b[q] == UInt8(ascii: "-") { q += 1 }
            return q - p <= 2 ? q : nil
        }
        if b[p] == 0xE2, p + 2 < n, b[p + 1] == 0x80, b[p + 2] == 0x93 || b[p + 2] == 0x94 { return p + 3 }
        return nil
    }

    /// "1", "b", "iv", "B": a list enumerator (a number, one letter or a lower-case roman numeral).
    func isEnumerator(_ from: Int, _ to: Int) -> Bool {
        if (from..<to).allSatisfy({ SplitterBytes.isDigit(b[$0]) }) { return to - from <= 2 }
        if to - from == 1 { return SplitterBytes.isLetter(b[from]) }
        return (from..<to).allSatisfy { "ivxl".utf8.contains(b[$0]) }
    }

    /// Start of the whitespace-delimited token that ends at `end`, after its opening marks; a
    /// token never reaches back into the previous sentence ("Tuesday.Mr." is read as "Mr.").
    func wordStart(before end: Int) -> (token: Int, word: Int) {
        var s = end
        let limit = max(sentenceStart, end - Self.maxTokenBytes)
        while s > limit, b.whitespaceBefore(s) == 0 { s -= 1 }
        var w = s
        while w < end {
            let o = b.openerLength(at: w)
            if o == 0 { break }
            w += o
        }
        return (s, w)
    }

    /// Whether a single period at `i`, followed by whitespace and a word of kind `next` starting
    /// at `k`, ends the sentence. The word before the period decides; `closed` says a quote or
    /// bracket closed right after the period.
    func periodEndsSentence(at i: Int, next: Next, nextStart k: Int, closed: Bool = false) -> Bool {
        let (token, w) = wordStart(before: i)
        let length = i - w
        guard length > 0 else { return true }
        // "DEKALB, Ill. — Mike Glass threw ...": a dash after a short opening is a dateline's.
        if dashEnd(at: k) != nil, !enoughWords(before: i) { return false }
        // "Mr. Smith", "Mt. Fuji", "St. Michael's": a title never ends a sentence.
        if lex.prepositive.contains(b, w, i) { return false }
        // "2.1. New Institutional Economics": a section number opening the sentence.
        if isSectionNumber(w, i) { return false }
        // "am 3. Oktober" (German ordinals).
        if next == .capital, isOrdinal(w, i, nextStart: k) { return false }
        // `He said “no.” Then ...`: a quote closed after the period, then a capital, ends the
        // sentence even when the word could be an abbreviation ("No." only binds to a number).
        if closed, next == .capital { return true }
        // "p. 55", "No. 5", "N°. 1026", "Jan. 5".
        if next == .digit, lex.numeric.contains(b, w, i) || (length == 1 && SplitterBytes.isLetter(b[w])) {
            return false
        }
        // "U.S.", "a.m.", "e.g.", "Ph.D."
        if isDottedAbbreviation(w, i) {
            if lex.neverFinal.contains(b, w, i) { return false }
            guard next == .capital, enoughWords(before: i) else { return false }
            if lex.time.contains(b, w, i) { return !startsWithTimeZone(at: k) }
            return startsSentence(at: k)
        }
        // "Jonas E. Smith" (an initial) or "you and I. Did you ..." (a sentence end).
        if length == 1, SplitterBytes.isLetter(b[w]) {
            return initialEndsSentence(letter: b[w], tokenStart: token, next: next, nextStart: k)
        }
        // "Jane and co. They should know." but "Pitt, Briggs & Co. at noon" and "The GmbH &
        // Co. KG is ...": after an abbreviation only a sentence starter opens a new sentence.
        // "Um, no. Just one." / "No. Keys?": an abbreviation that only binds to a number is a word
        // before a capitalised word, however short the sentence (sentences-ud train: 21 in 22).
        if next == .capital, lex.numeric.contains(b, w, i), !lex.general.contains(b, w, i) { return true }
        if lex.general.contains(b, w, i) || lex.numeric.contains(b, w, i)
            || (lex.units.contains(b, w, i) && previousTokenIsNumber(before: token))
        {
            return next == .capital && enoughWords(before: i) && startsSentence(at: k)
        }
        // "She has $100.00. 5 more ..." ends; "Rs. 16720", "Art. 5" (short, likely abbreviations) do not.
        if next == .digit {
            return SplitterBytes.isDigit(b[w]) || b[w] == UInt8(ascii: "$") || length >= 4
        }
        return true
    }

    /// Letters in groups of one or two separated by single periods: "U.S", "a.m", "Ph.D".
    func isDottedAbbreviation(_ from: Int, _ to: Int) -> Bool {
        var group = 0
        var groups = 0
        for k in from..<to {
            let c = b[k]
            if SplitterBytes.isLetter(c) {
                group += 1
                if group > 2 { return false }
            } else if c == SplitterBytes.period {
                if group == 0 { return false }
                groups += 1
                group = 0
            } else {
                return false
            }
        }
        return groups >= 1 && group > 0
    }

    /// An initial ends a sentence only when it cannot be part of a name: the word before it is
    /// lower case ("you and I.") and the next word opens sentences ("Did", "The") or the
    /// initial is the pronoun I.
    func initialEndsSentence(letter: UInt8, tokenStart: Int, next: Next, nextStart k: Int) -> Bool {
        guard next == .capital else { return false }
        guard letter == UInt8(ascii: "I") || startsSentence(at: k) else { return false }
        var p = tokenStart
        while p > sentenceStart, b.whitespaceBefore(p) > 0 { p -= b.whitespaceBefore(p) }
        guard p > sentenceStart else { return false }
        let (_, w) = wordStart(before: p)
        // "z. B. Die Zeit", "u. a. Der": the word before is itself an abbreviation's letter.
        return SplitterBytes.isLower(b[w]) && b[p - 1] != SplitterBytes.period
    }

    /// Whether the sentence so far has enough words to end at an abbreviation.
    func enoughWords(before i: Int) -> Bool {
        var words = 0
        var inWord = false
        var k = sentenceStart
        while k < i {
            let w = b.whitespaceLength(at: k)
            if w > 0 {
                inWord = false
                k += w
            } else {
                if !inWord {
                    words += 1
                    if words >= lex.minWordsBeforeAbbreviation { return true }
                }
                inWord = true
                k += 1
            }
        }
        return false
    }

    /// Whether the word at `k` is one of the `sentence_starters` ("How", "The", "It").
    func startsSentence(at k: Int) -> Bool {
        var p = k
        while p < n {
            let o = b.openerLength(at: p)
            if o == 0 { break }
            p += o
        }
        var q = p
        while q < n, SplitterBytes.isLetter(b[q]) { q += 1 }
        return q > p && lex.sentenceStarters.contains(b, p, q)
    }

    /// "9 a.m. EST": a time zone after a time of day.
    func startsWithTimeZone(at k: Int) -> Bool {
        var q = k
        while q < n, SplitterBytes.isLetter(b[q]) { q += 1 }
        return q > k && lex.timeZones.contains(b, k, q)
    }

    func previousTokenIsNumber(before token: Int) -> Bool {
        var p = token
        while p > 0, b.whitespaceBefore(p) > 0 { p -= b.whitespaceBefore(p) }
        return p > 0 && SplitterBytes.isDigit(b[p - 1])
    }

    /// "Hello world.Today is Tuesday.Mr. Smith ... 1,000.That is a lot.": punctuation directly
    /// followed by a capitalised word ends a sentence, unless the token is an e-mail address,
    /// a URL or a domain ("Jane.Doe@example.com"), or the word before is an abbreviation or an
    /// initial ("St.Louis", "U.S.A", "Ph.D").
    func missingSpaceEndsSentence(at i: Int, closersEnd p: Int, closers: Bool) -> Bool {
        guard p + 1 < n, i > 0, SplitterBytes.isUpper(b[p]) else { return false }
        let q = b[p + 1]
        guard SplitterBytes.isLower(q) || (b[p] == UInt8(ascii: "I") && (q == SplitterBytes.space || q == SplitterBytes.singleQuote))
        else { return false }
        let before = b[i - 1]
        guard SplitterBytes.isLower(before) || SplitterBytes.isDigit(before) || closers else { return false }
        if isURLLike(around: i) { return false }
        var w = i
        while w > 0, SplitterBytes.isAlphanumeric(b[w - 1]) { w -= 1 }
        if i - w <= 2, w > 0, b[w - 1] == SplitterBytes.period { return false }
        if i - w == 1, SplitterBytes.isLetter(b[w]) { return false }
        return !lex.isAbbreviation(b, w, i)
    }

    /// The whitespace-delimited token around `i` is an e-mail address, a URL or a domain name.
    func isURLLike(around i: Int) -> Bool {
        var s = i
        while s > max(0, i - Self.maxTokenBytes), b.whitespaceBefore(s) == 0 { s -= 1 }
        var e = i
        while e < min(n, i + Self.maxTokenBytes), b.whitespaceLength(at: e) == 0 { e += 1 }
        if e - s >= 4, SplitterBytes.lowered(b[s]) == UInt8(ascii: "w"), SplitterBytes.lowered(b[s + 1]) == UInt8(ascii: "w"),
            SplitterBytes.lowered(b[s + 2]) == UInt8(ascii: "w"), b[s + 3] == SplitterBytes.period
        {
            return true
        }
        var k = s
        while k < e {
            let c = b[k]
            if c == UInt8(ascii: "@") { return true }
            if c == UInt8(ascii: ":"), k + 2 < e, b[k + 1] == UInt8(ascii: "/"), b[k + 2] == UInt8(ascii: "/") {
                return true
            }
            // "example.com/..." or "news.example.org": a lower-case domain ending after a period.
            if c == SplitterBytes.period, k + 1 < e, SplitterBytes.isLower(b[k + 1]) {
                var q = k + 1
                while q < e, SplitterBytes.isLower(b[q]) { q += 1 }
                if lex.domainEndings.contains(b, k + 1, q),
                    q == e || b[q] == UInt8(ascii: "/") || b[q] == UInt8(ascii: ":")
                {
                    return true
                }
            }
            k += 1
        }
        return false
    }
}
