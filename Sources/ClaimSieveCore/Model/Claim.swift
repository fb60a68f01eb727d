/// One checkable statement: the unit an editor accepts or questions.
public struct Claim: Sendable, Codable, Equatable {
    /// Stable across runs for the same document and the same (normalised) text.
    public var id: String
    /// Index of the block the claim came from.
    public var block: Int
    /// Index of the sentence within its block.
    public var sentence: Int
    public var text: String
    /// True when the claim is the document's headline (it may inherit a hedge from the body).
    public var isHeadline: Bool
    public var cues: [Cue]
    public var source: Source?
    public var verdict: Verdict?
    /// How sure the verdict is, in [0, 1].
    public var score: Double?

    public init(
        id: String, block: Int, sentence: Int, text: String, isHeadline: Bool = false,
        cues: [Cue] = [], source: Source? = nil, verdict: Verdict? = nil, score: Double? = nil
    ) {
        self.id = id
        self.block = block
        self.sentence = sentence
        self.text = text
        self.isHeadline = isHeadline
        self.cues = cues
        self.source = source
        self.verdict = verdict
        self.score = score
    }

    enum CodingKeys: String, CodingKey {
        case id, block, sentence, text, cues, source, verdict, score
        case isHeadline = "headline"
    }
}

/// Who a claim is attributed to.
public struct Source: Sendable, Codable, Equatable {
    /// The speaker as written ("the Russian Foreign Ministry", "a security source").
    public var text: String
    /// A person, organisation or outlet by name, as opposed to "a source", "officials", "reports".
    public var named: Bool

    public init(text: String, named: Bool) {
        self.text = text
        self.named = named
    }
}
