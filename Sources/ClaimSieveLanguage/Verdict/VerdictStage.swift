public import ClaimSieveCore

/// `verdict`: decides each claim's verdict and score from its cues and its context.
///
/// The rules themselves are in `VerdictRules`; this stage applies them per claim and then lets a
/// headline inherit the hedge of the body sentence it restates.
public struct VerdictStage: Stage {
    public typealias Options = NoOptions
    public static let name = "verdict"
    public static let summary = "Decides confirmed, attributed or unverified, with a score and the cues as reasons."

    public init(options: Options = Options(), context: StageContext = StageContext(baseDirectory: ".")) {}

    public func process(_ document: Document) throws -> Document {
        var document = document
        Self.judge(&document.claims)
        return document
    }

    /// Verdicts for the claims of one document, in order.
    public static func judge(_ claims: inout [Claim]) {
        for index in claims.indices {
            let (verdict, score) = VerdictRules.decide(cues: claims[index].cues, source: claims[index].source)
            claims[index].verdict = verdict
            claims[index].score = score
        }
        HeadlineHedge.apply(to: &claims)
    }
}
