public import ClaimSieveCore

/// `split`: blocks into sentences into claims; headings of furniture and calls to action are dropped.
public struct SplitStage: Stage {
    public typealias Options = NoOptions
    public static let name = "split"
    public static let summary = "Splits blocks into sentences and sentences into claims; drops non-claims."

    let splitter: SentenceSplitter

    public init(options: Options = Options(), context: StageContext = StageContext(baseDirectory: ".")) throws {
        splitter = try SentenceSplitter()
    }

    public func process(_ document: Document) throws -> Document {
        var document = document
        var claims: [Claim] = []
        for (blockIndex, block) in document.blocks.enumerated() {
            for (sentenceIndex, sentence) in splitter.split(block.text).enumerated() {
                claims.append(Claim(id: "", block: blockIndex, sentence: sentenceIndex, text: sentence))
            }
        }
        ClaimID.assign(to: &claims, document: document.id)
        document.claims = claims
        return document
    }
}
