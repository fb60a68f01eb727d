import ClaimSieveCore
import ClaimSieveLanguage
import ClaimSieveTestSupport
import Testing
import Yams

/// The `split` stage: claims with block and sentence indexes, stable ids, non-claims dropped.
@Suite("Split: stage")
struct SplitStageTests {
    let stage: SplitStage

    init() throws {
        stage = try SplitStage(options: .init(rules: TestPaths.inRepository("pipelines/lexicons/en-splitter.yml")))
    }

    static let blocks: [Block] = [
        Block(kind: .heading, text: "Assad Flees  Syria\nAs Rebels Advance"),
        Block(kind: .paragraph, text: "Updated as reports come in."),
        Block(kind: .paragraph, text: "DAMASCUS, Syria (AP) — Rebels took the capital. Assad fled. READ MORE about Syria."),
        Block(kind: .caption, text: "Rebels celebrate in Damascus on Sunday."),
        Block(kind: .heading, text: "Setback For Russia"),
        Block(kind: .heading, text: "Russia Says It Will Keep Its Bases"),
        Block(kind: .quote, text: "“We declare the city free,” the rebels said. “A free Syria awaits you.”"),
        Block(kind: .listItem, text: "Iran is preoccupied with Israel."),
        Block(kind: .paragraph, text: "Assad fled."),
        Block(kind: .table, text: "Country | Bases"),
    ]

    func process() throws -> [Claim] {
        try stage.process(Document(id: "doc-1", path: "doc-1.html", blocks: Self.blocks)).claims
    }

    @Test("claims carry block and sentence indexes; non-claims, captions and tables are dropped")
    func claims() throws {
        let claims = try process()
        let summary = claims.map { "\($0.block).\($0.sentence) \($0.text)" }
        #expect(
            summary == [
                "0.0 Assad Flees Syria As Rebels Advance",
                "2.0 Rebels took the capital.",
                "2.1 Assad fled.",
                "5.0 Russia Says It Will Keep Its Bases",
                "6.0 “We declare the city free,” the rebels said.",
                "6.1 “A free Syria awaits you.”",
                "7.0 Iran is preoccupied with Israel.",
                "8.0 Assad fled.",
            ])
        #expect(claims.map(\.isHeadline) == [true, false, false, false, false, false, false, false])
    }

    @Test("ids are stable across runs and distinct for repeated text")
    func ids() throws {
        let first = try process()
        let second = try process()
        #expect(first.map(\.id) == second.map(\.id))
        #expect(Set(first.map(\.id)).count == first.count)
        let repeated = first.filter { $0.text == "Assad fled." }.map(\.id)
        #expect(repeated.count == 2)
        #expect(repeated[1] == repeated[0] + "-2")
        #expect(first[0].id == ClaimID.make(document: "doc-1", text: "Assad Flees Syria As Rebels Advance"))
    }

    @Test("a document without a heading has no headline")
    func noHeading() throws {
        let document = Document(id: "d", path: "d", blocks: [Block(kind: .paragraph, text: "Assad fled. Rebels won.")])
        let claims = try stage.process(document).claims
        #expect(claims.map(\.text) == ["Assad fled.", "Rebels won."])
        #expect(claims.allSatisfy { !$0.isHeadline })
    }

    @Test("the stage is registered under its name and reads its options")
    func nameAndOptions() {
        #expect(SplitStage.name == "split")
        #expect(SplitStage.Options.optionNames == ["rules", "join_line_breaks", "furniture"])
    }

    @Test("rules: one file, or a mapping from language to file, in the pipeline file")
    func rulesOption() throws {
        let single = try YAMLDecoder().decode(SplitStage.Options.self, from: "rules: my-splitter.yml")
        #expect(single.rules == "my-splitter.yml")
        #expect(single.languageRules.isEmpty)
        let mapping = try YAMLDecoder().decode(
            SplitStage.Options.self, from: "rules: { en: lexicons/en-splitter.yml, de-AT: lexicons/de-splitter.yml }")
        #expect(mapping.rules == "lexicons/en-splitter.yml")
        #expect(mapping.languageRules == ["en": "lexicons/en-splitter.yml", "de": "lexicons/de-splitter.yml"])
    }
}
