import ClaimSieveCore
import ClaimSieveLanguage
import Testing

/// A sentence with its expected cue spans marked inline: `The minister [[reportedly|hearsay]] quit.`
///
/// The markers are removed and the span offsets computed in UTF-8 bytes of the clean text, so a
/// test states what it expects where a reader sees it instead of counting bytes by hand.
struct MarkedText: CustomStringConvertible {
    struct Span: Equatable, CustomStringConvertible {
        var text: String
        var category: CueCategory?
        var start: Int
        var end: Int
        var description: String { "\(category?.rawValue ?? "?"):\(text)@\(start)..<\(end)" }
    }

    let text: String
    let spans: [Span]

    init(_ marked: String) {
        let bytes = Array(marked.utf8)
        var output: [UInt8] = []
        var spans: [Span] = []
        var index = 0
        while index < bytes.count {
            if index + 1 < bytes.count, bytes[index] == 0x5B, bytes[index + 1] == 0x5B,
                let close = Self.find([0x5D, 0x5D], in: bytes, from: index + 2)
            {
                var inner = Array(bytes[(index + 2)..<close])
                var category: CueCategory?
                if let bar = inner.lastIndex(of: 0x7C) {
                    category = CueCategory(rawValue: String(decoding: inner[(bar + 1)...], as: UTF8.self))
                    inner = Array(inner[..<bar])
                }
                let start = output.count
                output.append(contentsOf: inner)
                spans.append(
                    Span(text: String(decoding: inner, as: UTF8.self), category: category, start: start, end: output.count))
                index = close + 2
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        text = String(decoding: output, as: UTF8.self)
        self.spans = spans
    }

    var description: String { text }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + needle.count <= bytes.count {
            if Array(bytes[index..<(index + needle.count)]) == needle { return index }
            index += 1
        }
        return nil
    }
}

/// One analyzer for all tests: compiling the lexicon once keeps the suite fast.
enum Shared {
    static let analyzer: SentenceAnalyzer = {
        do { return try SentenceAnalyzer() } catch { fatalError("built-in lexicon: \(error)") }
    }()

    static func claim(_ sentence: String) -> Claim { analyzer.analyze([sentence])[0] }
}

/// Checks a marked sentence: exactly the marked cues (offsets, text, category) and the verdict.
func expectMarked(_ marked: String, _ verdict: Verdict, sourceLocation: SourceLocation = #_sourceLocation) {
    let expected = MarkedText(marked)
    let claim = Shared.claim(expected.text)
    let found = claim.cues.map {
        MarkedText.Span(text: $0.text, category: $0.category, start: $0.start, end: $0.end)
    }
    let wanted = expected.spans.map { span in
        var span = span
        if span.category == nil, let match = found.first(where: { $0.start == span.start && $0.end == span.end }) {
            span.category = match.category
        }
        return span
    }
    #expect(found == wanted, "\(expected.text)", sourceLocation: sourceLocation)
    #expect(claim.verdict == verdict, "\(expected.text) cues: \(found)", sourceLocation: sourceLocation)
    for cue in claim.cues {
        let bytes = Array(expected.text.utf8)[cue.start..<cue.end]
        #expect(String(decoding: bytes, as: UTF8.self) == cue.text, sourceLocation: sourceLocation)
    }
}
