/// The features the learned taggers see for each token, as 64-bit hashes of UTF-8 bytes.
///
/// The same function serves training and tagging, so a model always meets the features it was
/// trained on; `version` is written into every model file and a change to the templates below must
/// bump it (an old model is then refused instead of silently misread).
enum ModelFeatures {
    /// Bump when a template changes. Set 4 is set 3 and `wideExtra` more templates per token
    /// (the attribution model); the hedge model keeps set 3.
    static let version: UInt32 = 4
    /// The feature sets this program computes (a model file names its own).
    static let supported: ClosedRange<UInt32> = 3...4
    /// Templates set 4 adds: word pairs two back and two ahead, words three away, the distance to
    /// the nearest quotation mark on each side, and the run of capitalised words (a name's length
    /// and place) with the distance to the next speech verb.
    static let wideExtra = 6
    /// Static features per token of a feature set.
    static func perToken(_ set: UInt32) -> Int { set >= 4 ? perToken + wideExtra : perToken }
    /// The word-list bits the features see: lists added after the feature set was fixed
    /// (`clause_openers`) steer rules, not the models, so a model keeps meeting its features.
    static let wordClassBits: UInt32 = (1 << 20) - 1
    /// Static features per token (the two transition features are added while decoding).
    static let perToken = 23

    /// What the lexicon says about a token: its word-list bits and the cue covering it.
    struct Lexical {
        var wordClass: UInt32
        /// 0: no lexicon phrase; 1 + category index; 30: a neutral (blocking) phrase. +64 on the
        /// phrase's first token.
        var cue: UInt8
    }

    /// Facts about the sentence's place in the document.
    struct Sentence {
        var paragraphStart: Bool
        var carriedQuote: Bool
    }

    @inline(__always)
    static func mix(_ a: UInt64, _ b: UInt64, _ template: UInt64, seed: UInt64) -> UInt64 {
        var h = a &* 0x9E37_79B9_7F4A_7C15 ^ (b &+ 0x632B_E59B_D9B4_E019) &* 0xC2B2_AE3D_27D4_EB4F
        h ^= template &* 0x1656_67B1_9E37_79F9 ^ seed
        h ^= h >> 31
        h &*= 0xBF58_476D_1CE4_E5B9
        h ^= h >> 29
        return h
    }

    static func transition(_ previous: Int, _ previous2: Int, seed: UInt64) -> UInt64 {
        mix(UInt64(previous), UInt64(previous2), 100, seed: seed)
    }

    static func transitionWord(_ previous: Int, _ wordFeature: UInt64, seed: UInt64) -> UInt64 {
        mix(UInt64(previous), wordFeature, 101, seed: seed)
    }

    static let speechVerbBit = WordClass.speechVerb.rawValue

    /// A speech verb or a lexicon attribution cue (named or unnamed source, hearsay, social media,
    /// confirmation): what a source stands next to and reported speech follows.
    @inline(__always)
    static func isAnchor(_ lex: Lexical) -> Bool {
        let code = lex.cue & 63
        return lex.wordClass & speechVerbBit != 0 || (code >= 1 && code <= 4) || code == 8
    }

    /// Appends `perToken` features for each token to `out` (an array for training; a buffer sized
    /// beforehand when tagging, so an append is one store).
    static func extract(
        tokens: UnsafeBufferPointer<ByteTokenizer.Token>, bytes: UnsafeBufferPointer<UInt8>, lexical: [Lexical],
        sentence: Sentence, seed: UInt64, into out: inout some FeatureSink, limit: Int = .max, set: UInt32 = 3
    ) {
        let count = tokens.count
        let start: UInt64 = 0x5354_4152_54
        let end: UInt64 = 0x454E_44
        @inline(__always) func word(_ index: Int) -> UInt64 {
            if index < 0 { return start }
            if index >= count { return end }
            return UInt64(tokens[index].hash)
        }
        @inline(__always) func shape(_ index: Int) -> UInt64 {
            if index < 0 { return 1 }
            if index >= count { return 2 }
            let token = tokens[index]
            var value = UInt64(token.kind.rawValue) << 4
            if token.capitalized { value |= 1 }
            if token.inQuote { value |= 2 }
            if token.end - token.start == 1 { value |= 4 }
            return value | 8
        }
        @inline(__always) func suffix(_ index: Int, _ length: Int) -> UInt64 {
            let token = tokens[index]
            guard token.isWord else { return 0 }
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            var at = max(Int(token.start), Int(token.end) - length)
            while at < Int(token.end) {
                var byte = bytes[at]
                if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
                at += 1
            }
            return hash
        }
        var firstWord = -1
        for index in 0..<count where tokens[index].isWord {
            firstWord = index
            break
        }
        let sentenceBits: UInt64 = (sentence.paragraphStart ? 1 : 0) | (sentence.carriedQuote ? 2 : 0)
        // The nearest speech verb or lexicon attribution cue on each side: a source is the noun
        // phrase before "said" or after "according to", however long it is.
        @inline(__always) func isAnchor(_ index: Int) -> Bool { Self.isAnchor(lexical[index]) }
        // Per-token positions, in one allocation: the next anchor, the next comma or sentence end,
        // and (set 4) the quotation marks and capitalised runs around the token.
        let positions = UnsafeMutablePointer<Int>.allocate(capacity: max(1, 6 * count))
        defer { positions.deallocate() }
        let nextAnchor = positions
        // The first comma or sentence end at or after each token (one pass, instead of a scan
        // from every token to its next anchor).
        let nextBreak = positions + count
        var following = count
        var breakAt = count
        for index in stride(from: count - 1, through: 0, by: -1) {
            nextAnchor[index] = following
            if isAnchor(index) { following = index }
            if tokens[index].kind == .comma || tokens[index].kind == .end { breakAt = index }
            nextBreak[index] = breakAt
        }
        @inline(__always) func bucket(_ distance: Int) -> UInt64 {
            distance <= 3 ? UInt64(distance) : distance <= 6 ? 4 : distance <= 10 ? 5 : 6
        }
        var previousAnchor = -1
        var commaSinceAnchor = false
        let wide = set >= 4
        // Set 4: the nearest quotation mark on each side, and each token's run of capitalised words.
        let quoteBefore = positions + 2 * count, quoteAfter = positions + 3 * count
        let runStart = positions + 4 * count, runEnd = positions + 5 * count
        if wide {
            @inline(__always) func isQuote(_ index: Int) -> Bool {
                let kind = tokens[index].kind
                return kind == .quoteOpen || kind == .quoteClose || kind == .quoteStraight
            }
            @inline(__always) func isCapital(_ index: Int) -> Bool { tokens[index].isWord && tokens[index].capitalized }
            var lastQuote = -1
            var start = 0
            for index in 0..<count {
                quoteBefore[index] = lastQuote
                if isQuote(index) { lastQuote = index }
                if !(index > 0 && isCapital(index) && isCapital(index - 1)) { start = index }
                runStart[index] = start
            }
            var nextQuote = count
            var end = count - 1
            for index in stride(from: count - 1, through: 0, by: -1) {
                quoteAfter[index] = nextQuote
                if isQuote(index) { nextQuote = index }
                if !(index + 1 < count && isCapital(index) && isCapital(index + 1)) { end = index }
                runEnd[index] = end
            }
        }
        out.reserveCapacity(out.count + count * perToken(set))
        for index in 0..<min(count, limit) {
            let w0 = word(index)
            let lex = lexical[index]
            let previousClass = index > 0 ? UInt64(lexical[index - 1].wordClass) : 0xFFFF_FFFF
            let nextClass = index + 1 < count ? UInt64(lexical[index + 1].wordClass) : 0xFFFF_FFFF
            let position: UInt64 = index == firstWord ? 0 : index < firstWord ? 1 : index - firstWord < 4 ? 2 : count - index <= 3 ? 3 : 4
            out.append(mix(0, 0, 0, seed: seed))
            out.append(mix(w0, 0, 1, seed: seed))
            out.append(mix(word(index - 1), 0, 2, seed: seed))
            out.append(mix(word(index + 1), 0, 3, seed: seed))
            out.append(mix(word(index - 2), 0, 4, seed: seed))
            out.append(mix(word(index + 2), 0, 5, seed: seed))
            out.append(mix(word(index - 1), w0, 6, seed: seed))
            out.append(mix(w0, word(index + 1), 7, seed: seed))
            out.append(mix(suffix(index, 3), 0, 8, seed: seed))
            out.append(mix(shape(index), sentenceBits, 9, seed: seed))
            out.append(mix(shape(index - 1), shape(index + 1), 10, seed: seed))
            out.append(mix(UInt64(lex.wordClass), 0, 11, seed: seed))
            out.append(mix(UInt64(lex.cue), 0, 12, seed: seed))
            out.append(mix(previousClass, nextClass, 13, seed: seed))
            out.append(mix(position, shape(index), 14, seed: seed))
            out.append(mix(w0, shape(index) & 2, 15, seed: seed))
            out.append(mix(shape(index - 1), shape(index), 16, seed: seed))
            out.append(mix(UInt64(lex.cue), w0, 17, seed: seed))
            out.append(mix(suffix(index, 2), shape(index), 18, seed: seed))
            out.append(mix(word(index - 1), word(index + 1), 19, seed: seed))
            let next = nextAnchor[index]
            let commaBefore = next < count && nextBreak[index] < next
            out.append(mix(next < count ? bucket(next - index) : 9, next < count ? word(next) : 0, 20, seed: seed))
            out.append(mix(previousAnchor >= 0 ? bucket(index - previousAnchor) : 9, previousAnchor >= 0 ? word(previousAnchor) : 0, 21, seed: seed))
            out.append(mix((next < count ? bucket(next - index) : 9) | (commaBefore ? 16 : 0) | (commaSinceAnchor ? 32 : 0), shape(index), 22, seed: seed))
            if wide {
                out.append(mix(word(index - 2), word(index - 1), 23, seed: seed))
                out.append(mix(word(index + 1), word(index + 2), 24, seed: seed))
                out.append(mix(word(index - 3), 0, 25, seed: seed))
                out.append(mix(word(index + 3), 0, 26, seed: seed))
                let before = quoteBefore[index] >= 0 ? bucket(index - quoteBefore[index]) : 9
                let after = quoteAfter[index] < count ? bucket(quoteAfter[index] - index) : 9
                out.append(mix(before | after << 4, shape(index) & 2, 27, seed: seed))
                let capital = tokens[index].isWord && tokens[index].capitalized
                let run = runEnd[index] - runStart[index] + 1
                let place: UInt64 = !capital ? 0 : run == 1 ? 1 : index == runStart[index] ? 2 : index == runEnd[index] ? 3 : 4
                out.append(mix(place | UInt64(min(run, 5)) << 3, next < count ? bucket(next - index) : 9, 28, seed: seed))
            }
            if isAnchor(index) {
                previousAnchor = index
                commaSinceAnchor = false
            } else if tokens[index].kind == .comma {
                commaSinceAnchor = true
            }
        }
    }
}

/// Where `ModelFeatures.extract` writes: an array (training) or a `FeatureBuffer` (tagging).
protocol FeatureSink {
    var count: Int { get }
    mutating func append(_ feature: UInt64)
    mutating func reserveCapacity(_ minimumCapacity: Int)
}

extension Array: FeatureSink where Element == UInt64 {}

/// A sentence's features in memory the tagger owns: no growth, no uniqueness check per append.
struct FeatureBuffer: FeatureSink {
    /// Room for `capacity` features; the caller allocates it for the sentence's tokens.
    let base: UnsafeMutablePointer<UInt64>
    let capacity: Int
    private(set) var count = 0

    init(base: UnsafeMutablePointer<UInt64>, capacity: Int) {
        self.base = base
        self.capacity = capacity
    }

    @inline(__always)
    mutating func append(_ feature: UInt64) {
        precondition(count < capacity, "feature buffer too small")
        base[count] = feature
        count &+= 1
    }

    /// The buffer is sized by its owner; nothing to do.
    func reserveCapacity(_ minimumCapacity: Int) {}

    mutating func removeAll() { count = 0 }

    var features: UnsafeBufferPointer<UInt64> { UnsafeBufferPointer(start: base, count: count) }
}
