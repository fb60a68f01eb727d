import ClaimSieveLanguage
import ClaimSieveTestSupport
import Foundation
import Testing

/// One of the 52 English Golden Rules (pragmatic_segmenter), read from ../shared.
struct GoldenRule: Decodable, Sendable, CustomTestStringConvertible {
    var id: Int
    var name: String
    var input: String
    var expected: [String]
    var options: [String: String]?

    var testDescription: String { "\(id) \(name)" }

    static let all: [GoldenRule] = {
        let path = TestPaths.inShared("eval/golden-rules/golden_rules_en.json")
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return (try? JSONDecoder().decode([GoldenRule].self, from: data)) ?? []
    }()
}

@Suite("Split: English Golden Rules")
struct SplitGoldenRulesTests {
    @Test("all 52 rules are present")
    func rulesArePresent() {
        #expect(GoldenRule.all.count == 52)
    }

    @Test("golden rule", arguments: GoldenRule.all)
    func goldenRule(_ rule: GoldenRule) throws {
        let pdf = rule.options?["doc_type"] == "pdf"
        let splitter = SentenceSplitter(rules: splitRules, options: .init(joinLineBreaks: pdf))
        let sentences = splitter.split(rule.input).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(sentences == rule.expected)
    }
}
