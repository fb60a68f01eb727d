import ClaimSieveCore
@testable import ClaimSieveReports
import Foundation
import GRDB
import Testing

/// The run's claims on disk: what goes in comes back the same, in input order, with the same
/// corroboration as the in-memory `Corroborator.annotate`.
@Suite struct ClaimSpillTests {
    func spill() throws -> ClaimSpill {
        try ClaimSpill(path: NSTemporaryDirectory() + "spill-\(UUID().uuidString).sqlite")
    }

    func record(_ doc: String, _ text: String, url: String? = nil, verdict: Verdict = .confirmed, kind: ClaimKind? = nil,
                cues: [(String, CueCategory)] = [], source: String? = nil) -> ClaimRecord {
        let found = cues.compactMap { cue -> Cue? in
            guard let range = text.range(of: cue.0) else { return nil }
            let start = text.utf8.distance(from: text.utf8.startIndex, to: range.lowerBound)
            return Cue(text: cue.0, category: cue.1, start: start, end: start + cue.0.utf8.count)
        }
        let claim = Claim(id: ClaimID.make(document: doc, text: text), block: 0, sentence: 0, text: text, cues: found,
                          source: source.map { Source(text: $0, named: true) }, verdict: verdict, score: 0.5, kind: kind)
        return ClaimRecord(claim: claim, document: Document(id: doc, path: doc, metadata: Metadata(title: "Title of " + doc, canonicalURL: url)))
    }

    func lines(_ records: [ClaimRecord]) -> [String] {
        records.map { record in
            var bytes: [UInt8] = []
            ClaimRecordJSON.append(record, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    @Test func everyFieldComesBackAsItWent() throws {
        var full = record("a/b.html#item-2", "Officials said it \"may\" fall 😀 \u{0}.", url: "https://example.org/a?x=1&y=2",
                          verdict: .unverified, cues: [("Officials said", .unnamedSource), ("may", .speculation)], source: "Officials")
        full.cues[0].weight = 0.85
        full.cues[0].by = .model
        full.change = "updated"
        full.context = "restates paragraph 4, sentence 1"
        full.headline = true
        full.kind = .question
        full.block = 12_345_678
        full.sentence = Int(Int32.max)
        full.score = 0.07
        full.previousVerdict = .attributed
        full.review = Review(verdict: .false, note: "No", by: "Desk", at: "2026-12-01T07:00:00Z", stale: true, reviewedText: "Before.")
        var reviewedOnly = record("d.html", "Reviewed.")
        reviewedOnly.review = Review(verdict: .confirmed, at: "2026-12-01T07:00:00Z")
        var bare = record("c.html", "")
        bare.title = nil
        bare.url = nil
        bare.score = 1
        // The speaker's mention (issue 10) rides with its source.
        var mentioned = record("e.html", "Police officials said so.", source: "officials")
        mentioned.source?.mention = SourceMention(text: "Police officials", start: 0, end: 16)
        // So does a cue's own speaker, with its weight or without.
        var spoken = record("f.html", "Reports say it fell, another source said.")
        spoken.cues = [Cue(text: "said", category: .unnamedSource, start: 37, end: 41, weight: 0.7, speaker: SourceMention(text: "another source", start: 22, end: 36)),
                       Cue(text: "Reports say", category: .hearsay, start: 0, end: 11, speaker: SourceMention(text: "Reports", start: 0, end: 7))]
        for original in [full, reviewedOnly, bare, mentioned, spoken] {
            var bytes: [UInt8] = []
            ClaimRecordBinary.append(original, to: &bytes)
            let decoded = bytes.withUnsafeBytes { ClaimRecordBinary.decode($0) }
            #expect(decoded == original)
            for cut in [0, 1, bytes.count / 2, bytes.count - 1] {
                #expect(bytes[..<cut].withUnsafeBytes { ClaimRecordBinary.decode($0) } == nil, "truncated at \(cut)")
            }
        }
    }

    @Test func corroborationIsTheSameAsGroupingInMemory() throws {
        let texts = [
            "The bridge over the river was closed on Monday, the ministry said.",
            "On Monday the bridge over the river was closed, reports say.",
            "The company denied it closed its factory in the northern town.",
            "The company closed its factory in the northern town.",
            "He left.",
            "A different claim about the weather in the city today.",
        ]
        var records: [ClaimRecord] = []
        for document in 0..<40 {
            let doc = "site\(document % 7)/page\(document).html"
            let url = document % 5 == 0 ? nil : "https://www.site\(document % 3).example/\(document)"
            for (index, text) in texts.enumerated() where (document + index) % 3 != 0 {
                records.append(record(doc, text, url: url, verdict: document % 9 == 4 ? .unverified : .confirmed,
                                      cues: [("denied", .denial), ("reports say", .hearsay), ("said", .namedSource)],
                                      source: index == 0 ? "the ministry" : nil))
            }
        }
        var expected = records
        Corroborator(minimumWords: 4).annotate(&expected)
        #expect(expected.contains { $0.corroboration?.contradicted == true })
        #expect(expected.contains { $0.corroboration == nil })

        let spill = try spill()
        spill.corroborator = Corroborator(minimumWords: 4)
        var start = 0
        while start < records.count {
            let end = records[start...].firstIndex { $0.doc != records[start].doc } ?? records.count
            try spill.add(Array(records[start..<end]), fresh: false)
            start = end
        }
        var read: [ClaimRecord] = []
        try spill.forEach { read.append($0) }
        #expect(lines(read) == lines(expected))

        // The groups as whole records, and as their first record and what `report.md` shows of
        // each member: the same groups, members and order.
        var groups: [[ClaimRecord]] = []
        try spill.forEachGroup { groups.append($0) }
        #expect(groups.count > 1)
        var light: [(first: ClaimRecord, members: [ClaimSpill.GroupMember])] = []
        try spill.forEachGroupMembers(shown: .max) { first, members, more, _ in
            #expect(more == 0)
            light.append((first, members))
        }
        #expect(light.count == groups.count)
        for (whole, part) in zip(groups, light) {
            #expect(lines([whole[0]]) == lines([part.first]))
            #expect(whole.map { "\($0.verdict) \($0.doc) \($0.title ?? "-")" } == part.members.map { "\($0.verdict) \($0.doc) \($0.title ?? "-")" })
        }
        // `report.md` shows a group's first members: the others are counted, and whether the
        // verdicts of all of them differ is the seal's count, not the members shown.
        var firstTwo: [(members: [ClaimSpill.GroupMember], more: Int, mixed: Bool)] = []
        try spill.forEachGroupMembers(shown: 2) { _, members, more, mixed in firstTwo.append((members, more, mixed)) }
        #expect(firstTwo.count == groups.count)
        #expect(groups.contains { $0.count > 2 })
        for (whole, part) in zip(groups, firstTwo) {
            #expect(part.members.map(\.doc) == whole.prefix(2).map(\.doc))
            #expect(part.more == whole.count - min(2, whole.count))
            #expect(part.mixed == (Set(whole.map(\.verdict)).count > 1))
        }
        #expect(firstTwo.contains { $0.mixed } && firstTwo.contains { !$0.mixed })
    }

    /// `report.md`'s groups read each member from `keyed`, `documents` and `shown`, not from the
    /// claims table (its rows are about 2 KB; at 20,000 pages whose claims are carried by a
    /// hundred documents each, re-reading them was 8.5 s of the end). What a member shows is
    /// still its own record's: a claim whose title is not its document's (or added without a
    /// document) is in `shown`, and only those are.
    @Test func groupMembersComeFromTheNarrowTablesWithTheirOwnTitles() throws {
        let texts = ["The bridge over the river was closed on Monday, the ministry said.",
                     "The company closed its factory in the northern town after the strike."]
        let spill = try spill()
        spill.corroborator = Corroborator(minimumWords: 4)
        var written: [[ClaimRecord]] = []
        for position in 0..<6 {
            let doc = "site\(position % 3)/page\(position).html"
            var records = texts.map { record(doc, $0, verdict: position % 2 == 0 ? .confirmed : .unverified) }
            // The document's own row has another title than the one the claims carry.
            var title: String? = "Title of " + doc
            if position == 2 { records[1].title = "A claim of its own title" }
            if position == 4 { title = nil }
            try spill.addDocument(ReportModel.DocumentFacts(id: doc, title: title, format: .html, failure: nil, claims: 2,
                                                            verdicts: [:], publisher: "Outlet \(position)"), position: position)
            try spill.add(records, pieces: [], position: position, fresh: false)
            written.append(records)
        }
        // A claim added without a document (`position` -1).
        try spill.add([record("loose.html", texts[0])], fresh: false)

        var groups: [[ClaimRecord]] = []
        try spill.forEachGroup { groups.append($0) }
        var light: [(first: ClaimRecord, members: [ClaimSpill.GroupMember])] = []
        try spill.forEachGroupMembers(shown: .max) { first, members, _, _ in light.append((first, members)) }
        #expect(groups.count == 2)
        #expect(light.count == groups.count)
        for (whole, part) in zip(groups, light) {
            #expect(lines([whole[0]]) == lines([part.first]))
            #expect(whole.map { "\($0.verdict) \($0.doc) \($0.title ?? "-")" } == part.members.map { "\($0.verdict) \($0.doc) \($0.title ?? "-")" })
        }
        #expect(light[0].members.map(\.position) == [0, 1, 2, 3, 4, 5, -1])
        #expect(light[0].members.map { $0.publisher ?? "-" } == (0..<6).map { "Outlet \($0)" } + ["-"])
        #expect(light[1].members.map(\.title)[2] == "A claim of its own title")
        // Only the claims whose id or title is not their document row's are in `shown`: the
        // retitled one, the two of the document without a title, the one without a document.
        let shown = try spill.database.inDatabase { db in try String.fetchAll(db, sql: "SELECT doc FROM shown ORDER BY seq") }
        #expect(shown == ["site2/page2.html", "site1/page4.html", "site1/page4.html", "loose.html"])
    }

    /// Documents are told apart by their ids' bytes, as SQLite compares text: two ids that are
    /// the same text in two Unicode forms (é as one scalar, or e and a combining accent) are two
    /// documents, which Swift's `==` would take as one.
    @Test func documentIdsAreToldApartByTheirBytes() throws {
        let text = "The bridge over the river was closed on Monday, the ministry said."
        let spill = try spill()
        spill.corroborator = Corroborator(minimumWords: 4)
        for doc in ["caf\u{E9}.html", "cafe\u{301}.html"] {
            try spill.add([record(doc, text, url: "https://\(doc.utf8.count).example/")], fresh: false)
        }
        var read: [ClaimRecord] = []
        try spill.forEach { read.append($0) }
        #expect(read.map { $0.corroboration?.documents } == [2, 2])
        var members: [[String]] = []
        try spill.forEachGroupMembers(shown: 10) { _, group, _, _ in members.append(group.map(\.doc)) }
        #expect(members.map { $0.map { Array($0.utf8) } } == [[Array("caf\u{E9}.html".utf8), Array("cafe\u{301}.html".utf8)]])
    }

    /// The spill keeps keyed claims out of SQLite until sealed (sorting them there was two
    /// thirds of the seal), then writes one `groups` row per key carried by two documents or
    /// more, whose `first_id` is the id of its claim at `first`, and its statements in input
    /// order in `group_members`, questions left out.
    @Test func sealingWritesTheGroupsWithTheirStatements() throws {
        let texts = ["The bridge over the river was closed on Monday, the ministry said.",
                     "The company closed its factory in the northern town after the strike.",
                     "Did the company close its factory in the northern town after the strike?",
                     "He left."]
        let spill = try spill()
        spill.corroborator = Corroborator(minimumWords: 4)
        for document in 0..<30 {
            let doc = "site\(document % 4)/page\(document).html"
            let kept = texts.indices.filter { ($0 + document) % 4 != 0 }
            try spill.add(kept.map { record(doc, texts[$0], kind: $0 == 2 ? .question : nil) }, fresh: false)
        }
        try spill.database.inDatabase { db in
            let groups = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM groups")
            #expect(groups == 0)
        }
        try spill.seal()
        try spill.database.inDatabase { db in
            let rows = try Row.fetchAll(db, sql: "SELECT g.first_id, c.id FROM groups g JOIN claims c ON c.seq = g.first")
            #expect(rows.count == 3)
            for row in rows { #expect((row[0] as String) == (row[1] as String)) }
            var all: [Int] = []
            for row in try Row.fetchAll(db, sql: """
                SELECT m.members, g.statements FROM groups g JOIN group_members m ON m.key = g.key ORDER BY g.first
                """) {
                let blob: Data = row[0]
                let seqs = blob.withUnsafeBytes { raw in (0..<(GroupMembers.count(raw) ?? 0)).map { GroupMembers.member(raw, $0).seq } }
                #expect(seqs.count == row[1] as Int)
                #expect(seqs == seqs.sorted())
                all += seqs
            }
            // The bridge in 23 documents, the factory in 22; its question (a group of its own) has none.
            #expect(all.count == 45)
            let statements = try Int.fetchAll(db, sql: "SELECT seq FROM claims WHERE statement = 1 AND key IN (SELECT key FROM groups)")
            #expect(Set(all) == Set(statements))
        }
    }

    /// Sorted on disk in runs of three (as a run of more than 65,536 keyed claims is) or in
    /// memory, the keyed claims give the same groups, members and counts.
    @Test func groupsAreTheSameWhenTheKeyedClaimsAreSortedOnDisk() throws {
        func groups(runLength: Int) throws -> [String] {
            let spill = try ClaimSpill(path: NSTemporaryDirectory() + "spill-\(UUID().uuidString).sqlite", runLength: runLength)
            spill.corroborator = Corroborator(minimumWords: 4)
            let texts = ["The bridge over the river was closed on Monday, the ministry said.",
                         "The company closed its factory in the northern town after the strike.",
                         "Officials said the new rules would take effect in the spring.",
                         "Police denied that the bridge over the river was closed on Monday."]
            for document in 0..<12 {
                let kept = texts.indices.filter { ($0 * 5 + document) % 3 != 0 }
                try spill.add(kept.map { record("site\(document % 5)/page\(document).html", texts[$0]) }, fresh: false)
            }
            var made: [String] = []
            try spill.forEachGroupPositions { group, documents, sources, contradicted, members in
                made.append("\(group) \(documents) \(sources) \(contradicted) \(members)")
            }
            return made
        }
        let inMemory = try groups(runLength: 1 << 16)
        #expect(inMemory.count == 4)
        #expect(try groups(runLength: 3) == inMemory)
    }

    /// One claim in three documents, each with an id longer than the 24 bytes a keyed claim
    /// holds inline (`long-id-long-id-…` and the document's number).
    func spillWithALongIDGroup() throws -> ClaimSpill {
        let spill = try spill()
        spill.corroborator = Corroborator(minimumWords: 4)
        let text = "The bridge over the river was closed on Monday, the ministry said."
        for document in 0..<3 {
            var made = record("page\(document).html", text)
            made.id = String(repeating: "long-id-", count: 5) + String(document)
            try spill.add([made], fresh: false)
        }
        return spill
    }

    /// A seal that fails half-way has used up the sorted keyed claims: every later seal
    /// throws too, rather than pass as sealed with groups missing.
    @Test func aSealThatFailedFailsAgain() throws {
        let spill = try spillWithALongIDGroup()
        // The group's first claim is looked up by its row (its id is too long to sort inline).
        try spill.database.inDatabase { db in try db.execute(sql: "DELETE FROM claims WHERE seq = 0") }
        #expect(throws: CocoaError.self) { try spill.seal() }
        #expect(throws: CocoaError.self) { try spill.seal() }
        #expect(throws: CocoaError.self) { try spill.groupCount() }
    }

    /// A claim id too long to sort inline (24 bytes) is looked up when its claim is a group's
    /// first: the group's id is the same either way.
    @Test func aLongClaimIDStillNamesItsGroup() throws {
        let spill = try spillWithALongIDGroup()
        var groups: [String] = []
        try spill.forEachGroupPositions { group, documents, _, _, members in
            groups.append(group)
            #expect(documents == 3)
            #expect(members == [0, 1, 2])
        }
        #expect(groups == [String(repeating: "long-id-", count: 5) + "0"])
    }

    @Test func selectionsKeepInputOrderAndGroupByDocument() throws {
        let spill = try spill()
        var one = record("a.html", "First.", verdict: .unverified)
        one.change = "new"
        var two = record("a.html", "Second?", verdict: .unverified, kind: .question)
        two.change = "new"
        var three = record("b.html", "Third.", verdict: .attributed)
        three.change = "unchanged"
        var four = record("b.html", "Fourth.", verdict: .unverified)
        four.change = "updated"
        var five = record("c.html", "Fifth.", verdict: .unverified)
        five.change = "new"
        try spill.add([one, two], fresh: true)
        try spill.add([three, four], fresh: false)
        try spill.markFresh([four.id])
        try spill.add([five], fresh: false)
        #expect(spill.count == 5)
        var groups: [String] = []
        try spill.forEachDocument(.statements(.unverified)) { doc, title, records in
            groups.append("\(doc) \(title ?? "-") \(records.map(\.text))")
        }
        #expect(groups == [#"a.html Title of a.html ["First."]"#, #"b.html Title of b.html ["Fourth."]"#, #"c.html Title of c.html ["Fifth."]"#])
        #expect(try spill.count(.nonStatements) == 1)
        #expect(try spill.count(.freshChanges(nil)) == 2, "First (fresh) and Fourth (marked); not Fifth (stored, not marked)")
        var fresh: [String] = []
        try spill.forEach(.freshChanges(.unverified)) { fresh.append($0.text) }
        #expect(fresh == ["First.", "Fourth."])
    }

    /// The counts kept as claims are added and marked give what `COUNT(*)` over the spill gives,
    /// for every selection: statements and not, each verdict (not judged too), fresh or marked
    /// fresh later, each change.
    @Test func keptCountsAgreeWithTheQueries() throws {
        let (spill, selections) = try mixedSpill()
        for selection in selections {
            #expect(try spill.count(selection) == spill.countByQuery(selection), "\(selection)")
        }
        #expect(try spill.count(.freshChanges(nil)) > 0 && spill.count(.nonStatements) > 0)
        let reader = try spill.reader()
        for selection in selections {
            #expect(try reader.count(selection) == spill.countByQuery(selection), "\(selection), read by another connection")
        }
    }

    /// `report.md` reads the spill once and sorts each claim into its lists with
    /// `ClaimSpill.selects`: for every selection it picks the claims SQLite's condition picks,
    /// in the same order.
    @Test func selectingReadClaimsAgreesWithTheQueries() throws {
        let (spill, selections) = try mixedSpill()
        var all: [(id: String, tested: ClaimSpill.Counts.Row)] = []
        try spill.forEachRow(.all) { row in
            if let record = row.record, let tested = row.tested { all.append((record.id, tested)) }
        }
        #expect(all.count == 48)
        for selection in selections {
            var queried: [String] = []
            try spill.forEachRow(selection) { row in queried.append(row.record?.id ?? "") }
            let selected = all.filter { ClaimSpill.selects(selection, $0.tested) }.map(\.id)
            #expect(selected == queried, "\(selection)")
        }
    }

    /// A spill of 48 claims of every kind the selections tell apart (statements and not, each
    /// verdict, each change, fresh, not fresh and marked fresh later), and those selections.
    private func mixedSpill() throws -> (ClaimSpill, [ClaimSpill.Selection]) {
        let spill = try spill()
        var records: [ClaimRecord] = []
        let verdicts: [Verdict] = [.unverified, .attributed, .confirmed, .notJudged]
        let changes: [String?] = ["new", "updated", "unchanged", nil]
        for index in 0..<48 {
            var one = record("d\(index / 4).html", "Claim number \(index).", verdict: verdicts[index % 4],
                             kind: index % 7 == 3 ? .question : nil)
            one.change = changes[(index / 4) % 4]
            records.append(one)
        }
        for document in 0..<12 {
            let mine = Array(records[document * 4..<document * 4 + 4])
            try spill.add(mine, fresh: document % 3 == 0)
            // Marks two of a stored document's claims, one of them twice: counted once.
            if document % 3 == 1 { try spill.markFresh([mine[0].id, mine[2].id]) }
            if document % 3 == 1 { try spill.markFresh([mine[0].id]) }
        }
        try spill.add([], fresh: true)
        try spill.markFresh([records[0].id])
        var selections: [ClaimSpill.Selection] = [.all, .nonStatements, .freshChanges(nil), .freshChange("new"),
                                                  .freshChange("updated"), .freshChange("unchanged")]
        for verdict in verdicts { selections += [.statements(verdict), .freshChanges(verdict)] }
        return (spill, selections)
    }
}
