@testable import ClaimSieveReports
import Testing

/// The documents tables link a document's address only when it is a web address, and
/// `report.md` percent-encodes it inside `<...>`; both work on the bytes (they run once a
/// document in both reports), and must answer as the string versions they replaced.
@Suite struct WebAddressTests {
    @Test(arguments: [
        ("https://example.org/a", true), ("http://example.org", true), ("HTTPS://EXAMPLE.ORG", true), ("Http://x", true),
        ("http:/x", false), ("http:", false), ("https:", false), ("ftp://example.org", false), ("", false),
        ("javascript:alert(1)", false), ("httpx://a", false), ("https//a", false), (" https://a", false),
        // A mark that joins the "/" into one character: not the prefix, character by character.
        ("http://\u{301}x", false), ("https://\u{200D}a", false), ("https://é", true), ("httpś://a", false),
    ])
    func onlyHTTPAndHTTPSAreWebAddresses(url: String, web: Bool) {
        #expect(ReportView.isWebAddress(url) == web)
        #expect(ReportView.isWebAddress(url) == (url.lowercased().hasPrefix("https://") || url.lowercased().hasPrefix("http://")))
    }

    @Test func addressesArePercentEncodedByteByByte() {
        #expect(ReportView.percentEncoded("https://a.example/b?c=d&e=f#g") == "https://a.example/b?c=d&e=f#g")
        #expect(ReportView.percentEncoded("https://a.example/a b>c<d\"e") == "https://a.example/a%20b%3Ec%3Cd%22e")
        #expect(ReportView.percentEncoded("https://a.example/é") == "https://a.example/%C3%A9")
        #expect(ReportView.percentEncoded("x)(]\n") == "x%29%28%5D%0A")
        var bytes: [UInt8] = Array("[".utf8)
        ReportView.percentEncoded("a b", into: &bytes)
        #expect(bytes == Array("[a%20b".utf8))
    }
}
