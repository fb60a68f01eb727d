/// List items: numbered ("1.", "1)", "1.)"), lettered ("a.", "b)") and bulleted ("•", "⁃").
///
/// A list starts with a marker at the start of a line, right after a bullet, or after a sentence
/// end when the list goes on. Its next markers on the same line ("1. The first item 2. The second item") each start a new sentence, and
/// a marker's own period ends nothing. A bullet (listed in `bullets:` of `en-splitter.yml`)
/// standing after whitespace always starts a new sentence.
extension BoundaryScanner {
    /// How far the next items of a list are looked for: a list item is shorter than this, and
    /// the bound keeps the scan linear on hostile input.
    static let maxListLineBytes = 4096

    /// A marker's value and punctuation, e.g. `(2, ".)")`.
    struct MarkerShape: Equatable {
        var value: Int
        var letter: Bool
        var style: UInt8
    }

    /// The marker starting at `p`, if any: up to two digits or one lower-case letter, then `.`,
    /// `)` or `.)`, then whitespace and a word that is not a number. A lettered marker with a
    /// period ("a. The first item") needs a capital after it unless `loose`.
    func listMarker(at p: Int, loose: Bool = false) -> (shape: MarkerShape, end: Int)? {
        guard p < n else { return nil }
        var q = p
        var value = 0
        var letter = false
        if SplitterBytes.isDigit(b[q]) {
            while q < n, SplitterBytes.isDigit(b[q]) {
                // A marker has at most two digits; stop before a long number can overflow.
                guard q - p < 2 else { return nil }
                value = value * 10 + Int(b[q] - 0x30)
                q += 1
            }
        } else if SplitterBytes.isLower(b[q]) {
            value = Int(b[q] - 0x61) + 1
            letter = true
            q += 1
        } else {
            return nil
        }
        guard q < n else { return nil }
        let style: UInt8
        if b[q] == SplitterBytes.period, q + 1 < n, b[q + 1] == SplitterBytes.closeParen {
            style = 2
            q += 2
        } else if b[q] == SplitterBytes.closeParen {
            style = 1
            q += 1
        } else if b[q] == SplitterBytes.period {
            style = 0
            q += 1
        } else {
            return nil
        }
        guard q < n, b.whitespaceLength(at: q) > 0 else { return nil }
        let r = b.skipWhitespace(from: q)
        guard r < n, !SplitterBytes.isDigit(b[r]) else { return nil }
        if letter, style == 0, !loose, !SplitterBytes.isUpper(b[r]) { return nil }
        return (MarkerShape(value: value, letter: letter, style: style), q)
    }

    /// Called where a line (or a bulleted item) starts: a marker there starts a list.
    mutating func lineStart(at p: Int, afterBreak: Bool) {
        startList(at: p, requireContinuation: false)
        captionLabel(at: p)
    }

    /// Called where a sentence has just ended: a marker there starts a list only if the list
    /// goes on ("Finally, this. 1. The first item 2. The second item").
    mutating func sentenceStart(at p: Int) {
        guard p < n, SplitterBytes.isAlphanumeric(b[p]) else { return }
        if markerCursor < markers.count, markers[markerCursor].start <= p { return }
        startList(at: p, requireContinuation: true)
    }

    /// Records a list whose first marker is at `p` and finds its next markers on this line.
    /// Without a next marker, only a strict marker at a line start counts as a list.
    mutating func startList(at p: Int, requireContinuation: Bool) {
        guard let (shape, end) = listMarker(at: p, loose: true) else { return }
        var found: [Marker] = []
        var expected = shape
        expected.value += 1
        var q = end
        let limit = min(n, end + Self.maxListLineBytes)
        while q < limit, b[q] != SplitterBytes.newline {
            if b.whitespaceBefore(q) > 0, SplitterBytes.isAlphanumeric(b[q]), let (next, nextEnd) = listMarker(at: q, loose: true),
                next == expected
            {
                // After a bullet the bullet has already started the item.
                found.append(Marker(start: q, end: nextEnd, cutBefore: !bulletBefore(q)))
                expected.value += 1
                q = nextEnd
                continue
            }
            q += 1
        }
        if found.isEmpty, requireContinuation || listMarker(at: p) == nil { return }
        markers.append(Marker(start: p, end: end, cutBefore: false))
        markers.append(contentsOf: found)
        if markers.count - markerCursor > 1 {
            let pending = markers[markerCursor...].sorted { $0.start < $1.start }
            markers.removeSubrange(markerCursor...)
            for marker in pending where markers.last.map({ $0.start != marker.start }) ?? true {
                markers.append(marker)
            }
        }
    }

    /// Whether a bullet stands right before `p` (whitespace allowed between).
    func bulletBefore(_ p: Int) -> Bool {
        var q = p
        while q > 0, b.whitespaceBefore(q) > 0 { q -= b.whitespaceBefore(q) }
        for mark in lex.bullets where q >= mark.count && b.matches(mark, at: q - mark.count) { return true }
        return false
    }

    /// The bullet at `i`, if it starts an item: cuts before it and returns where scanning resumes.
    mutating func bullet(at i: Int) -> Int? {
        for mark in lex.bullets where b.matches(mark, at: i) {
            guard i == 0 || b.whitespaceBefore(i) > 0 else { return i + mark.count }
            cut(at: i)
            let p = b.skipWhitespace(from: i + mark.count)
            if markerCursor >= markers.count || markers[markerCursor].start != p {
                startList(at: p, requireContinuation: false)
            }
            return i + mark.count
        }
        return nil
    }

    /// Whether a line starting at `p` is a list item (a line break before it is never joined).
    func startsListItem(at p: Int) -> Bool {
        guard p < n else { return false }
        if listMarker(at: p) != nil { return true }
        // "ii) Hello", "(iv) Hello", "(B) Hello": enumerators that only a line start tells apart.
        var q = p
        if b[q] == SplitterBytes.openParen { q += 1 }
        var e = q
        while e < n, e - q < 4, SplitterBytes.isAlphanumeric(b[e]) { e += 1 }
        if e > q, e + 1 < n, b[e] == SplitterBytes.closeParen || (b[e] == SplitterBytes.period && q == p),
            b.whitespaceLength(at: e + 1) > 0, isEnumerator(q, e)
        {
            return true
        }
        for mark in lex.bullets where b.matches(mark, at: p) { return true }
        let c = b[p]
        return (c == UInt8(ascii: "-") || c == UInt8(ascii: "*")) && p + 1 < n && b[p + 1] == SplitterBytes.space
    }
}
