import Foundation

/// `trimmingCharacters(in: .whitespacesAndNewlines)` without its cost when there is nothing to
/// trim, which is nearly always: Foundation's trim costs 30,000 to 100,000 instructions a call
/// here however short the text, and extraction trims every meta value, title and JSON-LD field
/// of every page (a hundred million instructions on the 181 benchmark pages).
///
/// The answer is Foundation's own: the ends are tested against the same `CharacterSet` (ASCII
/// from a table built from it), and any text that does need trimming is trimmed by Foundation.
enum Trim {
    /// Which ASCII scalars `CharacterSet.whitespacesAndNewlines` holds.
    private static let asciiSpace: [Bool] = (0..<128).map { CharacterSet.whitespacesAndNewlines.contains(Unicode.Scalar(UInt8($0))) }

    @inline(__always)
    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 128 ? asciiSpace[Int(scalar.value)] : CharacterSet.whitespacesAndNewlines.contains(scalar)
    }

    /// `text` without whitespace and newlines at either end (as Foundation trims them).
    ///
    /// Foundation trims scalar by scalar; when every scalar it would take off is ASCII, the same
    /// scalars are taken off here without copying (Foundation copied a long text, a JSON-LD
    /// `articleBody`, to UTF-16 first: about 450,000 instructions a call). A non-ASCII space at
    /// either end still goes to Foundation.
    static func whitespaceAndNewlines<Text: StringProtocol>(_ text: Text) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return "" }
        if !isSpace(first) && !isSpace(last) { return String(text) }
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].value < 128, asciiSpace[Int(scalars[start].value)] { start = scalars.index(after: start) }
        while end > start {
            let before = scalars.index(before: end)
            guard scalars[before].value < 128, asciiSpace[Int(scalars[before].value)] else { break }
            end = before
        }
        if start == end { return "" }
        let rest = text[start..<end].unicodeScalars
        if let head = rest.first, let tail = rest.last, !isSpace(head), !isSpace(tail) { return String(text[start..<end]) }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
