/// Byte-level character classes for the splitter, which works on UTF-8 bytes rather than
/// `Character`s: grapheme breaking costs more than the whole boundary decision.
enum SplitterBytes {
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let newline: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let period: UInt8 = 0x2E
    static let exclamation: UInt8 = 0x21
    static let question: UInt8 = 0x3F
    static let doubleQuote: UInt8 = 0x22
    static let singleQuote: UInt8 = 0x27
    static let openParen: UInt8 = 0x28
    static let closeParen: UInt8 = 0x29
    static let openBracket: UInt8 = 0x5B
    static let closeBracket: UInt8 = 0x5D

    @inline(__always) static func isLower(_ c: UInt8) -> Bool { c &- 0x61 < 26 }
    @inline(__always) static func isUpper(_ c: UInt8) -> Bool { c &- 0x41 < 26 }
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
    @inline(__always) static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isAlphanumeric(_ c: UInt8) -> Bool { isLetter(c) || isDigit(c) }
    @inline(__always) static func lowered(_ c: UInt8) -> UInt8 { isUpper(c) ? c | 0x20 : c }
    @inline(__always) static func isTerminal(_ c: UInt8) -> Bool {
        c == period || c == exclamation || c == question
    }
    /// Space, tab, line breaks, form feed, vertical tab.
    @inline(__always) static func isASCIISpace(_ c: UInt8) -> Bool {
        c == space || (c >= 0x09 && c <= 0x0D)
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// Length of the whitespace character at `i` (ASCII spaces, NBSP, the U+2000 spaces, U+202F,
    /// U+205F, U+3000), or 0. News pages are full of non-breaking spaces.
    @inline(__always) func whitespaceLength(at i: Int) -> Int {
        let c = self[i]
        if c < 0x80 { return SplitterBytes.isASCIISpace(c) ? 1 : 0 }
        if c == 0xC2, i + 1 < count, self[i + 1] == 0xA0 { return 2 }
        if c == 0xE2, i + 2 < count, self[i + 1] == 0x80 {
            let d = self[i + 2]
            if (d >= 0x80 && d <= 0x8A) || d == 0xAF { return 3 }
        }
        if c == 0xE2, i + 2 < count, self[i + 1] == 0x81, self[i + 2] == 0x9F { return 3 }
        if c == 0xE3, i + 2 < count, self[i + 1] == 0x80, self[i + 2] == 0x80 { return 3 }
        return 0
    }

    /// Whether the character ending just before `end` is whitespace.
    @inline(__always) func whitespaceBefore(_ end: Int) -> Int {
        guard end > 0 else { return 0 }
        let c = self[end - 1]
        if c < 0x80 { return SplitterBytes.isASCIISpace(c) ? 1 : 0 }
        if end >= 2, self[end - 2] == 0xC2, c == 0xA0 { return 2 }
        if end >= 3, whitespaceLength(at: end - 3) == 3 { return 3 }
        return 0
    }

    /// First index at or after `i` that is not whitespace.
    @inline(__always) func skipWhitespace(from i: Int) -> Int {
        var j = i
        while j < count {
            let w = whitespaceLength(at: j)
            if w == 0 { break }
            j += w
        }
        return j
    }

    /// Length of a closing quote or bracket at `i` (” ’ » " ' ) ]), or 0. They belong to the
    /// sentence their punctuation ends: `"This is great." She ...` ends after the quote.
    @inline(__always) func closerLength(at i: Int) -> Int {
        let c = self[i]
        if c == SplitterBytes.doubleQuote || c == SplitterBytes.singleQuote || c == SplitterBytes.closeParen || c == SplitterBytes.closeBracket {
            return 1
        }
        if c == 0xE2, i + 2 < count, self[i + 1] == 0x80, self[i + 2] == 0x9D || self[i + 2] == 0x99 { return 3 }
        if c == 0xC2, i + 1 < count, self[i + 1] == 0xBB { return 2 }
        return 0
    }

    /// Length of an opening quote or bracket at `i` (“ „ ‘ « " ' ( [), or 0.
    @inline(__always) func openerLength(at i: Int) -> Int {
        let c = self[i]
        if c == SplitterBytes.doubleQuote || c == SplitterBytes.singleQuote || c == SplitterBytes.openParen || c == SplitterBytes.openBracket {
            return 1
        }
        if c == 0xE2, i + 2 < count, self[i + 1] == 0x80, self[i + 2] == 0x9C || self[i + 2] == 0x98 || self[i + 2] == 0x9E { return 3 }
        if c == 0xC2, i + 1 < count, self[i + 1] == 0xAB { return 2 }
        return 0
    }

    /// Whether the bytes at `i` spell `word` exactly.
    @inline(__always) func matches(_ word: [UInt8], at i: Int) -> Bool {
        guard i + word.count <= count else { return false }
        for k in 0..<word.count where self[i + k] != word[k] { return false }
        return true
    }
}

/// The words of a short text on its UTF-8 bytes, for the heading checks that ran on `Character`s
/// (`split(whereSeparator: \.isWhitespace)`, punctuation trimmed from each word's ends).
///
/// Exact only for text whose characters the bytes classify without Unicode tables: ASCII, the
/// no-break space (whitespace), and the curly quotes, en and em dashes and ellipsis of news text
/// (punctuation). None of these joins another into one `Character`, so characters are scalars
/// here (but CR LF, which is whitespace either way). For any other text `ranges` is nil and the
/// caller keeps its `Character` path.
enum SimpleWords {
    /// The words' byte ranges, each without punctuation at its ends; nil when the text holds a
    /// character outside the set above.
    static func ranges(_ b: UnsafeBufferPointer<UInt8>) -> [Range<Int>]? {
        var words: [Range<Int>] = []
        var i = 0
        var start = -1  // first alphanumeric byte of the current word
        var end = -1  // one past its last alphanumeric byte
        while i < b.count {
            let c = b[i]
            var length = 1
            var space = false
            if c >= 0x80 {
                if c == 0xC2, i + 1 < b.count, b[i + 1] == 0xA0 {
                    length = 2
                    space = true
                } else if c == 0xE2, i + 2 < b.count, b[i + 1] == 0x80, [0x93, 0x94, 0x98, 0x99, 0x9C, 0x9D, 0xA6].contains(b[i + 2]) {
                    length = 3
                } else {
                    return nil
                }
            } else if SplitterBytes.isASCIISpace(c) {
                space = true
            } else if SplitterBytes.isAlphanumeric(c) {
                if start < 0 { start = i }
                end = i + 1
            }
            if space {
                if start >= 0 { words.append(start..<end) }
                start = -1
            }
            i += length
        }
        if start >= 0 { words.append(start..<end) }
        return words
    }

    /// The text with its whitespace runs as single spaces and none at the ends
    /// (`split(whereSeparator: \.isWhitespace).joined(separator: " ")`); nil outside the set.
    static func foldedWhitespace(_ text: String) -> String? {
        text.utf8.withContiguousStorageIfAvailable { b -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            var pending = false
            var i = 0
            while i < b.count {
                let c = b[i]
                if c >= 0x80 {
                    if c == 0xC2, i + 1 < b.count, b[i + 1] == 0xA0 {
                        if !out.isEmpty { pending = true }
                        i += 2
                        continue
                    }
                    guard c == 0xE2, i + 2 < b.count, b[i + 1] == 0x80, [0x93, 0x94, 0x98, 0x99, 0x9C, 0x9D, 0xA6].contains(b[i + 2])
                    else { return nil }
                    if pending { out.append(SplitterBytes.space); pending = false }
                    out.append(contentsOf: b[i..<(i + 3)])
                    i += 3
                    continue
                } else if SplitterBytes.isASCIISpace(c) {
                    if !out.isEmpty { pending = true }
                    i += 1
                    continue
                }
                if pending { out.append(SplitterBytes.space); pending = false }
                out.append(c)
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        } ?? nil
    }
}
