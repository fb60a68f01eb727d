import ArgumentParser
import ClaimSieveCore
import ClaimSieveExtraction
import Foundation

/// `claimsieve extract FILE`: what `clean` keeps of one page or feed.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Prints the cleaned main text of one page or feed, blocks separated by a blank line.",
        discussion: "With --json: the documents' ids, metadata and blocks (with their kinds) as JSON."
    )

    @Argument(help: "An HTML page or an RSS, Atom or NITF file.")
    var file: String

    @Flag(help: "Print metadata and blocks as JSON.")
    var json = false

    func run() throws {
        LibXML.initialize()
        let fetched: Document
        do {
            fetched = try FetchStage().process(Document(id: file, path: file))
        } catch {
            throw fail(FileManager.default.fileExists(atPath: file) ? .partial : .noInput, "\(file): \(error)")
        }
        let documents: [Document]
        do {
            documents = try CleanStage().expand(fetched)
        } catch {
            throw fail(.partial, "\(file): \(error)")
        }
        let output = FileHandleOutput()
        if json {
            struct Shown: Encodable {
                var id: String
                var format: DocumentFormat
                var metadata: Metadata
                var blocks: [Block]
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let shown = documents.map { Shown(id: $0.id, format: $0.format, metadata: $0.metadata, blocks: $0.blocks) }
            output.write(String(decoding: try encoder.encode(shown), as: UTF8.self) + "\n")
        } else {
            output.write(documents.flatMap(\.blocks).map(\.text).joined(separator: "\n\n") + "\n")
        }
        output.flush()
    }
}
