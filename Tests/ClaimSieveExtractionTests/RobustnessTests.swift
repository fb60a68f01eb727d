import ClaimSieveCore
import ClaimSieveExtraction
import Foundation
import Testing

@Suite struct RobustnessTests {
    @Test func binaryInputFailsWithAStageError() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]
        for format in [DocumentFormat.html, .unknown, .rss] {
            #expect(throws: StageError.self) { _ = try Extractor.extract(Data(png + [UInt8](repeating: 0, count: 64)), path: "x.html", format: format) }
        }
    }

    @Test func aTagWithTooManyAttributesFailsAloneInsteadOfStallingTheParser() throws {
        let attributes = (0..<20_000).map { "a\($0)=1" }.joined(separator: " ")
        let page = "<html><body><div \(attributes)><p>Text that would be kept.</p></div></body></html>"
        #expect {
            _ = try Extractor.extract(Data(page.utf8), path: "x.html", format: .html)
        } throws: { error in
            "\(error)" == "markup too complex: a tag with more than 2000 attributes"
        }
        // Code in scripts is not markup: `<` and `=` there do not count.
        let code = String(repeating: "if(a<b){x=1;y=2;z=3}", count: 5_000)
        let scripted = "<html><body><script>\(code)</script><article><p>The council approved the budget on Monday.</p></article></body></html>"
        let kept = try Extractor.extract(Data(scripted.utf8), path: "y.html", format: .html)
        #expect(kept.first?.blocks.map(\.text).contains("The council approved the budget on Monday.") == true)
    }

    /// The guard once counted `=` signs and skipped everything after `<script`/`<style` up to the
    /// closing tag: attributes without values, or a `<scriptx>`/`<styles>` tag that never closes,
    /// went through to libxml2 and cost it 47 to 149 s each.
    static func names(_ count: Int, _ prefix: String, _ suffix: String = "", separator: String = " ") -> String {
        (0..<count).map { prefix + String($0) + suffix }.joined(separator: separator)
    }

    static let bypasses: [String] = [
        "<div " + String(repeating: "a ", count: 100_000) + ">",
        "<div " + names(100_000, "a") + ">",
        "<styles " + names(30_000, "s") + ">",
        "<scriptx " + names(30_000, "s", "=1") + ">",
        "<script " + names(30_000, "s") + "></script>",
        "<style " + names(30_000, "s", "/", separator: "") + ">",
    ]

    @Test(arguments: bypasses)
    func attributesWithoutValuesOrInLookalikeTagsAreCounted(_ tag: String) {
        let page = "<html><body><p>Kept text of the page.</p>" + tag + "<p>More text.</p></body></html>"
        #expect {
            _ = try Extractor.extract(Data(page.utf8), path: "x.html", format: .html)
        } throws: { error in
            "\(error)".hasPrefix("markup too complex: a tag with more than 2000 attributes")
        }
    }

    @Test func manyTagsNearTheLimitAreStoppedByTheDocumentLimit() {
        let tag = "<i " + Self.names(1_900, "a") + ">x</i>"
        let page = "<html><body>" + String(repeating: tag, count: 300) + "</body></html>"
        #expect {
            _ = try Extractor.extract(Data(page.utf8), path: "x.html", format: .html)
        } throws: { error in
            "\(error)" == "markup too complex: more than 500000 attributes in the document"
        }
    }

    /// Past libxml2's depth limit the rest of a page was once dropped without a word.
    @Test func nestingBeyondTheDepthLimitFailsWithAReason() throws {
        let deep = "<html><body>" + String(repeating: "<div>", count: 12_000) + "<p>Deep text, officials said.</p></body></html>"
        #expect {
            _ = try Extractor.extract(Data(deep.utf8), path: "deep.html", format: .html)
        } throws: { error in
            "\(error)".hasPrefix("markup nested deeper than 10000 levels")
        }
        let shallow = "<html><body>" + String(repeating: "<div>", count: 5_000) + "<p>Deep text that is kept, officials said.</p></body></html>"
        let kept = try Extractor.extract(Data(shallow.utf8), path: "shallow.html", format: .html)
        #expect(kept.first?.blocks.map(\.text).contains("Deep text that is kept, officials said.") == true)
    }

    @Test func aLyingNonASCIIDeclarationIsNotTrusted() throws {
        for declared in ["ucs-2", "utf-7", "utf-32"] {
            var bytes = Array("<html><head><meta charset='\(declared)'></head><body><article><p>Café owners protested on Monday in the city centre.</p></article></body></html>".utf8)
            bytes.insert(0xFF, at: bytes.count - 30)
            let documents = try Extractor.extract(Data(bytes), path: "lie.html", format: .html)
            let text = documents.first?.blocks.map(\.text).joined(separator: " ") ?? ""
            #expect(text.contains("protested on Monday"), "\(declared): \(text)")
        }
    }

    @Test func emptyInputFailsWithAStageError() {
        #expect(throws: StageError.self) { _ = try Extractor.extract(Data(), path: "empty.html", format: .html) }
    }

    @Test func garbageNeverCrashes() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["<", ">", "</", "div", "p", "&", "#", ";", "<!--", "-->", "<![CDATA[", "]]>", "\"", "'", "=", " ", "\n",
                      "<script>", "</script>", "<table>", "<td>", "\u{FF}", "\u{0}", "&#0;", "&#xD800;", "<?xml", "?>", "<!DOCTYPE"]
        for _ in 0..<200 {
            var text = ""
            for _ in 0..<Int.random(in: 0..<400, using: &generator) { text += pieces.randomElement(using: &generator) ?? "" }
            var bytes = Array(text.utf8)
            for _ in 0..<Int.random(in: 0..<20, using: &generator) where !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0x80...0xFF, using: &generator)
            }
            for format in [DocumentFormat.html, .rss, .atom, .nitf, .xml, .unknown] {
                _ = try? Extractor.extract(Data(bytes), path: "fuzz", format: format)
            }
        }
    }

    @Test func deeplyNestedHTMLDoesNotOverflowTheStack() throws {
        let depth = 100_000
        var html = "<html><body>"
        html.reserveCapacity(depth * 12)
        for _ in 0..<depth { html += "<div>" }
        html += "<p>Deep inside a hundred thousand divs there is one sentence, long enough to be kept as the article.</p>"
        for _ in 0..<depth { html += "</div>" }
        html += "</body></html>"
        // Beyond LibXML.maximumDepth libxml2 stops reading: a clear failure, never a crash.
        #expect(throws: StageError.self) { _ = try Extractor.extract(Data(html.utf8), path: "deep.html", format: .html) }
    }

    @Test func nestingDeeperThanLibxml2sDefaultIsRead() throws {
        let depth = 2_000  // 4 000 levels: far beyond libxml2's default of 256
        let html = "<html><body>" + String(repeating: "<div><font>", count: depth)
            + "<p>Legacy pages leave thousands of tags unclosed, and their text must still be read.</p></body></html>"
        let document = try #require(try Extractor.extract(Data(html.utf8), path: "legacy.html", format: .html).first)
        #expect(document.blocks.contains { $0.text.hasPrefix("Legacy pages leave thousands of tags unclosed") })
    }

    @Test func deeplyNestedJSONLDDoesNotOverflowTheStack() {
        let depth = 200_000
        let json = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let html = "<html><head><script type=\"application/ld+json\">\(json)</script></head><body><p>Text of the page that is long enough to be kept as a paragraph of the article.</p></body></html>"
        let documents = (try? Extractor.extract(Data(html.utf8), path: "deep-json.html", format: .html)) ?? []
        #expect(documents.count == 1)
    }

    @Test func manyAttributesAndHugeTextAreFine() throws {
        let attributes = (0..<1_500).map { "data-a\($0)=\"x\"" }.joined(separator: " ")
        let sentence = "The committee met again on Tuesday and agreed on the budget, officials said. "
        let html = "<html><body><div \(attributes) class=\"\(String(repeating: "share ", count: 2_000))article\"><p>\(String(repeating: sentence, count: 20_000))</p></div></body></html>"
        let documents = try Extractor.extract(Data(html.utf8), path: "big.html", format: .html)
        #expect(documents.first?.blocks.contains { $0.text.utf8.count > 1_000_000 } == true)
    }

    @Test func deeplyNestedFeedDoesNotOverflowTheStack() {
        var xml = "<?xml version=\"1.0\"?><rss><channel><item><title>T</title><description><![CDATA["
        for _ in 0..<50_000 { xml += "<span>" }
        xml += "text"
        xml += "]]></description></item></channel></rss>"
        _ = try? Extractor.extract(Data(xml.utf8), path: "deep.rss", format: .rss)
    }

    @Test func concurrentExtractionIsSafe() async throws {
        let data = Data(Fixtures.newsPage.utf8)
        let expected = try Extractor.extract(data, path: "p.html", format: .html)
        try await withThrowingTaskGroup(of: [Document].self) { group in
            for _ in 0..<16 { group.addTask { try Extractor.extract(data, path: "p.html", format: .html) } }
            for try await result in group { #expect(result == expected) }
        }
    }

    @Test func cleanStageExpandsFeedsAndDropsRawBytes() throws {
        let stage = CleanStage()
        try stage.setUp()
        let input = Document(id: "f.rss", path: "f.rss", format: .rss, raw: Data(Fixtures.rss.utf8))
        let output = try stage.expand(input)
        #expect(output.count == 2)
        #expect(output.allSatisfy { $0.raw == nil })
        #expect(try stage.process(input).id == "f.rss#item-1")
        #expect(throws: StageError.self) { _ = try stage.process(Document(id: "x", path: "x")) }
        #expect(CleanStage.name == "clean")
    }
}
