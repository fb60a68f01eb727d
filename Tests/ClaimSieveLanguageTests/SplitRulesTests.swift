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

    @Test("a user's rules are laid over the shipped ones, not instead of them")
    func overlay() throws {
        let folder = TestPaths.temporaryFolder("split-rules")
        let path = folder + "/rules.yml"
        try "abbreviations:\n  prepositive: [zork]\n".write(toFile: path, atomically: true, encoding: .utf8)
        let custom = try SentenceSplitter(options: .init(rulesPath: path))
        // The user's word and the shipped "Mr." both hold.
        #expect(custom.split("He met Zork. Smith and Mr. Jones today. They left.")
            == ["He met Zork. Smith and Mr. Jones today.", "They left."])
        let rules = try SplitterRules.load(path: path)
        let shipped = try SplitterRules.load()
        #expect(rules.abbreviations.prepositive == shipped.abbreviations.prepositive + ["zork"])
        #expect(rules.sentenceStarters == shipped.sentenceStarters)
        // `replace: true` starts from nothing.
        try "replace: true\nabbreviations:\n  prepositive: [zork]\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try SplitterRules.load(path: path).abbreviations.prepositive == ["zork"])
        #expect(try SplitterRules.load(path: path).sentenceStarters.isEmpty)
    }

    @Test("unknown keys and wrong types in a rules file are all reported, with lines")
    func unknownKeys() throws {
        let folder = TestPaths.temporaryFolder("split-rules")
        let path = folder + "/rules.yml"
        try "abbreviations:\n  prepositve: [gov]\nsentence_starter: [The]\nboundaries:\n  min_words_before_abbreviation: many\nbullets: {a: b}\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            _ = try SplitterRules.load(path: path)
        } throws: { error in
            let lines = "\(error)".split(separator: "\n").map(String.init)
            return lines.count == 4
                && lines[0] == "\(path):2:3: unknown key 'prepositve' in `abbreviations`; valid keys: prepositive, numeric, general, units, never_final, time"
                && lines[1].hasPrefix("\(path):3:1: unknown key 'sentence_starter' in a splitter rules file; valid keys: replace, abbreviations, sentence_starters")
                && lines[2] == "\(path):5:34: `min_words_before_abbreviation` is a whole number; found 'many'"
                && lines[3] == "\(path):6:10: `bullets` is a list of strings; found a mapping"
        }
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
