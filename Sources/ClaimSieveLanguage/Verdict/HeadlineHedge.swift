import ClaimSieveCore

/// A headline states as fact what the body hedges ("Assad Granted Asylum in Russia" over
/// "... granted asylum in Moscow, according to Russian media"); it inherits the body's hedge.
///
/// The body sentence a headline restates is the one sharing most content words with it (compared
/// by their first five letters, so "Russia" meets "Russian"); it must share at least two and
/// `minimumOverlap` of the headline's content words.
enum HeadlineHedge {
    static let minimumOverlap = 0.4
    static let stemLength = 5
    /// Words too common to show that two sentences say the same thing.
    static let functionWords: Set<String> = [
        "about", "after", "again", "against", "amid", "among", "before", "being", "between", "could",
        "during", "from", "have", "into", "more", "over", "says", "said", "some", "than", "that",
        "their", "there", "these", "they", "this", "those", "under", "what", "when", "where", "which",
        "while", "will", "with", "would", "your", "also", "been", "were", "just", "only", "still",
    ]

    /// `functionWords` packed as `pack` packs a word: all of them are ASCII and at most 8 bytes.
    static let packedFunctionWords: Set<UInt64> = Set(functionWords.map { pack(Array($0.utf8)[...]) })

    static func apply(to claims: inout [Claim]) {
        var scratch: [UInt64] = []
        for index in claims.indices where claims[index].isHeadline && claims[index].verdict != .unverified
            && claims[index].verdict != .notJudged {
            let headline = contentStems(claims[index].text, into: &scratch)
            guard headline.count >= 2 else { continue }
            var best: (index: Int, shared: Int)?
            for other in claims.indices where !claims[other].isHeadline {
                let shared = sharedCount(headline, contentStems(claims[other].text, into: &scratch))
                if shared > (best?.shared ?? 0) { best = (other, shared) }
            }
            guard let best, best.shared >= 2, Double(best.shared) / Double(headline.count) >= minimumOverlap,
                claims[best.index].verdict == .unverified
            else { continue }
            claims[index].verdict = .unverified
            claims[index].score = (claims[best.index].score ?? VerdictRules.baseline) * Double(best.shared)
                / Double(headline.count)
            if claims[index].source == nil { claims[index].source = claims[best.index].source }
            let restated = claims[best.index]
            claims[index].context = "restates paragraph \(restated.block &+ 1), sentence \(restated.sentence &+ 1), which is unverified"
        }
    }

    /// How many stems two sorted, distinct stem lists share.
    static func sharedCount(_ a: [UInt64], _ b: [UInt64]) -> Int {
        var i = 0
        var j = 0
        var shared = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                shared += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return shared
    }

    /// Up to 8 bytes as one number, first byte highest: equal words give equal numbers and
    /// different ones different numbers, with no string made.
    @inline(__always) static func pack(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var value: UInt64 = 0
        for byte in bytes.prefix(8) { value = value << 8 | UInt64(byte) }
        return value | UInt64(min(bytes.count, 8)) << 60
    }

    /// The sentence's content words (four letters or more, not function words) by their first
    /// `stemLength` bytes, packed, sorted and distinct. `scratch` is reused from call to call.
    static func contentStems(_ text: String, into scratch: inout [UInt64]) -> [UInt64] {
        scratch.removeAll(keepingCapacity: true)
        var word: [UInt8] = []
        word.reserveCapacity(32)
        func flush() {
            if word.count >= 4, word.count > 8 || !packedFunctionWords.contains(pack(word[...])) {
                scratch.append(pack(word.prefix(stemLength)))
            }
            word.removeAll(keepingCapacity: true)
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
        scratch.sort()
        var distinct: [UInt64] = []
        distinct.reserveCapacity(scratch.count)
        for stem in scratch where distinct.last != stem { distinct.append(stem) }
        return distinct
    }
}
