/// One pass over a text's UTF-8 bytes that decides where sentences end.
///
/// The main loop skips ordinary bytes with one table load each and stops only at the bytes that
/// can matter: sentence punctuation, line breaks, capital letters (glued words) and a few
/// multi-byte marks (… and bullets). Each rule lives in its own extension file:
///
/// | rule | file |
/// |---|---|
/// | `.` `!` `?`, abbreviations, missing spaces | `BoundaryScanner+Terminals.swift` |
/// | `...` `. . .` `…` | `BoundaryScanner+Ellipses.swift` |
/// | `1.)` `a.` `•` list items | `BoundaryScanner+Lists.swift` |
/// | line breaks | `BoundaryScanner+LineBreaks.swift` |
/// | `fleAbu Mohammad` (text glued by markup) | `BoundaryScanner+GluedWords.swift` |
/// | quotes and brackets | `EnclosureSpans.swift` |
///
/// The word lists come from `SplitterLexicon` (compiled from `en-splitter.yml`).
struct BoundaryScanner {
    /// Bits of `SplitterLexicon.interest`: why the scanner stops at a byte.
    enum Interest {
        static let terminal: UInt8 = 1
        static let newline: UInt8 = 2
        static let upper: UInt8 = 4
        static let special: UInt8 = 8
    }

    /// A list item's marker ("2.", "b)", "10.)"): its punctuation ends nothing, and a sentence
    /// ends before it when it continues a list.
    struct Marker {
        var start: Int
        var end: Int
        var cutBefore: Bool
    }

    let b: UnsafeBufferPointer<UInt8>
    let n: Int
    let lex: SplitterLexicon
    let joinLineBreaks: Bool
    /// Sentence ends (exclusive byte offsets), in increasing order.
    private(set) var cuts: [Int] = []
    /// Start of the sentence being read: the last cut.
    var sentenceStart = 0
    var enclosures: EnclosureSpans
    var markers: [Marker] = []
    var markerCursor = 0

    init(_ b: UnsafeBufferPointer<UInt8>, lexicon: SplitterLexicon, joinLineBreaks: Bool) {
        self.b = b
        n = b.count
        lex = lexicon
        self.joinLineBreaks = joinLineBreaks
        enclosures = EnclosureSpans(b, maxBytes: lexicon.maxEnclosureBytes)
    }

    /// Ends a sentence at `p` (a byte offset). Cuts never go backwards.
    mutating func cut(at p: Int) {
        guard p > sentenceStart else { return }
        cuts.append(p)
        sentenceStart = p
    }

    /// Runs the rules over the whole text; returns the sentence ends.
    mutating func scan() -> [Int] {
        lineStart(at: b.skipWhitespace(from: 0), afterBreak: false)
        let interest = lex.interest
        interest.withUnsafeBufferPointer { table in
            var i = 0
            while i < n {
                // A rule that skipped a whole token (a URL) may have skipped a marker's start.
                while markerCursor < markers.count, markers[markerCursor].start < i { markerCursor += 1 }
                let limit = markerCursor < markers.count ? min(n, markers[markerCursor].start) : n
                while i < limit, table[Int(b[i])] == 0 { i += 1 }
                if i >= n { break }
                if i == limit {
                    let marker = markers[markerCursor]
                    markerCursor += 1
                    if marker.cutBefore { cut(at: marker.start) }
                    i = marker.end
                    continue
                }
                let flags = table[Int(b[i])]
                if flags & Interest.terminal != 0 {
                    i = terminal(at: i)
                } else if flags & Interest.newline != 0 {
                    i = lineBreak(at: i)
                } else if flags & Interest.upper != 0 {
                    if i > 0, SplitterBytes.isLower(b[i - 1]) {
                        gluedWord(at: i)
                    } else if i >= 4, b[i - 1] == SplitterBytes.space, b[i - 2] | 0x20 == UInt8(ascii: "m") {
                        timeOfDay(before: i)
                    }
                    i += 1
                } else {
                    i = special(at: i)
                }
            }
        }
        interruptedSpeech()
        return cuts
    }

    /// `"... afore she comes, to--" At this moment, Five ...`: speech broken off by a dash ends
    /// the sentence when a capitalised word follows the closing quote.
    private mutating func interruptedSpeech() {
        var added = false
        for end in enclosures.interruptions where end < n && b.whitespaceLength(at: end) > 0 {
            guard classifyNext(b.skipWhitespace(from: end)) == .capital else { continue }
            cuts.append(end)
            added = true
        }
        if added { cuts = Array(Set(cuts)).sorted() }
    }

    /// A multi-byte mark (U+2026 ellipsis, a bullet, a CJK full stop), a URL's "://" or a
    /// closing's comma.
    mutating func special(at i: Int) -> Int {
        if b[i] == 0xE2, i + 2 < n, b[i + 1] == 0x80, b[i + 2] == 0xA6 {
            return ellipsisCharacter(at: i)
        }
        if b[i] == UInt8(ascii: ":") { return url(colonAt: i) ?? i + 1 }
        if b[i] == UInt8(ascii: ",") {
            closing(commaAt: i)
            return i + 1
        }
        if b[i] >= 0xE3, let end = fullStop(at: i) { return end }
        if let end = bullet(at: i) { return end }
        return i + 1
    }

    /// The sentences, trimmed, each whitespace run with a kept line break, a tab or a
    /// non-breaking space, or of three spaces or more, folded into one space.
    func sentences() -> [String] {
        var result: [String] = []
        result.reserveCapacity(cuts.count + 1)
        var start = 0
        for end in cuts + [n] where end > start {
            if let sentence = text(from: start, to: end) { result.append(sentence) }
            start = end
        }
        return result
    }

    /// Byte ranges of the sentences, trimmed.
    func ranges() -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        for end in cuts + [n] where end > start {
            let range = trimmed(from: start, to: end)
            if !range.isEmpty { result.append(range) }
            start = end
        }
        return result
    }

    func trimmed(from: Int, to: Int) -> Range<Int> {
        var s = from
        var e = to
        while s < e {
            let w = b.whitespaceLength(at: s)
            if w == 0 { break }
            s += w
        }
        while e > s {
            let w = b.whitespaceBefore(e)
            if w == 0 { break }
            e -= w
        }
        return s..<e
    }

    /// Whether the range holds a whitespace run to fold: one with a line break, a tab or a
    /// non-breaking space, or three spaces or more. Two spaces are kept as written.
    private func needsFolding(_ range: Range<Int>) -> Bool {
        var spaces = 0
        for k in range {
            let c = b[k]
            if c == SplitterBytes.space {
                spaces += 1
                if spaces >= 3 { return true }
                continue
            }
            spaces = 0
            if c < 0x20 || c == 0xC2 || c == 0xE2 || c == 0xE3, b.whitespaceLength(at: k) > 0 { return true }
        }
        return false
    }

    private func text(from: Int, to: Int) -> String? {
        let range = trimmed(from: from, to: to)
        guard !range.isEmpty else { return nil }
        let slice = UnsafeBufferPointer(rebasing: b[range])
        guard needsFolding(range) else { return String(decoding: slice, as: UTF8.self) }
        // "It was a cold \nnight" -> "It was a cold night", "Get rid of   spaces" -> "Get rid of
        // spaces".
        var bytes: [UInt8] = []
        bytes.reserveCapacity(slice.count)
        var k = range.lowerBound
        while k < range.upperBound {
            let w = b.whitespaceLength(at: k)
            if w == 0 {
                bytes.append(b[k])
                k += 1
                continue
            }
            var j = k
            var plain = true
            while j < range.upperBound {
                let l = b.whitespaceLength(at: j)
                if l == 0 { break }
                if b[j] != SplitterBytes.space { plain = false }
                j += l
            }
            if plain && j - k < 3 {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[k..<j]))
            } else {
                bytes.append(SplitterBytes.space)
            }
            k = j
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
