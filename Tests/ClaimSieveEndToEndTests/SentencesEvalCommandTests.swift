import ClaimSieveTestSupport
import Foundation
import Testing

/// `claimsieve eval --sentences-ud` and `claimsieve split --language`, through the built binary.
@Suite struct SentencesEvalCommandTests {
    @Test func scoresAFileAndListsTheParagraphsSplitWrongly() throws {
        let folder = TestPaths.temporaryFolder()
        let lines = [
            #"{"doc":"a","genre":"news","split":"dev","text":"He left. She stayed.","sentences":["He left.","She stayed."]}"#,
            #"{"doc":"b","genre":"email","split":"dev","text":"Thanks, Anne","sentences":["Thanks,","Anne"]}"#,
            #"{"doc":"c","genre":"email","split":"train","text":"Not scored. At all.","sentences":["Not scored. At all."]}"#,
            #"{"doc":"d","genre":"news","split":"dev","text":"It rose 5 Mio. Euro.","sentences":["It rose 5 Mio. Euro."]}"#,
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: folder + "/ewt.jsonl", atomically: true, encoding: .utf8)
        let result = try Binary.run(["eval", "--sentences-ud", folder, "--treebank", "ewt", "--errors", "5"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("== \(folder)/ewt.jsonl (split dev)"))
        #expect(result.standardOutput.contains("paragraphs 3  exact 0.667  boundaries P 0.667  R 1.000  F1 0.800  (2/3/2)"))
        #expect(result.standardOutput.contains("-- d (news) missed [] added [11]"))
        #expect(!result.standardOutput.contains("-- c "))
    }

    @Test func aBadLineNamesTheFileAndTheLine() throws {
        let file = TestPaths.temporaryFolder() + "/gum.jsonl"
        try "{\"doc\":\"a\",\"genre\":\"news\",\"split\":\"dev\",\"text\":\"x\",\"sentences\":[\"x\"]}\nnot json\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let result = try Binary.run(["eval", "--sentences-ud", file])
        #expect(result.status == 66)
        #expect(result.standardError.contains("\(file):2: not a sentences-ud record"))
    }

    @Test func splitTakesTheLanguagesRules() throws {
        let text = "Der Umsatz stieg um 5 Mio. Euro bzw. rund 3 Prozent. Die Firma wuchs."
        let german = try Binary.run(["split", "--language", "de-AT"], input: text)
        #expect(german.status == 0, "\(german.standardError)")
        #expect(german.standardOutput == "\"Der Umsatz stieg um 5 Mio. Euro bzw. rund 3 Prozent.\"\n\"Die Firma wuchs.\"\n")
        let english = try Binary.run(["split"], input: text)
        #expect(english.standardOutput.hasPrefix("\"Der Umsatz stieg um 5 Mio.\"\n"))
    }
}
