import ClaimSieveLanguage
import Testing

/// News text: quotes and their attribution, datelines, bracketed insertions, glued markup.
@Suite("Split: news text")
struct SplitNewsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var input: String
        var expected: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "curly quote closing after a comma, then its attribution",
            input: "“We believe that Syria is for all Syrians,” Jalali said, adding he was at home. He left.",
            expected: ["“We believe that Syria is for all Syrians,” Jalali said, adding he was at home.", "He left."]),
        Case(
            name: "quote closing after a period, lower-case attribution",
            input: "Damascus is “free.” the rebels said. The army left.",
            expected: ["Damascus is “free.” the rebels said.", "The army left."]),
        Case(
            name: "attribution after a comma inside straight quotes",
            input: "\"We declare the city free,\" the rebels said. \"A free Syria awaits you.\"",
            expected: ["\"We declare the city free,\" the rebels said.", "\"A free Syria awaits you.\""]),
        Case(
            name: "sentence after a closing curly quote",
            input: "The ministry said he left office “giving instructions for a peaceful transfer of power.” Russia did not take part.",
            expected: [
                "The ministry said he left office “giving instructions for a peaceful transfer of power.”",
                "Russia did not take part.",
            ]),
        Case(
            name: "a quote of several sentences stays with its attribution",
            input: "“We will fight. We will win,” the commander said. The city fell.",
            expected: ["“We will fight. We will win,” the commander said.", "The city fell."]),
        Case(
            name: "question inside a quote, attribution after",
            input: "“Where is Assad?” residents asked on Sunday. Nobody knew.",
            expected: ["“Where is Assad?” residents asked on Sunday.", "Nobody knew."]),
        Case(
            name: "bracketed insertion",
            input: "“Hezbollah has nearly been decimated [by Israel],” he told VOA. It was late.",
            expected: ["“Hezbollah has nearly been decimated [by Israel],” he told VOA.", "It was late."]),
        Case(
            name: "dateline stays with its sentence",
            input: "DAMASCUS, Syria (AP) — Syrian rebels said Sunday they had taken the capital. Assad fled.",
            expected: ["DAMASCUS, Syria (AP) — Syrian rebels said Sunday they had taken the capital.", "Assad fled."]),
        Case(
            name: "U.S. before a name is no boundary",
            input: "The White House told RFE/RL that U.S. President Joe Biden is monitoring events. He spoke later.",
            expected: ["The White House told RFE/RL that U.S. President Joe Biden is monitoring events.", "He spoke later."]),
        Case(
            name: "U.S.-based is one word",
            input: "A U.S.-based security source told Soldier of Fortune. The group declined to comment.",
            expected: ["A U.S.-based security source told Soldier of Fortune.", "The group declined to comment."]),
        Case(
            name: "sentence ending in U.S. before a pronoun",
            input: "They met contacts in London and the U.S. They left on Monday.",
            expected: ["They met contacts in London and the U.S.", "They left on Monday."]),
        Case(
            name: "glued sentence from broken markup",
            input: "Jalali said he was still at home in Damascus and had not fleAbu Mohammad al-Golani, a leader of the HTS, has emerged.",
            expected: [
                "Jalali said he was still at home in Damascus and had not fle",
                "Abu Mohammad al-Golani, a leader of the HTS, has emerged.",
            ]),
        Case(
            name: "glued sentence starting with a sentence starter",
            input: "The bridge was destroyedThe army said it would rebuild it.",
            expected: ["The bridge was destroyed", "The army said it would rebuild it."]),
        Case(
            name: "months and times in news style",
            input: "The rebels entered Homs on Dec. 7 at 5 a.m. local time. They reached Damascus at 6 p.m. The government fell.",
            expected: [
                "The rebels entered Homs on Dec. 7 at 5 a.m. local time.", "They reached Damascus at 6 p.m.",
                "The government fell.",
            ]),
        Case(
            name: "non-breaking spaces",
            input: "Russia has been a close ally of Assad.\u{00A0}The family arrived in Moscow.",
            expected: ["Russia has been a close ally of Assad.", "The family arrived in Moscow."]),
        Case(
            name: "em dash asides",
            input: "Assad’s key allies — Iran, its proxy forces, and Russia — are embroiled in conflicts. Events proved otherwise.",
            expected: ["Assad’s key allies — Iran, its proxy forces, and Russia — are embroiled in conflicts.", "Events proved otherwise."]),
    ]

    @Test("news case", arguments: cases)
    func newsCase(_ c: Case) {
        #expect(splitter.split(c.input) == c.expected)
    }

    /// Camel-case names are not glued sentences: a capitalised head (Mc, You, De, Play), a head
    /// shorter than three letters (i, e), a known name (easyJet) or no sentence-like tail.
    @Test(
        "camel-case names do not split",
        arguments: [
            "He ate at McDonald Street with Joe.", "The iPhone Pro Max sold out.", "It went viral on YouTube Shorts.",
            "Senator McCain Said nothing.", "Governor DeSantis Signed the bill.", "The PlayStation Portable was cheap.",
            "She sold it on eBay Motors.", "They flew easyJet Airline to Rome.", "The MacDonald Family agreed.",
            "He uses macOS Ventura daily.", "Her JavaScript Code ran.", "A wikiLeaks Cable said so.",
        ])
    func camelCaseNames(_ sentence: String) {
        #expect(splitter.split(sentence) == [sentence])
    }

    @Test("handles and URLs are not glued text")
    func handlesAndURLs() {
        let text = "Follow @realDonaldTrump Today for news and https://example.com/newsStory for more."
        #expect(splitter.split(text) == [text])
        // A capitalised word after a URL starts a sentence (sentences-ud: links stand alone), but
        // the URL itself is never cut.
        #expect(splitter.split("Read https://example.com/newsStory Now for more.")
            == ["Read https://example.com/newsStory", "Now for more."])
    }
}
