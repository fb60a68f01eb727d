import ClaimSieveCore
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
}
