@testable import ClaimSieveLanguage
import ClaimSieveCore
import ClaimSieveTestSupport
import Foundation
import Testing
import Yams

/// `LexiconFile(plain:)` reads a lexicon's nodes by hand; `YAMLDecoder` (the slow path) must
/// agree on every file the hand walk accepts, and refuse nothing the hand walk reads.
@Suite("Lexicon read without YAMLDecoder") struct LexiconPlainReadTests {
    static func decoded(_ node: Node) -> LexiconFile? { try? YAMLDecoder().decode(LexiconFile.self, from: node) }

    @Test func theShippedLexiconIsReadByHandAsTheDecoderReadsIt() throws {
        let node = try DataFileLoader.compose(path: TestPaths.inRepository("pipelines/lexicons/en.yml"))
        let plain = try #require(LexiconFile(plain: node))
        #expect(plain == Self.decoded(node))
        #expect((plain.cues?.count ?? 0) > 100)
    }

    @Test func agreesWithTheDecoderOnRandomLexicons() throws {
        // Values of every kind, good and bad, so that both paths are taken: each entry has a few
        // keys with values both paths read, and now and then one the hand walk declines.
        let goodValues: [String: [String]] = [
            "weight": ["0.5", "1", "0", "1e-1", "0.25"], "gap": ["4", "1", "20", "0x10"],
            "speaker": ["before", "after", "either", "self"], "unnamed": ["hearsay", "neutral", "speculation"],
            "not_before": ["[a, '#number']", "[]"], "not_after": ["[the]", "[]"], "skip_capitalized": ["true", "false"],
            "speech_context": ["yes", "no", "True"], "cancel_by_named_agent": ["false", "true"], "replace": ["no", "false"],
            "category": ["named_source", "neutral", "weasel"],
        ]
        let badLines = [
            "phrase: ~", "phrase: [a]", "category: nonsense", "category: null", "weight: 2", "weight: .inf",
            "weight: x", "gap: 21", "gap: 2.5", "speaker: here", "unnamed: ~", "not_after: x", "replace: maybe",
            "bogus: 1", "\"phrase\": quoted", "phrase: again",
        ]
        let topLines = [
            "replace: false", "replace: ~", "inflections: {say: [says, said]}", "inflections: {say: said}",
            "words: {pronouns: [he, she]}", "words: {pronouns: [~]}", "other: 1",
        ]
        let keys = goodValues.keys.sorted()
        var random = SplitMix64(state: 10)
        var accepted = 0
        var declined = 0
        for _ in 0..<800 {
            var yaml = ""
            for line in topLines where Int.random(in: 0..<8, using: &random) == 0 { yaml += line + "\n" }
            yaml += "cues:\n"
            for _ in 0..<Int.random(in: 0...4, using: &random) {
                var lines = ["phrase: p\(random.next() % 1000)"]
                let chosen = keys.shuffled(using: &random).prefix(Int.random(in: 0...4, using: &random))
                for key in chosen { lines.append("\(key): \(goodValues[key]!.randomElement(using: &random)!)") }
                if !chosen.contains("category") { lines.append("category: hearsay") }
                if Int.random(in: 0..<10, using: &random) == 0 { lines.append(badLines.randomElement(using: &random)!) }
                lines.shuffle(using: &random)
                yaml += "  - {" + lines.joined(separator: ", ") + "}\n"
            }
            guard let node = try? DataFileLoader.compose(yaml, file: "random.yml") else { continue }
            let plain = LexiconFile(plain: node)
            let slow = Self.decoded(node)
            if let plain {
                accepted += 1
                #expect(plain == slow, "\(yaml)")
            } else {
                declined += 1
                // Declined files are the decoder's to read; most of them it refuses.
            }
        }
        #expect(accepted > 50 && declined > 50)
    }

    @Test func aDeclinedFileStillFailsWithTheDecodersMessage() {
        var lexicon = Lexicon()
        #expect(throws: LexiconError.self) {
            try lexicon.add(yaml: "cues:\n  - {phrase: x, category: nonsense}\n", file: "bad.yml")
        }
        do {
            try lexicon.add(yaml: "cues:\n  - {phrase: x, category: nonsense}\n", file: "bad.yml")
        } catch let error as LexiconError {
            #expect(error.description.contains("unknown category 'nonsense'"))
            #expect(error.description.contains("bad.yml:2"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
