import ClaimSieveTestSupport
import Foundation
import Testing

/// `claimsieve review` (issue 15): decisions kept in the state, shown in the next report and in
/// claims.jsonl, surviving `--full` and a killed run, following the claim while its text stays.
@Suite(.serialized) struct ReviewTests {
    struct Line: Decodable {
        struct Review: Decodable, Equatable {
            var verdict: String
            var note: String?
            var by: String?
            var stale: Bool?
        }
        var id: String
        var doc: String
        var text: String
        var verdict: String
        var review: Review?
        var kind: String?
    }

    static func lines(_ folder: String) throws -> [Line] {
        try String(contentsOfFile: folder + "/claims.jsonl", encoding: .utf8).split(separator: "\n")
            .map { try JSONDecoder().decode(Line.self, from: Data($0.utf8)) }
    }

    /// A night over a copy of the sample articles, and the first unverified statement.
    static func night() throws -> (inputs: String, root: String, claim: Line) {
        let inputs = try NightlyTests.corpus()
        let root = TestPaths.temporaryFolder()
        let first = try Binary.run(["run", "--reports", root, inputs])
        #expect(first.status == 0, "\(first.standardError)")
        let claim = try #require(try lines(root + "/latest").first { $0.verdict == "unverified" && $0.kind == nil })
        return (inputs, root, claim)
    }

    @Test func aDecisionAppearsInTheNextReportAndClaimsAndSurvivesFull() throws {
        let (inputs, root, claim) = try Self.night()
        let plain = try Self.lines(root + "/latest")
        #expect(plain.allSatisfy { $0.review == nil })
        let review = try Binary.run(["review", "--reports", root, claim.id, "--verdict", "false", "--note", "Denied by the ministry", "--by", "Night desk"])
        #expect(review.status == 0, "\(review.standardError)")

        for arguments in [["run", "--reports", root, inputs], ["run", "--reports", root, "--full", inputs]] {
            let result = try Binary.run(arguments)
            #expect(result.status == 0, "\(result.standardError)")
            let reviewed = try Self.lines(root + "/latest").filter { $0.review != nil }
            #expect(reviewed.map(\.id) == [claim.id], "\(arguments)")
            #expect(reviewed.first?.review == Line.Review(verdict: "false", note: "Denied by the ministry", by: "Night desk", stale: nil))
            let html = try String(contentsOfFile: root + "/latest/report.html", encoding: .utf8)
            #expect(try ReportHTML.claims(html).contains { ($0["r"] as? [String: Any])?["v"] as? String == "false" })
            #expect(html.contains("<strong>1</strong> reviewed"))
            #expect(html.contains("Denied by the ministry"))
            #expect(try String(contentsOfFile: root + "/latest/report.md", encoding: .utf8).contains("reviewed false"))
        }
        // The other lines are byte for byte what they were.
        let again = try String(contentsOfFile: root + "/latest/claims.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(again.filter { !$0.contains("\"review\"") }.count == plain.count - 1)

        let list = try Binary.run(["review", "--reports", root, "--list"])
        #expect(list.status == 0)
        #expect(list.standardOutput.hasPrefix("\(claim.id)\tfalse\t"))
        #expect(list.standardOutput.contains("Night desk"))
    }

    @Test func exportThenImportIntoAnotherStateAndClaimReview() throws {
        let (inputs, root, claim) = try Self.night()
        #expect(try Binary.run(["review", "--reports", root, claim.id, "--verdict", "confirmed", "--by", "A"]).status == 0)
        let export = try Binary.run(["review", "--reports", root, "--export"])
        #expect(export.status == 0)
        #expect(export.standardOutput.split(separator: "\n").count == 1)
        let file = TestPaths.temporaryFolder() + "/decisions.jsonl"
        try export.standardOutput.write(toFile: file, atomically: true, encoding: .utf8)

        let other = TestPaths.temporaryFolder()
        #expect(try Binary.run(["run", "--reports", other, inputs]).status == 0)
        let imported = try Binary.run(["review", "--reports", other, "--import", file])
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(try Binary.run(["review", "--reports", other, "--export"]).standardOutput == export.standardOutput)

        let jsonld = try Binary.run(["review", "--reports", root, "--export", "--claim-review"])
        let reviews = try #require(try JSONSerialization.jsonObject(with: Data(jsonld.standardOutput.utf8)) as? [[String: Any]])
        #expect(reviews.count == 1)
        #expect(reviews.first?["@type"] as? String == "ClaimReview")
        #expect(reviews.first?["claimReviewed"] as? String == claim.text)
        #expect((reviews.first?["reviewRating"] as? [String: Any])?["alternateName"] as? String == "confirmed")

        let bad = TestPaths.temporaryFolder() + "/bad.jsonl"
        try "{\"id\": \"nope\", \"verdict\": \"confirmed\"}\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try Binary.run(["review", "--reports", root, "--import", bad])
        #expect(refused.status == 66)
        #expect(refused.standardError.contains("bad.jsonl:1: no claim nope"))
    }

    @Test func aClaimWhoseTextChangedAfterReviewIsFlagged() throws {
        let (inputs, root, _) = try Self.night()
        // A statement of a page, edited in place: its id changes with its text.
        let records = try Self.lines(root + "/latest")
        let page = inputs + "/speculation.html"
        let doc = (inputs as NSString).lastPathComponent + "/speculation.html"
        var html = try String(contentsOfFile: page, encoding: .utf8)
        let claim = try #require(records.first { $0.doc == doc && $0.kind == nil && $0.text.hasSuffix(".")
            && !$0.text.contains { "“”’&\"".contains($0) } && html.contains($0.text) })
        #expect(try Binary.run(["review", "--reports", root, claim.id, "--verdict", "confirmed"]).status == 0)
        html = html.replacingOccurrences(of: claim.text, with: String(claim.text.dropLast()) + " on Tuesday.")
        try html.write(toFile: page, atomically: true, encoding: .utf8)
        #expect(try Binary.run(["run", "--reports", root, inputs]).status == 0)
        let flagged = try Self.lines(root + "/latest").filter { $0.review != nil }
        #expect(flagged.count == 1)
        #expect(flagged.first?.review?.stale == true)
        #expect(flagged.first?.text.hasSuffix("on Tuesday.") == true)
        let report = try String(contentsOfFile: root + "/latest/report.html", encoding: .utf8)
        #expect(try ReportHTML.claims(report).filter { ($0["r"] as? [String: Any])?["stale"] as? Int == 1 }.count == 1, "flagged in report.html")
    }

    @Test func aGroupIsDecidedInOneCommand() throws {
        struct Grouped: Decodable {
            struct Corroboration: Decodable { var group: String }
            var id: String
            var doc: String
            var corroboration: Corroboration?
        }
        // The same articles in two folders: every claim is carried by two documents.
        let inputs = try NightlyTests.corpus(copies: 2)
        let root = TestPaths.temporaryFolder()
        #expect(try Binary.run(["run", "--reports", root, inputs]).status == 0)
        let lines = try String(contentsOfFile: root + "/latest/claims.jsonl", encoding: .utf8).split(separator: "\n")
            .map { try JSONDecoder().decode(Grouped.self, from: Data($0.utf8)) }
        let grouped = try #require(lines.first { $0.corroboration != nil })
        let group = try #require(grouped.corroboration?.group)
        let members = lines.filter { $0.corroboration?.group == group }
        #expect(members.count == 2)
        let decided = try Binary.run(["review", "--reports", root, "--group", group, "--verdict", "unverified"])
        #expect(decided.status == 0, "\(decided.standardError)")
        #expect(decided.standardError.contains("2 decisions recorded"))
        #expect(try Binary.run(["run", "--reports", root, inputs]).status == 0)
        let reviewed = try Self.lines(root + "/latest").filter { $0.review != nil }
        #expect(Set(reviewed.map(\.doc)) == Set(members.map(\.doc)))
    }

    @Test func listAndExportShowOnlyTheChosenDecisionsAndRefuseOptionsThatWouldBeIgnored() throws {
        let (_, root, claim) = try Self.night()
        let other = try #require(try Self.lines(root + "/latest").first { $0.id != claim.id && $0.kind == nil })
        #expect(try Binary.run(["review", "--reports", root, claim.id, "--verdict", "false", "--by", "Ana"]).status == 0)
        #expect(try Binary.run(["review", "--reports", root, other.id, "--verdict", "confirmed", "--by", "Ben"]).status == 0)

        let all = try Binary.run(["review", "--reports", root, "--list"])
        #expect(all.standardOutput.split(separator: "\n").count == 2)
        let falseOnly = try Binary.run(["review", "--reports", root, "--list", "--verdict", "false"])
        #expect(falseOnly.status == 0)
        #expect(falseOnly.standardOutput.split(separator: "\n").map { String($0.prefix(while: { $0 != "\t" })) } == [claim.id])
        let bens = try Binary.run(["review", "--reports", root, "--export", "--by", "Ben"])
        #expect(bens.standardOutput.split(separator: "\n").count == 1)
        #expect(bens.standardOutput.contains("\"id\":\"\(other.id)\""))
        let none = try Binary.run(["review", "--reports", root, "--list", "--verdict", "attributed"])
        #expect(none.status == 0 && none.standardOutput.isEmpty)
        #expect(none.standardError.contains("match --verdict"))

        let note = try Binary.run(["review", "--reports", root, "--list", "--note", "why"])
        #expect(note.status == 64)
        #expect(note.standardError.contains("--note"))
        #expect(try Binary.run(["review", "--reports", root, "--list", "--verdict", "maybe"]).status == 64)
        let file = TestPaths.temporaryFolder() + "/decisions.jsonl"
        try "".write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try Binary.run(["review", "--reports", root, "--import", file, "--verdict", "false"])
        #expect(imported.status == 64)
        #expect(imported.standardError.contains("--import takes"))
    }

    @Test func reviewNeedsAStateAKnownClaimAndAVerdict() throws {
        let (_, root, claim) = try Self.night()
        #expect(try Binary.run(["review", claim.id, "--verdict", "confirmed"]).status == 64)
        #expect(try Binary.run(["review", "--reports", root, claim.id]).status == 64)
        let wrong = try Binary.run(["review", "--reports", root, claim.id, "--verdict", "maybe"])
        #expect(wrong.status == 64)
        #expect(wrong.standardError.contains("confirmed, attributed, unverified, false"))
        let unknown = try Binary.run(["review", "--reports", root, "0000000000000000", "--verdict", "confirmed"])
        #expect(unknown.status == 66)
        #expect(try Binary.run(["review", "--reports", TestPaths.temporaryFolder(), "--list"]).status == 66)
    }

    @Test(.enabled(if: TestLane.full, "slow: not in --quick"), .timeLimit(.minutes(5)))
    func aDecisionSurvivesARunKilledMidway() throws {
        let inputs = try NightlyTests.corpus(copies: 20)
        let root = TestPaths.temporaryFolder()
        let slow = try NightlyTests.slowPipeline()
        #expect(try Binary.run(["run", "--jobs", "1", "--pipeline", slow.pipeline, "--reports", root, inputs]).status == 0)
        let claim = try #require(try Self.lines(root + "/latest").first { $0.kind == nil })
        #expect(try Binary.run(["review", "--reports", root, claim.id, "--doc", claim.doc, "--verdict", "attributed"]).status == 0)
        // Every page touched, so the next run processes them all again and is midway when killed.
        let enumerator = try #require(FileManager.default.enumerator(atPath: inputs))
        for case let name as String in enumerator where name.hasSuffix(".html") {
            let handle = try #require(FileHandle(forWritingAtPath: inputs + "/" + name))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("<!-- touched -->\n".utf8))
            try handle.close()
        }
        let victim = try NightlyTests().startSlowRun(root: root, inputs: inputs, slow: slow, documents: 5)
        #expect(victim.isRunning, "the run ended before it could be killed")
        kill(victim.processIdentifier, SIGKILL)
        victim.waitUntilExit()
        #expect(try Binary.run(["run", "--jobs", "1", "--pipeline", slow.pipeline, "--reports", root, "--full", inputs]).status == 0)
        #expect(try Self.lines(root + "/latest").filter { $0.review != nil }.map(\.id) == [claim.id])
    }
}
