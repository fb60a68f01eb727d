import ClaimSieveCore
import ClaimSieveExtraction
import Foundation
import Testing

@Suite struct FeedExtractionTests {
    @Test func rssGivesOneDocumentPerItem() throws {
        let documents = try Extractor.extract(Data(Fixtures.rss.utf8), path: "feeds/gazette.rss", format: .rss)
        #expect(documents.map(\.id) == ["feeds/gazette.rss#item-1", "feeds/gazette.rss#item-2"])
        #expect(documents.map(\.item) == [1, 2])
        let first = documents[0]
        #expect(first.path == "feeds/gazette.rss")
        #expect(first.format == .rss)
        #expect(first.metadata.title == "Harbour Bridge Reopens After Repairs")
        #expect(first.metadata.canonicalURL == "https://gazette.example/news/harbour-bridge-reopens")
        #expect(first.metadata.published == "Sat, 02 Mar 2024 08:15:00 GMT")
        #expect(first.metadata.byline == "Mira Jansen")
        #expect(first.metadata.publisher == "The Coastal Gazette")
        #expect(first.blocks == [
            Block(kind: .heading, text: "Harbour Bridge Reopens After Repairs"),
            Block(kind: .paragraph, text: "The Harbour Bridge reopened to traffic on Saturday morning, the city council said."),
            Block(kind: .heading, text: "Traffic returns"),
            Block(kind: .paragraph, text: "Buses resumed their normal routes at 6 a.m."),
        ])
        // Without content:encoded, the (escaped HTML) description is the body.
        #expect(documents[1].blocks.last == Block(kind: .paragraph, text: "The morning ferry will leave ten minutes earlier from Monday, the operator said."))
        #expect(documents[1].metadata.canonicalURL == "https://gazette.example/news/ferry-timetable")
    }

    @Test func atomReadsHTMLAndXHTMLContent() throws {
        let documents = try Extractor.extract(Data(Fixtures.atom.utf8), path: "gazette.atom", format: .atom)
        #expect(documents.map(\.id) == ["gazette.atom#item-1", "gazette.atom#item-2"])
        #expect(documents[0].metadata.canonicalURL == "https://gazette.example/news/harbour-bridge-reopens")
        #expect(documents[0].metadata.byline == "Mira Jansen")
        #expect(documents[0].metadata.published == "2024-03-02T08:15:00Z")
        #expect(documents[0].blocks.map(\.text) == [
            "Harbour Bridge Reopens After Repairs",
            "The Harbour Bridge reopened to traffic on Saturday morning, the city council said.",
            "Buses resumed their normal routes at 6 a.m.",
        ])
        #expect(documents[1].metadata.canonicalURL == "https://gazette.example/news/lighthouse")
        #expect(documents[1].blocks == [
            Block(kind: .heading, text: "Lighthouse Repainted"),
            Block(kind: .paragraph, text: "The lighthouse was repainted red and white, the port authority said."),
            Block(kind: .quote, text: "It looks new again."),
        ])
    }

    @Test func nitfReadsHedlineBylineAndBody() throws {
        let documents = try Extractor.extract(Data(Fixtures.nitf.utf8), path: "story.xml", format: .nitf)
        try #require(documents.count == 1)
        let document = documents[0]
        #expect(document.id == "story.xml#item-1")
        #expect(document.metadata.title == "Harbour Bridge Reopens After Repairs")
        #expect(document.metadata.byline == "By Mira Jansen")
        #expect(document.metadata.published == "20240302T081500Z")
        #expect(document.metadata.publisher == "The Coastal Gazette")
        #expect(document.blocks.first == Block(kind: .heading, text: "Harbour Bridge Reopens After Repairs"))
        #expect(document.blocks.contains(Block(kind: .caption, text: "PORTSEA, March 2")))
        #expect(document.blocks.contains(Block(kind: .heading, text: "Traffic returns")))
        #expect(document.blocks.last == Block(kind: .paragraph, text: "Buses resumed their normal routes at 6 a.m."))
        #expect(!document.blocks.contains { $0.text.contains("Copyright") })
    }

    @Test func unknownFormatIsSniffed() throws {
        let documents = try Extractor.extract(Data(Fixtures.rss.utf8), path: "feed.txt", format: .unknown)
        #expect(documents.count == 2)
    }

    @Test func externalEntitiesAreNeverRead() throws {
        let folder = NSTemporaryDirectory() + "claimsieve-entity-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let secretPath = folder + "/secret.txt"
        try "TOP-SECRET-CONTENT-4711".write(toFile: secretPath, atomically: true, encoding: .utf8)
        let feed = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE rss [
          <!ENTITY secret SYSTEM "file://\(secretPath)">
          <!ENTITY passwd SYSTEM "file:///etc/passwd">
          <!ENTITY % remote SYSTEM "file://\(secretPath)">
        ]>
        <rss version="2.0"><channel><title>Feed &secret;</title>
          <item><title>Item &secret; &passwd;</title><link>https://example.org/1</link>
          <description>Body text &secret; and &passwd; end.</description></item>
        </channel></rss>
        """
        for format in [DocumentFormat.rss, .unknown, .xml] {
            let documents = (try? Extractor.extract(Data(feed.utf8), path: "evil.rss", format: format)) ?? []
            let encoded = try JSONEncoder().encode(documents)
            let text = String(decoding: encoded, as: UTF8.self)
            #expect(!text.contains("TOP-SECRET-CONTENT-4711"))
            #expect(!text.contains("root:"))
        }
    }

    @Test func emptyFeedFailsClearlyAndMarkupInTitlesIsStripped() throws {
        #expect(throws: StageError.self) {
            _ = try Extractor.extract(Data("<rss version=\"2.0\"><channel><title>Empty</title></channel></rss>".utf8), path: "e.rss", format: .rss)
        }
        let atom = """
        <feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
        <entry><title type="html">Rates &lt;em&gt;rise&lt;/em&gt; again</title><link href="https://example.org/r"/>
        <content type="text">The central bank raised rates again on Thursday, its statement said.</content></entry></feed>
        """
        let documents = try Extractor.extract(Data(atom.utf8), path: "r.atom", format: .atom)
        #expect(documents.first?.metadata.title == "Rates rise again")
        #expect(documents.first?.blocks.last == Block(kind: .paragraph, text: "The central bank raised rates again on Thursday, its statement said."))
    }

    @Test func malformedFeedFailsClearly() {
        #expect(throws: StageError.self) {
            _ = try Extractor.extract(Data("<?xml version=\"1.0\"?><catalog><book/></catalog>".utf8), path: "x.xml", format: .xml)
        }
    }
}
