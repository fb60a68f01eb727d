import ArgumentParser
import ClaimSieveCore
import ClaimSieveExtraction
import Foundation

/// Benchmark of the `clean` stage: libxml2's parse alone against the whole extraction on the same
/// pages, so the cost of extraction on top of parsing stays visible (target: clean at no less
/// than 2/3 of parse-alone throughput).
struct CleanBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Measures clean throughput against libxml2's parse alone (pages/s, MB/s).")

    @Option(help: "Folder holding html/<id>.html.gz and ground-truth.json (default: ../shared/eval/extraction-zyte, or $CLAIMSIEVE_SHARED/eval/extraction-zyte).")
    var corpus: String?

    @Option(help: "Passes over all pages for each measurement (the best pass is reported).")
    var iterations: Int = 5

    @Flag(help: "Also score extraction against ground-truth.json (F1, precision, recall) and list the worst pages.")
    var evaluate = false

    @Option(help: "How many of the worst pages to list with --evaluate.")
    var worst: Int = 0

    @Option(help: "Print the extracted body of the page whose id starts with this prefix, and stop.")
    var show: String?

    @Option(help: "Write each page's extracted body to <folder>/<id>.txt (for inspecting differences).")
    var dump: String?

    func run() throws {
        let folder = corpus ?? defaultCorpus()
        let htmlFolder = folder + "/html"
        let names = try FileManager.default.contentsOfDirectory(atPath: htmlFolder).filter { $0.hasSuffix(".html") || $0.hasSuffix(".html.gz") }.sorted()
        guard !names.isEmpty else { throw ValidationError("no pages in \(htmlFolder)") }
        let pages: [(id: String, data: Data)] = try names.map { name in
            let id = name.replacingOccurrences(of: ".gz", with: "").replacingOccurrences(of: ".html", with: "")
            return (id, try ExtractionEvaluation.loadPage(directory: htmlFolder, id: id))
        }
        let megabytes = Double(pages.reduce(0) { $0 + $1.data.count }) / 1_000_000
        print("pages: \(pages.count), \(String(format: "%.1f", megabytes)) MB decompressed, best of \(iterations) passes")

        if let show, let page = pages.first(where: { $0.id.hasPrefix(show) }) {
            let body = (try? Extractor.articleBody(page.data, path: page.id))?.body ?? []
            for block in body { print("[\(block.kind.rawValue)] \(block.text.prefix(150))") }
            return
        }
        if let dump {
            try FileManager.default.createDirectory(atPath: dump, withIntermediateDirectories: true)
            for page in pages {
                let body = (try? Extractor.articleBody(page.data, path: page.id))?.body ?? []
                let text = body.map { "[\($0.kind.rawValue)] \($0.text)" }.joined(separator: "\n")
                try text.write(toFile: dump + "/" + page.id + ".txt", atomically: true, encoding: .utf8)
            }
        }
        LibXML.initializeAlone()
        let parseSeconds = best(of: iterations) {
            for page in pages {
                _ = page.data.withUnsafeBytes { LibXML.parseHTMLOnly($0.bindMemory(to: UInt8.self)) }
            }
        }
        // The pages as `clean` hands them to libxml2, the markup nobody reads cut
        // (`RawTextElision`), with the guard's pass and the copy counted.
        let elidedSeconds = best(of: iterations) {
            for page in pages {
                _ = page.data.withUnsafeBytes { LibXML.parseHTMLOnly($0.bindMemory(to: UInt8.self), elidingRawText: true) }
            }
        }
        var failures = 0
        let cleanSeconds = best(of: iterations) {
            failures = 0
            for page in pages {
                do { _ = try Extractor.extract(page.data, path: page.id, format: .html) } catch { failures += 1 }
            }
        }
        report("parse (htmlReadMemory + xmlFreeDoc)", seconds: parseSeconds, pages: pages.count, megabytes: megabytes)
        report("parse of the pages as clean hands them over (scripts' and styles' contents and unread attributes cut)", seconds: elidedSeconds,
               pages: pages.count, megabytes: megabytes)
        report("clean (Extractor.extract)", seconds: cleanSeconds, pages: pages.count, megabytes: megabytes)
        print(String(format: "clean / parse throughput: %.2f (target >= 0.67); clean / that parse: %.2f; pages failing extraction: %d",
                     parseSeconds / cleanSeconds, elidedSeconds / cleanSeconds, failures))

        if evaluate {
            let (score, worstPages) = try ExtractionEvaluation.evaluateWithPages(htmlDirectory: htmlFolder, groundTruth: folder + "/ground-truth.json")
            print(String(format: "evaluation: %d pages  F1 %.4f  precision %.4f  recall %.4f  %.0f pages/s",
                         score.pages, score.f1, score.precision, score.recall, score.pagesPerSecond))
            for page in worstPages.prefix(worst) {
                print(String(format: "  %@  P %.3f  R %.3f", page.id, page.precision, page.recall))
            }
        }
    }

    private func defaultCorpus() -> String {
        if let shared = ProcessInfo.processInfo.environment["CLAIMSIEVE_SHARED"] { return shared + "/eval/extraction-zyte" }
        return "../shared/eval/extraction-zyte"
    }

    private func best(of passes: Int, _ body: () -> Void) -> Double {
        var fastest = Double.infinity
        for _ in 0..<max(1, passes) {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return fastest
    }

    private func report(_ label: String, seconds: Double, pages: Int, megabytes: Double) {
        print(String(format: "%@: %.1f pages/s, %.1f MB/s (%.3f s per pass)", label, Double(pages) / seconds, megabytes / seconds, seconds))
    }
}
