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
    static func whitespaceAndNewlines<Text: StringProtocol>(_ text: Text) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return "" }
        if !isSpace(first) && !isSpace(last) { return String(text) }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
