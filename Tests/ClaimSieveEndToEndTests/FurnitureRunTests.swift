import ClaimSieveTestSupport
import Foundation
import Testing

/// Page furniture through the real binary: pages holding the thirteen furniture lines of issue 11
/// (whole paragraphs at the edges of the body, and sentences inside article paragraphs) give
/// claims for their article text and none for the furniture.
@Suite(.serialized) struct FurnitureRunTests {
    static let fixtures = TestPaths.inRepository("Tests/ClaimSieveLanguageTests/Fixtures/furniture")

    /// A distinctive piece of each of the thirteen lines.
    static let furniture = [
        "Louis Jacobson", "reporter for NBC News", "Senior editor at Gizmodo", "The New Arab",
        "may not be published, broadcast", "Affiliate Commission", "Facebook Messenger", "news tip",
        "PGP Fingerprint", "full coverage of Brexit", "See tweets", "do not necessarily reflect", "All...",
    ]

    struct ClaimLine: Decodable { var text: String; var doc: String }

    @Test func furnitureNeverBecomesAClaim() throws {
        let out = TestPaths.temporaryFolder()
        let result = try Binary.run(["run", "--out", out, Self.fixtures])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = try String(contentsOfFile: out + "/claims.jsonl", encoding: .utf8).split(separator: "\n")
        let claims = try lines.map { try JSONDecoder().decode(ClaimLine.self, from: Data($0.utf8)) }
        for piece in Self.furniture {
            #expect(!claims.contains { $0.text.contains(piece) }, "furniture became a claim: \(piece)")
        }
        // The article text around the furniture is all there (4 headlines and 22 sentences).
        #expect(claims.count == 26, "\(claims.map(\.text))")
        #expect(claims.contains { $0.text == "Opponents plan a march to city hall on the day of the hearing." })
        #expect(claims.contains { $0.text == "The council voted on Monday to close two of the city's five public libraries by the end of next year." })
    }

    @Test func bylineAndCopyrightHolderAreKeptAsMetadata() throws {
        let wire = try Binary.run(["extract", "--json", Self.fixtures + "/wire-story.html"])
        #expect(wire.standardOutput.contains("\"byline\" : \"Louis Jacobson\""), "\(wire.standardOutput)")
        let opinion = try Binary.run(["extract", "--json", Self.fixtures + "/opinion.html"])
        #expect(opinion.standardOutput.contains("\"copyright\" : \"The New Arab\""), "\(opinion.standardOutput)")
    }
}
