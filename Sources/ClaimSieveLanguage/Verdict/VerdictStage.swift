public import ClaimSieveCore

/// `verdict`: decides each claim's verdict and score from its cues and its context.
///
/// The rules themselves are in `VerdictRules`; this stage applies them per claim and then lets a
/// headline inherit the hedge of the body sentence it restates.
public struct VerdictStage: Stage {
    /// No options: the rules are the same for every pipeline, so reports stay comparable.
    public typealias Options = NoOptions
    /// The name in pipeline files: `- verdict`.
    public static let name = "verdict"
    /// Shown by `claimsieve stages`.
    public static let summary = "Decides confirmed, attributed or unverified, with a score and the cues as reasons."

    /// Nothing to load: the rules are code, the cues came from `tag`.
    public init(options: Options = Options(), context: StageContext = StageContext(baseDirectory: ".")) {}

    /// Judges the claims of one document together (a headline looks at its body).
    public func process(_ document: Document) throws -> Document {
        var document = document
        Self.judge(&document.claims)
        return document
    }

    /// Verdicts for the claims of one document, in order.
    public static func judge(_ claims: inout [Claim]) {
        // `tag` marked them: no cue could be seen in their language, so no rule may call them confirmed.
        for index in claims.indices where claims[index].verdict != .notJudged {
            let (verdict, score) = VerdictRules.decide(cues: claims[index].cues, source: claims[index].source)
            claims[index].verdict = verdict
            claims[index].score = score
        }
        HeadlineHedge.apply(to: &claims)
    }
}
