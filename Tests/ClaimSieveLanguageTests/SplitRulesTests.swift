import ClaimSieveLanguage
import ClaimSieveTestSupport
import Foundation
import Testing

/// The rules file: found by default, replaceable by path, and every list actually used.
@Suite("Split: rules file")
struct SplitRulesTests {
    @Test("the shipped rules are found without a path")
    func defaultRules() throws {
        let splitter = try SentenceSplitter()
        #expect(splitter.split("Mr. Smith left. He came back.") == ["Mr. Smith left.", "He came back."])
    }

    @Test("a missing rules file is an error that names the file")
    func missingFile() {
        #expect(throws: SplitterRulesError.self) {
            _ = try SentenceSplitter(options: .init(rulesPath: "/nonexistent/en-splitter.yml"))
        }
    }

    @Test("a word added to a list changes the splitting")
    func customRules() throws {
        let folder = TestPaths.temporaryFolder("split-rules")
        let path = folder + "/rules.yml"
        try "abbreviations:\n  prepositive: [gov]\n".write(toFile: path, atomically: true, encoding: .utf8)
        let custom = try SentenceSplitter(options: .init(rulesPath: path))
        #expect(custom.split("He met Gov. Smith today.") == ["He met Gov. Smith today."])
        let empty = SentenceSplitter(rules: SplitterRules())
        #expect(empty.split("He met Gov. Smith today.") == ["He met Gov.", "Smith today."])
    }

    @Test("YAML words that look like booleans stay words")
    func yamlBooleans() {
        #expect(splitRules.sentenceStarters.contains("No"))
        #expect(splitRules.abbreviations.numeric.contains("no"))
    }

    @Test("byte ranges point at the sentences")
    func ranges() {
        let text = "Hello world. My name is Jonas."
        let ranges = splitter.sentenceRanges(text)
        let bytes = Array(text.utf8)
        #expect(ranges.map { String(decoding: bytes[$0], as: UTF8.self) } == ["Hello world.", "My name is Jonas."])
    }

    @Test("empty and blank input give no sentence")
    func blank() {
        #expect(splitter.split("").isEmpty)
        #expect(splitter.split("  \n\n ").isEmpty)
    }
}
