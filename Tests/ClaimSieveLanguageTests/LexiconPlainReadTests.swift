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

    /// The repeated-key check once compared every key with every later one (30,000 keys: 450 M
    /// comparisons); a set of the keys seen keeps it linear.
    @Test(.timeLimit(.minutes(1))) func aMappingOfThirtyThousandKeysIsReadByHand() throws {
        var yaml = "inflections:\n"
        for index in 0..<30_000 { yaml += "  w\(index): [w\(index)s, w\(index)ed]\n" }
        yaml += "cues:\n  - {phrase: said, category: hearsay}\n"
        let node = try DataFileLoader.compose(yaml, file: "large.yml")
        let plain = try #require(LexiconFile(plain: node))
        #expect(plain.inflections?.count == 30_000)
        #expect(plain.inflections?["w29999"] == ["w29999s", "w29999ed"])
        var lexicon = Lexicon()
        try lexicon.add(yaml: yaml, file: "large.yml")
    }

    /// A repeated key is the decoder's to read, at the top and in an entry. Yams's parser refuses
    /// one in a file (the loader's error names the file and the key), so the node is built here.
    @Test func aRepeatedKeyGoesToTheDecoder() throws {
        func key(_ text: String) -> Node { .scalar(.init(text, .implicit, .plain)) }
        let entry = Node.mapping(.init([
            (key("phrase"), key("x")), (key("category"), key("hearsay")), (key("category"), key("weasel")),
        ]))
        let top = Node.mapping(.init([(key("cues"), .sequence(.init([entry])))]))
        #expect(LexiconFile(plain: top) == nil)
        #expect(Self.decoded(top) != nil, "the decoder reads what the hand walk declines")
        let twice = Node.mapping(.init([(key("cues"), .sequence(.init([]))), (key("cues"), .sequence(.init([])))]))
        #expect(LexiconFile(plain: twice) == nil)
        var lexicon = Lexicon()
        do {
            try lexicon.add(yaml: "cues:\n  - {phrase: x, category: hearsay, category: weasel}\n", file: "twice.yml")
            Issue.record("a repeated key was accepted")
        } catch {
            #expect("\(error)".contains("twice.yml"))
            #expect("\(error)".contains("'category'"))
        }
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
