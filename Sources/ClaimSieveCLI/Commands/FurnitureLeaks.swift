import ClaimSieveCore
import ClaimSieveExtraction
import ClaimSieveLanguage
import Foundation

/// The leak check of issue 11: over pages with a ground truth, the claims the pipeline makes from
/// sentences that the expected article text does not hold and that a furniture kind recognises,
/// with the furniture filters on (extraction's edge blocks, the `split` stage's sentences) and off.
/// "Off" is the same code with no furniture kinds, so the difference is what the kinds remove.
struct FurnitureLeaks {
    /// Leaked claims with no furniture kinds.
    var withoutKinds = 0
    /// Leaked claims with the shipped kinds.
    var withKinds = 0
    /// `withoutKinds` by the kind that recognises the sentence.
    var byKind: [String: Int] = [:]
    /// The sentences still leaking with the kinds on (should be none).
    var remaining: [String] = []

    static func count(htmlDirectory: String, groundTruth: String) throws -> FurnitureLeaks {
        let truthData = try Data(contentsOf: URL(fileURLWithPath: groundTruth))
        guard let truth = try JSONSerialization.jsonObject(with: truthData) as? [String: Any] else {
            throw CocoaError(.coderReadCorrupt)
        }
        let matcher = FurnitureMatcher(lexicon: try FurnitureLexicon.load())
        let empty = NSTemporaryDirectory() + "claimsieve-no-furniture-\(getpid()).yml"
        try "kinds: {}\n".write(toFile: empty, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let withStage = try SplitStage()
        let withoutStage = try SplitStage(options: .init(furniture: empty))
        var result = FurnitureLeaks()
        for id in truth.keys.sorted() {
            let expected = " " + words(((truth[id] as? [String: Any])?["articleBody"] as? String) ?? "") + " "
            let page = try ExtractionEvaluation.loadPage(directory: htmlDirectory, id: id)
            func leaks(_ blocks: [Block], _ stage: SplitStage) -> [(String, String)] {
                stage.claims(of: blocks).compactMap { claim in
                    let key = words(claim.text)
                    guard !key.isEmpty, !expected.contains(" " + key + " "),
                          let kind = matcher.match(claim.text, atStart: true, atEnd: true) else { return nil }
                    return (kind.name, claim.text)
                }
            }
            let without = leaks((try? Extractor.extract(page, path: id, format: .html, furniture: nil).first?.blocks) ?? [], withoutStage)
            let with = leaks((try? Extractor.extract(page, path: id, format: .html).first?.blocks) ?? [], withStage)
            result.withoutKinds += without.count
            result.withKinds += with.count
            for (kind, _) in without { result.byKind[kind, default: 0] += 1 }
            result.remaining += with.map { "\(id): [\($0.0)] \($0.1)" }
        }
        return result
    }

    /// Lower-cased runs of letters and digits joined by single spaces: the benchmark's tokens.
    static func words(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
    }
}
