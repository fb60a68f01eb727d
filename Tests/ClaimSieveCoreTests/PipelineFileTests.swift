import ClaimSieveCore
import Testing

@Suite struct PipelineFileTests {
    let registry = StageRegistry([FetchStage.self, UppercaseStage.self])

    @Test func readsInputsRelativeToTheFileAndStagesInOrder() throws {
        let file = try PipelineFile.parse("""
            inputs: [../pages, /abs/feeds]
            jobs: 3
            on_error: fail-run
            reports: [jsonl, summary]
            stages:
              - fetch: {max_bytes: 1000}
              - uppercase
            """, path: "conf/nightly.yml")
        #expect(file.inputs == ["pages", "/abs/feeds"])
        #expect(file.jobs == 3)
        #expect(file.onError == .failRun)
        #expect(file.reports == ["jsonl", "summary"])
        #expect(file.stages.map(\.name) == ["fetch", "uppercase"])
        let stages = try PipelineBuilder(registry: registry).build(file)
        #expect((stages.first as? FetchStage)?.options.maxBytes == 1000)
    }

    @Test func relativePathsAreFoldedAgainstThePipelineFolder() {
        #expect(StageContext(baseDirectory: "pipelines").resolve("../sample-data") == "sample-data")
        #expect(StageContext(baseDirectory: "a/b").resolve("./c/../d.yml") == "a/b/d.yml")
        #expect(StageContext(baseDirectory: "/etc/claimsieve").resolve("../../x") == "/x")
        #expect(StageContext(baseDirectory: "p").resolve("../../x") == "../x")
        #expect(StageContext(baseDirectory: "p").resolve("/abs") == "/abs")
    }

    @Test func limitsAreReadWithDefaultsForWhatIsNotGiven() throws {
        let file = try PipelineFile.parse("stages: [fetch]\nlimits:\n  document_seconds: 2.5\n  claims_per_document: 100\n", path: "p.yml")
        #expect(file.limits == DocumentLimits(documentSeconds: 2.5, textBytes: DocumentLimits().textBytes, claimsPerDocument: 100))
        #expect(try PipelineFile.parse("stages: [fetch]\n", path: "p.yml").limits == DocumentLimits())
        #expect {
            _ = try PipelineFile.parse("stages: [fetch]\nlimits:\n  claims: 3\n", path: "p.yml")
        } throws: { error in
            "\(error)".hasPrefix("p.yml:3:") && "\(error)".contains("unknown limit 'claims'")
        }
        #expect(throws: PipelineError.self) { _ = try PipelineFile.parse("stages: [fetch]\nlimits:\n  text_bytes: -1\n", path: "p.yml") }
    }

    @Test func unknownTopLevelKeyNamesTheLineAndTheValidKeys() {
        #expect {
            _ = try PipelineFile.parse("stages: [fetch]\ninptus: [x]\n", path: "p.yml")
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("p.yml:2:") && text.contains("unknown key 'inptus'") && text.contains("inputs")
        }
    }

    @Test func unknownStageNamesTheLineAndTheValidStages() throws {
        let file = try PipelineFile.parse("stages:\n  - fetch\n  - uppercse\n", path: "p.yml")
        let problems = PipelineBuilder(registry: registry).problems(in: file)
        #expect(problems.count == 1)
        #expect(problems.first?.line == 3)
        #expect(problems.first?.description.contains("unknown stage 'uppercse'; valid stages: fetch, uppercase") == true)
    }

    @Test func unknownOptionNamesItsOwnLineAndTheValidOptions() throws {
        let file = try PipelineFile.parse("""
            stages:
              - fetch:
                  max_bytes: 10
                  max_byte: 20
            """, path: "p.yml")
        let problems = PipelineBuilder(registry: registry).problems(in: file)
        #expect(problems.map(\.line) == [4])
        #expect(problems.first?.description.contains("stage 'fetch' has no option 'max_byte'; valid options: max_bytes, extensions") == true)
    }

    @Test func wrongOptionTypeSaysWhatWasExpected() throws {
        let file = try PipelineFile.parse("stages:\n  - fetch:\n      max_bytes: lots\n", path: "p.yml")
        let problems = PipelineBuilder(registry: registry).problems(in: file)
        #expect(problems.first?.line == 3)
        #expect(problems.first?.description.contains("option 'max_bytes': expected a whole number") == true)
    }

    @Test func aSizeLimitBeyondWhatLibxml2ReadsIsAnError() throws {
        let file = try PipelineFile.parse("stages:\n  - fetch: {max_bytes: 3000000000}\n", path: "p.yml")
        let problems = PipelineBuilder(registry: registry).problems(in: file)
        #expect(problems.first?.description.contains("option 'max_bytes': must be from 1 to 2000000000 bytes") == true, "\(problems)")
    }

    @Test func aStageWithoutOptionsRejectsAnyOption() throws {
        let file = try PipelineFile.parse("stages:\n  - fetch\n  - uppercase: {loud: true}\n", path: "p.yml")
        let problems = PipelineBuilder(registry: registry).problems(in: file)
        #expect(problems.first?.description.contains("it takes no options") == true)
    }

    @Test func theFirstStageMustBeFetch() throws {
        let file = try PipelineFile.parse("stages: [uppercase]\n", path: "p.yml")
        let problems = PipelineBuilder(registry: registry).problems(in: file)
        #expect(problems.map(\.message) == ["the first stage must be 'fetch' (it reads the inputs)"])
    }

    @Test func badReportFormatAndBadYAMLAreErrors() {
        #expect(throws: PipelineError.self) { try PipelineFile.parse("reports: [pdf]\nstages: [fetch]\n", path: "p.yml") }
        #expect(throws: PipelineError.self) { try PipelineFile.parse("stages: [fetch\n", path: "p.yml") }
        #expect(throws: PipelineError.self) { try PipelineFile.parse("- just a list\n", path: "p.yml") }
    }
}
