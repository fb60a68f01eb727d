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
        var head = summary
        head.perDocument = []
        let text = String(decoding: try encoder.encode(head), as: UTF8.self)
        // The empty array as the encoder wrote it: `"per_document" : [` up to its `]`.
        guard let marker = text.range(of: "\"per_document\" : ["),
              let close = text[marker.upperBound...].firstIndex(where: { !$0.isWhitespace }), text[close] == "]" else {
            throw CocoaError(.coderInvalidValue)
        }
        out += String(text[..<marker.upperBound])
        for (index, facts) in documents.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            // An entry alone is indented from 0; inside the summary it is two levels deeper.
            let entry = String(decoding: try encoder.encode(ReportModel.entry(facts)), as: UTF8.self)
            // An empty object's blank line stays blank.
            out += entry.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
            try out.flushIfFull()
        }
        out += documents.isEmpty ? String(text[marker.upperBound...]) : "\n  " + String(text[close...])
    }
}
