import ArgumentParser
import ClaimSieveLanguage
import Foundation

/// `claimsieve split`: the sentence splitter on its own.
struct SplitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "split",
        abstract: "Reads text on standard input and prints one sentence per line as a JSON string."
    )

    @Flag(name: .long, help: "Join line breaks inside sentences (text extracted from PDF).")
    var pdf = false

    @Option(name: .long, help: "The text's language (e.g. de, de-AT): the split stage's rules for it; English when none ships.")
    var language: String?

    func run() throws {
        let splitter: SentenceSplitter
        do {
            splitter = try SplitStage(options: .init(joinLineBreaks: pdf)).splitter(for: language)
        } catch {
            throw fail(.pipelineError, "cannot load the splitter's rules: \(error)")
        }
        let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        let output = FileHandleOutput()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        for sentence in splitter.split(input) {
            output.write(String(decoding: try encoder.encode(sentence), as: UTF8.self) + "\n")
        }
        output.flush()
    }
}
