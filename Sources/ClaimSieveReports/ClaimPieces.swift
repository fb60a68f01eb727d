public import ClaimSieveCore

/// One claim's report pieces, rendered once when the claim is decided and kept beside it in the
/// claim spill (which a run with state keeps for the next night: `ReportWriter.adoptKept`), so
/// that the end of a run only concatenates them in input order and fills in what is known only
/// then.
///
/// Why: the end of a run decoded every stored claim, re-keyed and re-encoded it into the spill,
/// then decoded it again for each report and rendered it anew: most of a night where nothing
/// changed (1.34 G instructions on 181 pages against 7.53 G for a first night), and the
/// single-threaded end of a full run. A piece is cut around the parts decided only at the end:
///
/// - `report.html`'s data (`HTMLReportData`): the document's position (`d`), the index of the
///   shared score words (`w`, numbered in order of first use), new/updated since the last report
///   (`n`, `pv`), an editor's decision (`r`) and corroboration (`c`);
/// - `claims.jsonl` (`ClaimRecordJSON`): `change` (decided when the state saves the claim),
///   `corroboration` and `review`;
/// - `report.md` (`MarkdownFastPath`, used only while `md-claim` is the shipped template):
///   new/updated, the review, corroboration and the document part shown in "New since the last
///   run"; the document heading of the by-document lists is a piece of its own.
///
/// `claims.csv`, groups and claims with an editor's decision are rendered from the record as
/// before (a claim with a decision has no pieces in the spill). The holes are filled by
/// `ClaimPieces.Holes`; a test compares every output with and without pieces on claims of
/// every kind. The pieces also carry the facts the spill and the report model need of a claim
/// (verdict, change, statement or not, its corroboration key). The claim's site and address
/// are in them too, left from a version that kept pieces in the state (nothing reads them now;
/// dropping them changes the layout's `version`).
public struct ClaimPieces: Sendable, Equatable {
    /// The layout's version: pieces of another version are ignored (the claim is rendered from
    /// its record), so a change to a renderer only needs this bumped.
    static let version: UInt8 = 1

    /// The pieces, in this order.
    enum Segment: Int, CaseIterable {
        /// `report.html` data: `{"i":…,"d":` / `,"t":…` up to the context / the score words
        /// (`,"W":…` written, or the words' text when shared) / `,"kd":…` / `,"T":…,"U":…}`.
        case h0, h1, hWords, h2, h3
        /// `claims.jsonl`: `{"block":N` / the context / `,"cues":…` up to `kind` / `,"score":…}`.
        case j0, j1, j2, j3
        /// `report.md`: `- text  _verdict[, kind]` / the document shown in "New since the last
        /// run" / `paragraph …` up to the context / the document's heading.
        case m0, mDocument, m2, mHeading
    }

    /// The claim's verdict, `change` (set by the state) and the verdict before an update.
    public var verdict: Verdict
    public var change: String?
    public var previousVerdict: Verdict?
    /// A statement (no `kind`): the reports' sections and counts need it.
    var statement: Bool
    /// Whether the claim carries a denial cue (corroboration's contradictions).
    var denied: Bool
    /// Whether a corroborator was set when the key was taken, the key, and the claim's site.
    var keyed: Bool
    var key: Int64?
    var source: String?
    /// The record's `url`: the document's address when the page gives no canonical one.
    var url: String?
    /// What the shared score words are made of: score and speaker (0 none, 1 unnamed, 2 named);
    /// `sharedWords` when the claim has no cues (its words are one of a handful).
    var score: Double
    var speaker: UInt8
    var sharedWords: Bool
    /// The segments' bytes, one after another, and where each starts (`Segment.allCases.count + 1` offsets).
    private(set) var bytes: [UInt8] = []
    private(set) var offsets: [Int] = [0]

    /// The bytes of one segment.
    func segment(_ which: Segment) -> ArraySlice<UInt8> {
        bytes[offsets[which.rawValue]..<offsets[which.rawValue + 1]]
    }

    private mutating func end(_ which: Segment) {
        precondition(offsets.count == which.rawValue + 1, "segments out of order")
        offsets.append(bytes.count)
    }

    /// What the document's facts look like to the renderers: the title, address and publisher
    /// the reports show for the claim's document.
    public struct DocumentFacts: Sendable {
        var title: String?
        var url: String?
        var publisher: String?
        /// `url` when it is an http(s) address the page may link, checked once a document.
        var webURL: String?

        /// The facts `ReportModel` keeps for `document` whose first claim is `first`.
        public init(document: Document, first: ClaimRecord?) {
            title = document.metadata.title
            url = document.metadata.canonicalURL ?? first?.url
            publisher = document.metadata.publisher
            webURL = url.flatMap { ReportView.isWebAddress($0) ? $0 : nil }
        }
    }

    /// Renders the pieces of `record` (its `review`, `corroboration` and `change` are not
    /// rendered: they are holes), with its corroboration key when `corroborator` is set.
    init(_ record: ClaimRecord, facts: DocumentFacts?, key: Int64?, keyed: Bool) {
        var words = ReportView.ScoreWordsCache()
        self.init(record, facts: facts, key: key, keyed: keyed, words: &words)
    }

    /// As `init(_:facts:key:keyed:)`, with the score words of claims without cues taken from
    /// `words` (made once for the handful of sentences they share, not for every claim).
    init(_ record: ClaimRecord, facts: DocumentFacts?, key: Int64?, keyed: Bool, words: inout ReportView.ScoreWordsCache) {
        verdict = record.verdict
        change = record.change
        previousVerdict = record.previousVerdict
        statement = record.kind == nil
        denied = record.cues.contains { $0.category == .denial }
        self.keyed = keyed
        self.key = key
        source = nil
        url = record.url
        score = record.score
        speaker = record.source.map { $0.named ? 2 : 1 } ?? 0
        sharedWords = record.cues.isEmpty
        bytes.reserveCapacity(record.text.utf8.count * 4 + 512)
        offsets.reserveCapacity(Segment.allCases.count + 1)
        let scoreWords = words.words(of: record)
        renderHTML(record, facts: facts, words: scoreWords)
        renderJSON(record)
        renderMarkdown(record, facts: facts, words: scoreWords)
    }

    private mutating func renderHTML(_ record: ClaimRecord, facts: DocumentFacts?, words: String) {
        var w = JSONBytes()
        w.forScript = true
        swap(&w.out, &bytes)
        w.open()
        w.key("i"); w.string(record.id)
        w.key("d")
        swap(&w.out, &bytes); end(.h0); swap(&w.out, &bytes)
        HTMLReportData.claimFields(record, &w)
        swap(&w.out, &bytes); end(.h1); swap(&w.out, &bytes)
        if sharedWords {
            w.out.append(contentsOf: words.utf8)
        } else {
            w.key("W"); w.string(words)
        }
        swap(&w.out, &bytes); end(.hWords); swap(&w.out, &bytes)
        if let kind = record.kind { w.key("kd"); w.string(kind.rawValue) }
        swap(&w.out, &bytes); end(.h2); swap(&w.out, &bytes)
        let title = record.title ?? facts?.title ?? record.doc
        if title != (facts.map { $0.title ?? record.doc }) { w.key("T"); w.string(title) }
        let documentURL = facts?.webURL
        let url = record.url == nil || record.url == facts?.url ? documentURL : record.url.flatMap { ReportView.isWebAddress($0) ? $0 : nil }
        if url != documentURL { w.key("U"); w.string(url ?? "") }
        w.close()
        swap(&w.out, &bytes); end(.h3)
    }

    private mutating func renderJSON(_ record: ClaimRecord) {
        var w = JSONBytes()
        swap(&w.out, &bytes)
        w.open()
        w.key("block"); w.int(record.block)
        swap(&w.out, &bytes); end(.j0); swap(&w.out, &bytes)
        if let context = record.context { w.key("context"); w.string(context) }
        swap(&w.out, &bytes); end(.j1); swap(&w.out, &bytes)
        w.key("cues")
        ClaimRecordJSON.cues(record.cues, &w)
        w.key("doc"); w.string(record.doc)
        w.key("headline"); w.bool(record.headline)
        w.key("id"); w.string(record.id)
        if let kind = record.kind { w.key("kind"); w.string(kind.rawValue) }
        swap(&w.out, &bytes); end(.j2); swap(&w.out, &bytes)
        ClaimRecordJSON.tail(record, &w)
        w.close()
        swap(&w.out, &bytes); end(.j3)
    }

    private mutating func renderMarkdown(_ record: ClaimRecord, facts: DocumentFacts?, words: String) {
        let docTitle = record.title ?? facts?.title ?? record.doc
        MarkdownFastPath.head(record, to: &bytes)
        end(.m0)
        MarkdownFastPath.document(docTitle, publisher: facts?.publisher, to: &bytes)
        end(.mDocument)
        MarkdownFastPath.body(record, words: words, to: &bytes)
        end(.m2)
        MarkdownFastPath.heading(docTitle, doc: record.doc, to: &bytes)
        end(.mHeading)
    }

    // MARK: The holes

    /// What is known only at the end of the run, for one claim.
    struct Holes {
        /// The document's position in the report (`d`), -1 when unknown.
        var position: Int
        /// `change` when the claim is new or updated since the last report (and the verdict
        /// before an update), nil otherwise.
        var freshChange: String?
        var previousVerdict: Verdict?
        /// The claim's `change` as `claims.jsonl` writes it.
        var change: String?
        var corroboration: Corroboration?
        var review: Review?
    }

    /// Appends the claim's object of `report.html`'s data.
    func writeHTML(_ holes: Holes, words: inout ReportView.ScoreWordsCache, to out: inout [UInt8]) {
        out.append(contentsOf: segment(.h0))
        DecimalBytes.append(holes.position, to: &out)
        out.append(contentsOf: segment(.h1))
        var w = JSONBytes(continuing: true)
        w.forScript = true
        swap(&w.out, &out)
        defer { swap(&w.out, &out) }
        if sharedWords {
            let index = words.index(verdict: verdict, score: score, speaker: Int(speaker)) {
                String(decoding: segment(.hWords), as: UTF8.self)
            }
            w.key("w"); w.int(index)
        } else {
            w.out.append(contentsOf: segment(.hWords))
        }
        HTMLReportData.fresh(holes.freshChange, previous: holes.previousVerdict, &w)
        w.out.append(contentsOf: segment(.h2))
        HTMLReportData.review(holes.review, &w)
        HTMLReportData.corroboration(holes.corroboration, &w)
        w.out.append(contentsOf: segment(.h3))
    }

    /// Appends the claim's line of `claims.jsonl` (without the newline).
    func writeJSON(_ holes: Holes, to out: inout [UInt8]) {
        out.append(contentsOf: segment(.j0))
        var w = JSONBytes(continuing: true)
        swap(&w.out, &out)
        defer { swap(&w.out, &out) }
        if let change = holes.change { w.key("change"); w.string(change) }
        w.out.append(contentsOf: segment(.j1))
        ClaimRecordJSON.corroboration(holes.corroboration, &w)
        w.out.append(contentsOf: segment(.j2))
        ClaimRecordJSON.review(holes.review, &w)
        w.out.append(contentsOf: segment(.j3))
    }

    /// Appends the claim's entry of `report.md` as the shipped `md-claim` renders it; `heading`
    /// as in `MarkdownFastPath.claim`.
    func writeMarkdown(_ holes: Holes, showDocument: Bool, heading: Bool?, to out: inout [UInt8]) {
        if let heading {
            if !heading { out.append(0x0A) }
            out.append(literal: "### ")
            out.append(contentsOf: segment(.mHeading))
        }
        out.append(contentsOf: segment(.m0))
        MarkdownFastPath.marks(freshChange: holes.freshChange, previous: holes.previousVerdict, review: holes.review, to: &out)
        out.append(literal: "_ · ")
        if showDocument { out.append(contentsOf: segment(.mDocument)) }
        out.append(contentsOf: segment(.m2))
        MarkdownFastPath.tail(corroboration: holes.corroboration, review: holes.review, to: &out)
        out.append(0x0A)
    }

    // MARK: Bytes

    /// Appends the pieces in their stored form (the spill's `pieces` column):
    /// a fixed header read without allocating (version, flags, verdict, change and previous
    /// verdict as codes, speaker, score, key, the segments' ends as 32-bit offsets), then the
    /// claim's site and address (read by nothing now, see above), then
    /// the segments' bytes. A `change` other than new, updated or unchanged, or a verdict not
    /// known, leaves the claim without pieces: it is rendered from its record.
    public func encode(to out: inout [UInt8]) {
        guard let verdictCode = Self.verdicts.firstIndex(of: verdict), let changeCode = Self.changes.firstIndex(of: change),
              let previousCode = previousVerdict.map({ Self.verdicts.firstIndex(of: $0) }) ?? .some(Self.verdicts.count)
        else { return }
        var flags: UInt8 = 0
        if statement { flags |= 1 }
        if denied { flags |= 2 }
        if keyed { flags |= 4 }
        if key != nil { flags |= 8 }
        if sharedWords { flags |= 16 }
        out.append(contentsOf: [Self.version, flags, UInt8(verdictCode), UInt8(changeCode), UInt8(previousCode), speaker])
        Self.append(score.bitPattern, 8, &out)
        Self.append(UInt64(bitPattern: key ?? 0), 8, &out)
        for offset in offsets.dropFirst() { Self.append(UInt64(offset), 4, &out) }
        var w = ClaimRecordBinary.Writer(out: [])
        swap(&w.out, &out)
        w.optionalString(source)
        w.optionalString(url)
        swap(&w.out, &out)
        out.append(contentsOf: bytes)
    }

    /// Verdicts and changes by their code in the header.
    private static let verdicts = Verdict.allCases.map { $0 }
    private static let changes: [String?] = [nil, "new", "updated", "unchanged"]
    /// Bytes before the segments' ends: version, flags, 4 codes, score, key.
    private static let fixed = 6 + 8 + 8

    private static func append(_ value: UInt64, _ count: Int, _ out: inout [UInt8]) {
        for index in 0..<count { out.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(index)))) }
    }

    /// A little-endian value of 8 or 4 bytes (`append` writes only these widths).
    private static func read(_ raw: UnsafeRawBufferPointer, _ at: Int, _ count: Int) -> UInt64 {
        count == 8 ? UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self))
            : UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
    }

    /// The pieces `encode` wrote, or nil when the bytes are not pieces of this version (the
    /// claim is then rendered from its record). `facts` also reads the claim's site and
    /// address.
    init?(_ raw: UnsafeRawBufferPointer, facts: Bool = true) {
        verdict = .confirmed
        statement = false
        denied = false
        keyed = false
        score = 0
        speaker = 0
        sharedWords = false
        guard decode(raw, facts: facts) else { return nil }
    }

    /// Replaces these pieces with those `encode` wrote in `raw`, in the buffers these have (a
    /// reader decodes every claim of a run); false, and the pieces unusable, when the bytes are
    /// not pieces of this version.
    mutating func decode(_ raw: UnsafeRawBufferPointer, facts: Bool = true) -> Bool {
        let segments = Segment.allCases.count
        let headerEnd = Self.fixed + 4 * segments
        guard raw.count >= headerEnd, raw[0] == Self.version, Int(raw[2]) < Self.verdicts.count, Int(raw[3]) < Self.changes.count,
              Int(raw[4]) <= Self.verdicts.count else { return false }
        let flags = raw[1]
        verdict = Self.verdicts[Int(raw[2])]
        change = Self.changes[Int(raw[3])]
        previousVerdict = Int(raw[4]) < Self.verdicts.count ? Self.verdicts[Int(raw[4])] : nil
        speaker = raw[5]
        statement = flags & 1 != 0
        denied = flags & 2 != 0
        keyed = flags & 4 != 0
        sharedWords = flags & 16 != 0
        score = Double(bitPattern: Self.read(raw, 6, 8))
        key = flags & 8 != 0 ? Int64(bitPattern: Self.read(raw, 14, 8)) : nil
        offsets.removeAll(keepingCapacity: true)
        offsets.append(0)
        for index in 0..<segments { offsets.append(Int(Self.read(raw, Self.fixed + 4 * index, 4))) }
        var r = ClaimRecordBinary.Reader(bytes: raw, position: headerEnd)
        if facts {
            guard let source = r.optionalString(), let url = r.optionalString() else { return false }
            self.source = source
            self.url = url
        } else {
            guard r.skipOptionalString(), r.skipOptionalString() else { return false }
            source = nil
            url = nil
        }
        guard offsets.last == raw.count - r.position, zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else { return false }
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[r.position...]))
        return true
    }
}
