import ClaimSieveCore
import ClaimSieveExtraction
import Foundation
import Testing

@Suite struct HTMLExtractionTests {
    private func extract(_ html: String, path: String = "page.html") throws -> Document {
        let documents = try Extractor.extract(Data(html.utf8), path: path, format: .html)
        try #require(documents.count == 1)
        return documents[0]
    }

    @Test func keepsTheArticleAndDropsTheFurniture() throws {
        let document = try extract(Fixtures.newsPage)
        let text = document.blocks.map(\.text).joined(separator: "\n")
        for sentence in Fixtures.articleSentences { #expect(text.contains(sentence), "missing: \(sentence)") }
        for furniture in Fixtures.boilerplate { #expect(!text.contains(furniture), "leaked: \(furniture)") }
    }

    @Test func headlineComesFirstAndKindsAreKept() throws {
        let document = try extract(Fixtures.newsPage)
        #expect(document.blocks.first == Block(kind: .heading, text: "Harbour Bridge Reopens After Repairs"))
        #expect(document.blocks.filter { $0.text == "Harbour Bridge Reopens After Repairs" }.count == 1)
        #expect(document.blocks.contains(Block(kind: .heading, text: "Traffic returns")))
        #expect(document.blocks.contains(Block(kind: .quote, text: "We are glad to have our bridge back, and we will keep inspecting it every year.")))
        #expect(document.blocks.contains(Block(kind: .listItem, text: "Lorries over 30 tonnes: still diverted until April.")))
        // <br> separates words; whitespace is collapsed.
        #expect(document.blocks.contains { $0.text.contains("hour. Commuters said journeys were twenty minutes shorter.") })
        #expect(document.id == "page.html")
        #expect(document.item == nil)
    }

    @Test func readsTheMetadata() throws {
        let metadata = try extract(Fixtures.newsPage).metadata
        #expect(metadata.title == "Harbour Bridge Reopens After Repairs")
        #expect(metadata.byline == "Mira Jansen")
        #expect(metadata.publisher == "The Coastal Gazette")
        #expect(metadata.published == "2024-03-02T08:15:00Z")
        #expect(metadata.canonicalURL == "https://gazette.example/news/harbour-bridge-reopens")
        #expect(metadata.language == "en-GB")
    }

    @Test func titleLosesTheSiteNameWithoutOpenGraph() throws {
        let html = """
        <html><head><title>Mayor Opens New Library in the Old Town | Daily Example</title></head>
        <body><div id="story"><p>The mayor opened the new library on Friday, the city said in a statement, and the first readers borrowed two hundred books.</p>
        <p>The library, which cost two million euros, will open every day except Sunday, according to the council's website.</p></div></body></html>
        """
        let document = try extract(html)
        #expect(document.metadata.title == "Mayor Opens New Library in the Old Town")
        #expect(document.blocks.first?.kind == .heading)
        #expect(document.blocks.count == 3)
    }

    @Test func usesJSONLDForMetadataAndArticleBody() throws {
        let html = """
        <html><head><script type="application/ld+json">
        {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Storm Closes Schools",
         "datePublished": "2024-01-10", "author": {"@type": "Person", "name": "Lee Park"},
         "publisher": {"@type": "Organization", "name": "Example News"},
         "articleBody": "Schools across the region closed on Wednesday as a storm brought heavy snow, officials said.\\nThe weather service expects the snow to stop by Thursday evening, and roads are being cleared."}
        </script></head><body><div id="app"></div></body></html>
        """
        let document = try extract(html)
        #expect(document.metadata.title == "Storm Closes Schools")
        #expect(document.metadata.byline == "Lee Park")
        #expect(document.metadata.published == "2024-01-10")
        #expect(document.metadata.publisher == "Example News")
        #expect(document.blocks.map(\.text) == [
            "Storm Closes Schools",
            "Schools across the region closed on Wednesday as a storm brought heavy snow, officials said.",
            "The weather service expects the snow to stop by Thursday evening, and roads are being cleared.",
        ])
    }

    @Test func dataTablesAndCaptionsKeepTheirKinds() throws {
        let html = """
        <html><body><article><h1>Election Results Are In</h1>
        <p>The count finished overnight, and the electoral commission published the following results on Monday morning, with turnout at 64 percent.</p>
        <figure><img src="x.jpg"><figcaption>Counting staff at work in the town hall.</figcaption></figure>
        <table><tr><th>Party</th><th>Seats</th></tr><tr><td>Greens</td><td>12</td></tr><tr><td>Liberals</td><td>9</td></tr></table>
        <p>The new council will meet for the first time next week, when it is expected to elect a mayor, officials said on Monday.</p>
        </article></body></html>
        """
        let document = try extract(html)
        #expect(document.blocks.contains(Block(kind: .caption, text: "Counting staff at work in the town hall.")))
        #expect(document.blocks.contains(Block(kind: .table, text: "Party | Seats\nGreens | 12\nLiberals | 9")))
    }

    @Test func layoutTablesAreReadAsText() throws {
        let sentence = "The old town council approved the new harbour plan on Thursday evening, after a long debate, the clerk said."
        let html = """
        <html><body><table width="100%"><tr><td class="menu"><a href="/">Home</a><br><a href="/news">News</a></td>
        <td>\(sentence)<br><br>\(sentence) The vote was close.<br><br>\(sentence) Work starts in May.</td></tr></table></body></html>
        """
        let document = try extract(html)
        #expect(!document.blocks.contains { $0.kind == .table })
        #expect(document.blocks.filter { $0.text.hasPrefix(sentence) }.count == 3)
    }

    /// A heading in the body that repeats the headline, in other case and punctuation, is
    /// dropped: compared as lower-cased letters and digits (on bytes for ASCII, through
    /// Foundation for other scripts).
    @Test(arguments: [("Rates rise, again", "RATES RISE — AGAIN!"), ("Zürich rates rise", "ZÜRICH: RATES RISE")])
    func aHeadingRepeatingTheHeadlineIsDropped(headline: String, heading: String) throws {
        let html = "<html><head><title>\(headline)</title></head><body><article><h1>\(headline)</h1><h2>\(heading)</h2>"
            + "<p>The central bank raised its rate by a quarter point on Tuesday, the third rise this year, and said more could follow. The central bank raised its rate by a quarter point on Tuesday, the third rise this year, and said more could follow. The central bank raised its rate by a quarter point on Tuesday, the third rise this year, and said more could follow. The central bank raised its rate by a quarter point on Tuesday, the third rise this year, and said more could follow. </p><h2>What comes next</h2><p>The central bank raised its rate by a quarter point on Tuesday, the third rise this year, and said more could follow. The central bank raised its rate by a quarter point on Tuesday, the third rise this year, and said more could follow. The central bank raised its rate by a quarter point on Tuesday, the third rise this year, and said more could follow. The central bank raised its rate by a quarter point on Tuesday, the third rise this year, and said more could follow. </p></article></body></html>"
        let document = try extract(html)
        #expect(document.blocks.first?.text == headline)
        #expect(!document.blocks.contains { $0.text == heading })
        #expect(document.blocks.contains { $0.text == "What comes next" })
    }
}
