import Foundation

/// `summary.json` as `JSONEncoder` writes it (sorted keys, pretty printed, slashes unescaped),
/// with its `per_document` entries encoded one at a time: encoding the whole summary at once
/// built a tree of every document's entry, several MB a thousand documents.
enum SummaryJSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return encoder
    }()

    /// Writes `summary` (whose `perDocument` is ignored) with one entry per element of `documents`.
    static func write(_ summary: RunSummary, documents: [ReportModel.DocumentFacts], to out: ReportOutput) throws {
        try write(summary, to: out) { body in try documents.forEach(body) }
    }

    /// Writes `summary` (whose `perDocument` is ignored) with one entry per document that
    /// `documents` calls its argument with, in order (the spill's, one at a time).
    static func write(_ summary: RunSummary, to out: ReportOutput,
                      documents: ((ReportModel.DocumentFacts) throws -> Void) throws -> Void) throws {
        var head = summary
        head.perDocument = []
        let text = String(decoding: try encoder.encode(head), as: UTF8.self)
        // The empty array as the encoder wrote it: `"per_document" : [` up to its `]`.
        guard let marker = text.range(of: "\"per_document\" : ["),
              let close = text[marker.upperBound...].firstIndex(where: { !$0.isWhitespace }), text[close] == "]" else {
            throw CocoaError(.coderInvalidValue)
        }
        out += String(text[..<marker.upperBound])
        var bytes: [UInt8] = []
        var index = 0
        try documents { facts in
            defer { index += 1 }
            out += index == 0 ? "\n" : ",\n"
            let entry = ReportModel.entry(facts)
            bytes.removeAll(keepingCapacity: true)
            if plainEntry(entry, to: &bytes) {
                out.append(bytes: bytes)
                try out.flushIfFull()
                return
            }
            // An entry alone is indented from 0; inside the summary it is two levels deeper.
            let encoded = String(decoding: try encoder.encode(entry), as: UTF8.self)
            // An empty object's blank line stays blank.
            out += encoded.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
            try out.flushIfFull()
        }
        out += index == 0 ? String(text[marker.upperBound...]) : "\n  " + String(text[close...])
    }

    /// An entry as the encoder writes it inside the summary (indented two levels), written by
    /// hand when every string in it is plain (no quote, backslash or control character, which
    /// the encoder escapes) and it has verdicts: `JSONEncoder` cost about 230,000 instructions
    /// an entry, a tenth of a night where nothing changed. False (nothing written) otherwise:
    /// the encoder writes it. `SummaryJSONTests` compares the two on random entries.
    static func plainEntry(_ entry: RunSummary.DocumentEntry, to o: inout [UInt8]) -> Bool {
        guard !entry.verdicts.isEmpty, isPlain(entry.doc), isPlain(entry.format), isPlain(entry.status),
              entry.title.map(isPlain) ?? true, entry.language.map(isPlain) ?? true,
              entry.verdicts.keys.allSatisfy(isPlain) else { return false }
        func field(_ key: String, _ value: String) {
            o.append(contentsOf: "      \"\(key)\" : \"".utf8)
            o.append(contentsOf: value.utf8)
            o.append(contentsOf: "\",\n".utf8)
        }
        o.append(contentsOf: "    {\n      \"claims\" : \(entry.claims),\n".utf8)
        field("doc", entry.doc)
        field("format", entry.format)
        if let language = entry.language { field("language", language) }
        field("status", entry.status)
        if let title = entry.title { field("title", title) }
        o.append(contentsOf: "      \"verdicts\" : {\n".utf8)
        for (index, (key, count)) in entry.verdicts.sorted(by: { $0.key < $1.key }).enumerated() {
            o.append(contentsOf: "\(index > 0 ? ",\n" : "")        \"\(key)\" : \(count)".utf8)
        }
        o.append(literal: "\n      }\n    }")
        return true
    }

    /// A string the encoder writes as it is between quotes.
    private static func isPlain(_ string: String) -> Bool {
        string.utf8.allSatisfy { $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") && $0 != 0x7F }
    }
}
