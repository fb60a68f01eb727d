import ClaimSieveTestSupport
import Foundation
import Testing

/// Every example of issue 10's "Why", through `claimsieve run` on a page: the verdict, the
/// speaker and the kind an editor should see.
@Suite(.serialized) struct WhyExamplesTests {
    struct ClaimLine: Decodable {
        struct SourceLine: Decodable { var text: String; var named: Bool }
        struct CueLine: Decodable { var text: String; var category: String; var by: String? }
        var text: String
        var verdict: String
        var kind: String?
        var source: SourceLine?
        var cues: [CueLine]
        var context: String?
    }

    static let paragraphs = [
        "The Interior Ministry announced a new policing plan on Monday. Police union chairman Tomas Brenner welcomed the plan but said it came too late.",
        "The ministry’s spokesperson, Ilona Fekete, told Reuters that the plan is funded in full.",
        "Carlineo’s attorney, Sonya Zoghlin, said the charges were baseless.",
        "Ahmed Rahal, a former general, said the army had withdrawn. He instead told the BBC that talks had resumed.",
        "The county stopped denying flu vaccines to prisoners in March.",
        "To the pears, add the juice of one lemon.",
        "Who pays the cost of a tariff?",
        "“The bridge is safe,” Mayor Ana Lopez said. “We checked every cable. Traffic resumes on Friday.”",
        "Officials said the bridge would reopen in May.",
        "The company expects profits to rise next year.",
        "The senator was accused of taking bribes.",
        "An estimated 2,000 people attended the rally.",
        "If the talks fail, the plant will close.",
        "Twitter pledged to remove the posts within a day.",
    ]

    static func run() throws -> [String: ClaimLine] {
        let folder = TestPaths.temporaryFolder("why")
        let body = paragraphs.map { "<p>\($0)</p>" }.joined(separator: "\n")
        let page = """
            <!doctype html><html lang="en"><head><title>Plan for the police</title></head><body><article>
            <h1>Plan for the police</h1>
            \(body)
            </article></body></html>
            """
        try page.write(toFile: folder + "/page.html", atomically: true, encoding: .utf8)
        let out = folder + "/out"
        let result = try Binary.run(["run", folder + "/page.html", "--out", out])
        #expect(result.status == 0, "\(result.standardError)")
        let text = try String(contentsOfFile: out + "/claims.jsonl", encoding: .utf8)
        var claims: [String: ClaimLine] = [:]
        for line in text.split(separator: "\n") {
            let claim = try JSONDecoder().decode(ClaimLine.self, from: Data(line.utf8))
            claims[claim.text] = claim
        }
        return claims
    }

    @Test func theIssuesExamplesGetTheRightVerdictSpeakerAndKind() throws {
        let claims = try Self.run()
        func claim(_ prefix: String) -> ClaimLine? { claims.first { $0.key.hasPrefix(prefix) }?.value }

        // A sentence that names its own speaker never takes another's.
        let brenner = try #require(claim("Police union chairman Tomas Brenner"))
        #expect(brenner.verdict == "attributed")
        #expect(brenner.source?.text.contains("Tomas Brenner") == true, "\(String(describing: brenner.source))")
        let fekete = try #require(claim("The ministry’s spokesperson, Ilona Fekete"))
        #expect(fekete.verdict == "attributed")
        #expect(fekete.source?.named == true)
        #expect(fekete.source?.text.contains("Brenner") == false, "\(String(describing: fekete.source))")
        // A person named in apposition is named.
        let zoghlin = try #require(claim("Carlineo’s attorney"))
        #expect(zoghlin.verdict == "attributed")
        #expect(zoghlin.source?.named == true)
        // A pronoun resolves to the named speaker before it and says so.
        let instead = try #require(claim("He instead told the BBC"))
        #expect(instead.verdict == "attributed")
        #expect(instead.source?.text == "Ahmed Rahal", "\(String(describing: instead.source))")
        // Withholding vaccines is no denial.
        #expect(claim("The county stopped denying")?.verdict == "confirmed")
        // A recipe step and a question are not claims; the step has no source.
        let recipe = try #require(claim("To the pears"))
        #expect(recipe.kind == "instruction")
        #expect(recipe.source == nil)
        #expect(claim("Who pays the cost")?.kind == "question")
        // The later sentences of a quotation take its speaker.
        for sentence in ["“We checked every cable."] {
            let quoted = try #require(claim(sentence))
            #expect(quoted.verdict == "attributed", "\(sentence)")
            #expect(quoted.source?.text.contains("Ana Lopez") == true, "\(sentence): \(String(describing: quoted.source))")
        }
        // Reported speech from an unnamed source and hedged sentences are not confirmed.
        #expect(claim("Officials said")?.verdict == "unverified")
        // An organisation by name is named.
        let twitter = try #require(claim("Twitter pledged"))
        #expect(twitter.verdict == "attributed")
        #expect(twitter.source?.text == "Twitter" && twitter.source?.named == true)
        // The pronoun's resolution is explained.
        #expect(instead.context?.contains("Ahmed Rahal") == true)
        for hedged in ["The company expects", "The senator was accused", "An estimated 2,000", "If the talks fail"] {
            #expect(claim(hedged)?.verdict == "unverified", "\(hedged): \(String(describing: claim(hedged)))")
        }
    }
}
