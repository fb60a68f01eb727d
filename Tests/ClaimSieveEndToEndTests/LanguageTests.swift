import ClaimSieveTestSupport
import Foundation
import Testing

/// Languages through `claimsieve run`: every document gets one, a document in a language with no
/// lexicon is listed as not judged (language named) in every report and counted, never confirmed.
/// The pages are Tests/ClaimSieveLanguageTests/Fixtures/languages/.
@Suite(.serialized) struct LanguageTests {
    static let fixtures = TestPaths.inRepository("Tests/ClaimSieveLanguageTests/Fixtures/languages")

    struct ClaimLine: Decodable { var doc: String; var text: String; var verdict: String; var context: String? }
    struct Summary: Decodable {
        struct Entry: Decodable { var doc: String; var language: String?; var verdicts: [String: Int] }
        var claims: Int
        var verdicts: [String: Int]
        var languages: [String: Int]?
        var perDocument: [Entry]
        enum CodingKeys: String, CodingKey { case claims, verdicts, languages, perDocument = "per_document" }
    }

    /// One run over the fixtures, with every report and the metrics file.
    static func run(pipeline: String? = nil) throws -> (out: String, claims: [ClaimLine], summary: Summary) {
        let folder = TestPaths.temporaryFolder("languages")
        var arguments = ["run", "--out", folder + "/out", "--metrics", folder + "/claimsieve.prom", fixtures]
        if let pipeline {
            try pipeline.write(toFile: folder + "/pipeline.yml", atomically: true, encoding: .utf8)
            arguments += ["--pipeline", folder + "/pipeline.yml"]
        }
        let result = try Binary.run(arguments)
        #expect(result.status == 0, "\(result.standardError)")
        let out = folder + "/out"
        let claims = try String(contentsOfFile: out + "/claims.jsonl", encoding: .utf8).split(separator: "\n")
            .map { try JSONDecoder().decode(ClaimLine.self, from: Data($0.utf8)) }
        let summary = try JSONDecoder().decode(Summary.self, from: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
        return (out, claims, summary)
    }

    /// The text of a report between `start` and the next `end` (a section), "" when absent.
    static func section(_ text: String, from start: String, to end: String) -> String {
        guard let head = text.range(of: start) else { return "" }
        let rest = text[head.upperBound...]
        return String(rest[..<(rest.range(of: end)?.lowerBound ?? rest.endIndex)])
    }

    @Test func aGermanPageIsNotJudgedInEveryReportAndAnEnglishPageDeclaredGermanIsJudged() throws {
        let (out, claims, summary) = try Self.run()
        let german = claims.filter { $0.doc.hasSuffix("de-article.html") }
        let english = claims.filter { $0.doc.hasSuffix("en-declared-de.html") }
        let french = claims.filter { $0.doc.hasSuffix("fr-feed.rss#item-1") }

        // claims.jsonl: each German claim is not judged, and says why in words naming the language.
        #expect(german.count >= 8)
        #expect(german.allSatisfy { $0.verdict == "not_judged" })
        #expect(german.allSatisfy { $0.context == "not judged: no lexicon for German (de) in this pipeline" })
        // The feed declares <language>fr-FR</language>: French, not judged either.
        #expect(french.count >= 2)
        #expect(french.allSatisfy { $0.verdict == "not_judged" && $0.context?.contains("French (fr)") == true })
        // The English page declared lang="de" is detected as English and judged with its hedges.
        #expect(english.count >= 8)
        #expect(!english.contains { $0.verdict == "not_judged" })
        #expect(english.contains { $0.verdict == "unverified" && $0.text.contains("reportedly") })

        // summary.json counts them, per run and per document, with each document's language.
        let notJudged = german.count + french.count
        #expect(summary.verdicts["not_judged"] == notJudged)
        #expect(summary.verdicts.values.reduce(0, +) == summary.claims)
        #expect(summary.languages == ["de": 1, "en": 1, "fr": 1])
        let languages = Dictionary(uniqueKeysWithValues: summary.perDocument.map { (($0.doc as NSString).lastPathComponent, $0.language) })
        #expect(languages == ["de-article.html": "de", "en-declared-de.html": "en", "fr-feed.rss#item-1": "fr"])
        #expect(summary.perDocument.first { $0.doc.hasSuffix("de-article.html") }?.verdicts == ["not_judged": german.count])

        // The metrics file counts them under their own verdict.
        let metrics = PrometheusText.samples(try String(contentsOfFile: out + "/../claimsieve.prom", encoding: .utf8))
        #expect(metrics["claimsieve_claims{verdict=\"not_judged\"}"] == Double(notJudged))
        #expect(metrics["!error"] == nil)

        // report.md: a section of their own that names the language; none among the confirmed.
        let markdown = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        let notJudgedMD = Self.section(markdown, from: "## Not judged (\(notJudged))", to: "\n## ")
        let confirmedMD = Self.section(markdown, from: "## Confirmed claims", to: "\n## ")
        #expect(notJudgedMD.contains("German (de)") && notJudgedMD.contains("French (fr)"))
        #expect(notJudgedMD.contains("Stadtwerke planen neues Wasserwerk"))
        #expect(markdown.contains("\(notJudged) claims not judged"))
        for claim in german + french {
            #expect(!confirmedMD.contains(claim.text), "\(claim.text) is among the confirmed claims of report.md")
        }

        // report.html: the same, and the count in the header.
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        let notJudgedHTML = Self.section(html, from: "<section id=\"not_judged\"", to: "</section>")
        #expect(notJudgedHTML.contains("Not judged <span class=\"n\">\(notJudged)</span>"))
        let notJudgedListed = try ReportHTML.list("not_judged", in: html)
        #expect(notJudgedListed.count == notJudged)
        let contexts = notJudgedListed.compactMap { $0["x"] as? String }
        #expect(contexts.contains { $0.contains("German (de)") } && contexts.contains { $0.contains("French (fr)") })
        #expect(html.contains("<strong>\(notJudged)</strong> not judged"))
        let confirmedListed = try ReportHTML.list("confirmed", in: html).compactMap { $0["t"] as? String }
        #expect(!confirmedListed.isEmpty)
        for claim in german + french {
            #expect(!confirmedListed.contains(claim.text), "\(claim.text) is among the confirmed claims of report.html")
        }
    }

    @Test func aBrokenProfilesFileStopsTheRunAtStartUpNamingTheLine() throws {
        // The shipped data files, with a profiles file a newcomer got wrong.
        let data = TestPaths.temporaryFolder("profiles")
        try FileManager.default.removeItem(atPath: data)
        try FileManager.default.copyItem(atPath: TestPaths.inRepository("pipelines"), toPath: data)
        try "languages:\n  German: {name: German, words: [der]}\n"
            .write(toFile: data + "/lexicons/language-profiles.yml", atomically: true, encoding: .utf8)
        let result = try Binary.run(["run", Self.fixtures, "--out", TestPaths.temporaryFolder()], environment: ["CLAIMSIEVE_DATA": data])
        #expect(result.status == 65)
        #expect(result.standardError.contains("language-profiles.yml:2:3: a language is named by its ISO 639-1 code in lower case (e.g. de); found 'German'"))
    }

    @Test func addingALanguageIsADataFileAndALineInThePipelineFile() throws {
        // As the README shows: a German lexicon file and its line under `tag: languages:`.
        let folder = TestPaths.temporaryFolder("german-lexicon")
        try """
        cues:
          - {phrase: angeblich, category: hearsay}
          - {phrase: nach angaben aus, category: unnamed_source}
        """.write(toFile: folder + "/de.yml", atomically: true, encoding: .utf8)
        let (_, claims, summary) = try Self.run(pipeline: """
            reports: [jsonl, html, markdown, summary]
            stages:
              - fetch
              - clean
              - split
              - tag:
                  languages:
                    de: { lexicons: [\(folder)/de.yml] }
              - verdict
            """)
        let german = claims.filter { $0.doc.hasSuffix("de-article.html") }
        #expect(!german.contains { $0.verdict == "not_judged" })
        #expect(german.contains { $0.verdict == "unverified" && $0.text.contains("angeblich") })
        #expect(german.contains { $0.verdict == "unverified" && $0.text.hasPrefix("Nach Angaben aus") })
        // French still has no lexicon.
        #expect(summary.verdicts["not_judged"] == claims.filter { $0.doc.contains("fr-feed.rss") }.count)
    }
}
