import ClaimSieveCore
import ClaimSieveReports
import Testing

@Suite struct CorroborationTests {
    func record(_ doc: String, _ text: String, url: String? = nil, cues: [(String, CueCategory)] = [], source: String? = nil) -> ClaimRecord {
        let found = cues.compactMap { cue -> Cue? in
            guard let range = text.range(of: cue.0) else { return nil }
            let start = text.utf8.distance(from: text.utf8.startIndex, to: range.lowerBound)
            return Cue(text: cue.0, category: cue.1, start: start, end: start + cue.0.utf8.count)
        }
        let claim = Claim(id: ClaimID.make(document: doc, text: text), block: 0, sentence: 0, text: text, cues: found,
                          source: source.map { Source(text: $0, named: true) }, verdict: .confirmed, score: 0.5)
        return ClaimRecord(claim: claim, document: Document(id: doc, path: doc, metadata: Metadata(canonicalURL: url)))
    }

    @Test func theSameClaimInTwoDocumentsIsGroupedWhateverItsAttribution() {
        var records = [
            record("a.html", "The bridge over the river was closed on Monday, the ministry said.", url: "https://www.one.example/x",
                   cues: [("said", .namedSource)], source: "the ministry"),
            record("b.html", "On Monday the bridge over the river was closed, reports say.", url: "https://two.example/y",
                   cues: [("reports say", .hearsay)]),
            record("c.html", "The bridge over the river was closed on Monday.", url: "https://one.example/z"),
            record("d.html", "A different claim about the weather in the city today."),
        ]
        Corroborator().annotate(&records)
        let corroboration = records[0].corroboration
        #expect(corroboration?.documents == 3)
        #expect(corroboration?.sources == 2, "one.example twice, two.example once")
        #expect(corroboration?.group == records[0].id)
        #expect(records[1].corroboration == corroboration)
        #expect(records[2].corroboration == corroboration)
        #expect(records[3].corroboration == nil)
    }

    @Test func repeatsInsideOneDocumentAndShortClaimsAreNotCorroboration() {
        var records = [
            record("a.html", "The council approved the new budget on Tuesday."),
            record("a.html", "The council approved the new budget on Tuesday."),
            record("a.html", "He left."),
            record("b.html", "He left."),
        ]
        Corroborator().annotate(&records)
        #expect(records.allSatisfy { $0.corroboration == nil })
    }

    @Test func aDenialAgainstAStatementIsAContradiction() {
        var records = [
            record("a.html", "The company closed its factory in the northern town."),
            record("b.html", "The company denied it closed its factory in the northern town.", cues: [("denied", .denial)]),
        ]
        Corroborator(minimumWords: 4).annotate(&records)
        #expect(records[0].corroboration?.contradicted == true)
        #expect(records[1].corroboration?.documents == 2)
    }
}
