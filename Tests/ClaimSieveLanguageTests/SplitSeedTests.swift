import ClaimSieveCore
import ClaimSieveLanguage
import ClaimSieveTestSupport
import Foundation
import Testing

/// The seed article: every labelled unit is its own claim, and the `none` units are no claim.
@Suite("Split: seed article")
struct SplitSeedTests {
    struct Label: Sendable, CustomTestStringConvertible {
        var verdict: String
        var key: String
        var testDescription: String { "\(verdict): \(key)" }
    }

    static let labels: [Label] = {
        let path = TestPaths.inShared("seed/seed-labels.tsv")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            return Label(verdict: String(parts[0]), key: String(parts[1]))
        }
    }()

    /// The seed's claims as folded text: one line per block, the first a heading.
    static let claims: [Claim] = {
        let path = TestPaths.inShared("seed/000_d32f2fd5ef2d7ec4.txt")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
            let stage = try? SplitStage(options: .init(rules: TestPaths.inRepository("pipelines/lexicons/en-splitter.yml")))
        else { return [] }
        let blocks = text.split(separator: "\n").enumerated().map { index, line in
            Block(kind: index == 0 ? .heading : .paragraph, text: String(line))
        }
        let document = Document(id: "seed/000_d32f2fd5ef2d7ec4.txt", path: "seed", blocks: blocks)
        return (try? stage.process(document).claims) ?? []
    }()

    @Test("labels and claims are there")
    func loaded() {
        #expect(Self.labels.count == 39)
        #expect(!Self.claims.isEmpty)
    }

    @Test("each unit is one claim; none-units are no claim", arguments: labels)
    func unit(_ label: Label) {
        let key = foldForMatching(label.key)
        let matches = Self.claims.filter { foldForMatching($0.text).contains(key) }
        if label.verdict == "none" {
            #expect(matches.isEmpty, "\(matches.map(\.text))")
        } else {
            #expect(matches.count == 1, "\(matches.map(\.text))")
        }
    }

    @Test("the glued sentence splits into two claims")
    func gluedSentence() {
        let texts = Self.claims.map(\.text)
        #expect(texts.contains { $0.hasSuffix("was still at home in Damascus and had not fle") })
        #expect(texts.contains { $0.hasPrefix("Abu Mohammad al-Golani, a leader of the Hayat Tahrir al-Sham (HTS)") })
    }

    @Test("the headline is the first claim and flagged")
    func headline() {
        let headline = Self.claims.first
        #expect(headline?.isHeadline == true)
        #expect(headline?.text == "Assad Granted Asylum in Russia After Fleeing Syria Amid Rebel Takeover")
        #expect(Self.claims.dropFirst().allSatisfy { !$0.isHeadline })
    }
}
