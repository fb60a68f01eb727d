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
            let sidecar = try Self.sidecar(out, "hedge")
            #expect(sidecar?["feature_set"] as? Int == set)
        }
        let bad = try Binary.run(["train", "--uncertainty", file, "--hedge-feature-set", "5", "--out", folder + "/bad"])
        #expect(bad.status != 0)
        #expect(bad.standardError.contains("--hedge-feature-set must be 3 or 4"))
    }

    /// `--hedge-orders N` averages N perceptrons that read the sentences in different orders: the
    /// sidecar names N, the same N gives the same bytes, another N other weights, and 0 is refused.
    @Test func theHedgeOrdersAreAveragedDeterministically() throws {
        let folder = TestPaths.temporaryFolder()
        let file = folder + "/wiki.jsonl"
        try (Self.hedges.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        var models: [String: Data] = [:]
        for (name, orders) in [("one", 1), ("three", 3), ("threeAgain", 3)] {
            let out = folder + "/" + name
            let result = try Binary.run([
                "train", "--uncertainty", file, "--epochs", "2", "--bucket-bits", "12", "--hedge-orders", "\(orders)",
                "--out", out,
            ])
            #expect(result.status == 0, "\(result.standardError)")
            let sidecar = try Self.sidecar(out, "hedge")
            #expect(sidecar?["orders"] as? Int == orders)
            models[name] = try Data(contentsOf: URL(fileURLWithPath: out + "/hedge.model"))
        }
        #expect(models["three"] == models["threeAgain"])
        #expect(models["three"] != models["one"])
        let bad = try Binary.run(["train", "--uncertainty", file, "--hedge-orders", "0", "--out", folder + "/bad"])
        #expect(bad.status != 0)
        #expect(bad.standardError.contains("--hedge-orders must be 1 to 16"))
    }

    /// `--weight-bits`: 16 by default (format 7, integers times one step), 32 keeps the floats
    /// in a file twice the table's size; the sidecar names it, and another width is refused.
    @Test func theWeightWidthReachesTheFileAndTheSidecar() throws {
        let folder = TestPaths.temporaryFolder()
        let file = folder + "/wiki.jsonl"
        try (Self.hedges.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        var sizes: [Int: Int] = [:]
        for bits in [nil, 32] as [Int?] {
            let out = folder + "/bits\(bits ?? 0)"
            let result = try Binary.run(
                ["train", "--uncertainty", file, "--epochs", "2", "--bucket-bits", "12", "--out", out]
                    + (bits.map { ["--weight-bits", "\($0)"] } ?? []))
            #expect(result.status == 0, "\(result.standardError)")
            let sidecar = try Self.sidecar(out, "hedge")
            #expect(sidecar?["weight_bits"] as? Int == bits ?? 16)
            sizes[bits ?? 16] = try Data(contentsOf: URL(fileURLWithPath: out + "/hedge.model")).count
        }
        // 2^12 rows of 3 tags: 2 bytes fewer a weight, a bitmap of the rows more, rows of zeros left out.
        #expect(sizes[16]! <= sizes[32]! - (1 << 12) * 3 * 2 + (1 << 12) / 8)
        let bad = try Binary.run(["train", "--uncertainty", file, "--weight-bits", "8", "--out", folder + "/bad"])
        #expect(bad.status != 0)
        #expect(bad.standardError.contains("--weight-bits must be 16 or 32"))
    }

    /// The attribution model's feature set is 4, 5 (with word classes) or 6 (and WordNet supersenses); another is refused
    /// before any file is read.
    @Test func aBadAttributionFeatureSetIsRefused() throws {
        let folder = TestPaths.temporaryFolder()
        let bad = try Binary.run([
            "train", "--polnear", folder + "/missing.jsonl", "--attribution-feature-set", "3", "--out", folder + "/bad",
        ])
        #expect(bad.status != 0)
        #expect(bad.standardError.contains("--attribution-feature-set must be 4, 5 or 6"))
        let senses = try Binary.run([
            "train", "--polnear", folder + "/missing.jsonl", "--attribution-feature-set", "5", "--word-senses", folder + "/senses.tsv", "--out", folder + "/bad",
        ])
        #expect(senses.status != 0)
        #expect(senses.standardError.contains("--word-senses needs --attribution-feature-set 6"))
    }

    /// The attribution model is trained in four orders of its examples by default; the sidecar
    /// says how many, `--attribution-orders 1` is a single run (another model), and a count out of
    /// range is refused before any file is read.
    @Test func theAttributionOrdersReachTheSidecarAndABadCountIsRefused() throws {
        let folder = TestPaths.temporaryFolder()
        let articles = (0..<3).map { index in
            index == 1
                ? #"{"id":"b\#(index)","text":"Officials said the plan works. It rained.","sentences":[[0,30],[31,41]],"attributions":[{"cue":[[10,14]],"source":[[0,9]],"content":[[15,29]]}]}"#
                : #"{"id":"a\#(index)","text":"\"There is no single point of failure,\" he said.","sentences":[[0,47]],"attributions":[{"cue":[[42,46]],"source":[[39,41]],"content":[[1,36]]}]}"#
        }
        let polnear = folder + "/train.jsonl"
        try (articles.joined(separator: "\n") + "\n").write(toFile: polnear, atomically: true, encoding: .utf8)
        var files: [Int: Data] = [:]
        for orders in [nil, 1] as [Int?] {
            let out = folder + "/orders\(orders ?? 0)"
            let result = try Binary.run(
                ["train", "--polnear", polnear, "--epochs", "2", "--bucket-bits", "12", "--no-negatives", "--out", out]
                    + (orders.map { ["--attribution-orders", "\($0)"] } ?? []))
            #expect(result.status == 0, "\(result.standardError)")
            let sidecar = try Self.sidecar(out, "attribution")
            #expect(sidecar?["orders"] as? Int == orders ?? 4)
            files[orders ?? 4] = try Data(contentsOf: URL(fileURLWithPath: out + "/attribution.model"))
        }
        #expect(files[4] != files[1])
        let bad = try Binary.run(["train", "--polnear", polnear, "--attribution-orders", "0", "--out", folder + "/bad"])
        #expect(bad.status != 0)
        #expect(bad.standardError.contains("--attribution-orders must be 1 to 16"))
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

    /// The speech cue bias is searched on held-out PolNeAR articles and on negatives (by default
    /// the --uncertainty files' train sentences): the sidecar lists every candidate, the negatives'
    /// share for `speech` only, and the chosen bias keeps the negatives within the slack of bias 0.
    /// --no-negatives leaves PolNeAR alone to choose.
    @Test func theSpeechCueBiasIsHeldToTheNegatives() throws {
        let folder = TestPaths.temporaryFolder()
        let hedges = folder + "/wiki.jsonl"
        try (Self.hedges.joined(separator: "\n") + "\n").write(toFile: hedges, atomically: true, encoding: .utf8)
        // Ten articles, so one is held out for the search.
        let articles = (0..<10).map { index in
            #"{"id":"a\#(index)","text":"\"There is no single point of failure,\" he said.","sentences":[[0,47]],"attributions":[{"cue":[[42,46]],"source":[[39,41]],"content":[[1,36]]}]}"#
        }
        let polnear = folder + "/train.jsonl"
        try (articles.joined(separator: "\n") + "\n").write(toFile: polnear, atomically: true, encoding: .utf8)
        for negatives in [true, false] {
            let out = folder + (negatives ? "/with" : "/without")
            let result = try Binary.run(
                ["train", "--polnear", polnear, "--uncertainty", hedges, "--epochs", "2", "--bucket-bits", "12",
                 "--negative-slack", "0", "--out", out] + (negatives ? [] : ["--no-negatives"]))
            #expect(result.status == 0, "\(result.standardError)")
            let sidecar = try Self.sidecar(out, "attribution")
            #expect(sidecar?["negative_sentences"] as? Int == (negatives ? 2 : 0))
            let search = sidecar?["cue_bias_search"] as? [[String: Any]] ?? []
            #expect(search.count == 32)
            let speech = search.filter { $0["model_cues"] as? String == "speech" }
            #expect(speech.count == 16)
            #expect(search.filter { $0["negatives_marked"] != nil }.count == (negatives ? 16 : 0))
            guard negatives, let chosen = sidecar?["cue_bias"] as? Double,
                let base = speech.first?["negatives_marked"] as? Double,
                let line = speech.first(where: { $0["bias"] as? Double == chosen })
            else { continue }
            #expect((line["negatives_marked"] as? Double ?? 1) <= base)
        }
        let bad = try Binary.run(["train", "--polnear", polnear, "--negative-slack", "2", "--out", folder + "/bad"])
        #expect(bad.status != 0)
        #expect(bad.standardError.contains("--negative-slack must be 0 to 1"))
    }

    /// The JSON sidecar `train` wrote beside `NAME.model` in `folder`.
    static func sidecar(_ folder: String, _ name: String) throws -> [String: Any]? {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/" + name + ".model.json"))) as? [String: Any]
    }
}
