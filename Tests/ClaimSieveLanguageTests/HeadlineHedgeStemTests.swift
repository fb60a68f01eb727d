@testable import ClaimSieveLanguage
import ClaimSieveTestSupport
import Testing

/// `HeadlineHedge.contentStems` packs words in one pass over the bytes; the way it was first
/// written (each word collected into an array, function words looked up in a `Set`) must give
/// the same stems.
@Suite("Headline hedge stems") struct HeadlineHedgeStemTests {
    static func pack(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var value: UInt64 = 0
        for byte in bytes.prefix(8) { value = value << 8 | UInt64(byte) }
        return value | UInt64(min(bytes.count, 8)) << 60
    }

    static func slowStems(_ text: String) -> [UInt64] {
        let function = Set(HeadlineHedge.functionWords.map { pack(Array($0.utf8)[...]) })
        var stems: [UInt64] = []
        var word: [UInt8] = []
        func flush() {
            if word.count >= 4, word.count > 8 || !function.contains(pack(word[...])) {
                stems.append(pack(word.prefix(HeadlineHedge.stemLength)))
            }
            word.removeAll()
        }
        for byte in text.utf8 {
            if (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) {
                word.append(byte | 0x20)
            } else if byte >= 0x80 && byte != 0xE2 && !word.isEmpty {
                word.append(byte)
            } else {
                flush()
            }
        }
        flush()
        return Array(Set(stems)).sorted()
    }

    @Test func agreesWithCollectingEachWordOnRandomTexts() {
        // Function words, their prefixes and longer forms, accents, dashes and curly quotes.
        let pieces = ["about", "abou", "abouts", "with", "Would", "THEIR", "theirs", "Russia", "Russian",
                      "asylum", "é", "’", "—", "ü", " ", ", ", "-", "4", "x", "ab", "Moscow", "according"]
        var random = SplitMix64(state: 5)
        var scratch: [UInt64] = []
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...16, using: &random)).map { _ in pieces.randomElement(using: &random)! }
                .joined(separator: Bool.random(using: &random) ? " " : "")
            #expect(HeadlineHedge.contentStems(text, into: &scratch) == Self.slowStems(text), "\(text)")
        }
        #expect(HeadlineHedge.contentStems("Assad Granted Asylum in Russia", into: &scratch).count == 4)
        #expect(HeadlineHedge.contentStems("about with would their", into: &scratch).isEmpty)
    }
}
