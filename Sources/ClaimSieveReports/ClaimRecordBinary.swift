import ClaimSieveCore

/// A claim record as compact bytes, for the run's claim spill (`ClaimSpill`).
///
/// Decoding JSON back with `JSONDecoder` costs tens of microseconds a record; these bytes decode
/// in about one. Every field of `ClaimRecord` but `corroboration` (computed across the run when
/// the spill is read) is kept, so a record read back writes the same `claims.jsonl` line.
/// Enums are kept by raw value, so a verdict or category added later needs no change here.
///
/// Layout: strings and counts as LEB128 lengths followed by UTF-8 bytes; integers as zig-zag
/// LEB128; doubles as their 8 IEEE bytes; an optional as a 0/1 byte before its value (a cue's
/// weight byte also says whether a speaker follows: 2 and 3).
/// When a field is added to `ClaimRecord`, `Cue` or `Source`, add it to both functions; the
/// round-trip test fails until it is.
enum ClaimRecordBinary {
    static func append(_ record: ClaimRecord, to out: inout [UInt8]) {
        var w = Writer(out: [])
        swap(&w.out, &out)
        defer { swap(&w.out, &out) }
        w.string(record.id)
        w.string(record.doc)
        w.optionalString(record.title)
        w.optionalString(record.url)
        w.string(record.text)
        w.string(record.verdict.rawValue)
        w.double(record.score)
        w.unsigned(UInt64(record.cues.count))
        for cue in record.cues {
            w.string(cue.text)
            w.string(cue.category.rawValue)
            w.int(cue.start)
            w.int(cue.end)
            // The weight's flag also says whether a speaker follows (2 and 3, added by issue 10),
            // so cues without one keep their bytes and blobs written before still decode.
            let speakerFlag: UInt8 = cue.speaker == nil ? 0 : 2
            if let weight = cue.weight { w.out.append(1 | speakerFlag); w.double(weight) } else { w.out.append(speakerFlag) }
            w.optionalString(cue.by?.rawValue)
            if let speaker = cue.speaker {
                w.string(speaker.text)
                w.int(speaker.start)
                w.int(speaker.end)
            }
        }
        if let source = record.source {
            // 2: a source with its mention after it (added by issue 10); 1 keeps the bytes of
            // records without one, and of blobs written before.
            w.out.append(source.mention == nil ? 1 : 2)
            w.string(source.text)
            w.out.append(source.named ? 1 : 0)
            if let mention = source.mention {
                w.string(mention.text)
                w.int(mention.start)
                w.int(mention.end)
            }
        } else {
            w.out.append(0)
        }
        w.int(record.block)
        w.int(record.sentence)
        w.out.append(record.headline ? 1 : 0)
        w.optionalString(record.context)
        w.optionalString(record.change)
        w.optionalString(record.kind?.rawValue)
        // Added by issue 15, after the rest and only when set: records without them keep the
        // bytes they had, and blobs written before decode as records without them.
        guard record.previousVerdict != nil || record.review != nil else { return }
        w.optionalString(record.previousVerdict?.rawValue)
        if let review = record.review {
            w.out.append(1)
            w.string(review.verdict.rawValue)
            w.optionalString(review.note)
            w.optionalString(review.by)
            w.string(review.at)
            w.out.append(review.stale == true ? 1 : 0)
            w.optionalString(review.reviewedText)
        } else {
            w.out.append(0)
        }
    }

    /// The record `append` wrote, or nil when the bytes are not one (a truncated or foreign blob).
    static func decode(_ bytes: UnsafeRawBufferPointer) -> ClaimRecord? {
        var r = Reader(bytes: bytes)
        guard let id = r.string(), let doc = r.string(), let title = r.optionalString(), let url = r.optionalString(),
              let text = r.string(), let verdictName = r.string(), let verdict = Verdict(rawValue: verdictName),
              let score = r.double(), let cueCount = r.unsigned(), cueCount <= UInt64(bytes.count)
        else { return nil }
        var cues: [Cue] = []
        cues.reserveCapacity(Int(cueCount))
        for _ in 0..<Int(cueCount) {
            guard let cueText = r.string(), let categoryName = r.string(), let category = CueCategory(rawValue: categoryName),
                  let start = r.int(), let end = r.int(), let hasWeight = r.byte() else { return nil }
            guard hasWeight < 4 else { return nil }
            var weight: Double?
            if hasWeight & 1 == 1 { guard let value = r.double() else { return nil }; weight = value }
            guard let by = r.optionalString() else { return nil }
            var speaker: SourceMention?
            if hasWeight & 2 == 2 {
                guard let text = r.string(), let start = r.int(), let end = r.int() else { return nil }
                speaker = SourceMention(text: text, start: start, end: end)
            }
            cues.append(Cue(text: cueText, category: category, start: start, end: end, weight: weight,
                            by: by.flatMap(CueOrigin.init(rawValue:)), speaker: speaker))
        }
        guard let hasSource = r.byte() else { return nil }
        var source: Source?
        if hasSource == 1 || hasSource == 2 {
            guard let sourceText = r.string(), let named = r.byte() else { return nil }
            source = Source(text: sourceText, named: named == 1)
            if hasSource == 2 {
                guard let text = r.string(), let start = r.int(), let end = r.int() else { return nil }
                source?.mention = SourceMention(text: text, start: start, end: end)
            }
        }
        guard let block = r.int(), let sentence = r.int(), let headline = r.byte(), let context = r.optionalString(),
              let change = r.optionalString(), let kind = r.optionalString() else { return nil }
        let claim = Claim(id: id, block: 0, sentence: 0, text: text, cues: cues, source: source, verdict: verdict, context: context)
        var record = ClaimRecord(claim: claim, document: Document(id: doc, path: doc, metadata: Metadata(title: title, canonicalURL: url)),
                                 change: change)
        // Stored as they were: the record was clamped and rounded when it was made.
        record.score = score
        record.block = block
        record.sentence = sentence
        record.headline = headline == 1
        record.kind = kind.flatMap(ClaimKind.init(rawValue:))
        guard r.position < bytes.count else { return record }
        guard let previous = r.optionalString(), let hasReview = r.byte() else { return nil }
        record.previousVerdict = previous.flatMap(Verdict.init(rawValue:))
        if hasReview == 1 {
            guard let name = r.string(), let verdict = ReviewVerdict(rawValue: name), let note = r.optionalString(),
                  let by = r.optionalString(), let at = r.string(), let stale = r.byte(), let reviewed = r.optionalString()
            else { return nil }
            record.review = Review(verdict: verdict, note: note, by: by, at: at, stale: stale == 1 ? true : nil, reviewedText: reviewed)
        }
        return record
    }

    struct Writer {
        var out: [UInt8]

        mutating func unsigned(_ value: UInt64) {
            var value = value
            while value >= 0x80 {
                out.append(UInt8(value & 0x7F) | 0x80)
                value >>= 7
            }
            out.append(UInt8(value))
        }

        mutating func int(_ value: Int) {
            let wide = Int64(value)
            unsigned(UInt64(bitPattern: (wide << 1) ^ (wide >> 63)))
        }

        mutating func double(_ value: Double) {
            var bits = value.bitPattern
            for _ in 0..<8 {
                out.append(UInt8(bits & 0xFF))
                bits >>= 8
            }
        }

        mutating func string(_ value: String) {
            let utf8 = value.utf8
            unsigned(UInt64(utf8.count))
            out.append(contentsOf: utf8)
        }

        mutating func optionalString(_ value: String?) {
            if let value {
                out.append(1)
                string(value)
            } else {
                out.append(0)
            }
        }
    }

    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var position = 0

        mutating func byte() -> UInt8? {
            guard position < bytes.count else { return nil }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func unsigned() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while let byte = byte() {
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
                if shift > 63 { return nil }
            }
            return nil
        }

        mutating func int() -> Int? {
            guard let raw = unsigned() else { return nil }
            return Int(Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1))))
        }

        mutating func double() -> Double? {
            guard position + 8 <= bytes.count else { return nil }
            var bits: UInt64 = 0
            for index in 0..<8 { bits |= UInt64(bytes[position + index]) << (8 * UInt64(index)) }
            position += 8
            return Double(bitPattern: bits)
        }

        mutating func string() -> String? {
            guard let count = unsigned(), count <= UInt64(bytes.count - position) else { return nil }
            let start = position
            position += Int(count)
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        }

        /// Steps over an optional string; false when the bytes end early.
        mutating func skipOptionalString() -> Bool {
            guard let flag = byte() else { return false }
            if flag == 0 { return true }
            guard let count = unsigned(), count <= UInt64(bytes.count - position) else { return false }
            position += Int(count)
            return true
        }

        /// `.some(nil)` for an absent value, nil when the bytes end early.
        mutating func optionalString() -> String?? {
            guard let flag = byte() else { return nil }
            if flag == 0 { return .some(nil) }
            guard let value = string() else { return nil }
            return .some(value)
        }
    }
}

extension ClaimRecord {
    /// Appends the record in the spill's compact form (`ClaimRecordBinary`; no corroboration):
    /// the state keeps claims in it too, so a night where nothing changed reads them back
    /// without decoding JSON.
    public func appendBinary(to out: inout [UInt8]) {
        ClaimRecordBinary.append(self, to: &out)
    }

    /// The record `appendBinary` wrote, or nil when `bytes` are not one.
    public init?(binary bytes: UnsafeRawBufferPointer) {
        guard let record = ClaimRecordBinary.decode(bytes) else { return nil }
        self = record
    }
}
