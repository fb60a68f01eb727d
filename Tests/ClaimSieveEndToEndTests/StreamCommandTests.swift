import ClaimSieveTestSupport
import Foundation
import Testing

/// `claimsieve stream`: JSON Lines in, claims out, as Spark's `RDD.pipe` or a queue consumer drives it.
@Suite struct StreamCommandTests {
    /// A line parsed, without `corroboration` (it needs the whole run, so a stream has none).
    static func parsed(_ line: Substring) -> NSDictionary {
        var object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
        object["corroboration"] = nil
        return object as NSDictionary
    }

    @Test func eachClaimIsARunsLineAndABadLineGetsAnErrorLineNotAStop() throws {
        let root = TestPaths.inRepository("sample-data")
        let out = TestPaths.temporaryFolder()
        let run = try Binary.run(["run", "--out", out, root + "/articles", root + "/feeds/seed.rss"])
        #expect(run.status == 0, "\(run.standardError)")
        let expected = try String(contentsOfFile: out + "/claims.jsonl", encoding: .utf8).split(separator: "\n")

        let articles = try FileManager.default.contentsOfDirectory(atPath: root + "/articles").sorted()
        var lines: [String] = []
        // Named as `run` names them: relative to the root, given as "root" or implied by the path.
        for (index, name) in articles.enumerated() {
            let path = root + "/articles/" + name
            lines.append(index == 0 ? "\"\(path)\"" : "{\"path\": \"\(path)\", \"root\": \"\(root)/articles\"}")
            if index == 1 {
                lines.append("{not json")
                lines.append("{\"path\": \"\(root)/articles/no-such-page.html\"}")
            }
        }
        // A document's bytes, named by "id": a feed, told by its extension and its bytes.
        let feed = try Data(contentsOf: URL(fileURLWithPath: root + "/feeds/seed.rss")).base64EncodedString()
        lines.append("{\"id\": \"feeds/seed.rss\", \"base64\": \"\(feed)\"}")
        lines.append("{\"id\": \"x.html\", \"base64\": \"***\"}")

        let stream = try Binary.run(["stream", "--batch", "3", "--jobs", "2"], input: lines.joined(separator: "\n") + "\n")
        #expect(stream.status == 0, "\(stream.standardError)")
        let output = stream.standardOutput.split(separator: "\n")
        let claims = output.filter { Self.parsed($0)["id"] != nil }
        let errors = output.filter { Self.parsed($0)["id"] == nil }
        #expect(claims.map(Self.parsed) == expected.map(Self.parsed))
        #expect(claims.count == expected.count && !claims.isEmpty)
        #expect(errors.count == 3, "\(errors)")
        #expect(errors.contains { $0.contains("\"line\":3") && $0.contains("not JSON") }, "\(errors)")
        #expect(errors.contains { $0.contains("no-such-page.html") && $0.contains("\"stage\":\"fetch\"") }, "\(errors)")
        #expect(errors.contains { $0.contains("not base64") }, "\(errors)")
        // In input order: the error line of line 3 comes after the claims of the first two pages.
        let firstError = output.firstIndex { Self.parsed($0)["id"] == nil } ?? 0
        #expect(firstError > 0 && output[..<firstError].allSatisfy { Self.parsed($0)["doc"] as? String != "seed.rss#item-1" })
    }
}
