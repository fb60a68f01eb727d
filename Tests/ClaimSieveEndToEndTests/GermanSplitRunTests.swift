import ClaimSieveTestSupport
import Foundation
import Testing

/// A page declared German (`<html lang="de-AT">`) is split with the German rules through `run`.
@Suite struct GermanSplitRunTests {
    @Test func aGermanPageSplitsOnItsSentencesNotOnItsAbbreviations() throws {
        let root = TestPaths.temporaryFolder()
        try FileManager.default.createDirectory(atPath: root + "/in", withIntermediateDirectories: true)
        let page = """
            <!DOCTYPE html><html lang="de-AT"><head><title>Umsatz</title></head><body><article>
            <h1>Der Umsatz wächst</h1>
            <p>Der Umsatz stieg um 5 Mio. Euro bzw. rund 3 Prozent. Die sog. Kernmarke wuchs am stärksten, \
            z. B. in Bayern. Am 3. Oktober 1990 trat die DDR bei, d. h. die Teilung endete.</p>
            <p>Dr. Müller und Prof. Schmidt sprachen ca. 2 Std. lang, u. a. über Art. 5 und Nr. 12. \
            Im 19. Jahrhundert war das anders.</p>
            </article></body></html>
            """
        try page.write(toFile: root + "/in/de.html", atomically: true, encoding: .utf8)
        let result = try Binary.run(["run", root + "/in", "--out", root + "/out"])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = try String(contentsOfFile: root + "/out/claims.jsonl", encoding: .utf8).split(separator: "\n")
        let texts = try lines.map { line -> String in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["text"] as? String ?? ""
        }
        for sentence in [
            "Der Umsatz stieg um 5 Mio. Euro bzw. rund 3 Prozent.",
            "Die sog. Kernmarke wuchs am stärksten, z. B. in Bayern.",
            "Am 3. Oktober 1990 trat die DDR bei, d. h. die Teilung endete.",
            "Dr. Müller und Prof. Schmidt sprachen ca. 2 Std. lang, u. a. über Art. 5 und Nr. 12.",
            "Im 19. Jahrhundert war das anders.",
        ] {
            #expect(texts.contains(sentence), "\(texts)")
        }
    }
}
