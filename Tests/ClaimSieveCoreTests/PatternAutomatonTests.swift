@testable import ClaimSieveCore
import Foundation
import ClaimSieveTestSupport
import Testing

/// The one-pass automaton against the simplest matcher that follows the same rules: every
/// pattern tried at every position.
@Suite("Pattern automaton") struct PatternAutomatonTests {
    /// The rules written out plainly: `pattern` at `p` of `text`, `#` any digit (with the
    /// wildcard), starting and ending at word edges where it starts or ends with a letter or digit.
    static func occursAt(_ pattern: PatternAutomaton.Pattern, _ text: [UInt8], _ p: Int, words: Bool, wildcard: Bool) -> Bool {
        let bytes = pattern.bytes
        let hash = UInt8(ascii: "#")
        guard p + bytes.count <= text.count else { return false }
        for k in bytes.indices {
            let want = bytes[k], have = text[p + k]
            if wildcard && want == hash {
                guard have >= 0x30 && have <= 0x39 else { return false }
            } else if want != have {
                return false
            }
        }
        guard words else { return true }
        let isWord = PatternAutomaton.isWordByte
        if isWord(bytes[0]), p > 0, isWord(text[p - 1]) { return false }
        let last = bytes[bytes.count - 1]
        if isWord(last) || wildcard && last == hash, p + bytes.count < text.count, isWord(text[p + bytes.count]) { return false }
        return true
    }

    static func simpleLabels(_ patterns: [PatternAutomaton.Pattern], _ text: [UInt8], labelCount: Int, words: Bool, wildcard: Bool) -> [UInt64] {
        var found = [UInt64](repeating: 0, count: max(1, (labelCount + 63) / 64))
        for pattern in patterns where !pattern.bytes.isEmpty {
            let positions = pattern.anchored ? 0..<min(1, text.count + 1) : 0..<(text.count + 1)
            if positions.contains(where: { occursAt(pattern, text, $0, words: words, wildcard: wildcard) }) {
                for label in pattern.labels { found[label / 64] |= 1 << UInt64(label % 64) }
            }
        }
        return found
    }

    static func labels(_ automaton: PatternAutomaton, _ text: [UInt8]) -> [UInt64] {
        text.withUnsafeBufferPointer { automaton.labels(in: $0) }
    }

    typealias Generator = SplitMix64

    @Test("agrees with trying every pattern at every byte, on 20,000 random texts", arguments: [
        (true, true), (true, false), (false, false), (false, true),
    ])
    func randomTexts(words: Bool, wildcard: Bool) {
        // A small alphabet of letters, digits, spaces, punctuation, `#` and the bytes of `©`,
        // so that patterns occur often and at every kind of edge.
        let alphabet: [UInt8] = Array("ab1 -#'".utf8) + [0xC2, 0xA9, 0x39]
        var random = Generator(state: words ? (wildcard ? 1 : 2) : (wildcard ? 3 : 4))
        for round in 0..<200 {
            let patternCount = Int.random(in: 1...12, using: &random)
            let labelCount = Int.random(in: 1...70, using: &random)
            let patterns = (0..<patternCount).map { _ in
                PatternAutomaton.Pattern(
                    (0..<Int.random(in: 1...5, using: &random)).map { _ in alphabet.randomElement(using: &random)! },
                    anchored: Int.random(in: 0..<4, using: &random) == 0,
                    labels: [Int.random(in: 0..<labelCount, using: &random)])
            }
            let automaton = PatternAutomaton(patterns: patterns, labelCount: labelCount, wordBoundaries: words, digitWildcard: wildcard)
            for _ in 0..<100 {
                let text = (0..<Int.random(in: 0...24, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
                let expected = Self.simpleLabels(patterns, text, labelCount: labelCount, words: words, wildcard: wildcard)
                let got = Self.labels(automaton, text)
                #expect(got == expected, "round \(round): \(patterns.map { String(decoding: $0.bytes, as: UTF8.self) }) in \(String(decoding: text, as: UTF8.self))")
                if got != expected { return }
            }
        }
    }

    @Test func wordEdgesAnchorsAndDigits() {
        let patterns = [
            PatternAutomaton.Pattern(Array("by".utf8), anchored: true, labels: [0]),
            PatternAutomaton.Pattern(Array("copyright ####".utf8), labels: [1]),
            PatternAutomaton.Pattern(Array(" on monday".utf8), labels: [2]),
            PatternAutomaton.Pattern(Array("updated:".utf8), labels: [3]),
            PatternAutomaton.Pattern(Array("© ####".utf8), labels: [64]),
        ]
        let automaton = PatternAutomaton(patterns: patterns, labelCount: 65, wordBoundaries: true, digitWildcard: true)
        func labels(_ text: String) -> [Int] {
            let found = Self.labels(automaton, Array(text.utf8))
            return (0..<128).filter { found[$0 / 64] & (1 << UInt64($0 % 64)) != 0 }
        }
        #expect(labels("by jane doe on monday") == [0, 2])
        #expect(labels("bylines on mondays") == [])  // "by" ends inside a word; "monday" too
        #expect(labels("written by jane") == [])  // anchored: only at the start
        #expect(labels("copyright 2019 the new arab") == [1])
        #expect(labels("copyright 20190") == [])  // four digits, then the word goes on
        #expect(labels("acopyright 2019") == [])  // the pattern starts inside a word
        #expect(labels("updated:12 may") == [3])  // ends with `:`, so no edge is needed after it
        #expect(labels("© 2024 example") == [64])
        #expect(labels("") == [])
    }

    @Test func withoutWordEdgesEveryOccurrenceCounts() {
        let names = ["com-", "comment", "nav", "share"].map { Array($0.utf8) }
        let automaton = PatternAutomaton(
            patterns: names.enumerated().map { PatternAutomaton.Pattern($0.element, labels: [$0.offset]) },
            labelCount: 4, wordBoundaries: false, digitWildcard: false)
        #expect(Self.labels(automaton, Array(" site-navigation shareable".utf8)) == [0b1100])
        #expect(Self.labels(automaton, Array("com-box comments".utf8)) == [0b0011])
        #expect(Self.labels(automaton, Array("#".utf8)) == [0])
    }

    /// The furniture matcher's own automaton, on lines built from the lexicon's cues with words,
    /// digits and punctuation around them, against every cue tried at every byte.
    @Test func furnitureCuesAgreeWithTheSimpleMatcher() throws {
        let lexicon = try FurnitureLexicon.load()
        let matcher = FurnitureMatcher(lexicon: lexicon)
        var patterns: [PatternAutomaton.Pattern] = []
        var cues: [[UInt8]] = []
        for (index, kind) in lexicon.kinds.enumerated() {
            for (offset, list) in [kind.startsWith, kind.contains, kind.alsoContains].enumerated() {
                for cue in list ?? [] {
                    let folded = FurnitureMatcher.fold(Array(cue.utf8))
                    patterns.append(.init(folded, anchored: offset == 0, labels: [3 * index + offset]))
                    cues.append(folded)
                }
            }
        }
        let fillers: [[UInt8]] = ["the", "x", "2019", "12", "a", "-", ",", ".", "'", "|", "©", ":", "s"].map { Array($0.utf8) }
        var random = Generator(state: 42)
        var agreed = 0
        for _ in 0..<5_000 {
            var line: [UInt8] = []
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                var piece = Bool.random(using: &random) ? cues.randomElement(using: &random)! : fillers.randomElement(using: &random)!
                // Cut a cue short now and then, so that near misses are tried too.
                if piece.count > 3, Int.random(in: 0..<4, using: &random) == 0 { piece.removeLast(Int.random(in: 1...2, using: &random)) }
                line += piece
                if Int.random(in: 0..<3, using: &random) > 0 { line.append(0x20) }
            }
            let expected = Self.simpleLabels(patterns, line, labelCount: 3 * lexicon.kinds.count, words: true, wildcard: true)
            #expect(Self.labels(matcher.automaton, line) == expected, "\(String(decoding: line, as: UTF8.self))")
            agreed += 1
        }
        #expect(agreed == 5_000)
    }
}
