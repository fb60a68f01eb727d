public import ClaimSieveCore

/// What the tagger found in one sentence on its own, before the document's context is applied.
public struct TaggedSentence: Sendable, Equatable {
    /// Cue spans in text order, never overlapping (reports highlight them as they are).
    public var cues: [Cue]
    /// The speaker of the sentence's first attribution, when there is one.
    public var source: Source?
    /// The speaker is "he"/"she"/"they" or could not be found: the sentences before may tell.
    public var speakerNeedsContext: Bool
    /// Indices into `cues` of the attribution cues whose category depends on that speaker
    /// (`named_source` becomes `unnamed_source` when "he" turns out to be "a source").
    public var contextCues: [Int]
    /// Every word is inside quotation marks: the speaker is the one of the sentence before.
    public var isQuoteOnly: Bool
    /// The sentence opens inside a quotation an earlier sentence of the paragraph opened: its
    /// first words are that speaker's, whatever follows the closing mark.
    public var startsInsideQuotation: Bool = false
    /// A quotation is still open at the sentence's end: the next sentence of the paragraph
    /// continues it (and takes its speaker).
    public var endsInsideQuotation: Bool = false
    /// Question, instruction or exclamation; nil for a statement.
    public var kind: ClaimKind?
    /// UTF-8 byte range of `source` in the sentence when the lexicon found it there.
    var sourceRange: Range<Int>?
    /// The attribution model has checked each cue's speaker; when it has not, only the claim's
    /// own speaker's cue keeps one (the lexicon's other finds are too often no one).
    var speakersChecked = false
    /// Lexicon cues whose verb has no subject of its own ("by saying"), by their first byte, with
    /// the category they take when nobody in the sentence is named.
    var subjectlessCues: [SubjectlessCue] = []

    struct SubjectlessCue: Sendable, Equatable {
        var start: Int
        var unnamed: CueCategory
    }

    /// Builds a result by hand, for tests and custom taggers.
    public init(
        cues: [Cue] = [], source: Source? = nil, speakerNeedsContext: Bool = false, contextCues: [Int] = [],
        isQuoteOnly: Bool = false
    ) {
        self.cues = cues
        self.source = source
        self.speakerNeedsContext = speakerNeedsContext
        self.contextCues = contextCues
        self.isQuoteOnly = isQuoteOnly
    }
}
