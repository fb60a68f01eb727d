import ArgumentParser
import ClaimSieveExtraction
import Foundation

/// `claimsieve eval-extraction DIR GROUND_TRUTH`: extraction scored as the public benchmark does.
struct EvalExtractionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval-extraction",
        abstract: "Scores main-text extraction against a ground truth: F1, precision, recall, pages per second.",
        discussion: """
        DIR holds <id>.html or <id>.html.gz pages; GROUND_TRUTH is JSON {id: {"articleBody": text}}. \
        Tokens are \\w+ runs; 4-token shingles of the expected and extracted text give tp, fp and fn \
        per page; precision and recall are averaged over pages and F1 is their harmonic mean.
        """
    )

    @Argument(help: "The folder of pages.")
    var directory: String

    @Argument(help: "The ground-truth JSON file.")
    var groundTruth: String

    func run() throws {
        LibXML.initialize()
        do {
            let score = try ExtractionEvaluation.evaluate(htmlDirectory: directory, groundTruth: groundTruth)
            print("pages \(score.pages)")
            print(String(format: "F1 %.4f  precision %.4f  recall %.4f", score.f1, score.precision, score.recall))
            print(String(format: "%.1f pages/s", score.pagesPerSecond))
        } catch {
            throw fail(.noInput, "\(error)")
        }
    }
}
