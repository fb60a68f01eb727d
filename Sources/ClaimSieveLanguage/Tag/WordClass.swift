/// What the lexicon's word lists say about a word, as bits looked up by vocabulary id.
///
/// The speaker rules ask "is this a determiner, a generic noun, a pronoun?" for every word near a
/// speech verb; one array read per token keeps those questions free.
struct WordClass: OptionSet, Sendable {
    let rawValue: UInt32

    static let pronoun = WordClass(rawValue: 1 << 0)
    static let genericSpeaker = WordClass(rawValue: 1 << 1)
    static let hearsaySpeaker = WordClass(rawValue: 1 << 2)
    static let socialSpeaker = WordClass(rawValue: 1 << 3)
    static let institution = WordClass(rawValue: 1 << 4)
    static let determiner = WordClass(rawValue: 1 << 5)
    static let definite = WordClass(rawValue: 1 << 6)
    static let speakerStop = WordClass(rawValue: 1 << 7)
    static let speakerBreak = WordClass(rawValue: 1 << 8)
    static let speakerJoin = WordClass(rawValue: 1 << 9)
    static let auxiliary = WordClass(rawValue: 1 << 10)
    static let appositiveStart = WordClass(rawValue: 1 << 11)
    static let speechVerb = WordClass(rawValue: 1 << 12)
    static let speechContext = WordClass(rawValue: 1 << 13)
    static let agentMarker = WordClass(rawValue: 1 << 14)
    static let relative = WordClass(rawValue: 1 << 15)
    static let speakerLead = WordClass(rawValue: 1 << 16)
    static let imperative = WordClass(rawValue: 1 << 17)
    static let instructionLead = WordClass(rawValue: 1 << 18)
    static let reportedFuture = WordClass(rawValue: 1 << 19)
    static let clauseOpener = WordClass(rawValue: 1 << 20)
    static let factive = WordClass(rawValue: 1 << 21)
    static let impersonal = WordClass(rawValue: 1 << 22)
    static let passive = WordClass(rawValue: 1 << 23)
    static let genericFinding = WordClass(rawValue: 1 << 24)
    static let closingAdverbial = WordClass(rawValue: 1 << 25)
    static let subjectlessBefore = WordClass(rawValue: 1 << 26)
    /// An irregular finite form from the lexicon's `inflections` ("said", "told", "wrote"): set
    /// from them, not from a word list.
    static let irregularFinite = WordClass(rawValue: 1 << 27)

    /// The word list in the lexicon file that sets each bit.
    static let listNames: [(String, WordClass)] = [
        ("pronouns", .pronoun), ("generic_speakers", .genericSpeaker), ("hearsay_speakers", .hearsaySpeaker),
        ("social_speakers", .socialSpeaker), ("institution_speakers", .institution),
        ("determiners", .determiner), ("definite_determiners", .definite), ("speaker_stops", .speakerStop),
        ("speaker_breaks", .speakerBreak), ("speaker_joins", .speakerJoin), ("auxiliaries", .auxiliary),
        ("appositive_starts", .appositiveStart), ("speech_verbs", .speechVerb),
        ("speech_context_words", .speechContext), ("relative_pronouns", .relative),
        ("speaker_lead_words", .speakerLead), ("imperative_verbs", .imperative),
        ("instruction_leads", .instructionLead), ("reported_future", .reportedFuture),
        ("clause_openers", .clauseOpener), ("factive_verbs", .factive),
        ("impersonal_speakers", .impersonal), ("passive_auxiliaries", .passive),
        ("generic_findings", .genericFinding), ("closing_adverbials", .closingAdverbial),
        ("subjectless_before", .subjectlessBefore),
    ]
}
