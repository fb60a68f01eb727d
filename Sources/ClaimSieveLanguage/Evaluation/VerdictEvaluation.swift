/// Precision, recall and F1 per verdict over `verdict<TAB>sentence` lines (stub).
public struct VerdictEvaluation: Sendable {
    /// A printable report: per-verdict precision/recall/F1, accuracy and a confusion matrix.
    public var report: String
    public var accuracy: Double

    public static func evaluate(labelledLines: [String], analyzer: SentenceAnalyzer) throws -> VerdictEvaluation {
        VerdictEvaluation(report: "not implemented", accuracy: 0)
    }
}
