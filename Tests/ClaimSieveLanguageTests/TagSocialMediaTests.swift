import ClaimSieveCore
import Testing

/// social_media: posts, videos and channels — unless a named writer posts on the record.
@Suite("Cues: social media")
struct TagSocialMediaTests {
    @Test(arguments: [
        "[[Posts on social media|social_media]] [[say|social_media]] that the fortress did not hold.",
        "A [[viral video|social_media]] shows soldiers entering the building.",
        "A user [[wrote on Telegram|social_media]] that the bridge had been destroyed.",
        "The clip [[went viral|social_media]] on Sunday evening.",
        "Footage [[circulating on social media|social_media]] shows smoke over the port.",
        "[[Social media users|social_media]] [[claimed|social_media]] that the whole city lost power.",
    ])
    func socialMedia(_ marked: String) {
        expectMarked(marked, .unverified)
    }

    @Test("a platform's post named as the speaker is social media, however it is capitalised")
    func postOnANamedPlatform() {
        let claim = Shared.claim("The fire spread to four houses, according to a Facebook post viewed 40,000 times.")
        #expect(claim.verdict == .unverified)
        #expect(claim.cues.map(\.category) == [.socialMedia])
    }

    @Test("a sentence opened by a platform phrase used as a noun is its own speaker, not the last one named")
    func platformPhraseAsSubject() {
        let claim = Shared.analyzer.analyze([
            "One resident wrote on Facebook that the bridge was shut.",
            "Claims on TikTok that the dam had burst were shared 10,000 times.",
        ])[1]
        #expect(claim.verdict == .unverified)
        #expect(claim.source?.text == "Claims on TikTok")
        #expect(claim.source?.named == false)
        #expect(claim.context == nil)
        #expect(claim.cues.map(\.category) == [.socialMedia])
    }

    @Test("a named writer on a platform is attributed")
    func namedWriter() {
        expectMarked("The mayor [[wrote on Facebook|named_source]] that schools would reopen.", .attributed)
        expectMarked("Governor Anne Holt [[posted on X|named_source]] that the order was lifted.", .attributed)
    }
}
