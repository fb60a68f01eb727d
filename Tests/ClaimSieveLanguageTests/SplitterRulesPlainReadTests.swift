@testable import ClaimSieveLanguage
import ClaimSieveCore
import ClaimSieveTestSupport
import Foundation
import Testing
import Yams

/// `SplitterRules(plain:)` reads a rules file's nodes by hand; `YAMLDecoder` (the slow path) must
/// agree on every file the hand walk accepts.
@Suite("Splitter rules read without YAMLDecoder") struct SplitterRulesPlainReadTests {
    static func decoded(_ node: Node) -> SplitterRules? { try? YAMLDecoder().decode(SplitterRules.self, from: node) }

    @Test func theShippedRulesAreReadByHandAsTheDecoderReadsThem() throws {
        for file in ["en-splitter.yml", "de-splitter.yml"] {
            let node = try DataFileLoader.compose(path: TestPaths.inRepository("pipelines/lexicons/" + file))
            let plain = try #require(SplitterRules(plain: node), "\(file)")
            #expect(plain == Self.decoded(node), "\(file)")
        }
        let english = try #require(SplitterRules(plain: DataFileLoader.compose(
            path: TestPaths.inRepository("pipelines/lexicons/en-splitter.yml"))))
        #expect(english.abbreviations.prepositive.count > 10)
        #expect(!english.nonClaims.shortContains.isEmpty)
    }

    @Test func agreesWithTheDecoderOnRandomRulesFiles() throws {
        // Every key of every section, with values both paths read and values the hand walk
        // declines (nulls, out of range, the wrong kind, quoted or unknown keys).
        let lists = ["[a, b]", "[]", "[\"x y\", '#z']", "[1, true]", "[~]", "x", "~", "{a: 1}"]
        let integers = ["0", "1", "4", "100", "101", "1500", "-3", "0x10", "2.5", "~", "x", "[1]"]
        let booleans = ["true", "false", "yes", "no", "On", "~", "maybe", "1"]
        let sections: [String: [(String, [String])]] = [
            "abbreviations": ["prepositive", "numeric", "general", "units", "never_final", "time"].map { ($0, lists) },
            "boundaries": [("min_words_before_abbreviation", integers), ("max_enclosure_bytes", integers),
                           ("end_before_lower_case", booleans)],
            "ordinals": [("max_digits", integers), ("before", lists)],
            "glued_words": [("min_head_letters", integers), ("prefixes", lists), ("words", lists)],
            "dateline": [("agencies", lists), ("max_bytes", integers)],
            "non_claims": ["starts_with", "equals", "after_dash", "short_contains", "byline_prefixes",
                           "byline_connectors"].map { ($0, lists) } + [("short_max_words", integers), ("byline_max_words", integers)],
            "headings": [("verbs", lists), ("min_words", integers)],
        ]
        let topLists = ["sentence_starters", "time_zones", "exclamation_names", "domain_endings", "bullets",
                        "emoticons", "caption_labels", "closings"]
        let oddLines = ["replace: true", "replace: ~", "other: 1", "\"bullets\": [x]", "boundaries: ~", "headings: []"]
        var random = SplitMix64(state: 12)
        var accepted = 0
        var declined = 0
        for _ in 0..<600 {
            var lines: [String] = []
            for key in topLists where Int.random(in: 0..<3, using: &random) == 0 {
                // Mostly good lists, now and then a value the hand walk declines.
                let value = Int.random(in: 0..<12, using: &random) == 0 ? lists.randomElement(using: &random)! : "[w\(random.next() % 100), v]"
                lines.append("\(key): \(value)")
            }
            for (section, keys) in sections.sorted(by: { $0.key < $1.key }) where Int.random(in: 0..<2, using: &random) == 0 {
                var pairs: [String] = []
                for (key, values) in keys where Int.random(in: 0..<2, using: &random) == 0 {
                    // The first values of each kind are good ones most of the time.
                    let value = Int.random(in: 0..<6, using: &random) == 0 ? values.randomElement(using: &random)! : values[Int.random(in: 0..<3, using: &random)]
                    pairs.append("\(key): \(value)")
                }
                if Int.random(in: 0..<20, using: &random) == 0 { pairs.append("unknown_key: 1") }
                lines.append("\(section): {" + pairs.joined(separator: ", ") + "}")
            }
            if Int.random(in: 0..<8, using: &random) == 0 { lines.append(oddLines.randomElement(using: &random)!) }
            lines.shuffle(using: &random)
            let yaml = lines.joined(separator: "\n") + "\n"
            guard let node = try? DataFileLoader.compose(yaml, file: "random.yml") else { continue }
            let slow = Self.decoded(node)
            if let plain = SplitterRules(plain: node) {
                accepted += 1
                #expect(plain == slow, "\(yaml)")
            } else {
                declined += 1
            }
        }
        #expect(accepted > 50 && declined > 50, "accepted \(accepted), declined \(declined)")
    }

    @Test func aDeclinedFileStillFailsWithTheDecodersMessage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("splitter-plain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("rules.yml").path
        try "replace: true\nboundaries: {max_enclosure_bytes: 0}\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(SplitterRules(plain: try DataFileLoader.compose(path: path)) == nil)
        do {
            _ = try SplitterRules.load(path: path)
            Issue.record("an out-of-range number was accepted")
        } catch {
            #expect("\(error)".contains(path))
            #expect("\(error)".contains("max_enclosure_bytes must be from 1 to 1000000, got 0"))
        }
    }
}
