@testable import ClaimSieveCore
import ClaimSieveTestSupport
import Testing
import Yams

/// `DataFileLoader.resolver` answers early for scalars that can only be strings; every scalar
/// must get the tag `Resolver.default` gives it.
@Suite("Data file resolver") struct DataFileResolverTests {
    static func tags(_ text: String) -> (fast: String, reference: String) {
        (Node.scalar(.init(text, Yams.Tag(.implicit, DataFileLoader.resolver))).tag.description,
         Node.scalar(.init(text, Yams.Tag(.implicit))).tag.description)
    }

    @Test func everyScalarGetsTheDefaultResolversTag() {
        let words = ["true", "True", "TRUE", "tRue", "false", "False", "fAlse", "yes", "Yes", "yEs", "no", "No", "NO", "nO",
                     "on", "On", "ON", "off", "Off", "oFf", "null", "Null", "NULL", "nUll", "~", "", "<<", "=", ".inf", ".NaN",
                     "-.inf", "0", "01", "0x1F", "0o17", "0b101", "1_000", "-12", "+3", "1.5", "1e3", "190:20:30",
                     "2024-01-02", "2024-1-2 10:20:30", "2024-01-02T10:20:30Z", "category", "text", "name", "north"]
        let pieces = ["t", "T", "r", "R", "f", "F", "a", "A", "n", "N", "o", "O", "u", "U", "y", "Y", "e", "E", "s", "x",
                      "z", "Z", "_", "-", "+", ".", "0", "9", ":", " ", "\n", "\t", "~", "<", "=", "é", "l", "L", "@", "#"]
        var random = SplitMix64(state: 16)
        var candidates = words
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...4, using: &random) { text += pieces.randomElement(using: &random)! }
            candidates.append(text)
            candidates.append(words.randomElement(using: &random)! + pieces.randomElement(using: &random)!)
            candidates.append(pieces.randomElement(using: &random)! + words.randomElement(using: &random)!)
        }
        for text in candidates {
            let (fast, reference) = Self.tags(text)
            #expect(fast == reference, "\(text.debugDescription)")
        }
        #expect(Set(candidates.map { Self.tags($0).reference }).count >= 5, "the samples reach every kind of tag")
    }

    @Test func theRulesAfterTheFirstAreTheDefaultOnesInTheirOrder() {
        let rules = DataFileLoader.resolver.rules
        #expect(rules.count == Resolver.default.rules.count + 1)
        #expect(rules.first?.tag == .str)
        #expect(rules.dropFirst().map(\.pattern) == Resolver.default.rules.map(\.pattern))
        #expect(rules.dropFirst().map(\.tag) == Resolver.default.rules.map(\.tag))
    }

    @Test func aRepeatedKeyIsStillFoundAndABooleanKeyIsNotAStringKey() throws {
        #expect(throws: PipelineError.self) { try DataFileLoader.compose("kinds: 1\nkinds: 2\n", file: "twice.yml") }
        // `yes` (a boolean) and "yes" (a string) are two keys for Yams, with either resolver.
        let node = try DataFileLoader.compose("yes: 1\n\"yes\": 2\n", file: "two.yml")
        #expect(node.mapping?.count == 2)
    }
}
