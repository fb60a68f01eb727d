import ClaimSieveCore
import Testing

/// Cue offsets are UTF-8 byte offsets into the claim's text, end exclusive.
@Suite("Byte offsets")
struct TagOffsetTests {
    @Test(arguments: [
        "“Décidé” à Genève, the minister [[reportedly|hearsay]] quit.",
        "Assad’s whereabouts were [[not confirmed|unconfirmed]] as of early Sunday.",
        "Ça va — «bien» — 東京 officials [[may|speculation]] leave.",
        "The café’s owner, Zoë Ångström, [[said|named_source]] the roof collapsed.",
        "😀 [[Reports say|hearsay]] the convoy stopped.",
    ])
    func offsets(_ marked: String) {
        let expected = MarkedText(marked)
        let claim = Shared.claim(expected.text)
        let bytes = Array(expected.text.utf8)
        #expect(claim.cues.count == expected.spans.count)
        for (cue, span) in zip(claim.cues, expected.spans) {
            #expect(cue.start == span.start)
            #expect(cue.end == span.end)
            #expect(String(decoding: bytes[cue.start..<cue.end], as: UTF8.self) == cue.text)
            #expect(cue.category == span.category)
        }
    }

    @Test("the source span is exact text after non-ASCII")
    func sourceAfterNonASCII() {
        let claim = Shared.claim("“Ça suffit,” said Zoë Ångström, the mayor.")
        #expect(claim.source == Source(text: "Zoë Ångström", named: true))
    }
}
