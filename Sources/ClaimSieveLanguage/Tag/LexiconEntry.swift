public import ClaimSieveCore

/// One cue phrase of a lexicon file, as an editor wrote it.
///
/// Entries are data so that a newsroom can tune the tagger without a release: the phrase notation
/// (`{say}` for every inflection, `a|b` for alternatives, `*` for a gap of words) is compiled once
/// into the matcher, never interpreted per sentence.
public struct LexiconEntry: Sendable, Equatable, Decodable {
    /// Where the speaker of an attribution cue stands, so the tagger knows where to look for the name.
    public enum SpeakerPosition: String, Sendable, Decodable {
        /// "the ministry said": the speaker comes before the cue.
        case before
        /// "according to the ministry": the speaker comes after the cue.
        case after
        /// "said" can be either ("the ministry said", "said Ahmed Rahal"): before first, then after.
        case either
        /// The cue names its own speaker ("a security source told", "officials said").
        case `self`
    }

    /// The phrase in lexicon notation, e.g. `a * source {tell}`.
    public var phrase: String
    /// The cue family; `nil` for a `neutral` entry, which only blocks shorter cues inside it
    /// ("could not be reached for comment" is not speculation).
    public var category: CueCategory?
    /// How strongly the cue supports its category, in [0, 1]; feeds the verdict's score.
    public var weight: Double
    /// The most words one `*` stands for.
    public var gap: Int
    /// Set for attribution cues: where to look for who is speaking.
    public var speaker: SpeakerPosition?
    /// The category used when the speaker turns out to be unnamed ("a user wrote on Telegram").
    public var unnamed: CueCategory?
    /// Words that cancel the match when they come right after it (`#number` for any number).
    public var notBefore: [String]
    /// Words that cancel the match when they come right before it.
    public var notAfter: [String]
    /// Cancel when the first word is capitalised mid-sentence ("in May", "Theresa May").
    public var skipCapitalized: Bool
    /// Only a speech verb when it introduces speech ("added that", "added:", "…,” he added.")
    /// rather than being an ordinary verb ("the army added 500 troops").
    public var speechContext: Bool
    /// Cancel when a named agent follows ("is considered a terrorist group by the United States"
    /// is a designation on the record, not a weasel).
    public var cancelByNamedAgent: Bool
    /// Only when the phrase opens the sentence ("That said, ..." is the writer's turn of phrase;
    /// "a post that said ..." reports speech).
    public var atStart: Bool = false
    /// Replace earlier entries with the same phrase instead of failing as a duplicate.
    public var replace: Bool
    /// Where the entry was written (`file:line:column`), set when a lexicon file is loaded, so
    /// that a phrase the tagger cannot compile is reported with its place; nil for code.
    public var origin: String?

    /// Builds an entry in code, for tests and for tools that generate lexicons.
    public init(
        phrase: String, category: CueCategory?, weight: Double = 0.7, gap: Int = 3,
        speaker: SpeakerPosition? = nil, unnamed: CueCategory? = nil, notBefore: [String] = [],
        notAfter: [String] = [], skipCapitalized: Bool = false, speechContext: Bool = false,
        cancelByNamedAgent: Bool = false, replace: Bool = false
    ) {
        self.phrase = phrase
        self.category = category
        self.weight = weight
        self.gap = gap
        self.speaker = speaker
        self.unnamed = unnamed
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.skipCapitalized = skipCapitalized
        self.speechContext = speechContext
        self.cancelByNamedAgent = cancelByNamedAgent
        self.replace = replace
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case phrase, category, weight, gap, speaker, unnamed, replace
        case notBefore = "not_before"
        case notAfter = "not_after"
        case skipCapitalized = "skip_capitalized"
        case speechContext = "speech_context"
        case cancelByNamedAgent = "cancel_by_named_agent"
        case atStart = "at_start"
    }

    /// Decodes one `cues:` item; an unknown key or category is an error so that a typo in a
    /// lexicon never silently disables a cue.
    public init(from decoder: any Decoder) throws {
        let any = try decoder.container(keyedBy: AnyKey.self)
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        for key in any.allKeys where !known.contains(key.stringValue) {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: any,
                debugDescription: "unknown key '\(key.stringValue)' (known: \(known.sorted().joined(separator: ", ")))")
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        phrase = try container.decode(String.self, forKey: .phrase)
        let categoryName = try container.decode(String.self, forKey: .category)
        category = try Self.category(named: categoryName, in: container, key: .category)
        weight = try container.decodeIfPresent(Double.self, forKey: .weight) ?? 0.7
        gap = try container.decodeIfPresent(Int.self, forKey: .gap) ?? 3
        speaker = try container.decodeIfPresent(SpeakerPosition.self, forKey: .speaker)
        if let name = try container.decodeIfPresent(String.self, forKey: .unnamed) {
            unnamed = try Self.category(named: name, in: container, key: .unnamed)
        } else {
            unnamed = nil
        }
        notBefore = try container.decodeIfPresent([String].self, forKey: .notBefore) ?? []
        notAfter = try container.decodeIfPresent([String].self, forKey: .notAfter) ?? []
        skipCapitalized = try container.decodeIfPresent(Bool.self, forKey: .skipCapitalized) ?? false
        speechContext = try container.decodeIfPresent(Bool.self, forKey: .speechContext) ?? false
        cancelByNamedAgent = try container.decodeIfPresent(Bool.self, forKey: .cancelByNamedAgent) ?? false
        atStart = try container.decodeIfPresent(Bool.self, forKey: .atStart) ?? false
        replace = try container.decodeIfPresent(Bool.self, forKey: .replace) ?? false
        guard (0...1).contains(weight) else {
            throw DecodingError.dataCorruptedError(
                forKey: .weight, in: container, debugDescription: "weight must be in [0, 1], got \(weight)")
        }
        guard (1...20).contains(gap) else {
            throw DecodingError.dataCorruptedError(forKey: .gap, in: container, debugDescription: "gap must be from 1 to 20 words, got \(gap)")
        }
    }

    private static func category(
        named name: String, in container: KeyedDecodingContainer<CodingKeys>, key: CodingKeys
    ) throws -> CueCategory? {
        if name == "neutral" { return nil }
        if let category = CueCategory(rawValue: name) { return category }
        let names = CueCategory.allCases.map(\.rawValue) + ["neutral"]
        throw DecodingError.dataCorruptedError(
            forKey: key, in: container,
            debugDescription: "unknown category '\(name)' (known: \(names.joined(separator: ", ")))")
    }
}

/// Any string key, to list the keys an editor actually wrote.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
