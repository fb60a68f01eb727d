import ClaimSieveCore
import ClaimSieveReports
import ClaimSieveTestSupport
import Foundation
import Testing

/// `report.md` rendered by a real CommonMark renderer (markdown-it-py, HTML allowed, the way a
/// chat or mail client would): no HTML element may come out of user text.
@Suite struct MarkdownEscapingTests {
    /// Payloads that inject markup when put into Markdown unescaped, in code spans or not.
    static let payloads = [
        "md`<img src=x onerror=alert(1)>`.html",
        "line\n\n<script>alert(1)</script>\n",
        "<a href=\"javascript:alert(1)\">x</a>",
        "``<img src=x>``",
        "| cell | <b>bold</b> |",
        "[link](javascript:alert(1)) ![i](x)",
        "<https://evil.example/>",
        "&lt;img src=x&gt; &#60;img&#62;",
        "# heading\r- list\u{2028}> quote",
        "<!-- comment --> <?php x ?> <![CDATA[x]]>",
        "\u{0}\u{1b}[31mred ~~strike~~ *em* _em_ **strong**",
    ]

    /// The tags our own Markdown produces; anything else came from user text.
    static let ourTags: Set<String> = ["h1", "h2", "h3", "p", "table", "thead", "tbody", "tr", "th", "td",
                                       "ul", "li", "strong", "em", "sub", "br"]

    static func render(_ markdownPath: String) throws -> String {
        let script = """
        import sys
        try:
            from markdown_it import MarkdownIt
        except ImportError:
            sys.exit("markdown-it-py is missing: pip install markdown-it-py")
        md = MarkdownIt("commonmark", {"html": True}).enable("table")
        sys.stdout.write(md.render(open(sys.argv[1], encoding="utf-8").read()))
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, markdownPath]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: String(decoding: errors, as: UTF8.self)])
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Every element name the renderer produced.
    static func tags(in html: String) -> Set<String> {
        var names = Set<String>()
        let bytes = Array(html.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<") {
                var end = index + 1
                if end < bytes.count, bytes[end] == UInt8(ascii: "/") { end += 1 }
                let start = end
                while end < bytes.count, (bytes[end] | 0x20) >= UInt8(ascii: "a") && (bytes[end] | 0x20) <= UInt8(ascii: "z") || (start < end && bytes[end] >= UInt8(ascii: "0") && bytes[end] <= UInt8(ascii: "9")) {
                    end += 1
                }
                names.insert(end > start ? String(decoding: bytes[start..<end], as: UTF8.self).lowercased() : String(decoding: bytes[index..<min(index + 4, bytes.count)], as: UTF8.self))
                index = end
            } else {
                index += 1
            }
        }
        return names
    }

    @Test func userTextEverywhereInReportMDRendersAsTextOnly() throws {
        let out = TestPaths.temporaryFolder()
        let writer = try ReportWriter(outputDirectory: out, formats: ["markdown", "summary"], pipelineName: Self.payloads[0] + ".yml")
        for (index, payload) in Self.payloads.enumerated() {
            let id = "\(index)-" + payload
            var claims = [
                Claim(id: "", block: 0, sentence: 0, text: "They reportedly said " + payload,
                      cues: [Cue(text: "reportedly", category: .hearsay, start: 5, end: 15)],
                      source: Source(text: payload, named: false), verdict: .unverified, score: 0.8, context: payload),
                Claim(id: "", block: 0, sentence: 1, text: payload, verdict: .confirmed, score: 0.9),
            ]
            ClaimID.assign(to: &claims, document: id)
            writer.add([Document(id: id, path: id, format: .html, metadata: Metadata(title: payload), claims: claims)])
            writer.add([Document(id: id + "#failed", path: id, format: .html, metadata: Metadata(title: nil),
                                 failure: Failure(stage: payload, reason: payload))])
        }
        writer.addGone([ClaimRecord(claim: Claim(id: "g", block: 0, sentence: 0, text: Self.payloads[1], verdict: .attributed, score: 0.5),
                                    document: Document(id: Self.payloads[0], path: Self.payloads[0], format: .html))])
        writer.markFresh([])
        let statistics = PipelineRunner.Statistics(inputs: 1, documents: 1, failed: 0, stageSeconds: [:],
                                                   peakInFlight: 1, stoppedBy: nil, wallSeconds: 1)
        try writer.finish(statistics: statistics)
        let html = try Self.render(out + "/report.md")
        let foreign = Self.tags(in: html).subtracting(Self.ourTags)
        #expect(foreign.isEmpty, "elements from user text: \(foreign.sorted())\n\(html.prefix(3000))")
        #expect(html.contains("onerror=alert(1)"), "the payload is shown as text")
        #expect(!html.contains("<img"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<a "))
    }

    @Test func escapingLeavesNoLineBreaksOrControlCharacters() {
        let escaped = HTMLText.markdownEscape("a\nb\r\n\u{2028}c\u{0}d\u{1b}e\u{7f}")
        #expect(!escaped.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{2028}" })
    }
}

/// `markdownEscape` works on bytes for speed; it must give exactly what the plain definition
/// (scalar by scalar) gives, on every kind of character.
@Suite struct MarkdownEscapeEquivalenceTests {
    static func reference(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "#", "|", "~", "!": result += "\\" + String(scalar)
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\u{2028}", "\u{2029}", "\u{85}": result += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { result += " " } else { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    @Test func bytesGiveWhatScalarsGive() {
        var samples = ["", "plain text", "a\u{2028}b\u{2029}c\u{85}d", "Ça «va» — 中文 😀 \u{2027}\u{202A}\u{84}\u{A0}",
                       "md`<img src=x onerror=alert(1)>`.html", "tab\there\nnew\r\u{7F}", "#1 [x](y) *b* _i_ ~s~ |t| !\\"]
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab<>&\\`*_[]#|~! \t\n\u{7F}\u{85}\u{2028}\u{2029}\u{2026}é中😀".unicodeScalars)
        for _ in 0..<500 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0..<40, using: &generator) { text.append(alphabet.randomElement(using: &generator)!) }
            samples.append(String(text))
        }
        for sample in samples {
            #expect(HTMLText.markdownEscape(sample) == Self.reference(sample), "\(sample.debugDescription)")
        }
    }
}
