import ClaimSieveCore
import ClaimSieveExtraction
import Foundation
import Testing

/// Articles whose body is not one tidy container: how-to steps in separate wrappers, documentation
/// with linked headings and heading-slug ids, posts in parts, lists and tables that link what they
/// name. Each test holds one general signal the selector uses, on a small page written for it.
@Suite struct ArticleSpanTests {
    private func text(_ html: String) throws -> String {
        let documents = try Extractor.extract(Data(html.utf8), path: "page.html", format: .html)
        return documents[0].blocks.map(\.text).joined(separator: "\n")
    }

    /// A distinct sentence of prose, long enough and with commas, as articles are written.
    private func prose(_ topic: String) -> String {
        "The \(topic) takes about twenty minutes, and it needs a clean surface, a pair of gloves, a soft brush and some patience, because rushing it, as most beginners do, spoils the result and wastes the materials you bought for it."
    }

    private let sidebar = """
    <div class="sidebar"><ul><li><a href="/a">Popular one</a></li><li><a href="/b">Popular two</a></li></ul></div>
    """

    @Test func stepsInSeparateWrappersAreKeptTogether() throws {
        let steps = (1...4).map { n in
            "<span><div class=\"step-\(n)\"><p>\(prose("step number \(n)"))</p><p>\(prose("check after step \(n)"))</p></div></span>"
        }.joined()
        let page = "<html><body>\(sidebar)<article><h1>How to clean a painting</h1>\(steps)</article></body></html>"
        let body = try text(page)
        for n in 1...4 { #expect(body.contains("The step number \(n) takes"), "step \(n) missing") }
        #expect(!body.contains("Popular one"))
    }

    @Test func headingsLinkedToThemselvesAreKept() throws {
        let sections = ["Installation", "Configuration", "Troubleshooting"].map { title in
            "<h2><a href=\"#\(title.lowercased())\">\(title)</a></h2><p>\(prose(title.lowercased()))</p><p>\(prose("review of \(title.lowercased())"))</p>"
        }.joined()
        let body = try text("<html><body><div class=\"document\">\(sections)</div></body></html>")
        for title in ["Installation", "Configuration", "Troubleshooting"] { #expect(body.contains(title), "\(title) missing") }
    }

    @Test func aSectionWhoseSlugContainsAFurnitureWordIsKept() throws {
        let ids = ["sharing-with-a-single-developer", "sharing-with-many-developers", "getting-into-trouble-with-shared-mutable-history"]
        let sections = ids.enumerated().map { index, id in
            "<div class=\"section\" id=\"\(id)\"><h2>Part \(index + 1)</h2><p>\(prose("part \(index + 1)"))</p><p>\(prose("summary of part \(index + 1)"))</p></div>"
        }.joined()
        let body = try text("<html><body><div class=\"content\"><div class=\"section\" id=\"guide\">\(sections)</div></div></body></html>")
        for part in 1...3 { #expect(body.contains("The part \(part) takes"), "part \(part) missing") }
    }

    @Test func aPartOfTheArticleInTheSameTemplateButWrappedDifferentlyIsKept() throws {
        let first = (1...6).map { "<p>\(prose("first part, paragraph \($0),"))</p>" }.joined()
        let page = """
        <html><body><div class="page">
        <div class="chapter">\(first)</div>
        <div class="wrap">\(sidebar)<div class="chapter"><p>The second part is short, but it is the end of the same story.</p><p>It closes the article in two sentences, written like the rest.</p></div></div>
        </div></body></html>
        """
        let body = try text(page)
        #expect(body.contains("The second part is short"))
        #expect(!body.contains("Popular one"))
    }

    @Test func anAncestorScoringHigherThanTheWrapperBelowItHoldsTheArticle() throws {
        let inner = (1...4).map { "<p>\(prose("inner paragraph \($0)"))</p>" }.joined()
        let page = """
        <html><body>\(sidebar)<div id="main">
        <p>\(prose("introduction"))</p><h2>Section A</h2>
        <div class="inner"><div class="text">\(inner)</div></div>
        <h2>Section B</h2><ul><li>The first film in the list was made in 1947 by a small studio in Paris</li><li>The second film in the list was made in 1964 by a large studio in Rome</li></ul>
        <p>\(prose("conclusion"))</p>
        </div></body></html>
        """
        let body = try text(page)
        #expect(body.contains("Section B"))
        #expect(body.contains("The second film in the list was made in 1964"))
        #expect(!body.contains("Popular one"))
    }

    @Test func aListThatLinksWhatItNamesIsKept() throws {
        let items = (1...4).map { n in "<li><a href=\"/bug/\(n)\">Bug \(n) in the printing dialog</a> was fixed by the team after a week</li>" }.joined()
        let page = "<html><body><article><p>\(prose("release"))</p><p>\(prose("upgrade"))</p><ul>\(items)</ul><p>\(prose("rollout"))</p></article></body></html>"
        let body = try text(page)
        for n in 1...4 { #expect(body.contains("Bug \(n) in the printing dialog was fixed"), "item \(n) missing") }
    }

    @Test func aListItemThatIsOneLinkStaysInItsList() throws {
        let page = """
        <html><body><article><p>\(prose("review"))</p><p>\(prose("summary"))</p>
        <ul><li>The first change makes start-up faster on older machines by a third</li><li><a href="/year">Here is our year in review!</a></li><li>The third change fixes printing from the preview window on every system</li></ul>
        <p>\(prose("ending"))</p></article></body></html>
        """
        #expect(try text(page).contains("Here is our year in review!"))
    }

    @Test func aTableCellThatIsOneLinkIsKept() throws {
        let rows = (1...3).map { n in
            "<tr><td><a href=\"/film/\(n)\">Film number \(n)</a></td><td>\(prose("plot of film \(n)")) \(prose("ending of film \(n)"))</td></tr>"
        }.joined()
        let page = "<html><body><div id=\"content\"><p>\(prose("list"))</p><table>\(rows)</table></div></body></html>"
        let body = try text(page)
        for n in 1...3 { #expect(body.contains("Film number \(n)"), "title \(n) missing") }
    }
}
