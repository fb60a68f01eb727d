import ClaimSieveLanguage
import Testing

/// General segmentation rules beyond the Golden Rules, one example each (our own sentences).
@Suite("Split: general rules")
struct SplitGeneralTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var input: String
        var expected: [String]
        var pdf = false
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "a numbered list after a sentence",
            input: "The plan has three parts. 1. Stop the fighting 2. Free the prisoners 3. Hold elections",
            expected: ["The plan has three parts.", "1. Stop the fighting", "2. Free the prisoners", "3. Hold elections"]),
        Case(
            name: "a lettered list in lower case",
            input: "He named two aims. a. secure the city b. open the roads",
            expected: ["He named two aims.", "a. secure the city", "b. open the roads"]),
        Case(
            name: "lettered items with parentheses after a sentence",
            input: "The army left. m) tanks n) trucks",
            expected: ["The army left.", "m) tanks", "n) trucks"]),
        Case(
            name: "roman numerals on their own lines",
            input: "i) First point. \nii) Second point.",
            expected: ["i) First point.", "ii) Second point."]),
        Case(
            name: "enumerators in parentheses",
            input: "(a) The first demand. (b) The second demand.",
            expected: ["(a) The first demand.", "(b) The second demand."]),
        Case(
            name: "a number in a sentence is not a list",
            input: "As agreed in 1. above and in 2. above, nothing changes.",
            expected: ["As agreed in 1. above and in 2. above, nothing changes."]),
        Case(
            name: "an exclamation inside dashes",
            input: "They waited, and -- at last! -- the convoy arrived.",
            expected: ["They waited, and -- at last! -- the convoy arrived."]),
        Case(
            name: "a question before a dash and a new sentence",
            input: "Who fired first? - Witnesses disagree on that.",
            expected: ["Who fired first?", "- Witnesses disagree on that."]),
        Case(
            name: "a currency abbreviation before a number",
            input: "The fine was Rs. 5000 in total. He paid it.",
            expected: ["The fine was Rs. 5000 in total.", "He paid it."]),
        Case(
            name: "an abbreviation before a capitalised word that is not a sentence starter",
            input: "The Siemens & Co. KG unit was sold. It made trains.",
            expected: ["The Siemens & Co. KG unit was sold.", "It made trains."]),
        Case(
            name: "a name spelt with an exclamation mark",
            input: "Analysts at Yahoo! Finance said so. They were right.",
            expected: ["Analysts at Yahoo! Finance said so.", "They were right."]),
        Case(
            name: "single quotes around several sentences",
            input: "He wrote ‘we are free. We won’ (in a letter). Then he left.",
            expected: ["He wrote ‘we are free. We won’ (in a letter).", "Then he left."]),
        Case(
            name: "apostrophes are not quotes",
            input: "The rebels' advance was fast. The army's retreat was faster.",
            expected: ["The rebels' advance was fast.", "The army's retreat was faster."]),
        Case(
            name: "speech broken off by a dash",
            input: "He began, \"We never wanted--\" The crowd shouted him down.",
            expected: ["He began, \"We never wanted--\"", "The crowd shouted him down."]),
        Case(
            name: "runs of spaces fold, double spaces stay",
            input: "The army   left  the city.",
            expected: ["The army left  the city."]),
        Case(
            name: "a stray line break before a parenthesis",
            input: "The range is 400 yd \n( 366 m ).",
            expected: ["The range is 400 yd ( 366 m )."]),
        Case(
            name: "a line break before a capital ends the line",
            input: "Breaking news \nRebels take the city.",
            expected: ["Breaking news", "Rebels take the city."]),
        Case(
            name: "PDF text with a bulleted list",
            input: "• 1. Stop \n• 2. Wait \n \nThe rest of the text goes on \nhere.",
            expected: ["• 1. Stop", "• 2. Wait", "The rest of the text goes on here."], pdf: true),
        Case(
            name: "a dateline ending in a state abbreviation",
            input: "AUSTIN, Tex. — The governor signed the bill. It takes effect in May.",
            expected: ["AUSTIN, Tex. — The governor signed the bill.", "It takes effect in May."]),
        Case(
            name: "abbreviations before numbers",
            input: "See Fig. 3 and Art. 5 of the treaty, signed on Sept. 12. It holds.",
            expected: ["See Fig. 3 and Art. 5 of the treaty, signed on Sept. 12.", "It holds."]),
        Case(
            name: "initials and a company ending a sentence",
            input: "The shares were sold by J.P. Morgan & Co. They rose 5%.",
            expected: ["The shares were sold by J.P. Morgan & Co.", "They rose 5%."]),
        Case(
            name: "a time zone after a time of day",
            input: "The general spoke at 9 a.m. EST on Friday. He was brief.",
            expected: ["The general spoke at 9 a.m. EST on Friday.", "He was brief."]),
        Case(
            name: "a quote ending in a question, then attribution",
            input: "\"Where is he?\" asked the guard. Nobody answered.",
            expected: ["\"Where is he?\" asked the guard.", "Nobody answered."]),
    ]

    @Test("general rule", arguments: cases)
    func general(_ c: Case) {
        let splitter = SentenceSplitter(rules: splitRules, options: .init(joinLineBreaks: c.pdf))
        #expect(splitter.split(c.input) == c.expected)
    }
}
