/// Ellipses: `...`, `....`, `…` and the spaced `. . .` of style guides.
///
/// - An ellipsis before a lower-case word, or three spaced dots anywhere, leaves the sentence
///   open ("I wasn’t really ... well", "the thing is . . . I didn’t mean it").
/// - `...`, `....` and `…` before a capitalised word end the sentence ("I never meant that....
///   She left the store.").
/// - Four spaced dots are a period plus an ellipsis. Detached from the word ("with a period . . .
///   . Next sentence.") they all end the sentence; attached to it ("compounds. . . . The
///   practice") the period ends it and the ellipsis opens the next sentence.
/// - `[...]` and `[…]` mark an omission inside a quotation; they end a sentence only before a
///   capitalised word.
extension BoundaryScanner {
    /// The ellipsis starting with the period at `i`, if there is one; returns where scanning
    /// resumes, or `nil` when the period is not part of an ellipsis.
    mutating func ellipsis(at i: Int) -> Int? {
        if i + 1 < n, b[i + 1] == SplitterBytes.period {
            var e = i
            while e < n, b[e] == SplitterBytes.period { e += 1 }
            if e - i == 2 { return nil }
            return afterEllipsis(start: i, end: e, spacedDots: 0)
        }
        if i + 2 < n, b[i + 1] == SplitterBytes.space, b[i + 2] == SplitterBytes.period {
            var e = i + 1
            var dots = 1
            while e + 1 < n, b[e] == SplitterBytes.space, b[e + 1] == SplitterBytes.period {
                dots += 1
                e += 2
            }
            if dots < 3 { return nil }
            return afterEllipsis(start: i, end: e, spacedDots: dots)
        }
        return nil
    }

    /// The ellipsis character U+2026 at `i` (with any periods after it).
    mutating func ellipsisCharacter(at i: Int) -> Int {
        var e = i + 3
        while e < n, b[e] == SplitterBytes.period { e += 1 }
        return afterEllipsis(start: i, end: e, spacedDots: 0)
    }

    /// Decides the boundary after an ellipsis spanning `start..<end`; `spacedDots` counts the
    /// dots of a spaced ellipsis (0 for an unspaced one).
    private mutating func afterEllipsis(start: Int, end: Int, spacedDots: Int) -> Int {
        if start > 0, b[start - 1] == SplitterBytes.openBracket, end < n, b[end] == SplitterBytes.closeBracket {
            // "... crop yields [...] Ozone is ...": an omission followed by a capitalised word
            // ends the sentence, even inside a quotation (sentences-ud train: 2 in 2).
            if end + 1 < n, b.whitespaceLength(at: end + 1) > 0, SplitterBytes.isUpper(b[b.skipWhitespace(from: end + 1)]) {
                cut(at: end + 1)
            }
            return end + 1
        }
        let attached = start > 0 && b.whitespaceBefore(start) == 0
        var e2 = end
        while e2 < n {
            let l = b.closerLength(at: e2)
            if l == 0 { break }
            e2 += l
        }
        if let span = enclosures.enclosing(start), span.close >= e2 { return end }
        guard e2 < n, b.whitespaceLength(at: e2) > 0 else { return e2 }
        if let entryEnd = dotLeaderEntryEnd(start: start, end: end, spacedDots: spacedDots, after: e2) {
            cut(at: entryEnd)
            return entryEnd
        }
        guard classifyNext(b.skipWhitespace(from: e2)) == .capital else { return e2 }
        if spacedDots == 0 {
            cut(at: e2)
        } else if spacedDots >= 4 {
            cut(at: attached ? start + 1 : e2)
        }
        return e2
    }

    /// "Introduction .......... 5 Chapter One .......... 12": a table of contents' dot leader
    /// (four dots or more) and its page number end the entry when a capitalised word follows.
    private func dotLeaderEntryEnd(start: Int, end: Int, spacedDots: Int, after e2: Int) -> Int? {
        guard spacedDots >= 4 || (spacedDots == 0 && end - start >= 4 && b[start] == SplitterBytes.period) else { return nil }
        let k = b.skipWhitespace(from: e2)
        var q = k
        while q < n, q - k <= 4, SplitterBytes.isDigit(b[q]) { q += 1 }
        guard q > k, q - k <= 4, q < n, b.whitespaceLength(at: q) > 0 else { return nil }
        return classifyNext(b.skipWhitespace(from: q)) == .capital ? q : nil
    }
}
