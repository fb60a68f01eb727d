@testable import ClaimSieveCore
import ClaimSieveTestSupport
import Testing

@Suite struct ClaimIDTests {
    @Test func stableAcrossCallsAndBlindToSpacing() {
        let one = ClaimID.make(document: "a.html", text: "Russia has been  a close\nally.")
        #expect(one == ClaimID.make(document: "a.html", text: " Russia has been a close ally."))
        #expect(one.count == 16)
        // The exact value is part of the contract: ids must not change between releases.
        #expect(ClaimID.make(document: "", text: "") == "af63bd4c8601b7df")
    }

    @Test func differsByDocumentAndText() {
        let base = ClaimID.make(document: "a.html", text: "x")
        #expect(base != ClaimID.make(document: "b.html", text: "x"))
        #expect(base != ClaimID.make(document: "a.html", text: "y"))
    }

    @Test func repeatedTextInOneDocumentGetsNumberedIds() {
        var claims = ["Same.", "Other.", "Same."].enumerated().map { Claim(id: "", block: $0.offset, sentence: 0, text: $0.element) }
        ClaimID.assign(to: &claims, document: "d")
        #expect(claims[2].id == claims[0].id + "-2")
        #expect(Set(claims.map(\.id)).count == 3)
    }

    /// The published FNV-1a 64 test vectors: claim ids, shard keys and model sums depend on them.
    @Test func fnv1aGivesThePublishedValues() {
        #expect(FNV1a.hash([UInt8]()) == 0xCBF2_9CE4_8422_2325)
        #expect(FNV1a.hash("a".utf8) == 0xAF63_DC4C_8601_EC8C)
        #expect(FNV1a.hex(FNV1a.hash("foobar".utf8)) == "85944171f73967e8")
        #expect(FNV1a.hex(1) == "0000000000000001")
    }

    /// The id as it was first written: `String.UTF8View` byte by byte, the hex digits by
    /// `String(_:radix:)`. The fast path must give the same ids for ever (they are stored).
    static func slowMake(document: String, text: String) -> String {
        var hash = FNV1a.offset
        for byte in document.utf8 { hash = FNV1a.mix(hash, byte) }
        hash = FNV1a.mix(hash, 0)
        var lastWasSpace = true
        for byte in text.utf8 {
            let isSpace = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
            if isSpace {
                if !lastWasSpace { hash = FNV1a.mix(hash, 0x20) }
            } else {
                hash = FNV1a.mix(hash, byte)
            }
            lastWasSpace = isSpace
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    @Test func agreesWithTheByteByByteHashOnRandomTexts() {
        // Spaces, tabs, line breaks, letters and multi-byte scalars, in runs at every place.
        let pieces = [" ", "  ", "\t", "\n", "\r\n", "a", "Z", "é", "’", "—", "😀", "x y", "0"]
        var random = SplitMix64(state: 12)
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...24, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let document = (0..<Int.random(in: 0...3, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(ClaimID.make(document: document, text: text) == Self.slowMake(document: document, text: text))
            // The fallbacks for bytes that are not contiguous (a bridged NSString's on Darwin; on
            // Linux every String is native, so `make` never reaches them): the copying path, and
            // the generic fold on an Array and on a collection with no contiguous storage at all.
            let start = ClaimID.documentHash(document)
            let fast = ClaimID.fold(text, into: start)
            #expect(ClaimID.foldCopying(text, into: start) == fast)
            let bytes = Array(text.utf8)
            #expect(ClaimID.fold(bytes, into: start) == fast)
            let lazyBytes = bytes.lazy.map { $0 }
            #expect(lazyBytes.withContiguousStorageIfAvailable { _ in true } == nil)
            #expect(ClaimID.fold(lazyBytes, into: start) == fast)
            #expect(FNV1a.hex(fast) == Self.slowMake(document: document, text: text))
        }
        var claims = ["a  b", "a b", "c"].enumerated().map { Claim(id: "", block: 0, sentence: $0.offset, text: $0.element) }
        ClaimID.assign(to: &claims, document: "doc")
        #expect(claims.map(\.id) == [Self.slowMake(document: "doc", text: "a b"), Self.slowMake(document: "doc", text: "a b") + "-2", Self.slowMake(document: "doc", text: "c")])
    }

    @Test func hexPadsToSixteenLowercaseDigits() {
        var random = SplitMix64(state: 7)
        for _ in 0..<2_000 {
            let value = random.next() >> UInt64.random(in: 0...63, using: &random)
            let digits = String(value, radix: 16)
            #expect(FNV1a.hex(value) == String(repeating: "0", count: 16 - digits.count) + digits)
        }
    }
}
