import ClaimSieveCore
@testable import ClaimSieveLanguage
import Testing

/// The feature extraction computes each token's context once and writes its block in place: the
/// same hashes as the templates written out one by one (the version before that rewrite, kept
/// here as the reference), so every model keeps meeting the features it was trained on.
@Suite("Model features")
struct ModelFeatureTests {
    static let sentences = [
        "The Russian Foreign Ministry said on December 3 that the talks had ended without a deal.",
        "“We will not leave the city,” said Maria Lopez, a local council member who was elected in 1990.",
        "Ousted leader Omar Haddad and his family have been granted asylum, according to state media.",
        "It may rain.",
        "\"Yes\", she said: ``maybe'' -- or not (the 6'4\" man) ; Fine!",
        "Officials",
        "",
        "“…and then,” he added, “the New York Stock Exchange closed.”",
    ]

    /// A word-class table for set 5: "said", "told", "argued" in one class, "the" in another; every
    /// other word unknown.
    static let clusters: WordClusters = {
        let pairs = [("said", 7), ("told", 7), ("argued", 7), ("the", 3)].map { (word, cluster) in
            var tokens: [ByteTokenizer.Token] = []
            var text = word
            _ = text.withUTF8 { ByteTokenizer.tokenize($0, vocabulary: Vocabulary(), tokens: &tokens) }
            return (tokens[0].hash, UInt16(cluster))
        }.sorted { $0.0 < $1.0 }
        return WordClusters(words: pairs.map(\.0), classes: pairs.map(\.1))
    }()

    @Test(arguments: [UInt32(3), 4, 5])
    func theFeaturesAreTheTemplatesOneByOne(set: UInt32) throws {
        let tagger = try CueTagger(lexiconPaths: [])
        for (number, text) in Self.sentences.enumerated() {
            var text = text
            text.withUTF8 { bytes in
                var tokens: [ByteTokenizer.Token] = []
                ByteTokenizer.tokenize(bytes, vocabulary: tagger.vocabulary, tokens: &tokens, carriedQuote: number == 2)
                tokens.withUnsafeBufferPointer { tokens in
                    let firstWord = tokens.firstIndex { $0.isWord } ?? 0
                    let matches = tagger.lexiconMatches(tokens, bytes, firstWord: firstWord, titleCase: CueTagger.isTitleCase(tokens, bytes))
                    let lexical = tagger.lexical(tokens, matches)
                    let sentence = ModelFeatures.Sentence(paragraphStart: number % 2 == 0, carriedQuote: number == 2)
                    for limit in [Int.max, 3, 0] {
                        var fast: [UInt64] = [42]
                        ModelFeatures.extract(
                            tokens: tokens, bytes: bytes, lexical: lexical, sentence: sentence, seed: 0x5EED, into: &fast,
                            limit: limit, set: set, clusters: Self.clusters)
                        let expected = Self.reference(
                            tokens: tokens, bytes: bytes, lexical: lexical, sentence: sentence, seed: 0x5EED, limit: limit, set: set)
                        #expect(fast == [42] + expected, "sentence \(number), limit \(limit)")
                    }
                }
            }
        }
    }

    /// The templates as they were written before the rewrite, one call per feature.
    static func reference(
        tokens: UnsafeBufferPointer<ByteTokenizer.Token>, bytes: UnsafeBufferPointer<UInt8>, lexical: [ModelFeatures.Lexical],
        sentence: ModelFeatures.Sentence, seed: UInt64, limit: Int = .max, set: UInt32 = 3
    ) -> [UInt64] {
        var out: [UInt64] = []
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
        @inline(__always) func isAnchor(_ index: Int) -> Bool { ModelFeatures.isAnchor(lexical[index]) }
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
                for index in 0..<min(count, limit) {
            let w0 = word(index)
            let lex = lexical[index]
            let previousClass = index > 0 ? UInt64(lexical[index - 1].wordClass) : 0xFFFF_FFFF
            let nextClass = index + 1 < count ? UInt64(lexical[index + 1].wordClass) : 0xFFFF_FFFF
            let position: UInt64 = index == firstWord ? 0 : index < firstWord ? 1 : index - firstWord < 4 ? 2 : count - index <= 3 ? 3 : 4
            out.append(ModelFeatures.mix(0, 0, 0, seed: seed))
            out.append(ModelFeatures.mix(w0, 0, 1, seed: seed))
            out.append(ModelFeatures.mix(word(index - 1), 0, 2, seed: seed))
            out.append(ModelFeatures.mix(word(index + 1), 0, 3, seed: seed))
            out.append(ModelFeatures.mix(word(index - 2), 0, 4, seed: seed))
            out.append(ModelFeatures.mix(word(index + 2), 0, 5, seed: seed))
            out.append(ModelFeatures.mix(word(index - 1), w0, 6, seed: seed))
            out.append(ModelFeatures.mix(w0, word(index + 1), 7, seed: seed))
            out.append(ModelFeatures.mix(suffix(index, 3), 0, 8, seed: seed))
            out.append(ModelFeatures.mix(shape(index), sentenceBits, 9, seed: seed))
            out.append(ModelFeatures.mix(shape(index - 1), shape(index + 1), 10, seed: seed))
            out.append(ModelFeatures.mix(UInt64(lex.wordClass), 0, 11, seed: seed))
            out.append(ModelFeatures.mix(UInt64(lex.cue), 0, 12, seed: seed))
            out.append(ModelFeatures.mix(previousClass, nextClass, 13, seed: seed))
            out.append(ModelFeatures.mix(position, shape(index), 14, seed: seed))
            out.append(ModelFeatures.mix(w0, shape(index) & 2, 15, seed: seed))
            out.append(ModelFeatures.mix(shape(index - 1), shape(index), 16, seed: seed))
            out.append(ModelFeatures.mix(UInt64(lex.cue), w0, 17, seed: seed))
            out.append(ModelFeatures.mix(suffix(index, 2), shape(index), 18, seed: seed))
            out.append(ModelFeatures.mix(word(index - 1), word(index + 1), 19, seed: seed))
            let next = nextAnchor[index]
            let commaBefore = next < count && nextBreak[index] < next
            out.append(ModelFeatures.mix(next < count ? bucket(next - index) : 9, next < count ? word(next) : 0, 20, seed: seed))
            out.append(ModelFeatures.mix(previousAnchor >= 0 ? bucket(index - previousAnchor) : 9, previousAnchor >= 0 ? word(previousAnchor) : 0, 21, seed: seed))
            out.append(ModelFeatures.mix((next < count ? bucket(next - index) : 9) | (commaBefore ? 16 : 0) | (commaSinceAnchor ? 32 : 0), shape(index), 22, seed: seed))
            if wide {
                out.append(ModelFeatures.mix(word(index - 2), word(index - 1), 23, seed: seed))
                out.append(ModelFeatures.mix(word(index + 1), word(index + 2), 24, seed: seed))
                out.append(ModelFeatures.mix(word(index - 3), 0, 25, seed: seed))
                out.append(ModelFeatures.mix(word(index + 3), 0, 26, seed: seed))
                let before = quoteBefore[index] >= 0 ? bucket(index - quoteBefore[index]) : 9
                let after = quoteAfter[index] < count ? bucket(quoteAfter[index] - index) : 9
                out.append(ModelFeatures.mix(before | after << 4, shape(index) & 2, 27, seed: seed))
                let capital = tokens[index].isWord && tokens[index].capitalized
                let run = runEnd[index] - runStart[index] + 1
                let place: UInt64 = !capital ? 0 : run == 1 ? 1 : index == runStart[index] ? 2 : index == runEnd[index] ? 3 : 4
                out.append(ModelFeatures.mix(place | UInt64(min(run, 5)) << 3, next < count ? bucket(next - index) : 9, 28, seed: seed))
            }
            if set >= 5 {
                let known: [String: UInt64] = ["said": 7, "told": 7, "argued": 7, "the": 3]
                func text(_ index: Int) -> String {
                    String(decoding: UnsafeBufferPointer(rebasing: bytes[Int(tokens[index].start)..<Int(tokens[index].end)]), as: UTF8.self)
                }
                func wordClass(_ index: Int) -> UInt64 {
                    if index < 0 { return 0x1_0001 }
                    if index >= count { return 0x1_0002 }
                    guard tokens[index].isWord else { return 0x1_0000 | UInt64(tokens[index].hash) }
                    return known[text(index).lowercased()] ?? 0xFFFF
                }
                func stem(_ index: Int) -> UInt64 {
                    guard tokens[index].kind == .word else { return 0 }
                    var word = Array(text(index).lowercased().utf8)
                    if word.count >= 5 {
                        let ending = String(decoding: word.suffix(3), as: UTF8.self)
                        if ending.hasSuffix("ing") {
                            word.removeLast(3)
                        } else if ending.hasSuffix("ed") || ending.hasSuffix("es") {
                            word.removeLast(2)
                        } else if ending.hasSuffix("s") && !ending.hasSuffix("ss") {
                            word.removeLast()
                        }
                        if word.last == UInt8(ascii: "e") { word.removeLast() }
                    }
                    return word.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01b3 }
                }
                out.append(ModelFeatures.mix(wordClass(index), 0, 29, seed: seed))
                out.append(ModelFeatures.mix(wordClass(index - 1), wordClass(index), 30, seed: seed))
                out.append(ModelFeatures.mix(wordClass(index), wordClass(index + 1), 31, seed: seed))
                out.append(ModelFeatures.mix(stem(index), 0, 32, seed: seed))
            }
            if isAnchor(index) {
                previousAnchor = index
                commaSinceAnchor = false
            } else if tokens[index].kind == .comma {
                commaSinceAnchor = true
            }
        }
        return out
    }
}

/// `speech` drops a model cue spoken in the writer's own voice ("I later found that"); a name in
/// capitals that spells a pronoun ("the US said", "ME" for Maine) is someone else's.
@Suite struct WritersVoiceTests {
    static func check(_ text: String, cueAt cueWord: String) -> (source: Bool, before: Bool) {
        var tokens: [ByteTokenizer.Token] = []
        var copy = text
        return copy.withUTF8 { bytes in
            ByteTokenizer.tokenize(bytes, vocabulary: Vocabulary(), tokens: &tokens)
            return tokens.withUnsafeBufferPointer { tokenBuffer in
                let cue = tokenBuffer.firstIndex {
                    String(decoding: bytes[Int($0.start)..<Int($0.end)], as: UTF8.self) == cueWord
                }!
                return (CueTagger.isFirstOrSecondPerson(0..<1, tokenBuffer, bytes),
                        CueTagger.writerBefore(cue..<(cue + 1), tokenBuffer, bytes))
            }
        }
    }

    @Test func pronounsAreTheWritersVoiceNamesInCapitalsAreNot() {
        #expect(Self.check("I later found that prices rose.", cueAt: "found") == (true, true))
        #expect(Self.check("We estimate that prices rose.", cueAt: "estimate") == (true, true))
        #expect(Self.check("US officials found that prices rose.", cueAt: "found") == (false, false))
        #expect(Self.check("US said that prices rose.", cueAt: "said") == (false, false))
        #expect(Self.check("Moscow and the US said that prices rose.", cueAt: "said") == (false, false))
        #expect(Self.check("Analysts later found that prices rose.", cueAt: "found") == (false, false))
    }
}
