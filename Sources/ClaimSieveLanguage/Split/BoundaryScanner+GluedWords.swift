/// Text glued by broken markup: "... and had not fleAbu Mohammad al-Golani, a leader of ..." is
/// two sentences, cut before "Abu".
///
/// A lower-case letter directly followed by a capital is a glue point when
/// - the lower-case head starts the word (so "McCain", "YouTube", "DeSantis", "PlayStation",
///   whose heads are capitalised, never split) and has at least `min_head_letters` letters
///   ("iPhone", "eBay" are too short);
/// - the head is not a name prefix (`glued_words.prefixes`: "van", "mac", ...) and the word is not
///   a known name (`glued_words.words`: "easyJet", ...);
/// - the glued word is capitalised (upper then lower case; "macOS" is not);
/// - it opens a sentence: it is a sentence starter ("destroyedThe army") or another capitalised
///   word follows it ("fleAbu Mohammad").
extension BoundaryScanner {
    /// Checks the capital at `i` (after a lower-case letter) and cuts before it when glued.
    mutating func gluedWord(at i: Int) {
        var s = i - 1
        while s > 0, SplitterBytes.isLower(b[s - 1]) { s -= 1 }
        guard i - s >= lex.minGluedHeadLetters else { return }
        if s > 0 {
            let wordStartsHere = b.whitespaceBefore(s) > 0 || b.openerLength(at: s - 1) == 1
                || (s >= 3 && b.openerLength(at: s - 3) == 3)
            guard wordStartsHere else { return }
        }
        guard i + 1 < n, SplitterBytes.isLower(b[i + 1]) else { return }
        var t = i + 1
        while t < n, SplitterBytes.isLower(b[t]) { t += 1 }
        var wordEnd = t
        while wordEnd < n, SplitterBytes.isLetter(b[wordEnd]) { wordEnd += 1 }
        guard !lex.gluedPrefixes.contains(b, s, i), !lex.gluedWords.contains(b, s, wordEnd) else { return }
        let opensSentence = lex.sentenceStarters.contains(b, i, t)
            || (t + 1 < n && b[t] == SplitterBytes.space && SplitterBytes.isUpper(b[t + 1]))
        guard opensSentence else { return }
        cut(at: i)
    }
}
