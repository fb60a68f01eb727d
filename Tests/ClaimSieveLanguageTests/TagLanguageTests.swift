import ClaimSieveCore
import ClaimSieveLanguage
import ClaimSieveTestSupport
import Foundation
import Testing

/// `tag` picks the lexicon of the document's language; a language without one is not judged.
@Suite struct TagLanguageTests {
    static func document(language: String?, _ sentences: [String]) -> Document {
        var document = Document(id: "d", path: "d")
        document.metadata.language = language
        document.claims = sentences.enumerated().map { Claim(id: "\($0.offset)", block: 0, sentence: $0.offset, text: $0.element) }
        return document
    }

    /// The `tag` stage of a pipeline file whose `tag:` entry has `options` (YAML, unindented),
    /// built as `claimsieve run` builds it; `files` are written beside the pipeline file.
    static func stage(_ options: String, files: [String: String] = [:]) throws -> TagStage {
        let folder = TestPaths.temporaryFolder("tag-languages")
        for (name, text) in files { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        let indented = options.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n")
        try "stages:\n  - fetch\n  - tag:\n\(indented)\n".write(toFile: folder + "/pipeline.yml", atomically: true, encoding: .utf8)
        let file = try PipelineFile.load(path: folder + "/pipeline.yml")
        let stages = try PipelineBuilder(registry: StageRegistry([FetchStage.self, TagStage.self])).build(file)
        return try #require(stages.last as? TagStage)
    }

    @Test func aLanguageWithoutALexiconIsNotJudgedAndNamed() throws {
        let german = Self.document(language: "de", ["Die Kosten liegen angeblich bei 40 Mio. Euro.", "Das Werk ist alt."])
        let judged = try VerdictStage().process(try TagStage().process(german))
        #expect(judged.claims.map(\.verdict) == [.notJudged, .notJudged])
        #expect(judged.claims.allSatisfy { $0.context == "not judged: no lexicon for German (de) in this pipeline" })
        #expect(judged.claims.allSatisfy { $0.cues.isEmpty && $0.score == 0 })
        // A language the profiles do not know is named by its code.
        let japanese = try TagStage().process(Self.document(language: "ja", ["東京都は発表した。"]))
        #expect(japanese.claims[0].context == "not judged: no lexicon for ja in this pipeline")
    }

    @Test func englishAndUnknownLanguagesAreJudgedWithTheEnglishLexicon() throws {
        for language in ["en", nil] {
            let judged = try VerdictStage().process(try TagStage().process(
                Self.document(language: language, ["The plant reportedly cost 40 million euros.", "The plant is old."])))
            #expect(judged.claims.map(\.verdict) == [.unverified, .confirmed], "\(language ?? "nil")")
        }
    }

    @Test func eachLanguageGetsItsOwnLexicon() throws {
        let stage = try Self.stage(
            "languages:\n  de: { lexicons: [de.yml] }\n",
            files: ["de.yml": "cues:\n  - {phrase: angeblich, category: hearsay}\n  - {phrase: nach angaben aus, category: unnamed_source}\n"])
        #expect(Set(stage.taggers.keys) == ["en", "de"])
        let german = try VerdictStage().process(try stage.process(Self.document(
            language: "de", ["Die Kosten liegen angeblich bei 40 Mio. Euro.", "Das Werk ist alt.", "The plant reportedly cost more."])))
        // English cues mean nothing in a German document: only the German lexicon is used.
        #expect(german.claims.map(\.verdict) == [.unverified, .confirmed, .confirmed])
        let english = try VerdictStage().process(try stage.process(Self.document(language: "en", ["Die Kosten liegen angeblich hoch.", "It reportedly cost more."])))
        #expect(english.claims.map(\.verdict) == [.confirmed, .unverified])
    }

    @Test func languagesAreNamedAsCleanNamesThem() throws {
        // Norwegian is "nb" in the profiles, whatever code the pipeline file uses for it.
        let stage = try Self.stage("languages:\n  nn: { lexicons: [nb.yml] }\n", files: ["nb.yml": "cues:\n  - {phrase: visstnok, category: hearsay}\n"])
        #expect(Set(stage.taggers.keys) == ["en", "nb"])
        let judged = try VerdictStage().process(try stage.process(Self.document(language: "nb", ["Brua er visstnok ferdig."])))
        #expect(judged.claims.map(\.verdict) == [.unverified])
    }

    @Test func theSyntaxBeforeLanguagesIsEnglish() throws {
        let stage = try Self.stage(
            "lexicons: [only.yml]\nmodels: []\nlanguages:\n  fr: { lexicons: [fr.yml] }\n",
            files: ["only.yml": "cues:\n  - {phrase: tipped, category: speculation}\n",
                    "fr.yml": "cues:\n  - {phrase: il paraît, category: hearsay}\n"])
        #expect(stage.tagger.tag("He is tipped to win, reports say.").cues.map(\.category) == [.speculation])
        #expect(stage.taggers["fr"]?.tag("Il paraît que le pont est fini.").cues.map(\.category) == [.hearsay])
    }

    @Test("mistakes in `languages:` are errors that say what to write", arguments: [
        ("lexicons: [a.yml]\nlanguages:\n  en: { lexicons: [b.yml] }\n", "English is given twice"),
        ("languages:\n  German: { lexicons: [b.yml] }\n", "ISO 639-1 code in lower case (en, de, fr); found 'German'"),
        ("languages:\n  de: { lexicon: [b.yml] }\n", "unknown key 'lexicon' for a language; valid keys: lexicons, models"),
    ])
    func mistakes(yaml: String, message: String) throws {
        #expect { try Self.stage(yaml) } throws: { "\($0)".contains(message) }
    }

    @Test func aLanguageWithNoLexiconFilesIsAnError() throws {
        #expect { try Self.stage("languages:\n  de: {models: []}\n") } throws: {
            "\($0)".contains("`languages: de:` names no lexicons; the built-in lexicon is English")
        }
    }
}
