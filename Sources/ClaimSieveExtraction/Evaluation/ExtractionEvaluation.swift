public import Foundation

/// Scores extraction the way the article-extraction benchmark does (stub).
public struct ExtractionScore: Sendable {
    public var pages: Int
    public var precision: Double
    public var recall: Double
    public var f1: Double
    public var pagesPerSecond: Double
    public init(pages: Int, precision: Double, recall: Double, f1: Double, pagesPerSecond: Double) {
        self.pages = pages
        self.precision = precision
        self.recall = recall
        self.f1 = f1
        self.pagesPerSecond = pagesPerSecond
    }
}

public enum ExtractionEvaluation {
    /// `htmlDirectory` holds `<id>.html` or `<id>.html.gz`; `groundTruth` is `{id: {"articleBody": ...}}`.
    public static func evaluate(htmlDirectory: String, groundTruth: String) throws -> ExtractionScore {
        throw CocoaError(.featureUnsupported)
    }
}
