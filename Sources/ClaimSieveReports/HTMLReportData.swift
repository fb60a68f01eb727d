import ClaimSieveCore

/// The claims of `report.html` as one JSON value, written into the page's
/// `<script type="application/json" id="report-data">` and turned into entries by the page's
/// script (`html-script.mustache`), a page of entries at a time.
///
/// Why data and not markup: a page with every claim as elements (about 1,800 bytes and 20
/// elements a claim) did not open in Chromium within 120 s at 23,570 claims, and each filter
/// re-laid out every entry (9.4 s at 2,990 claims). As data, the browser parses one string, the
/// filters and the search run over arrays, and only the entries on screen (100 a list, more on
/// demand) become elements; a claim's paragraph, reasons and score words are made when it opens.
///
/// Why a byte writer and not a template: the shape is fixed, and swift-mustache spent about
/// 0.4 ms a claim resolving names through dynamic casts (11 s of the end of a 72,000-claim run).
/// Everything a user may want to change (the frame, the sections, the wording, the look, how an
/// entry is built) stays in the templates; this is only the data, documented here:
///
/// ```
/// {"cats":   [cue category, ...],                         // "k" refers to these by index
///  "docs":   [{"id", "t": title, "u": http(s) address, "p": publisher index}, ...],  // by position
///  "pubs":   [publisher, ...],
///  "words":  [score in words, ...],                       // shared ones, by "w"
///  "claims": [claim, ...],                                // in run order; groups refer by index
///  "groups": [{"g": id, "n": documents, "s": sources, "x": 1 if contradicted, "m": [claim index, ...]}, ...]}
/// claim: {"i": id, "d": document index, "t": text, "v": verdict, "s": score, "b": block, "e": sentence,
///         "k": [[from, to, category index, 1 if learned, text when not the slice (else 0), speaker], ...]
///              (UTF-16 offsets; -1: not in the text; the last two only when needed),
///         "o": [speaker, 1 if named], "x": context, "w": words index or "W": words,
///         "n": "new"|"updated" (decided since the last report), "pv": previous verdict, "kd": kind,
///         "r": {"v", "note", "by", "at", "stale": 1, "rt": text as reviewed},
///         "c": [group id, documents, sources, 1 if contradicted],
///         "T": title and "U": address when not the document's ("U": "" for no link)}
/// ```
/// Absent keys are false, empty or nil. Strings are escaped for a script element (`JSONBytes.forScript`).
struct HTMLReportData {
    let view: ReportView
    let claims: ClaimSpill
    /// `claims.jsonl`, written line by line as the claims are read (see `ReportWriter.finish`).
    var alsoLines: ReportOutput? = nil

    /// Writes the value to `out`, claim by claim (one record in memory at a time).
    func write(to out: ReportOutput) throws {
        var w = JSONBytes()
        w.forScript = true
        w.open()
        w.key("cats")
        list(CueCategory.allCases.map(\.rawValue), &w)
        w.key("pubs")
        list(view.publishers, &w)
        w.key("docs")
        w.out.append(UInt8(ascii: "["))
        try view.forEachDocument { index, facts in
            if index > 0 { w.out.append(UInt8(ascii: ",")) }
            w.open()
            w.key("id"); w.string(facts.id)
            w.key("t"); w.string(facts.title ?? facts.id)
            if let url = facts.url, ReportView.isWebAddress(url) { w.key("u"); w.string(url) }
            if let publisher = facts.publisher, let p = view.publisherIndex[publisher] { w.key("p"); w.int(p) }
            w.close()
            if w.out.count >= 1 << 20 {
                out.append(bytes: w.out)
                w.out.removeAll(keepingCapacity: true)
                try out.flushIfFull()
            }
        }
        w.out.append(contentsOf: "],\n\"claims\":[\n".utf8)
        var words = ReportView.ScoreWordsCache()
        var first = true
        try claims.forEachRow(.all, recordFor: view.duplicated) { row in
            if !first { w.out.append(literal: ",\n") }
            first = false
            if let pieces = row.pieces {
                // The claim's own document (a duplicated id is rendered from its record).
                let holes = row.holes(position: row.position >= 0 ? row.position : try view.documents.position(row.doc))
                pieces.writeHTML(holes, words: &words, to: &w.out)
                if let alsoLines {
                    alsoLines.appendLine(pieces, holes)
                    try alsoLines.flushIfFull()
                }
            } else if let record = row.record {
                try claim(record, fresh: row.fresh, words: &words, &w)
                if let alsoLines {
                    alsoLines.appendLine(record)
                    try alsoLines.flushIfFull()
                }
            }
            if w.out.count >= 1 << 20 {
                out.append(bytes: w.out)
                w.out.removeAll(keepingCapacity: true)
                try out.flushIfFull()
            }
        }
        w.out.append(contentsOf: "],\n\"groups\":[\n".utf8)
        first = true
        try claims.forEachGroupPositions { group, documents, sources, contradicted, members in
            if !first { w.out.append(literal: ",\n") }
            first = false
            w.open()
            w.key("g"); w.string(group)
            w.key("n"); w.int(documents)
            w.key("s"); w.int(sources)
            if contradicted { w.key("x"); w.int(1) }
            w.key("m")
            w.out.append(UInt8(ascii: "["))
            for (index, member) in members.enumerated() {
                if index > 0 { w.out.append(UInt8(ascii: ",")) }
                w.int(member)
            }
            w.out.append(UInt8(ascii: "]"))
            w.close()
            if w.out.count >= 1 << 20 {
                out.append(bytes: w.out)
                w.out.removeAll(keepingCapacity: true)
                try out.flushIfFull()
            }
        }
        w.out.append(contentsOf: "],\n\"words\":".utf8)
        list(words.list, &w)
        w.out.append(literal: "}")
        out.append(bytes: w.out)
        try out.flushIfFull()
    }

    private func list(_ strings: [String], _ w: inout JSONBytes) {
        w.out.append(UInt8(ascii: "["))
        for (index, string) in strings.enumerated() {
            if index > 0 { w.out.append(UInt8(ascii: ",")) }
            w.string(string)
        }
        w.out.append(UInt8(ascii: "]"))
    }

    /// A claim's own fields of `report.html`'s data, from its text to its context: the same
    /// bytes whether the claim is rendered at the end (here) or as its pieces (`ClaimPieces`).
    static func claimFields(_ record: ClaimRecord, _ w: inout JSONBytes) {
        w.key("t"); w.string(record.text)
        w.key("v"); w.string(record.verdict.rawValue)
        w.key("s"); w.out.append(contentsOf: ReportView.number(record.score).utf8)
        w.key("b"); w.int(record.block)
        w.key("e"); w.int(record.sentence)
        if !record.cues.isEmpty {
            w.key("k")
            cues(record, &w)
        }
        if let source = record.source {
            w.key("o")
            w.out.append(UInt8(ascii: "["))
            w.string(source.text)
            w.out.append(contentsOf: (source.named ? ",1]" : ",0]").utf8)
        }
        if let context = record.context { w.key("x"); w.string(context) }
    }

    private func claim(_ record: ClaimRecord, fresh: Bool, words: inout ReportView.ScoreWordsCache, _ w: inout JSONBytes) throws {
        let found = try view.document(of: record.doc)
        let position = found?.position
        let facts = found?.facts
        w.open()
        w.key("i"); w.string(record.id)
        w.key("d"); w.int(position ?? -1)
        Self.claimFields(record, &w)
        // Without cues the words are one of a handful of sentences, each written once in "words".
        if let index = words.index(of: record) {
            w.key("w"); w.int(index)
        } else {
            w.key("W"); w.string(ReportView.scoreWords(record))
        }
        let change = fresh ? Self.freshChange(record.change) : nil
        Self.fresh(change, previous: record.previousVerdict, &w)
        if let kind = record.kind { w.key("kd"); w.string(kind.rawValue) }
        Self.review(record.review, &w)
        Self.corroboration(record.corroboration, &w)
        let title = record.title ?? facts?.title ?? record.doc
        if title != (facts.map { $0.title ?? $0.id }) { w.key("T"); w.string(title) }
        let url = (record.url ?? facts?.url).flatMap { ReportView.isWebAddress($0) ? $0 : nil }
        let documentURL = facts?.url.flatMap { ReportView.isWebAddress($0) ? $0 : nil }
        if url != documentURL { w.key("U"); w.string(url ?? "") }
        w.close()
    }

    /// `change` when it marks a claim new or updated since the last report, else nil.
    static func freshChange(_ change: String?) -> String? {
        change == "new" || change == "updated" ? change : nil
    }

    /// `"n"` (and `"pv"`, the verdict before an update) of a claim new or updated since the last report.
    static func fresh(_ change: String?, previous: Verdict?, _ w: inout JSONBytes) {
        guard let change else { return }
        w.key("n"); w.string(change)
        if let previous { w.key("pv"); w.string(previous.rawValue) }
    }

    /// `"r"`: an editor's decision.
    static func review(_ review: Review?, _ w: inout JSONBytes) {
        guard let review else { return }
        w.key("r")
        w.open()
        w.key("v"); w.string(review.verdict.rawValue)
        if let note = review.note { w.key("note"); w.string(note) }
        if let by = review.by { w.key("by"); w.string(by) }
        w.key("at"); w.string(review.at)
        if review.stale == true {
            w.key("stale"); w.int(1)
            if let text = review.reviewedText { w.key("rt"); w.string(text) }
        }
        w.close()
    }

    /// `"c"`: the claim's group across documents.
    static func corroboration(_ c: Corroboration?, _ w: inout JSONBytes) {
        guard let c else { return }
        w.key("c")
        w.out.append(UInt8(ascii: "["))
        w.string(c.group)
        w.out.append(UInt8(ascii: ",")); DecimalBytes.append(c.documents, to: &w.out)
        w.out.append(UInt8(ascii: ",")); DecimalBytes.append(c.sources, to: &w.out)
        w.out.append(literal: c.contradicted ? ",1]" : ",0]")
    }

    /// Each cue category's index in `"cats"`.
    static let categoryIndex = Dictionary(uniqueKeysWithValues: CueCategory.allCases.enumerated().map { ($0.element, $0.offset) })

    /// The cues in the record's order, with UTF-16 offsets (what JavaScript strings count):
    /// `[from, to, category, learned]`, and the cue's text when it is not the slice of the
    /// claim's text; `from` is -1 for a cue whose byte offsets are outside the text.
    static func cues(_ record: ClaimRecord, _ w: inout JSONBytes) {
        let bytes = Array(record.text.utf8)
        // utf16[i]: the UTF-16 offset of byte i (and of the end at bytes.count).
        var utf16 = [Int](repeating: 0, count: bytes.count + 1)
        var units = 0
        for (i, byte) in bytes.enumerated() {
            utf16[i] = units
            if byte & 0xC0 != 0x80 { units += byte >= 0xF0 ? 2 : 1 }
        }
        utf16[bytes.count] = units
        w.out.append(UInt8(ascii: "["))
        for (index, cue) in record.cues.enumerated() {
            if index > 0 { w.out.append(UInt8(ascii: ",")) }
            let inText = cue.start >= 0 && cue.end > cue.start && cue.end <= bytes.count
            w.out.append(UInt8(ascii: "["))
            w.int(inText ? utf16[cue.start] : -1)
            w.out.append(UInt8(ascii: ","))
            w.int(inText ? utf16[cue.end] : -1)
            w.out.append(UInt8(ascii: ",")); DecimalBytes.append(Self.categoryIndex[cue.category] ?? 0, to: &w.out)
            w.out.append(contentsOf: cue.by == nil ? ",0".utf8 : ",1".utf8)
            let sliced = inText && bytes[cue.start..<cue.end].elementsEqual(cue.text.utf8)
            if !sliced {
                w.out.append(UInt8(ascii: ","))
                w.string(cue.text)
            } else if cue.speaker != nil {
                w.out.append(literal: ",0")
            }
            if let speaker = cue.speaker {
                w.out.append(UInt8(ascii: ","))
                w.string(speaker.text)
            }
            w.out.append(UInt8(ascii: "]"))
        }
        w.out.append(UInt8(ascii: "]"))
    }
}
