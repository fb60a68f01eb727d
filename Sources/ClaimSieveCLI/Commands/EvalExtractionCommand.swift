import ArgumentParser
import ClaimSieveExtraction
import Foundation

/// `claimsieve eval-extraction SET` or `eval-extraction DIR GROUND_TRUTH`: extraction scored as
/// the public benchmark does, with the pages that score worst and, on request, the furniture leak check.
struct EvalExtractionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval-extraction",
        abstract: "Scores main-text extraction against a ground truth: F1, precision, recall, worst pages.",
        discussion: """
        SET is a folder holding html/ and ground-truth.json (../shared/eval/extraction-zyte, \
        ../shared/eval/extraction-readability); or give DIR of <id>.html or <id>.html.gz pages and \
        GROUND_TRUTH, JSON {id: {"articleBody": text}}. Tokens are \\w+ runs; 4-token shingles of the \
        expected and extracted text give tp, fp and fn per page; precision and recall are averaged \
        over pages and F1 is their harmonic mean. --leaks also counts the claims made from sentences \
        the ground truth does not hold and a furniture kind (lexicons/en-furniture.yml) recognises, \
        with the furniture kinds and without them.
        """
    )

    @Argument(help: "A set folder (html/ and ground-truth.json), or the folder of pages.")
    var directory: String

    @Argument(help: "The ground-truth JSON file (default: <SET>/ground-truth.json).")
    var groundTruth: String?

    @Option(help: "How many of the worst pages (lowest of precision and recall) to list.")
    var worst: Int = 10

    @Flag(help: "Also run the furniture leak check (runs extraction and split twice per page).")
    var leaks = false

    func run() throws {
        LibXML.initialize()
        let pages = groundTruth == nil ? directory + "/html" : directory
        let truth = groundTruth ?? directory + "/ground-truth.json"
        do {
            let (score, worstPages) = try ExtractionEvaluation.evaluateWithPages(htmlDirectory: pages, groundTruth: truth)
            print("pages \(score.pages)")
            print(String(format: "F1 %.4f  precision %.4f  recall %.4f", score.f1, score.precision, score.recall))
            print(String(format: "%.1f pages/s", score.pagesPerSecond))
            if worst > 0 {
                print("worst pages (precision, recall):")
                for page in worstPages.prefix(worst) {
                    print(String(format: "  %@  P %.3f  R %.3f", page.id, page.precision, page.recall))
                }
            }
            if leaks {
                let leak = try FurnitureLeaks.count(htmlDirectory: pages, groundTruth: truth)
                print("furniture leaks (claims the ground truth does not hold that a furniture kind matches):")
                print("  without furniture kinds \(leak.withoutKinds), with them \(leak.withKinds)")
                for (kind, count) in leak.byKind.sorted(by: { $0.value > $1.value }) { print("    \(kind) \(count)") }
                for line in leak.remaining.prefix(20) { print("  still leaking: \(line)") }
            }
        } catch {
            throw fail(.noInput, "\(error)")
        }
    }
}
