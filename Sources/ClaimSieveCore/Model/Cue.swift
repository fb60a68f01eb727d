/// A span of a claim's text that tells how sure the claim is.
public struct Cue: Sendable, Codable, Equatable {
    /// The matched text, exactly the bytes `start..<end` of the claim's text.
    public var text: String
    /// The family the lexicon gives the phrase; the verdict rules decide by it.
    public var category: CueCategory
    /// UTF-8 byte offset into the claim's text, inclusive.
    public var start: Int
    /// UTF-8 byte offset into the claim's text, exclusive.
    public var end: Int
    /// How strongly the lexicon says this cue supports its category, in [0, 1]; the verdict's
    /// score is built from it. `nil` when a custom stage sent a cue without one.
    public var weight: Double?
    /// Who found the cue: `model` for a learned tagger's cue, so every verdict stays explained;
    /// nil for the lexicon (the default, kept out of the JSON).
    public var by: CueOrigin?
    /// Whose words an attribution cue reports, as this sentence writes them ("another source" of
    /// "..., another source said", "he" of "he told VOA"); nil when the sentence names nobody for
    /// it (the speaker is a sentence before's) and for cues of other kinds. A sentence can report
    /// two people ("Bloomberg reports that ..., according to the Roper Center"): each cue has its
    /// own, while the claim's `source` is the one the verdict and context rules use.
    public var speaker: SourceMention?

    /// Offsets are UTF-8 bytes into the claim's text, end exclusive; `weight` is nil when unknown.
    public init(
        text: String, category: CueCategory, start: Int, end: Int, weight: Double? = nil, by: CueOrigin? = nil,
        speaker: SourceMention? = nil
    ) {
        self.text = text
        self.category = category
        self.start = start
        self.end = end
        self.weight = weight
        self.by = by
        self.speaker = speaker
    }
}

/// Where a cue came from. The raw values are part of the output contract (`"by": "model"`).
public enum CueOrigin: String, Sendable, Codable, CaseIterable {
    /// A phrase of the lexicon (`pipelines/lexicons/en.yml`).
    case lexicon
    /// A learned tagger (`pipelines/models/`); the lexicon always wins where both speak.
    case model
}

/// The cue families. The raw values are part of the output contract (`claims.jsonl`, `tag`).
public enum CueCategory: String, Sendable, Codable, CaseIterable {
    case hearsay
    case unnamedSource = "unnamed_source"
    case namedSource = "named_source"
    case socialMedia = "social_media"
    case speculation
    case unconfirmed
    case confirmation
    case denial
    case weasel
}
