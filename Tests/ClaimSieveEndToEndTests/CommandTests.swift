import ClaimSieveTestSupport
import Foundation
import Testing

/// The other commands and the exit codes, through the built binary.
@Suite struct CommandTests {
    @Test(arguments: ["run", "merge", "stream", "extract", "split", "tag", "eval", "eval-extraction", "stages", "validate"])
    func everyCommandHasHelp(command: String) throws {
        let result = try Binary.run([command, "--help"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("USAGE: claimsieve \(command)"))
    }

    @Test func runHelpDocumentsTheExitCodes() throws {
        let help = try Binary.run(["run", "--help"]).standardOutput
        #expect(help.contains("66 no input"))
        #expect(help.contains("75 another run holds the lock"))
        let merge = try Binary.run(["merge", "--help"]).standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(merge.contains("3 merge: a shard is missing or incomplete"), "\(merge)")
    }

    @Test func validateAcceptsTheShippedPipelines() throws {
        for name in ["pipelines/default.yml", "pipelines/nightly.yml"] {
            let result = try Binary.run(["validate", name])
            #expect(result.status == 0, "\(name): \(result.standardError)")
            #expect(result.standardOutput.contains("valid (fetch → clean → split → tag → verdict → corroborate)"))
        }
    }

    @Test func validateReportsAnUnknownStageAndOptionWithTheirLines() throws {
        let file = TestPaths.temporaryFolder() + "/bad.yml"
        try "stages:\n  - fetch:\n      max_byts: 5\n  - clean\n  - tagger\n".write(toFile: file, atomically: true, encoding: .utf8)
        let result = try Binary.run(["validate", file])
        #expect(result.status == 65)
        #expect(result.standardError.contains("\(file):3:7: stage 'fetch' has no option 'max_byts'; valid options: max_bytes, extensions"))
        #expect(result.standardError.contains("\(file):5:5: unknown stage 'tagger'; valid stages: fetch, clean, split, tag, verdict, corroborate, command"))
    }

    /// `eval --hedge-domain corpus` learns a file's conventions from its train records, so it
    /// refuses (64, naming the file) to score train records; `--split dev` scores.
    @Test func evalRefusesHedgeConventionsOnScoredTrainRecords() throws {
        let file = TestPaths.temporaryFolder() + "/bio.jsonl"
        try [
            #"{"id":"t","text":"Cells could be stained.","label":"certain","cues":[],"doc":"d","split":"train"}"#,
            #"{"id":"v","text":"It may rain.","label":"uncertain","cues":[{"start":3,"end":6,"text":"may","type":"epistemic"}],"doc":"e","split":"dev"}"#,
        ].joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        for split in [[], ["--split", "train"]] {
            let result = try Binary.run(["eval", "--uncertainty", file, "--hedge-domain", "corpus"] + split)
            #expect(result.status == 64, "\(split)")
            #expect(result.standardError.contains("\(file): --hedge-domain corpus: 1 scored records are train records"), "\(result.standardError)")
        }
        let dev = try Binary.run(["eval", "--uncertainty", file, "--hedge-domain", "corpus", "--split", "dev"])
        #expect(dev.status == 0, "\(dev.standardError)")
        #expect(dev.standardOutput.contains("sentence-level uncertainty"))
    }

    @Test func runWithABadPipelineExits65() throws {
        let file = TestPaths.temporaryFolder() + "/bad.yml"
        try "stages: [fetch, nope]\n".write(toFile: file, atomically: true, encoding: .utf8)
        let result = try Binary.run(["run", "--pipeline", file, "--out", TestPaths.temporaryFolder()])
        #expect(result.status == 65)
        #expect(result.standardError.contains("unknown stage 'nope'"))
    }

    @Test func runWithNothingToReadExits66() throws {
        let empty = TestPaths.temporaryFolder()
        let result = try Binary.run(["run", "--out", TestPaths.temporaryFolder(), empty, empty + "/missing.html"])
        #expect(result.status == 66)
        #expect(result.standardError.contains("no input"))
    }

    @Test func runIntoAnUnwritableFolderExits73() throws {
        let blocker = TestPaths.temporaryFolder() + "/a-file"
        try "x".write(toFile: blocker, atomically: true, encoding: .utf8)
        let result = try Binary.run(["run", "--out", blocker + "/out", TestPaths.inRepository("sample-data/articles")])
        #expect(result.status == 73)
        #expect(result.standardError.contains("cannot write"))
    }

    @Test func aUsageErrorExits64() throws {
        let result = try Binary.run(["run", "--jobs", "0", "--out", TestPaths.temporaryFolder()])
        #expect(result.status == 64)
    }

    @Test func stagesListsTheBuiltInStagesWithTheirOptions() throws {
        let output = try Binary.run(["stages"]).standardOutput
        for name in ["fetch", "clean", "split", "tag", "verdict", "corroborate"] {
            #expect(output.contains("\(name)\t"))
        }
        #expect(output.contains("options: max_bytes, extensions"))
    }

    @Test func extractPrintsTheArticleTextOfTheSeedPage() throws {
        let result = try Binary.run(["extract", "sample-data/seed/assad-asylum.html"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("Russia has been a close ally of Assad."))
        #expect(result.standardOutput.contains("\n\n"))
        let json = try Binary.run(["extract", "--json", "sample-data/feeds/seed.rss"])
        #expect(json.status == 0)
        #expect(json.standardOutput.contains("\"id\" : \"sample-data/feeds/seed.rss#item-1\""))
    }

    @Test func splitPrintsOneJSONStringPerSentence() throws {
        let result = try Binary.run(["split"], input: "Mr. Smith went to Washington. He said “no.” Then he left.")
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        let sentences = try lines.map { try JSONDecoder().decode(String.self, from: Data($0.utf8)) }
        #expect(sentences == ["Mr. Smith went to Washington.", "He said “no.”", "Then he left."])
    }

    @Test func tagPrintsCuesWhoseByteOffsetsPointAtTheCueText() throws {
        struct Line: Decodable {
            struct CueLine: Decodable { var text: String; var category: String; var start: Int; var end: Int }
            var text: String
            var verdict: String
            var score: Double
            var cues: [CueLine]
        }
        let input = "“Ça va,” reports say the café was closed.\nThe minister said the bridge is open.\n"
        let result = try Binary.run(["tag"], input: input)
        #expect(result.status == 0, "\(result.standardError)")
        let lines = try result.standardOutput.split(separator: "\n").map { try JSONDecoder().decode(Line.self, from: Data($0.utf8)) }
        #expect(lines.count == 2)
        #expect(lines[0].verdict == "unverified")
        #expect(lines[0].cues.contains { $0.category == "hearsay" })
        for line in lines {
            let bytes = Array(line.text.utf8)
            for cue in line.cues {
                #expect(String(decoding: bytes[cue.start..<cue.end], as: UTF8.self) == cue.text)
            }
        }
        #expect(result.standardOutput.contains("\"source\":"))
    }
}
