import ClaimSieveCore
import Testing

/// Who speaks: the speaker span as written, and whether it is named.
@Suite("Sources")
struct TagSourceTests {
    struct Case: CustomStringConvertible, Sendable {
        var sentence: String
        var speaker: String
        var named: Bool
        var description: String { sentence }
    }

    @Test(arguments: [
        Case(sentence: "The Russian Foreign Ministry said on December 8 that Assad had resigned.", speaker: "The Russian Foreign Ministry", named: true),
        Case(sentence: "Syrian Prime Minister Mohammad Ghazi al-Jalali said in a video that the government was ready.", speaker: "Syrian Prime Minister Mohammad Ghazi al-Jalali", named: true),
        Case(sentence: "The terror group can no longer fight, a U.S.-based security source told Soldier of Fortune.", speaker: "a U.S.-based security source", named: false),
        Case(sentence: "“We declare the city free,” the insurgents’ Military Operations Command wrote on Telegram.", speaker: "the insurgents’ Military Operations Command", named: true),
        Case(sentence: "“Iran is preoccupied,” said Ahmed Rahal, a former Syrian military general.", speaker: "Ahmed Rahal", named: true),
        Case(sentence: "The U.S.-based Institute for the Study of War (ISW) said that forces had collapsed.", speaker: "The U.S.-based Institute for the Study of War (ISW)", named: true),
        Case(sentence: "Russia did not participate in these negotiations, the ministry said.", speaker: "the ministry", named: true),
        Case(sentence: "The statements came after the rebels said on state TV that Damascus was free.", speaker: "the rebels", named: true),
        Case(sentence: "Officials said the road would remain closed.", speaker: "Officials", named: false),
        Case(sentence: "Experts have said the fall of the regime is a setback.", speaker: "Experts", named: false),
        Case(sentence: "“Hezbollah has been pushed to the wall,” the source said.", speaker: "the source", named: false),
        Case(sentence: "The family arrived in Moscow Sunday, the reports said.", speaker: "the reports", named: false),
        Case(sentence: "The family has been granted asylum, according to Russian media.", speaker: "Russian media", named: false),
        Case(sentence: "An official who was not authorized to speak publicly said the audit found errors.", speaker: "An official", named: false),
        Case(sentence: "Ana Silva, who leads the research team, said the results were encouraging.", speaker: "Ana Silva", named: true),
        Case(sentence: "The team's doctor confirmed the injury on Wednesday.", speaker: "The team's doctor", named: true),
        Case(sentence: "Officials at the ministry said the plan was dropped.", speaker: "Officials at the ministry", named: false),
        Case(sentence: "The Washington Post reported that an inquiry had been opened.", speaker: "The Washington Post", named: true),
        Case(sentence: "Ashwick Fire and Rescue Service said crews had carried out 14 rescues.", speaker: "Ashwick Fire and Rescue Service", named: true),
        Case(sentence: "The report, published by the United Nations on Tuesday, said 2 million people needed aid.", speaker: "The report", named: true),
        // A phrase that names its own speaker ends with the speaker's noun, whatever verb follows.
        Case(sentence: "Analysts expect prices to fall by spring.", speaker: "Analysts", named: false),
        Case(sentence: "Experts believe the dam was weakened by the floods.", speaker: "Experts", named: false),
        // ... unless a name follows the noun.
        Case(sentence: "Former Treasury official Dana Whitfield told the committee that the audit was late.", speaker: "official Dana Whitfield", named: true),
        // A past participle after the speaker's noun says something of it.
        Case(sentence: "The fire spread to four houses, according to a Facebook post viewed 40,000 times.", speaker: "a Facebook post", named: false),
        Case(sentence: "The talks collapsed, according to two people briefed on the meeting.", speaker: "two people", named: false),
        // A participle after a comma speaks for the clause's subject, past an opening phrase.
        Case(sentence: "The harbour authority is unhappy with the ferry operators, saying they ignored the warnings.", speaker: "The harbour authority", named: true),
        Case(sentence: "On Monday, the rail union rejected the offer, adding that talks would resume.", speaker: "the rail union", named: true),
        // The clause nearest the participle speaks.
        Case(sentence: "The mayor resigned on Monday, and the council named a successor, saying the city needed stability.", speaker: "the council", named: true),
        // An adverb between the speaker and the verb is neither.
        Case(sentence: "The minister has repeatedly denied the allegations.", speaker: "The minister", named: true),
    ])
    func speaker(_ example: Case) {
        let claim = Shared.claim(example.sentence)
        #expect(claim.source?.text == example.speaker)
        #expect(claim.source?.named == example.named)
    }

    @Test("a name inside a phrase of unnamed sources makes the claim attributed")
    func nameInsideAnUnnamedPhrase() {
        let claim = Shared.claim("Former Treasury official Dana Whitfield told the committee that the audit was late.")
        #expect(claim.verdict == .attributed)
        #expect(claim.cues.map(\.category) == [.namedSource])
    }

    @Test("a sentence without attribution has no source")
    func noSource() {
        #expect(Shared.claim("Russia has been a close ally of Assad.").source == nil)
    }

    @Test("a Title Case headline proves no names by its capitals")
    func titleCaseHeadline() {
        let claim = Shared.claim("Officials Say Assad Fled Damascus")
        #expect(claim.source?.named == false)
        #expect(claim.verdict == .unverified)
    }
}
