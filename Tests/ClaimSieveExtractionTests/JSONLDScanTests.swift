@testable import ClaimSieveExtraction
import ClaimSieveTestSupport
import Foundation
import Testing

/// `JSONLDScanner` reads a script only where `JSONSerialization` (the earlier reading, kept as
/// the fallback) reads the same value; everything else is left to `JSONSerialization`.
@Suite("JSON-LD read on bytes") struct JSONLDScanTests {
    static func fields(_ article: JSONLDArticle) -> [String?] {
        [article.headline, article.articleBody, article.datePublished, article.author, article.publisher,
         article.language, article.url]
    }

    /// Every script the scanner reads, `JSONSerialization` reads to the same value.
    static func agree(_ script: String) -> Bool? {
        guard let scanned = JSONLDScanner.scan(script) else { return nil }
        return scanned == JSONLDArticle.serialized(script)
    }

    @Test func realPagesGiveTheSameFacts() throws {
        let directory = TestPaths.inShared("eval/extraction-zyte/html")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".html.gz") }.sorted()
        try #require(names.count > 50)
        let pattern = try NSRegularExpression(pattern: "<script[^>]*application/ld\\+json[^>]*>(.*?)</script>", options: [.dotMatchesLineSeparators, .caseInsensitive])
        var scanned = 0
        var scripts = 0
        for name in names.prefix(60) {
            let data = try ExtractionEvaluation.loadPage(directory: directory, id: String(name.dropLast(".html.gz".count)))
            let page = String(decoding: data, as: UTF8.self)
            let found = pattern.matches(in: page, range: NSRange(page.startIndex..., in: page)).compactMap {
                Range($0.range(at: 1), in: page).map { String(page[$0]) }
            }
            for script in found {
                scripts += 1
                if let same = Self.agree(script) {
                    scanned += 1
                    #expect(same, "\(name): \(script.prefix(200))")
                }
            }
            #expect(Self.fields(JSONLDArticle(scripts: found)) == Self.fields(JSONLDArticle(serializedScripts: found)), "\(name)")
        }
        // Most real scripts are plain JSON the scanner reads itself.
        #expect(scripts > 40 && scanned * 10 > scripts * 8, "\(scanned) of \(scripts) scripts scanned")
    }

    /// Random JSON-LD-like scripts, well-formed and broken: where the scanner reads one,
    /// `JSONSerialization` reads the same value; the facts of each set of scripts are the same.
    @Test func randomScriptsAgreeWithJSONSerialization() {
        var random = SplitMix64(state: 15)
        let keys = ["@type", "@graph", "mainEntity", "headline", "name", "articleBody", "text", "datePublished",
                    "author", "creator", "publisher", "inLanguage", "url", "other", "n\\u0061me", "@typ\\u0065", "héadline"]
        let strings = ["NewsArticle", "Article", "BlogPosting", "Report", "Person", "  Ann Lee \\n", "", " ", "a\\\"b",
                       "\\u00e9t\\u00E9", "\\ud83d\\ude00 smile", "\\ud83d alone", "\\udc00", "\\u0000", "x\\/y", "tab\\tin",
                       "\\b\\f\\r", "\\x", "raw\u{01}control", "é", "e\u{301}", "\u{2028}", "ＮewsArticle", "Live\\u0042logPosting"]
        let numbers = ["0", "-0", "1", "12", "1.5", "-2.25e3", "1E+05", "1e05", "01", "1.", ".5", "-", "1e", "1e999",
                       "1234567890123456", "123456789012345", "0.1234567890123456", "2e-07", "+1", "NaN", "Infinity"]
        let literals = ["true", "false", "null", "True", "nul", "truex"]

        func value(_ depth: Int) -> String {
            let roll = Int.random(in: 0..<10, using: &random)
            if depth > 3 || roll < 3 { return "\"" + strings.randomElement(using: &random)! + "\"" }
            if roll < 4 { return numbers.randomElement(using: &random)! }
            if roll < 5 { return literals.randomElement(using: &random)! }
            if roll < 7 {
                let items = (0..<Int.random(in: 0...3, using: &random)).map { _ in value(depth + 1) }
                return "[" + items.joined(separator: space() + "," + space()) + "]"
            }
            let pairs = (0..<Int.random(in: 0...5, using: &random)).map { _ in
                "\"" + keys.randomElement(using: &random)! + "\"" + space() + ":" + space() + value(depth + 1)
            }
            return "{" + space() + pairs.joined(separator: "," + space()) + space() + "}"
        }
        func space() -> String { ["", "", " ", "\n", "\t", "\r\n", "\u{A0}", "\u{0C}"].randomElement(using: &random)! }

        var scanned = 0
        var declined = 0
        for _ in 0..<6_000 {
            var script = space() + value(0) + space()
            switch Int.random(in: 0..<12, using: &random) {
            case 0:  // a byte dropped
                if !script.isEmpty { script.remove(at: script.index(script.startIndex, offsetBy: Int.random(in: 0..<script.count, using: &random))) }
            case 1:  // something after the value
                script += ["x", "}", ",", "{}", "//"].randomElement(using: &random)!
            case 2:  // wrapped as pages sometimes do
                script = "<!--" + script + "-->"
            case 3:  // deep nesting
                let depth = Int.random(in: 60...70, using: &random)
                script = String(repeating: "[", count: depth) + script + String(repeating: "]", count: depth)
            default: break
            }
            if let same = Self.agree(script) {
                scanned += 1
                #expect(same, "\(script)")
            } else {
                declined += 1
            }
            let scripts = [script, value(0)]
            #expect(Self.fields(JSONLDArticle(scripts: scripts)) == Self.fields(JSONLDArticle(serializedScripts: scripts)), "\(scripts)")
        }
        #expect(scanned > 1_000 && declined > 500, "scanned \(scanned), declined \(declined)")
    }

    @Test func aKeyWrittenTwiceIsLeftToJSONSerialization() {
        #expect(JSONLDScanner.scan("{\"@type\": \"NewsArticle\", \"headline\": \"A\", \"headline\": \"B\"}") == nil)
        #expect(JSONLDScanner.scan("{\"other\": 1, \"other\": 2, \"headline\": \"B\"}") != nil)
        let article = JSONLDArticle(scripts: ["{\"@type\": \"NewsArticle\", \"headline\": \"A\", \"headline\": \"B\"}"])
        let reference = JSONLDArticle(serializedScripts: ["{\"@type\": \"NewsArticle\", \"headline\": \"A\", \"headline\": \"B\"}"])
        #expect(article.headline == reference.headline)
        #expect(article.headline != nil)
    }
}
