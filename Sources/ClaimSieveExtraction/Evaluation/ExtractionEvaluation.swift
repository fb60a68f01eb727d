public import Foundation

/// How well extraction matches a benchmark's expected article text, and how fast it ran.
public struct ExtractionScore: Sendable {
    /// Pages in the ground truth (all of them are scored, failures count as empty extractions).
    public var pages: Int
    /// Mean over pages of shingle precision: how little furniture leaked into the text.
    public var precision: Double
    /// Mean over pages of shingle recall: how little article text was lost.
    public var recall: Double
    /// Harmonic mean of the two means, the benchmark's headline figure.
    public var f1: Double
    /// Extraction alone (parse + extract), without reading or decompressing files.
    public var pagesPerSecond: Double
    /// Builds a score from figures computed elsewhere (a stored baseline, another tool's run).
    public init(pages: Int, precision: Double, recall: Double, f1: Double, pagesPerSecond: Double) {
        self.pages = pages
        self.precision = precision
        self.recall = recall
        self.f1 = f1
        self.pagesPerSecond = pagesPerSecond
    }
}

/// One page's outcome, kept so a regression can be traced to the pages that caused it.
public struct PageScore: Sendable {
    /// The page's id in the ground truth (its file name without `.html.gz`).
    public var id: String
    /// This page's shingle precision.
    public var precision: Double
    /// This page's shingle recall.
    public var recall: Double
}

/// Scores extraction the way scrapinghub's article-extraction-benchmark does, so figures can be
/// compared with published ones (trafilatura 0.958-0.960 on the same 181 pages).
public enum ExtractionEvaluation {
    /// `htmlDirectory` holds `<id>.html` or `<id>.html.gz`; `groundTruth` is `{id: {"articleBody": ...}}`.
    /// Precision and recall are averaged over pages (only over pages where they are defined), F1 is
    /// their harmonic mean; pages per second times extraction alone, not reading or decompressing.
    public static func evaluate(htmlDirectory: String, groundTruth: String) throws -> ExtractionScore {
        try evaluateWithPages(htmlDirectory: htmlDirectory, groundTruth: groundTruth).score
    }

    /// The same evaluation with every page's precision and recall, worst pages first.
    public static func evaluateWithPages(htmlDirectory: String, groundTruth: String) throws -> (score: ExtractionScore, pages: [PageScore]) {
        let truthData = try Data(contentsOf: URL(fileURLWithPath: groundTruth))
        guard let truth = try JSONSerialization.jsonObject(with: truthData) as? [String: Any] else {
            throw CocoaError(.coderReadCorrupt)
        }
        var precisions: [Double] = []
        var recalls: [Double] = []
        var pages: [PageScore] = []
        var elapsed: Double = 0
        for id in truth.keys.sorted() {
            let expected = ((truth[id] as? [String: Any])?["articleBody"] as? String) ?? ""
            let page = try loadPage(directory: htmlDirectory, id: id)
            let start = DispatchTime.now().uptimeNanoseconds
            let extracted = (try? Extractor.articleBody(page, path: id))?.body.map(\.text).joined(separator: "\n\n") ?? ""
            elapsed += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let (tp, fp, fn) = Shingles.match(expected: expected, extracted: extracted)
            let precision = precisionScore(tp, fp, fn)
            let recall = recallScore(tp, fp, fn)
            if tp + fp > 0 { precisions.append(precision) }
            if tp + fn > 0 { recalls.append(recall) }
            pages.append(PageScore(id: id, precision: precision, recall: recall))
        }
        let precision = precisions.isEmpty ? 0 : precisions.reduce(0, +) / Double(precisions.count)
        let recall = recalls.isEmpty ? 0 : recalls.reduce(0, +) / Double(recalls.count)
        let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
        pages.sort { min($0.precision, $0.recall) < min($1.precision, $1.recall) }
        let score = ExtractionScore(pages: truth.count, precision: precision, recall: recall, f1: f1,
                                    pagesPerSecond: elapsed > 0 ? Double(truth.count) / elapsed : 0)
        return (score, pages)
    }

    /// Reads `<id>.html`, or inflates `<id>.html.gz`.
    public static func loadPage(directory: String, id: String) throws -> Data {
        let plain = directory + "/" + id + ".html"
        if FileManager.default.fileExists(atPath: plain) { return try Data(contentsOf: URL(fileURLWithPath: plain)) }
        let compressed = try Data(contentsOf: URL(fileURLWithPath: plain + ".gz"))
        guard let data = Gzip.decompress(compressed) else { throw CocoaError(.fileReadCorruptFile) }
        return data
    }

    static func precisionScore(_ tp: Double, _ fp: Double, _ fn: Double) -> Double {
        if fp == 0 && fn == 0 { return 1 }
        if tp == 0 && fp == 0 { return 0 }
        return tp / (tp + fp)
    }

    static func recallScore(_ tp: Double, _ fp: Double, _ fn: Double) -> Double {
        if fp == 0 && fn == 0 { return 1 }
        if tp == 0 && fn == 0 { return 0 }
        return tp / (tp + fn)
    }
}
