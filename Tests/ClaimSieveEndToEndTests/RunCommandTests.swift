import ClaimSieveTestSupport
import Foundation
import Testing

/// `claimsieve run` as the operator runs it: the built binary on sample-data/.
@Suite(.serialized) struct RunCommandTests {
    struct ClaimLine: Decodable {
        var id: String
        var doc: String
        var text: String
        var verdict: String
        var score: Double
        var title: String?
        var cues: [CueLine]
        var source: SourceLine?
    }
    struct CueLine: Decodable { var text: String; var category: String; var start: Int; var end: Int }
    struct SourceLine: Decodable { var text: String; var named: Bool }

    struct Summary: Decodable {
        struct FailureEntry: Decodable { var doc: String; var stage: String; var reason: String }
        var documents: Int
        var claims: Int
        var failed: Int
        var verdicts: [String: Int]
        var failures: [FailureEntry]
    }

    static func claims(in folder: String) throws -> [ClaimLine] {
        let text = try String(contentsOfFile: folder + "/claims.jsonl", encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(ClaimLine.self, from: Data($0.utf8)) }
    }

    static func summary(in folder: String) throws -> Summary {
        try JSONDecoder().decode(Summary.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json")))
    }

    @Test func theDefaultPipelineWritesTheFourFilesAndListsTheBadInputs() throws {
        let out = TestPaths.temporaryFolder()
        let result = try Binary.run(["run", "--out", out])
        // sample-data/bad/ holds broken inputs on purpose: the run is partial, the report complete.
        #expect(result.status == 1, "\(result.standardError)")
        for name in ["claims.jsonl", "report.html", "report.md", "summary.json"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + name), "\(name) missing")
        }
        let summary = try Self.summary(in: out)
        let failed = Dictionary(uniqueKeysWithValues: summary.failures.map { ($0.doc, $0.reason) })
        #expect(failed.keys.contains { $0.hasSuffix("bad/empty.html") })
        #expect(failed.keys.contains { $0.hasSuffix("bad/not-html.html") })
        #expect(failed.first { $0.key.hasSuffix("bad/empty.html") }?.value == "the file is empty")
        #expect(result.standardError.contains("bad/not-html.html"))
        let claims = try Self.claims(in: out)
        #expect(claims.count == summary.claims)
        #expect(summary.verdicts.values.reduce(0, +) == claims.count)
        #expect(Set(claims.map(\.doc)).count >= 8, "the seed page, the feed items and the articles all give claims")
        let report = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(report.contains("Failed documents"))
        #expect(report.contains("not-html.html"))
        // No half-written files are left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["claims.jsonl", "report.html", "report.md", "summary.json"])
    }

    @Test func theSeedIsCorroboratedAcrossItsFourFormats() throws {
        struct Line: Decodable {
            struct Corroboration: Decodable { var documents: Int; var sources: Int; var contradicted: Bool }
            var doc: String
            var text: String
            var corroboration: Corroboration?
        }
        let out = TestPaths.temporaryFolder()
        _ = try Binary.run(["run", "--out", out])
        let lines = try String(contentsOfFile: out + "/claims.jsonl", encoding: .utf8).split(separator: "\n")
            .map { try JSONDecoder().decode(Line.self, from: Data($0.utf8)) }
        let ally = lines.filter { $0.text == "Russia has been a close ally of Assad." }
        #expect(ally.count == 4, "the page, the RSS item, the Atom entry and the NITF file")
        #expect(ally.allSatisfy { $0.corroboration?.documents == 4 && $0.corroboration?.contradicted == false })
        // The articles written for sample-data share no claim with anything else.
        #expect(lines.filter { $0.doc.contains("articles/") }.allSatisfy { $0.corroboration == nil })
    }

    @Test func claimsAreByteIdenticalWhateverTheNumberOfJobs() throws {
        let one = TestPaths.temporaryFolder()
        let four = TestPaths.temporaryFolder()
        _ = try Binary.run(["run", "--jobs", "1", "--out", one])
        _ = try Binary.run(["run", "--jobs", "4", "--max-in-flight", "2", "--out", four])
        let first = try Data(contentsOf: URL(fileURLWithPath: one + "/claims.jsonl"))
        let second = try Data(contentsOf: URL(fileURLWithPath: four + "/claims.jsonl"))
        #expect(first.count > 1000)
        #expect(first == second)
    }

    @Test func aFileOverTheSizeLimitFailsAloneWithAClearReason() throws {
        let folder = TestPaths.temporaryFolder()
        let pipeline = folder + "/small.yml"
        try """
        inputs: [\(TestPaths.inRepository("sample-data/seed")), \(TestPaths.inRepository("sample-data/articles"))]
        stages:
          - fetch: {max_bytes: 10000}
          - clean
          - split
          - tag
          - verdict
        """.write(toFile: pipeline, atomically: true, encoding: .utf8)
        let out = folder + "/out"
        let result = try Binary.run(["run", "--pipeline", pipeline, "--out", out])
        #expect(result.status == 1)
        let summary = try Self.summary(in: out)
        let seed = summary.failures.first { $0.doc.hasSuffix("assad-asylum.html") }
        #expect(seed?.stage == "fetch")
        #expect(seed?.reason.contains("over the 10000 bytes limit (fetch.max_bytes)") == true)
        #expect(summary.documents - summary.failed >= 1, "the smaller articles are still processed")
        #expect(try Self.claims(in: out).contains { $0.doc.contains("articles/") })
    }

    @Test func noBoilerplateBecomesAClaim() throws {
        let out = TestPaths.temporaryFolder()
        _ = try Binary.run(["run", "--out", out, TestPaths.inRepository("sample-data/seed/assad-asylum.html")])
        let texts = try Self.claims(in: out).map(\.text)
        #expect(texts.count >= 35)
        let boilerplate = ["Share on", "Sign up", "Related", "cookies", "All rights reserved", "READ MORE", "Updated as reports come in", "Based on reports from"]
        for phrase in boilerplate {
            #expect(!texts.contains { $0.localizedCaseInsensitiveContains(phrase) }, "\(phrase) appears in a claim")
        }
    }
}
