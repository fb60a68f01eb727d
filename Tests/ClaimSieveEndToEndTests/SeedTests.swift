import ClaimSieveTestSupport
import Foundation
import Testing

/// The article the project was started from, end to end through the built binary.
@Suite struct SeedTests {
    @Test func theSeedPageGetsTheExpectedVerdicts() throws {
        let out = TestPaths.temporaryFolder()
        let result = try Binary.run(["run", "--out", out, TestPaths.inRepository("sample-data/seed/assad-asylum.html")])
        #expect(result.status == 0, "\(result.standardError)")
        let claims = try RunCommandTests.claims(in: out).map { (text: SeedLabel.fold($0.text), verdict: $0.verdict) }
        var right = 0
        var wrong: [String] = []
        for label in try SeedLabel.load() {
            let phrase = SeedLabel.fold(label.keyPhrase)
            let matches = claims.filter { $0.text.contains(phrase) }
            if label.verdict == "none" {
                if matches.isEmpty { right += 1 } else { wrong.append("\(label) appears as a claim") }
            } else if matches.count != 1 {
                wrong.append("\(label) is in \(matches.count) claims")
            } else if matches[0].verdict != label.verdict {
                wrong.append("\(label) got \(matches[0].verdict)")
            } else {
                right += 1
            }
        }
        #expect(right >= SeedTests.required, "\(right)/39 right; wrong: \(wrong.joined(separator: " | "))")
        #expect(wrong.isEmpty, "\(wrong.joined(separator: " | "))")
    }

    /// All 39 labelled units: 35 claims with their verdicts and 4 units that are not claims.
    static let required = 39
}
