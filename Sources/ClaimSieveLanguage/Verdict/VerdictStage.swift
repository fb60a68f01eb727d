public import ClaimSieveCore

/// `verdict`: decides each claim's verdict and score from its cues and its context. (Stub.)
public struct VerdictStage: Stage {
    public typealias Options = NoOptions
    public static let name = "verdict"
    public static let summary = "Decides confirmed, attributed or unverified, with a score and the cues as reasons."

    public init(options: Options = Options(), context: StageContext = StageContext(baseDirectory: ".")) {}

    public func process(_ document: Document) throws -> Document {
        var document = document
        for index in document.claims.indices {
            document.claims[index].verdict = .confirmed
            document.claims[index].score = 0.5
        }
        return document
    }
}
