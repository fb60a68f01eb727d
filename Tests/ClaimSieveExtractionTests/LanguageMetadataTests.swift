import ClaimSieveCore
import ClaimSieveExtraction
import Foundation
import Testing

/// `clean` gives every document a language: declared by the page or feed, checked against the text.
@Suite struct LanguageMetadataTests {
    static let german = "Der Stadtrat hat am Montag beschlossen, dass die neue Brücke noch vor dem Ende des Jahres fertig sein soll, obwohl ein Teil der Arbeiten wegen des Wetters verschoben wurde."
    static let english = "The council said on Monday that the new bridge would be finished before the end of the year, although some of the work has been delayed by the weather and it is not clear how much it will cost."

    static func clean(_ text: String, path: String = "page.html") throws -> [Document] {
        try CleanStage().expand(Document(id: path, path: path, raw: Data(text.utf8)))
    }

    static func page(head: String = "", html: String = "<html>", body: String) -> String {
        "<!DOCTYPE html>\(html)<head><title>T</title>\(head)</head><body><article><h1>Bridge</h1><p>\(body)</p></article></body></html>"
    }

    @Test(arguments: [
        ("<html lang=\"de-DE\">", ""),
        ("<html>", "<meta http-equiv=\"content-language\" content=\"de\">"),
        ("<html>", "<meta property=\"og:locale\" content=\"de_DE\">"),
        ("<html>", "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"inLanguage\": \"de\"}</script>"),
    ])
    func aPageDeclaresItsLanguage(html: String, head: String) throws {
        // Too short a text to tell: the declaration decides.
        let documents = try Self.clean(Self.page(head: head, html: html, body: "Brücke offen."))
        #expect(documents[0].metadata.language == "de")
    }

    @Test func anUndeclaredPageIsDetected() throws {
        #expect(try Self.clean(Self.page(body: Self.german))[0].metadata.language == "de")
        #expect(try Self.clean(Self.page(body: Self.english))[0].metadata.language == "en")
    }

    @Test func aWrongDeclarationIsOverriddenByTheText() throws {
        #expect(try Self.clean(Self.page(html: "<html lang=\"de\">", body: Self.english))[0].metadata.language == "en")
        #expect(try Self.clean(Self.page(html: "<html lang=\"en-US\">", body: Self.german + " " + Self.german))[0].metadata.language == "de")
    }

    @Test func feedItemsTakeTheFeedsLanguageOrTheirOwn() throws {
        let rss = """
            <?xml version="1.0"?><rss version="2.0"><channel><title>Z</title><language>de-AT</language>
            <item><title>Brücke</title><description>Brücke offen.</description></item></channel></rss>
            """
        #expect(try Self.clean(rss, path: "z.rss").map(\.metadata.language) == ["de"])
        // Atom: the feed's xml:lang, an entry's own xml:lang before it.
        let atom = """
            <?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr"><title>Z</title>
            <entry><title>Pont</title><content type="text">Le pont est ouvert.</content></entry>
            <entry xml:lang="it"><title>Ponte</title><content type="text">Il ponte è aperto.</content></entry></feed>
            """
        #expect(try Self.clean(atom, path: "z.atom").map(\.metadata.language) == ["fr", "it"])
        let nitf = """
            <?xml version="1.0"?><nitf xml:lang="es"><head><title>Puente</title></head><body><body.head><hedline><hl1>Puente</hl1></hedline></body.head>
            <body.content><p>El puente está abierto.</p></body.content></body></nitf>
            """
        #expect(try Self.clean(nitf, path: "z.xml").map(\.metadata.language) == ["es"])
    }
}
