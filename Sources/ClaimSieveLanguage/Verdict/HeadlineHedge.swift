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

    static func apply(to claims: inout [Claim]) {
        for index in claims.indices where claims[index].isHeadline && claims[index].verdict != .unverified {
            let headline = contentStems(claims[index].text)
            guard headline.count >= 2 else { continue }
            var best: (index: Int, shared: Int)?
            for other in claims.indices where !claims[other].isHeadline {
                let shared = headline.intersection(contentStems(claims[other].text)).count
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

    static func contentStems(_ text: String) -> Set<String> {
        var stems = Set<String>()
        var word: [UInt8] = []
        func flush() {
            if word.count >= 4 {
                let string = String(decoding: word, as: UTF8.self)
                if !functionWords.contains(string) { stems.insert(String(decoding: word.prefix(stemLength), as: UTF8.self)) }
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
        return stems
    }
}
