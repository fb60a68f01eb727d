import ClaimSieveCore
@testable import ClaimSieveReports
import ClaimSieveTestSupport
import Foundation
import Testing

/// `JSONBytes.string` and `HTMLText.appendMarkdownEscaped` skip runs of bytes with nothing to
/// escape eight at a time through a byte table (issue 12); they must give exactly the bytes the
/// byte-by-byte loops gave, in both of `JSONBytes`'s forms, wherever the special bytes fall
/// relative to the eight-byte steps.
@Suite struct EscapeTableTests {
    /// The byte-by-byte `JSONBytes.string` from before the table, the reference.
    static func referenceJSON(_ value: String, forScript: Bool) -> [UInt8] {
        func hex(_ digit: UInt8) -> UInt8 { digit < 10 ? 0x30 + digit : 0x61 + digit - 10 }
        var out: [UInt8] = [UInt8(ascii: "\"")]
        let bytes = Array(value.utf8)
        var start = 0
        for i in 0..<bytes.count {
            let c = bytes[i]
            guard c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") else {
                guard forScript else { continue }
                let separator = c == 0xE2 && i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9)
                guard c == UInt8(ascii: "<") || c == UInt8(ascii: ">") || c == UInt8(ascii: "&") || separator else { continue }
                out.append(contentsOf: bytes[start..<i])
                if separator {
                    out.append(contentsOf: (bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                    start = i + 3
                } else {
                    out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex(c >> 4), hex(c & 0xF)])
                    start = i + 1
                }
                continue
            }
            guard i >= start else { continue }
            out.append(contentsOf: bytes[start..<i])
            start = i + 1
            out.append(UInt8(ascii: "\\"))
            switch c {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(c)
            case 0x08: out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(UInt8(ascii: "f"))
            case 0x0A: out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "t"))
            default: out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex(c >> 4), hex(c & 0xF)])
            }
        }
        out.append(contentsOf: bytes[start...])
        out.append(UInt8(ascii: "\""))
        return out
    }

    /// Texts of every length up to 70 bytes and beyond: mostly plain letters (so that whole
    /// eight-byte steps are skipped), with special characters, separators and other
    /// three-byte characters starting with 0xE2 at random places, the last bytes included.
    static func samples() -> [String] {
        var samples = ["", "a", "\"", "\u{2028}", "abcdefg\u{2028}", "abcdefgh\u{2029}", "abcdefghijklmno<", "—————————",
                       "plain text of more than eight bytes with nothing to escape"]
        let specials = Array("\"\\<>&\n\t\r\u{0}\u{1F}\u{8}\u{C}\u{7F}\u{2028}\u{2029}\u{2026}\u{2014}\u{201C}\u{85}é中😀`*_[]#|~!".unicodeScalars)
        let plain = Array("abcdefghij KLMNOP.,;:".unicodeScalars)
        var generator = SplitMix64(state: 12)
        for _ in 0..<4_000 {
            var text = String.UnicodeScalarView()
            let length = Int.random(in: 0..<90, using: &generator)
            let density = Int.random(in: 1...40, using: &generator)
            for _ in 0..<length {
                let special = Int.random(in: 0..<density, using: &generator) == 0
                text.append((special ? specials : plain).randomElement(using: &generator)!)
            }
            samples.append(String(text))
        }
        return samples
    }

    @Test func jsonStringsAreTheByteLoopsBytes() {
        for sample in Self.samples() {
            for forScript in [false, true] {
                var w = JSONBytes()
                w.forScript = forScript
                w.string(sample)
                #expect(w.out == Self.referenceJSON(sample, forScript: forScript), "\(sample.debugDescription) forScript \(forScript)")
            }
        }
    }

    @Test func markdownEscapingIsTheScalarDefinition() {
        for sample in Self.samples() {
            #expect(HTMLText.markdownEscape(sample) == MarkdownEscapeEquivalenceTests.reference(sample), "\(sample.debugDescription)")
            var bytes: [UInt8] = [0x41]
            HTMLText.markdownEscape(sample, into: &bytes)
            #expect(bytes == [0x41] + Array(MarkdownEscapeEquivalenceTests.reference(sample).utf8))
        }
    }

    /// The table is the predicate it was made from.
    @Test func markdownTableIsThePredicate() {
        for byte in 0..<256 {
            #expect((HTMLText.markdownChanges[byte] != 0) == HTMLText.markdownNeedsChange(UInt8(byte)))
        }
    }
}
