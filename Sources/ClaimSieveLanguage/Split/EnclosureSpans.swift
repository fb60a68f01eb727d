/// Where the text is inside quotes, parentheses or brackets.
///
/// A sentence does not end inside a matched pair: `"We are free. We won," he said.` is one
/// sentence, and so is `He teaches science (He previously worked ... engineer.) at the ...`.
/// Single quotes count too (‘ ’ and straight), but not apostrophes, and only over a third of the
/// length limit, because a stray apostrophe is far more common than a stray double quote.
/// Only the punctuation right before the closing mark may end the sentence, after the mark
/// (`She turned to him, "This is great." She held ...`). Pairs are matched per kind (“”, „“, ‘’, «»,
/// straight quotes, (), []), no longer than `maxBytes`; an unmatched mark (a quote that
/// runs on into the next paragraph) matches nothing. Overlapping pairs are merged, so the result
/// is sorted and disjoint.
struct EnclosureSpans {
    /// `open` is the index of the opening mark, `close` the index of the closing mark's first byte.
    struct Span {
        var open: Int
        var close: Int
    }

    private(set) var spans: [Span] = []
    /// Ends of quotes whose speech breaks off with a dash (`"... afore she comes, to--"`): the
    /// sentence may end there although no period does.
    private(set) var interruptions: [Int] = []
    private var cursor = 0

    init(_ b: UnsafeBufferPointer<UInt8>, maxBytes: Int) {
        var found: [Span] = []
        var parens: [Int] = []
        var brackets: [Int] = []
        var curly = -1
        var low = -1
        var guillemet = -1
        var straight = -1
        var single = -1
        var straightSingle = -1
        let maxSingleBytes = maxBytes / 3
        let n = b.count
        var i = 0
        while i < n {
            let c = b[i]
            switch c {
            case SplitterBytes.openParen: parens.append(i)
            case SplitterBytes.closeParen:
                if let o = parens.popLast(), i - o <= maxBytes { found.append(Span(open: o, close: i)) }
            case SplitterBytes.openBracket: brackets.append(i)
            case SplitterBytes.closeBracket:
                if let o = brackets.popLast(), i - o <= maxBytes { found.append(Span(open: o, close: i)) }
            case SplitterBytes.doubleQuote:
                let before = i == 0 || b.whitespaceBefore(i) > 0 || b.openerLength(at: i - 1) > 0
                    || b[i - 1] == 0x2D || b[i - 1] == 0x2F
                let after = i + 1 < n && b.whitespaceLength(at: i + 1) == 0
                let opens = before && after
                if straight >= 0, !opens {
                    if i - straight <= maxBytes { found.append(Span(open: straight, close: i)) }
                    straight = -1
                } else if opens {
                    straight = i
                }
            case SplitterBytes.singleQuote:
                // An apostrophe ("isn't", "the boys' toys") is not a quote: an opening quote
                // follows whitespace and precedes a letter, a closing one follows a non-space
                // and precedes no letter.
                let before = i == 0 || b.whitespaceBefore(i) > 0 || b.openerLength(at: i - 1) > 0
                let letterAfter = i + 1 < n && SplitterBytes.isAlphanumeric(b[i + 1])
                if before, letterAfter {
                    straightSingle = i
                } else if !before, !letterAfter, straightSingle >= 0 {
                    if i - straightSingle <= maxSingleBytes { found.append(Span(open: straightSingle, close: i)) }
                    straightSingle = -1
                }
            case 0xE2 where i + 2 < n && b[i + 1] == 0x80:
                if b[i + 2] == 0x98 {
                    single = i
                } else if b[i + 2] == 0x99, single >= 0, !(i + 3 < n && SplitterBytes.isAlphanumeric(b[i + 3])) {
                    if i - single <= maxSingleBytes { found.append(Span(open: single, close: i)) }
                    single = -1
                } else if b[i + 2] == 0x9E {
                    // German „...“: the low quote opens, “ closes it.
                    low = i
                } else if b[i + 2] == 0x9C, low >= 0 {
                    if i - low <= maxBytes { found.append(Span(open: low, close: i)) }
                    low = -1
                } else if b[i + 2] == 0x9C {
                    curly = i
                } else if b[i + 2] == 0x9D, curly >= 0 {
                    if i - curly <= maxBytes { found.append(Span(open: curly, close: i)) }
                    curly = -1
                }
                i += 3
                continue
            case 0xC2 where i + 1 < n:
                if b[i + 1] == 0xAB {
                    guillemet = i
                } else if b[i + 1] == 0xBB, guillemet >= 0 {
                    if i - guillemet <= maxBytes { found.append(Span(open: guillemet, close: i)) }
                    guillemet = -1
                }
            default: break
            }
            i += 1
        }
        for span in found {
            let c = b[span.close]
            guard c == SplitterBytes.doubleQuote || c == 0xE2 else { continue }
            let e = span.close
            let dashed = (e >= 2 && b[e - 1] == 0x2D && b[e - 2] == 0x2D)
                || (e >= 3 && b[e - 3] == 0xE2 && b[e - 2] == 0x80 && b[e - 1] == 0x94)
            if dashed { interruptions.append(e + (c == SplitterBytes.doubleQuote ? 1 : 3)) }
        }
        interruptions.sort()
        guard !found.isEmpty else { return }
        found.sort { $0.open < $1.open }
        var merged: [Span] = [found[0]]
        for span in found.dropFirst() {
            if span.open < merged[merged.count - 1].close {
                merged[merged.count - 1].close = max(merged[merged.count - 1].close, span.close)
            } else {
                merged.append(span)
            }
        }
        spans = merged
    }

    /// The span strictly enclosing `i`, if any. Queries must come in increasing order of `i`.
    mutating func enclosing(_ i: Int) -> Span? {
        while cursor < spans.count, spans[cursor].close < i { cursor += 1 }
        guard cursor < spans.count else { return nil }
        let span = spans[cursor]
        return span.open < i && i < span.close ? span : nil
    }
}
