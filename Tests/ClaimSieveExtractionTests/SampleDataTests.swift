import ClaimSieveCore
import ClaimSieveExtraction
import ClaimSieveTestSupport
import Foundation
import Testing

/// The seed article in every format the project ships (sample-data/), checked against the seed
/// text in the shared folder: the article whole, in order, and none of the page furniture.
@Suite struct SampleDataTests {
    static let seedText = TestPaths.inShared("seed/000_d32f2fd5ef2d7ec4.txt")

    /// The seed's lines (headline first), or nil when the shared folder is absent.
    static func seedLines() -> [String]? {
        guard let text = try? String(contentsOfFile: seedText, encoding: .utf8) else { return nil }
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func documents(_ relative: String) throws -> [Document]? {
        let path = TestPaths.inRepository(relative)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try Extractor.extract(data, path: relative, format: FormatSniffer.detect(data, path: path))
    }

    /// Every seed line appears, as its own block or inside one, in the seed's order.
    static func expectSeed(in blocks: [Block], source: String) {
        guard let lines = seedLines() else {
            print("skipped seed comparison: \(seedText) is absent")
            return
        }
        let texts = blocks.map(\.text)
        var position = 0
        for line in lines {
            guard let found = texts[position...].firstIndex(where: { $0.contains(line) }) else {
                Issue.record("\(source): seed line missing or out of order: \(line)")
                continue
            }
            position = found
        }
        #expect(texts.first == lines.first, "\(source): the headline should be the first block")
    }

    @Test func seedPage() throws {
        guard let documents = try Self.documents("sample-data/seed/assad-asylum.html") else {
            print("skipped: sample-data/seed/assad-asylum.html is absent")
            return
        }
        try #require(documents.count == 1)
        let document = documents[0]
        Self.expectSeed(in: document.blocks, source: "seed page")
        #expect(document.blocks.first?.kind == .heading)
        if let lines = Self.seedLines() {
            // Nothing but the seed (and the photo caption, kept as a caption block).
            let extra = document.blocks.filter { block in block.kind != .caption && !lines.contains { $0 == block.text } }
            #expect(extra.isEmpty, "furniture leaked: \(extra.map(\.text))")
        }
        #expect(document.metadata.title == "Assad Granted Asylum in Russia After Fleeing Syria Amid Rebel Takeover")
        #expect(document.metadata.publisher != nil)
        #expect(document.metadata.published != nil)
        #expect(document.metadata.canonicalURL != nil)
    }

    @Test(arguments: ["sample-data/feeds/seed.rss", "sample-data/feeds/seed.atom", "sample-data/feeds/seed-nitf.xml"])
    func seedFeed(_ relative: String) throws {
        guard let documents = try Self.documents(relative) else {
            print("skipped: \(relative) is absent")
            return
        }
        let first = try #require(documents.first)
        #expect(first.id == relative + "#item-1")
        #expect(first.item == 1)
        Self.expectSeed(in: first.blocks, source: relative)
        #expect(!first.blocks.contains { $0.text.lowercased().contains("copyright") })
        #expect(documents.allSatisfy { $0.blocks.first?.kind == .heading })
        #expect(documents.enumerated().allSatisfy { $0.element.id == "\(relative)#item-\($0.offset + 1)" })
    }

    @Test func articlesKeepTheirTextAndDropRelatedStories() throws {
        let folder = TestPaths.inRepository("sample-data/articles")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            print("skipped: sample-data/articles is absent")
            return
        }
        for name in names where name.hasSuffix(".html") {
            let documents = try #require(try Self.documents("sample-data/articles/" + name))
            let document = try #require(documents.first)
            #expect(document.blocks.first?.kind == .heading, "\(name)")
            #expect(document.blocks.count >= 8, "\(name): only \(document.blocks.count) blocks")
            #expect(!document.blocks.contains { $0.text.contains("\u{FFFD}") }, "\(name): replacement characters")
        }
    }

    @Test func badInputs() throws {
        let empty = TestPaths.inRepository("sample-data/bad/empty.html")
        if FileManager.default.fileExists(atPath: empty) {
            #expect(throws: StageError.self) { _ = try Extractor.extract(Data(), path: "empty.html", format: .html) }
        }
        if let data = FileManager.default.contents(atPath: TestPaths.inRepository("sample-data/bad/not-html.html")) {
            #expect(throws: StageError.self) { _ = try Extractor.extract(data, path: "not-html.html", format: .html) }
        }
        if let data = FileManager.default.contents(atPath: TestPaths.inRepository("sample-data/bad/truncated.html")) {
            let document = try #require(try Extractor.extract(data, path: "truncated.html", format: .html).first)
            #expect(document.blocks.first == Block(kind: .heading, text: "Bridge on the B3120 Closed After Lorry Strike"))
            #expect(document.blocks.filter { $0.kind == .paragraph }.count >= 6)
        }
    }
}
