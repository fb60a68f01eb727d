/// The features the learned taggers see for each token, as 64-bit hashes of UTF-8 bytes.
///
/// The same function serves training and tagging, so a model always meets the features it was
/// trained on; `version` is written into every model file and a change to the templates below must
/// bump it (an old model is then refused instead of silently misread).
enum ModelFeatures {
    /// Bump when a template changes. Set 4 is set 3 and `wideExtra` more templates per token,
    /// set 5 adds `clusterExtra`, set 6 (the attribution model) `senseExtra`; the hedge model
    /// keeps set 3.
    static let version: UInt32 = 6
    /// The feature sets this program computes (a model file names its own).
    static let supported: ClosedRange<UInt32> = 3...6
    /// Templates set 4 adds: word pairs two back and two ahead, words three away, the distance to
    /// the nearest quotation mark on each side, and the run of capitalised words (a name's length
    /// and place) with the distance to the next speech verb.
    static let wideExtra = 6
    /// Templates set 5 adds to set 4: the token's distributional word class (`WordClusters`, held
    /// by the model), the class pairs with each neighbour, and its suffix-stripped stem ("argues",
    /// "argued", "arguing" → "argu").
    static let clusterExtra = 4
    /// Templates set 6 adds to set 5: the token's first WordNet supersense (`WordSenses`, held in
    /// the model's word-class table), its first two, the first supersense paired with the word's
    /// before and after, and whether it is a verb of cognition, communication, emotion or social
    /// life (believing, saying, wanting, pledging) with the next word's class.
    static let senseExtra = 5
    /// Static features per token of a feature set.
    static func perToken(_ set: UInt32) -> Int {
        set >= 6 ? perToken + wideExtra + clusterExtra + senseExtra
            : set >= 5 ? perToken + wideExtra + clusterExtra : set >= 4 ? perToken + wideExtra : perToken
    }
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
        finish(left(a) ^ right(b), template, seed: seed)
    }

    /// `mix` in parts, so a word's products are computed once per sentence and shared by every
    /// template that reads it (the same hash: `mix(a, b, t) == finish(left(a) ^ right(b), t)`).
    @inline(__always) static func left(_ a: UInt64) -> UInt64 { a &* 0x9E37_79B9_7F4A_7C15 }
    @inline(__always) static func right(_ b: UInt64) -> UInt64 { (b &+ 0x632B_E59B_D9B4_E019) &* 0xC2B2_AE3D_27D4_EB4F }
    @inline(__always)
    static func finish(_ parts: UInt64, _ template: UInt64, seed: UInt64) -> UInt64 {
        var h = parts ^ (template &* 0x1656_67B1_9E37_79F9 ^ seed)
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
    /// beforehand when tagging, so a token's block is written in place).
    ///
    /// Speed: what each template reads is computed once per token before the loop (the words
    /// three either side, shapes and word lists padded at the sentence's ends, so no template
    /// branches on the edges), and a token's block is written through a pointer: the same hashes
    /// as one call per template, at about half the instructions (`FeatureExtractionTests` checks
    /// them against the templates written out one by one).
    static func extract(
        tokens: UnsafeBufferPointer<ByteTokenizer.Token>, bytes: UnsafeBufferPointer<UInt8>, lexical: [Lexical],
        sentence: Sentence, seed: UInt64, into out: inout some FeatureSink, limit: Int = .max, set: UInt32 = 3,
        clusters: WordClusters? = nil
    ) {
        let count = tokens.count
        let emitted = min(count, limit)
        guard emitted > 0 else { return }
        let wide = set >= 4
        let width = perToken(set)
        lexical.withUnsafeBufferPointer { lexical in
            // One allocation: per-token positions (the next anchor, the next comma or sentence
            // end, the quotation marks and capitalised runs around the token) and the padded
            // words, shapes and word-list bits.
            let ints = UnsafeMutablePointer<Int>.allocate(capacity: 6 * count)
            defer { ints.deallocate() }
            let values = UnsafeMutablePointer<UInt64>.allocate(capacity: 7 * count + 26)
            defer { values.deallocate() }
            // word(i) for i in -3..<count+3: the start and end markers beyond the sentence.
            let words = values + 3
            // shape(i) and the word-list bits for i in -1...count.
            let shapes = values + count + 7
            let classes = values + 2 * count + 9
            // left(word(i)) and right(word(i)) for i in -3..<count+3.
            let lefts = values + 3 * count + 13
            let rights = values + 4 * count + 19
            // Set 5: the word class of word(i) for i in -1...count.
            let classOf = values + 5 * count + 23
            // Set 6: the WordNet supersense code of word(i) for i in -1...count (0: none).
            let senseOf = values + 6 * count + 25
            let clustered = set >= 5
            let sensed = set >= 6
            if clustered {
                classOf[-1] = 0x1_0001
                classOf[count] = 0x1_0002
                senseOf[-1] = 0x1000_0001
                senseOf[count] = 0x1000_0002
                // Only the words a feature reads: up to one past the last token emitted. The
                // table's value holds the class in its low 16 bits and, in set 6, the supersense
                // code above (a set-5 table has nothing above, so its classes read the same).
                let table = clusters ?? WordClusters.empty
                table.withLookup { lookup in
                    for index in 0..<min(count, emitted + 1) {
                        let token = tokens[index]
                        if token.isWord {
                            let value = lookup(token.hash)
                            classOf[index] = value & 0xFFFF
                            senseOf[index] = value >> 16
                        } else {
                            classOf[index] = 0x1_0000 | UInt64(token.hash)
                            senseOf[index] = 0x1000_0000 | UInt64(token.kind.rawValue)
                        }
                    }
                }
            }
            for pad in 1...3 {
                words[-pad] = 0x5354_4152_54
                words[count - 1 + pad] = 0x454E_44
            }
            shapes[-1] = 1
            shapes[count] = 2
            classes[-1] = 0xFFFF_FFFF
            classes[count] = 0xFFFF_FFFF
            var firstWord = -1
            for index in 0..<count {
                let token = tokens[index]
                words[index] = UInt64(token.hash)
                var shape = UInt64(token.kind.rawValue) << 4
                if token.capitalized { shape |= 1 }
                if token.inQuote { shape |= 2 }
                if token.end - token.start == 1 { shape |= 4 }
                shapes[index] = shape | 8
                classes[index] = UInt64(lexical[index].wordClass)
                if firstWord < 0, token.isWord { firstWord = index }
            }
            for index in -3..<(count + 3) {
                lefts[index] = left(words[index])
                rights[index] = right(words[index])
            }
            let none = right(0)
            @inline(__always) func suffix(_ token: ByteTokenizer.Token, _ length: Int) -> UInt64 {
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
            // The word without an inflection's ending: -ing, -ed, -es, -s, then a final -e, for
            // words of five letters or more ("argues", "argued", "arguing", "argue" → "argu").
            @inline(__always) func stem(_ token: ByteTokenizer.Token) -> UInt64 {
                guard token.kind == .word else { return 0 }
                let start = Int(token.start)
                var end = Int(token.end)
                @inline(__always) func lower(_ at: Int) -> UInt8 {
                    let byte = bytes[at]
                    return byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                }
                if end - start >= 5 {
                    if lower(end - 1) == 0x67, lower(end - 2) == 0x6E, lower(end - 3) == 0x69 {  // -ing
                        end -= 3
                    } else if lower(end - 1) == 0x64, lower(end - 2) == 0x65 {  // -ed
                        end -= 2
                    } else if lower(end - 1) == 0x73, lower(end - 2) == 0x65 {  // -es
                        end -= 2
                    } else if lower(end - 1) == 0x73, lower(end - 2) != 0x73 {  // -s, not -ss
                        end -= 1
                    }
                    if lower(end - 1) == 0x65 { end -= 1 }  // -e
                }
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                for at in start..<end { hash = (hash ^ UInt64(lower(at))) &* 0x0000_0100_0000_01b3 }
                return hash
            }
            let sentenceBits: UInt64 = (sentence.paragraphStart ? 1 : 0) | (sentence.carriedQuote ? 2 : 0)
            // The nearest speech verb or lexicon attribution cue on each side: a source is the noun
            // phrase before "said" or after "according to", however long it is.
            let nextAnchor = ints
            // The first comma or sentence end at or after each token (one pass, instead of a scan
            // from every token to its next anchor).
            let nextBreak = ints + count
            var following = count
            var breakAt = count
            for index in stride(from: count - 1, through: 0, by: -1) {
                nextAnchor[index] = following
                if isAnchor(lexical[index]) { following = index }
                if tokens[index].kind == .comma || tokens[index].kind == .end { breakAt = index }
                nextBreak[index] = breakAt
            }
            @inline(__always) func bucket(_ distance: Int) -> UInt64 {
                distance <= 3 ? UInt64(distance) : distance <= 6 ? 4 : distance <= 10 ? 5 : 6
            }
            // Set 4: the nearest quotation mark on each side, and each token's run of capitalised words.
            let quoteBefore = ints + 2 * count, quoteAfter = ints + 3 * count
            let runStart = ints + 4 * count, runEnd = ints + 5 * count
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
            let bias = mix(0, 0, 0, seed: seed)
            var previousAnchor = -1
            var commaSinceAnchor = false
            out.appendBlock(emitted * width) { block in
                for index in 0..<emitted {
                    let f = block + index * width
                    let token = tokens[index]
                    let s0 = shapes[index], sm1 = shapes[index - 1], sp1 = shapes[index + 1]
                    let lex = lexical[index]
                    let position: UInt64 = index == firstWord ? 0 : index < firstWord ? 1 : index - firstWord < 4 ? 2 : count - index <= 3 ? 3 : 4
                    f[0] = bias
                    let l0 = lefts[index], lm1 = lefts[index - 1], lp1 = lefts[index + 1]
                    f[1] = finish(l0 ^ none, 1, seed: seed)
                    f[2] = finish(lm1 ^ none, 2, seed: seed)
                    f[3] = finish(lp1 ^ none, 3, seed: seed)
                    f[4] = finish(lefts[index - 2] ^ none, 4, seed: seed)
                    f[5] = finish(lefts[index + 2] ^ none, 5, seed: seed)
                    f[6] = finish(lm1 ^ rights[index], 6, seed: seed)
                    f[7] = finish(l0 ^ rights[index + 1], 7, seed: seed)
                    f[8] = mix(suffix(token, 3), 0, 8, seed: seed)
                    f[9] = mix(s0, sentenceBits, 9, seed: seed)
                    f[10] = mix(sm1, sp1, 10, seed: seed)
                    f[11] = mix(UInt64(lex.wordClass), 0, 11, seed: seed)
                    f[12] = mix(UInt64(lex.cue), 0, 12, seed: seed)
                    f[13] = mix(classes[index - 1], classes[index + 1], 13, seed: seed)
                    f[14] = mix(position, s0, 14, seed: seed)
                    f[15] = finish(l0 ^ right(s0 & 2), 15, seed: seed)
                    f[16] = mix(sm1, s0, 16, seed: seed)
                    f[17] = finish(left(UInt64(lex.cue)) ^ rights[index], 17, seed: seed)
                    f[18] = mix(suffix(token, 2), s0, 18, seed: seed)
                    f[19] = finish(lm1 ^ rights[index + 1], 19, seed: seed)
                    let next = nextAnchor[index]
                    let commaBefore = next < count && nextBreak[index] < next
                    let nextBucket = next < count ? bucket(next - index) : 9
                    f[20] = finish(left(nextBucket) ^ (next < count ? rights[next] : none), 20, seed: seed)
                    f[21] = finish(
                        left(previousAnchor >= 0 ? bucket(index - previousAnchor) : 9) ^ (previousAnchor >= 0 ? rights[previousAnchor] : none),
                        21, seed: seed)
                    f[22] = mix(nextBucket | (commaBefore ? 16 : 0) | (commaSinceAnchor ? 32 : 0), s0, 22, seed: seed)
                    if wide {
                        f[23] = finish(lefts[index - 2] ^ rights[index - 1], 23, seed: seed)
                        f[24] = finish(lp1 ^ rights[index + 2], 24, seed: seed)
                        f[25] = finish(lefts[index - 3] ^ none, 25, seed: seed)
                        f[26] = finish(lefts[index + 3] ^ none, 26, seed: seed)
                        let before = quoteBefore[index] >= 0 ? bucket(index - quoteBefore[index]) : 9
                        let after = quoteAfter[index] < count ? bucket(quoteAfter[index] - index) : 9
                        f[27] = mix(before | after << 4, s0 & 2, 27, seed: seed)
                        let capital = token.isWord && token.capitalized
                        let run = runEnd[index] - runStart[index] + 1
                        let place: UInt64 = !capital ? 0 : run == 1 ? 1 : index == runStart[index] ? 2 : index == runEnd[index] ? 3 : 4
                        f[28] = mix(place | UInt64(min(run, 5)) << 3, nextBucket, 28, seed: seed)
                    }
                    if clustered {
                        let c0 = classOf[index]
                        f[29] = mix(c0, 0, 29, seed: seed)
                        f[30] = mix(classOf[index - 1], c0, 30, seed: seed)
                        f[31] = mix(c0, classOf[index + 1], 31, seed: seed)
                        f[32] = mix(stem(token), 0, 32, seed: seed)
                    }
                    if sensed {
                        let code = senseOf[index]
                        // The first supersense (a non-word's marker stays whole).
                        @inline(__always) func first(_ code: UInt64) -> UInt64 { code >= 0x1000_0000 ? code : code & 63 }
                        let sense0 = first(code)
                        f[33] = mix(sense0, 0, 33, seed: seed)
                        f[34] = mix(code & 0xFFF, 0, 34, seed: seed)
                        f[35] = mix(first(senseOf[index - 1]), sense0, 35, seed: seed)
                        f[36] = mix(sense0, first(senseOf[index + 1]), 36, seed: seed)
                        f[37] = mix(code < 0x1000_0000 ? code >> 12 & 7 : 0, classOf[index + 1], 37, seed: seed)
                    }
                    if isAnchor(lex) {
                        previousAnchor = index
                        commaSinceAnchor = false
                    } else if token.kind == .comma {
                        commaSinceAnchor = true
                    }
                }
            }
        }
    }
}

/// Where `ModelFeatures.extract` writes: an array (training) or a `FeatureBuffer` (tagging).
protocol FeatureSink {
    var count: Int { get }
    /// Appends `count` features that `write` stores through the pointer it is given.
    mutating func appendBlock(_ count: Int, _ write: (UnsafeMutablePointer<UInt64>) -> Void)
}

extension Array: FeatureSink where Element == UInt64 {
    mutating func appendBlock(_ count: Int, _ write: (UnsafeMutablePointer<UInt64>) -> Void) {
        let start = self.count
        append(contentsOf: repeatElement(0, count: count))
        withUnsafeMutableBufferPointer { write($0.baseAddress! + start) }
    }
}

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
    mutating func appendBlock(_ count: Int, _ write: (UnsafeMutablePointer<UInt64>) -> Void) {
        precondition(self.count + count <= capacity, "feature buffer too small")
        write(base + self.count)
        self.count += count
    }

    mutating func removeAll() { count = 0 }

    var features: UnsafeBufferPointer<UInt64> { UnsafeBufferPointer(start: base, count: count) }
}
