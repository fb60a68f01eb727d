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

    /// `functionWords` packed as `pack` packs a word (all of them are ASCII and at most 8 bytes),
    /// sorted: a binary search over 43 numbers costs less than hashing one into a `Set`.
    static let packedFunctionWords: [UInt64] = functionWords.map { pack(Array($0.utf8)[...]) }.sorted()

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
            if claims[index].source == nil {
                claims[index].source = claims[best.index].source
                // The mention's offsets are into the restated sentence's text, not the headline's.
                claims[index].source?.mention = nil
            }
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
    ///
    /// A word is ASCII letters (lowercased) and, once started, bytes of multi-byte scalars other
    /// than those starting with 0xE2 (dashes, curly quotes). One pass over the string's bytes
    /// packs each word as it goes (its first 8 bytes and its first 5): the word used to be
    /// collected into an array first, about 15,000 instructions a sentence.
    static func contentStems(_ text: String, into scratch: inout [UInt64]) -> [UInt64] {
        scratch.removeAll(keepingCapacity: true)
        if text.utf8.withContiguousStorageIfAvailable({ appendStems($0, into: &scratch) }) == nil {
            appendStems(Array(text.utf8), into: &scratch)
        }
        scratch.sort()
        var distinct: [UInt64] = []
        distinct.reserveCapacity(scratch.count)
        for stem in scratch where distinct.last != stem { distinct.append(stem) }
        return distinct
    }

    private static func appendStems<Bytes: Collection<UInt8>>(_ bytes: Bytes, into stems: inout [UInt64]) {
        var count = 0
        var first8: UInt64 = 0  // the word's first 8 bytes, first byte highest
        var first5: UInt64 = 0
        // No nested function: one capturing these variables kept them in memory, not registers.
        for byte in bytes {
            let letter: UInt8
            if (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) {
                letter = byte | 0x20
            } else if byte >= 0x80 && byte != 0xE2 && count > 0 {
                letter = byte
            } else {
                if count > 0 {
                    if let stem = stem(count: count, first8: first8, first5: first5) { stems.append(stem) }
                    count = 0
                    first8 = 0
                    first5 = 0
                }
                continue
            }
            if count < 8 { first8 = first8 << 8 | UInt64(letter) }
            if count < stemLength { first5 = first5 << 8 | UInt64(letter) }
            count += 1
        }
        if count > 0, let stem = stem(count: count, first8: first8, first5: first5) { stems.append(stem) }
    }

    /// The packed stem of a word of `count` bytes, nil when it is too short or a function word.
    @inline(__always) private static func stem(count: Int, first8: UInt64, first5: UInt64) -> UInt64? {
        guard count >= 4, count > 8 || !isFunctionWord(first8 | UInt64(count) << 60) else { return nil }
        return first5 | UInt64(min(count, stemLength)) << 60
    }

    @inline(__always) private static func isFunctionWord(_ packed: UInt64) -> Bool {
        var low = 0
        var high = packedFunctionWords.count
        while low < high {
            let middle = (low + high) / 2
            if packedFunctionWords[middle] < packed { low = middle + 1 } else { high = middle }
        }
        return low < packedFunctionWords.count && packedFunctionWords[low] == packed
    }
}
