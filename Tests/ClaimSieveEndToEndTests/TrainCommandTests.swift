import ClaimSieveTestSupport
import Foundation
import Testing

/// `claimsieve train` through the built binary: the options that shape a model reach its file
/// and its sidecar.
@Suite struct TrainCommandTests {
    static let hedges = [
        #"{"id":"1","text":"Perhaps the plan works.","label":"uncertain","cues":[{"start":0,"end":7,"text":"Perhaps","type":"epistemic"}],"doc":"a","split":"train"}"#,
        #"{"id":"2","text":"The plan might work.","label":"uncertain","cues":[{"start":9,"end":14,"text":"might","type":"epistemic"}],"doc":"a","split":"train"}"#,
        #"{"id":"3","text":"The plan works.","label":"certain","cues":[],"doc":"b","split":"dev"}"#,
    ]

    @Test func theHedgeFeatureSetReachesTheSidecarAndABadOneIsRefused() throws {
        let folder = TestPaths.temporaryFolder()
        let file = folder + "/wiki.jsonl"
        try (Self.hedges.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        for set in [3, 4] {
            let out = folder + "/set\(set)"
            let result = try Binary.run([
                "train", "--uncertainty", file, "--epochs", "2", "--bucket-bits", "12", "--hedge-feature-set", "\(set)",
                "--out", out,
            ])
            #expect(result.status == 0, "\(result.standardError)")
            let sidecar = try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: out + "/hedge.model.json"))) as? [String: Any]
            #expect(sidecar?["feature_set"] as? Int == set)
        }
        let bad = try Binary.run(["train", "--uncertainty", file, "--hedge-feature-set", "5", "--out", folder + "/bad"])
        #expect(bad.status != 0)
        #expect(bad.standardError.contains("--hedge-feature-set must be 3 or 4"))
    }

    /// The attribution model's feature set is 4 or 5 (with word classes); another is refused
    /// before any file is read.
    @Test func aBadAttributionFeatureSetIsRefused() throws {
        let folder = TestPaths.temporaryFolder()
        let bad = try Binary.run([
            "train", "--polnear", folder + "/missing.jsonl", "--attribution-feature-set", "3", "--out", folder + "/bad",
        ])
        #expect(bad.status != 0)
        #expect(bad.standardError.contains("--attribution-feature-set must be 4 or 5"))
    }

    /// `eval --uncertainty --errors N` lists the sentences missed and the false alarms with their cues.
    @Test func evalListsTheHedgeErrorsWithTheirCues() throws {
        let file = TestPaths.temporaryFolder() + "/wiki.jsonl"
        let lines = [
            #"{"id":"d1","text":"The plan might work.","label":"certain","cues":[],"doc":"a","split":"dev"}"#,
            #"{"id":"d2","text":"The plan works.","label":"uncertain","cues":[{"start":9,"end":14,"text":"works","type":"epistemic"}],"doc":"a","split":"dev"}"#,
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let result = try Binary.run(["eval", "--uncertainty", file, "--split", "dev", "--errors", "5"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("missed  d2: The plan works. [works]"))
        #expect(result.standardOutput.contains("false   d1: The plan might work. [might]"))
    }
}
