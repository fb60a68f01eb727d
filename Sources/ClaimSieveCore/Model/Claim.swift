/// One checkable statement: the unit an editor accepts or questions.
public struct Claim: Sendable, Codable, Equatable {
    /// Stable across runs for the same document and the same (normalised) text.
    public var id: String
    /// Index of the block the claim came from.
    public var block: Int
    /// Index of the sentence within its block.
    public var sentence: Int
    /// The claim as `split` cut it from its block; cue offsets are UTF-8 bytes into it.
    public var text: String
    /// True when the claim is the document's headline (it may inherit a hedge from the body).
    public var isHeadline: Bool
    /// Uncertainty cues found by `tag`, in text order; empty before `tag` or when none matched.
    public var cues: [Cue]
    /// Who the claim is attributed to, or nil when `tag` found no speaker.
    public var source: Source?
    /// Set by the `verdict` stage; nil before it runs.
    public var verdict: Verdict?
    /// How sure the verdict is, in [0, 1].
    public var score: Double?
    /// Why the verdict comes from another sentence, when it does ("restates paragraph 4,
    /// sentence 1"): the editor's reason for a verdict that no cue in this claim explains.
    public var context: String?
    /// What kind of sentence the claim is; nil for a statement (the only kind that is a factual
    /// claim). Questions, instructions and exclamations stay out of the three verdict lists.
    public var kind: ClaimKind?

    /// Only `id`, position and text are needed; `tag` and `verdict` fill in the rest later.
    public init(
        id: String, block: Int, sentence: Int, text: String, isHeadline: Bool = false,
        cues: [Cue] = [], source: Source? = nil, verdict: Verdict? = nil, score: Double? = nil,
        context: String? = nil, kind: ClaimKind? = nil
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
        self.context = context
        self.kind = kind
    }

    enum CodingKeys: String, CodingKey {
        case id, block, sentence, text, cues, source, verdict, score, context, kind
        case isHeadline = "headline"
    }
}

/// Who a claim is attributed to.
public struct Source: Sendable, Codable, Equatable {
    /// The speaker as written ("the Russian Foreign Ministry", "a security source").
    public var text: String
    /// A person, organisation or outlet by name, as opposed to "a source", "officials", "reports".
    public var named: Bool
    /// The speaker's whole mention in this claim's text when it is wider than (or other than) the
    /// name: "Ryan Ellis, a Republican tax consultant" for "Ryan Ellis". Only where the claim's own
    /// sentence names the speaker and the attribution model marks the mention; never for a
    /// speaker taken from another sentence ("he" resolved, a quotation's later sentences).
    public var mention: SourceMention?

    /// `named` decides between `attributed` (named) and `unverified` (unnamed) verdicts.
    public init(text: String, named: Bool, mention: SourceMention? = nil) {
        self.text = text
        self.named = named
        self.mention = mention
    }
}

/// The kind of sentence a claim is. Only statements assert facts an editor can check; the others
/// are listed apart. Raw values are part of the output contract (`"kind"` in `claims.jsonl`,
/// absent for a statement).
public enum ClaimKind: String, Sendable, Codable, CaseIterable {
    /// Asserts something: the only kind that gets into the verdict lists.
    case statement
    /// "Who pays the cost of a tariff?"
    case question
    /// "To the pears, add the juice of one lemon."
    case instruction
    /// "What a night!"
    case exclamation
}
