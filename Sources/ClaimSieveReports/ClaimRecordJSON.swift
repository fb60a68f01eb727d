import ClaimSieveCore
public import Foundation

/// A line of `claims.jsonl`, written straight into bytes.
///
/// `JSONEncoder` builds a tree of boxed values for every record and sorts its keys each time; on
/// a large run that was a sixth of the report's cost. The shape of a record is fixed, so its keys
/// are written here already in sorted order. The bytes are the same as
/// `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]` gives (a test compares them on many
/// records), so the file stays byte-identical to what earlier versions wrote.
///
/// When a field is added to `ClaimRecord`, `Cue`, `Source` or `Corroboration`, add it here in
/// its sorted place; the comparison test fails until it is.
enum ClaimRecordJSON {
    /// Appends `record` as one JSON object (no newline) to `out`.
    static func append(_ record: ClaimRecord, to out: inout [UInt8]) {
        var w = JSONBytes()
        swap(&w.out, &out)
        defer { swap(&w.out, &out) }
        w.open()
        w.key("block"); w.int(record.block)
        if let change = record.change { w.key("change"); w.string(change) }
        if let context = record.context { w.key("context"); w.string(context) }
        corroboration(record.corroboration, &w)
        w.key("cues")
        cues(record.cues, &w)
        w.key("doc"); w.string(record.doc)
        w.key("headline"); w.bool(record.headline)
        w.key("id"); w.string(record.id)
        if let kind = record.kind { w.key("kind"); w.string(kind.rawValue) }
        review(record.review, &w)
        tail(record, &w)
        w.close()
    }

    /// `"corroboration":{…}` when set (a member of the object `w` is in).
    static func corroboration(_ c: Corroboration?, _ w: inout JSONBytes) {
        guard let c else { return }
        // The keys in their order as literals: written key by key, this object was a tenth of
        // `claims.jsonl`'s end (it is on every grouped claim).
        w.key("corroboration")
        w.out.append(literal: c.contradicted ? #"{"contradicted":true,"documents":"# : #"{"contradicted":false,"documents":"#)
        DecimalBytes.append(c.documents, to: &w.out)
        w.out.append(literal: #","group":"#)
        w.string(c.group)
        w.out.append(literal: #","sources":"#)
        DecimalBytes.append(c.sources, to: &w.out)
        w.close()
    }

    /// The value of `cues`.
    static func cues(_ cues: [Cue], _ w: inout JSONBytes) {
        w.out.append(UInt8(ascii: "["))
        for (index, cue) in cues.enumerated() {
            if index > 0 { w.out.append(UInt8(ascii: ",")) }
            w.open()
            if let by = cue.by { w.key("by"); w.string(by.rawValue) }
            w.key("category"); w.string(cue.category.rawValue)
            w.key("end"); w.int(cue.end)
            if let speaker = cue.speaker { mention(speaker, key: "speaker", &w) }
            w.key("start"); w.int(cue.start)
            w.key("text"); w.string(cue.text)
            if let weight = cue.weight { w.key("weight"); w.double(weight) }
            w.close()
        }
        w.out.append(UInt8(ascii: "]"))
    }

    /// `"key":{"end","start","text"}`: a source's mention or a cue's speaker.
    static func mention(_ mention: SourceMention, key: StaticString, _ w: inout JSONBytes) {
        w.key(key)
        w.open()
        w.key("end"); w.int(mention.end)
        w.key("start"); w.int(mention.start)
        w.key("text"); w.string(mention.text)
        w.close()
    }

    /// `"review":{…}` when set.
    static func review(_ review: Review?, _ w: inout JSONBytes) {
        guard let review else { return }
        w.key("review")
        w.open()
        w.key("at"); w.string(review.at)
        if let by = review.by { w.key("by"); w.string(by) }
        if let note = review.note { w.key("note"); w.string(note) }
        if let text = review.reviewedText { w.key("reviewed_text"); w.string(text) }
        if let stale = review.stale { w.key("stale"); w.bool(stale) }
        w.key("verdict"); w.string(review.verdict.rawValue)
        w.close()
    }

    /// The members after `review`: `score` to `verdict`.
    static func tail(_ record: ClaimRecord, _ w: inout JSONBytes) {
        w.key("score"); w.double(record.score)
        w.key("sentence"); w.int(record.sentence)
        if let source = record.source {
            w.key("source")
            w.open()
            if let mention = source.mention { Self.mention(mention, key: "mention", &w) }
            w.key("named"); w.bool(source.named)
            w.key("text"); w.string(source.text)
            w.close()
        }
        w.key("text"); w.string(record.text)
        if let title = record.title { w.key("title"); w.string(title) }
        if let url = record.url { w.key("url"); w.string(url) }
        w.key("verdict"); w.string(record.verdict.rawValue)
    }
}

/// A minimal JSON writer for `ClaimRecordJSON`: commas between members, strings escaped as
/// Foundation's `JSONEncoder` escapes them (with `.withoutEscapingSlashes`).
///
/// With `forScript` (the data of `report.html`, inside `<script type="application/json">`),
/// strings also escape `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026`, and U+2028/U+2029 as
/// `\u2028`/`\u2029`: no text can close the script element (`</script>`), open a comment or
/// break an older JavaScript parser. `claims.jsonl` keeps the plain form.
struct JSONBytes {
    var out: [UInt8] = []
    var forScript = false
    /// Whether the next member of the current object is its first (no comma before it).
    private var first = true

    /// A writer for members that follow others (`continuing`: the first member gets a comma),
    /// as `ClaimPieces` fills the holes between pieces of an object already begun.
    init(continuing: Bool = false) {
        first = !continuing
    }

    mutating func open() {
        out.append(UInt8(ascii: "{"))
        first = true
    }

    mutating func close() {
        out.append(UInt8(ascii: "}"))
        first = false
    }

    mutating func key(_ name: StaticString) {
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
        out.append(UInt8(ascii: "\""))
        out.append(literal: name)
        out.append(UInt8(ascii: "\""))
        out.append(UInt8(ascii: ":"))
    }

    mutating func bool(_ value: Bool) {
        out.append(literal: value ? "true" : "false")
    }

    mutating func int(_ value: Int) {
        DecimalBytes.append(value, to: &out)
    }

    /// Swift's shortest round-trip form, without a trailing `.0` for whole numbers, as
    /// `JSONEncoder` writes them.
    mutating func double(_ value: Double) {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        out.append(contentsOf: text.utf8)
    }

    private static func hex(_ digit: UInt8) -> UInt8 { digit < 10 ? 0x30 + digit : 0x61 + digit - 10 }

    mutating func string(_ value: String) {
        out.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { appendEscaped($0) }
        out.append(UInt8(ascii: "\""))
    }

    /// What each byte asks of `string`: `plain` (1) for the bytes every string escapes (controls,
    /// `"`, `\`), `scriptOnly` (2) for those only `forScript` escapes (`<`, `>`, `&`, and 0xE2,
    /// which may start U+2028 or U+2029). Read through a pointer: the table is consulted for every
    /// byte of every claim's text, twice a claim.
    nonisolated(unsafe) static let byteClass: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        table.initialize(repeating: 0, count: 256)
        for byte in 0..<0x20 { table[byte] = plain }
        table[Int(UInt8(ascii: "\""))] = plain
        table[Int(UInt8(ascii: "\\"))] = plain
        for byte in [UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0xE2] { table[Int(byte)] = scriptOnly }
        return UnsafePointer(table)
    }()
    static let plain: UInt8 = 1
    static let scriptOnly: UInt8 = 2

    /// The escaped bytes of a string's contents. Runs with nothing to escape (most of any text)
    /// are found eight bytes at a time by their classes in `byteClass` and copied at once; a byte
    /// was tested against up to seven values before (a sixth of the cost of the claims' report
    /// pieces).
    mutating func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let p = bytes.baseAddress else { return }
        let n = bytes.count, table = Self.byteClass
        let mask = forScript ? Self.plain | Self.scriptOnly : Self.plain
        var start = 0, i = 0
        while true {
            i = ByteRuns.firstFlagged(p, from: i, count: n, table: table, mask: mask)
            guard i < n else { break }
            let c = p[i]
            if table[Int(c)] == Self.scriptOnly {
                // Only with `forScript`: `<`, `>`, `&` as `\u00XX`, U+2028/U+2029 as `\u2028`/`\u2029`;
                // any other 0xE2 sequence is copied.
                let separator = c == 0xE2 && i + 2 < n && p[i + 1] == 0x80 && (p[i + 2] == 0xA8 || p[i + 2] == 0xA9)
                guard c != 0xE2 || separator else { i += 1; continue }
                out.append(contentsOf: UnsafeBufferPointer(start: p + start, count: i - start))
                if separator {
                    out.append(contentsOf: (p[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                    i += 3
                } else {
                    out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), Self.hex(c >> 4), Self.hex(c & 0xF)])
                    i += 1
                }
                start = i
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(start: p + start, count: i - start))
            out.append(UInt8(ascii: "\\"))
            switch c {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(c)
            case 0x08: out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(UInt8(ascii: "f"))
            case 0x0A: out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "t"))
            default:
                out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), Self.hex(c >> 4), Self.hex(c & 0xF)])
            }
            i += 1
            start = i
        }
        out.append(contentsOf: UnsafeBufferPointer(start: p + start, count: n - start))
    }
}

extension ClaimRecord {
    /// Appends the record's `claims.jsonl` line (without the newline) to `out`: the bytes
    /// `JSONEncoder` gives with sorted keys and unescaped slashes, written directly (states
    /// written before the binary form stored each claim in this form).
    public func appendJSONLine(to out: inout [UInt8]) {
        ClaimRecordJSON.append(self, to: &out)
    }

    /// Decodes a `claims.jsonl` line (as states written before the binary form store it).
    public init(jsonLine: Data) throws {
        self = try ClaimRecordJSON.decoder.decode(ClaimRecord.self, from: jsonLine)
    }
}

extension ClaimRecordJSON {
    /// One decoder for every line: creating a `JSONDecoder` per record cost more than decoding.
    static let decoder = JSONDecoder()
}
