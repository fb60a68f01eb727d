import ClaimSieveCore
@testable import ClaimSieveReports
import Foundation
import Testing

/// `claims.jsonl` is written by hand for speed; it must stay byte-identical to what
/// `JSONEncoder` (sorted keys, slashes unescaped) wrote before, for every kind of field and text.
@Suite struct ClaimRecordJSONTests {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    func expectSameAsJSONEncoder(_ record: ClaimRecord, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var mine: [UInt8] = []
        ClaimRecordJSON.append(record, to: &mine)
        let reference = Array(try Self.encoder.encode(record))
        #expect(String(decoding: mine, as: UTF8.self) == String(decoding: reference, as: UTF8.self), sourceLocation: sourceLocation)
    }

    func record(text: String, cues: [Cue] = [], source: Source? = nil, score: Double = 0.6) -> ClaimRecord {
        var claim = Claim(id: "", block: 3, sentence: 1, text: text, cues: cues, verdict: .unverified, score: score)
        claim.source = source
        var claims = [claim]
        ClaimID.assign(to: &claims, document: "a/b.html")
        let document = Document(id: "a/b.html#item-2", path: "a/b.html", format: .html,
                                metadata: Metadata(title: "A \"quoted\" title / with slash", canonicalURL: "https://example.org/a/b?x=1&y=2"))
        return ClaimRecord(claim: claims[0], document: document)
    }

    @Test func everyFieldInSortedOrder() throws {
        var full = record(text: "Officials said it \"may\" fall.",
                          cues: [Cue(text: "Officials said", category: .unnamedSource, start: 0, end: 14, weight: 0.85, by: .model),
                                 Cue(text: "may", category: .speculation, start: 19, end: 22)],
                          source: Source(text: "Officials", named: false), score: 0.9)
        full.change = "updated"
        full.context = "restates paragraph 4, sentence 1, which is unverified"
        full.corroboration = Corroboration(group: "f8811db93d14bccb", documents: 4, sources: 2, contradicted: true)
        full.headline = true
        full.kind = .question
        full.review = Review(verdict: .false, note: "Denied \"twice\"", by: "Desk / night", at: "2026-12-01T07:00:00Z",
                             stale: true, reviewedText: "Officials said it might fall.")
        full.previousVerdict = .attributed  // not written
        try expectSameAsJSONEncoder(full)
        full.source?.mention = SourceMention(text: "Officials", start: 0, end: 9)
        try expectSameAsJSONEncoder(full)
        // A cue's own speaker (issue 10) sits between its end and start.
        full.cues[0].speaker = SourceMention(text: "Officials", start: 0, end: 9)
        try expectSameAsJSONEncoder(full)
        full.cues[0].weight = nil
        try expectSameAsJSONEncoder(full)
        full.review = Review(verdict: .confirmed, at: "2026-12-01T07:00:00Z")
        try expectSameAsJSONEncoder(full)
        var bare = record(text: "Plain.")
        bare.title = nil
        bare.url = nil
        try expectSameAsJSONEncoder(bare)
    }

    @Test func escapingOfEveryControlCharacterAndQuote() throws {
        var text = "quote \" backslash \\ slash / del \u{7F} ü 中文 😀 \u{2028} "
        for scalar in 0..<0x20 { text.unicodeScalars.append(Unicode.Scalar(UInt8(scalar))) }
        try expectSameAsJSONEncoder(record(text: text, source: Source(text: "tab\there", named: true)))
    }

    @Test func scoresAndWeightsPrintAsBefore() throws {
        for hundredth in 0...100 {
            let value = Double(hundredth) / 100
            try expectSameAsJSONEncoder(record(text: "x", cues: [Cue(text: "x", category: .weasel, start: 0, end: 1, weight: value * 1.5)],
                                               score: value))
        }
        try expectSameAsJSONEncoder(record(text: "x", cues: [Cue(text: "x", category: .weasel, start: 0, end: 1, weight: 1e-7)]))
        try expectSameAsJSONEncoder(record(text: "x", cues: [Cue(text: "x", category: .weasel, start: 0, end: 1, weight: 123456789.125)]))
    }
}
