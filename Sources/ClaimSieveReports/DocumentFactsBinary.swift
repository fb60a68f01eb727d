import ClaimSieveCore

/// A document's facts (`ReportModel.DocumentFacts`) as compact bytes, for the `documents` table
/// of the claim spill: the facts of every document are kept on disk, not in an array of the
/// whole run (about 1 KB a document in memory: 20 MB at 20,000 pages), and read back in input
/// order by the reports and `summary.json` (`ClaimSpill.forEachDocumentFacts`).
///
/// Layout as `ClaimRecordBinary`'s (LEB128 lengths and counts, zig-zag integers, a 0/1 byte
/// before an optional); enums by raw value; verdict counts as (name, count) pairs in the order
/// of `Verdict.allCases`, so the same facts always give the same bytes. When a field is added to
/// `DocumentFacts`, add it to both functions; the round-trip test fails until it is.
enum DocumentFactsBinary {
    static func append(_ facts: ReportModel.DocumentFacts, to out: inout [UInt8]) {
        var w = ClaimRecordBinary.Writer(out: [])
        swap(&w.out, &out)
        defer { swap(&w.out, &out) }
        w.string(facts.id)
        w.optionalString(facts.title)
        w.string(facts.format.rawValue)
        if let failure = facts.failure {
            w.out.append(1)
            w.string(failure.stage)
            w.string(failure.reason)
        } else {
            w.out.append(0)
        }
        w.int(facts.claims)
        let verdicts = Verdict.allCases.filter { facts.verdicts[$0] != nil }
        w.unsigned(UInt64(verdicts.count))
        for verdict in verdicts {
            w.string(verdict.rawValue)
            w.int(facts.verdicts[verdict] ?? 0)
        }
        w.optionalString(facts.language)
        w.optionalString(facts.url)
        w.optionalString(facts.publisher)
        w.optionalString(facts.byline)
        w.optionalString(facts.published)
    }

    /// The facts `append` wrote, or nil when the bytes are not such (truncated or foreign).
    static func decode(_ bytes: UnsafeRawBufferPointer) -> ReportModel.DocumentFacts? {
        var r = ClaimRecordBinary.Reader(bytes: bytes)
        guard let id = r.string(), let title = r.optionalString(), let formatName = r.string(),
              let format = DocumentFormat(rawValue: formatName), let hasFailure = r.byte() else { return nil }
        var failure: Failure?
        if hasFailure == 1 {
            guard let stage = r.string(), let reason = r.string() else { return nil }
            failure = Failure(stage: stage, reason: reason)
        }
        guard let claims = r.int(), let verdictCount = r.unsigned(), verdictCount <= UInt64(bytes.count) else { return nil }
        var verdicts: [Verdict: Int] = [:]
        for _ in 0..<Int(verdictCount) {
            guard let name = r.string(), let verdict = Verdict(rawValue: name), let count = r.int() else { return nil }
            verdicts[verdict] = count
        }
        guard let language = r.optionalString(), let url = r.optionalString(), let publisher = r.optionalString(),
              let byline = r.optionalString(), let published = r.optionalString() else { return nil }
        return ReportModel.DocumentFacts(id: id, title: title, format: format, failure: failure, claims: claims,
                                         verdicts: verdicts, language: language, url: url, publisher: publisher,
                                         byline: byline, published: published)
    }
}
