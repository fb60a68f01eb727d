import ArgumentParser
import ClaimSieveLanguage
import Foundation

/// Throughput of the sentence splitter on one core, in MB/s of UTF-8 input.
///
/// The corpus is a file given as argument, or news-like text built from the seed article
/// (`../shared/seed/`, when present) and a built-in sample of hard cases (abbreviations, quotes,
/// lists, ellipses, glued markup), repeated to at least `--megabytes`. The text is split in
/// blocks of about one paragraph, as the `split` stage sees it.
struct SplitBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "split", abstract: "Measures split throughput.")

    @Argument(help: "A UTF-8 text file to split, one paragraph per line (default: built-in news-like text).")
    var file: String?

    @Option(help: "Size of the generated corpus in megabytes.")
    var megabytes = 8

    @Option(help: "Timed passes over the corpus; the best is reported.")
    var passes = 5

    @Option(help: "A splitter rules file (default: lexicons/en-splitter.yml).")
    var rules: String?

    func run() throws {
        let splitter = try SentenceSplitter(options: .init(rulesPath: rules))
        let paragraphs = try corpus()
        let bytes = paragraphs.reduce(0) { $0 + $1.utf8.count }
        var sentences = 0
        for paragraph in paragraphs.prefix(1000) { sentences += splitter.split(paragraph).count }  // warm-up
        var best = Double.infinity
        for _ in 0..<max(1, passes) {
            sentences = 0
            let start = DispatchTime.now().uptimeNanoseconds
            for paragraph in paragraphs { sentences += splitter.split(paragraph).count }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            best = min(best, seconds)
        }
        let mb = Double(bytes) / 1_000_000
        print(String(format: "split: %.1f MB in %d paragraphs, %d sentences, best of %d passes %.3f s: %.1f MB/s (1 core)",
                     mb, paragraphs.count, sentences, max(1, passes), best, mb / best))
    }

    private func corpus() throws -> [String] {
        if let file {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            return text.split(separator: "\n").map(String.init)
        }
        var seed: [String] = []
        if let path = Self.seedPath(), let text = try? String(contentsOfFile: path, encoding: .utf8) {
            seed = text.split(separator: "\n").map(String.init)
        }
        let base = seed + Self.sample
        var result: [String] = []
        var total = 0
        let target = megabytes * 1_000_000
        while total < target {
            for paragraph in base {
                result.append(paragraph)
                total += paragraph.utf8.count
            }
        }
        return result
    }

    /// The seed article beside the checkout (`../shared/seed/`), as the tests find it.
    private static func seedPath() -> String? {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        let shared = ProcessInfo.processInfo.environment["CLAIMSIEVE_SHARED"]
            ?? url.deletingLastPathComponent().appendingPathComponent("shared").path
        let path = shared + "/seed/000_d32f2fd5ef2d7ec4.txt"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// Hard cases in news style, written for the benchmark.
    static let sample: [String] = [
        "At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went to the store.",
        "They closed the deal with Pitt, Briggs & Co. at noon. The U.S. Government said on Jan. 5 that it had $100.00 left.",
        "Her email is jane.doe@example.com. She wrote that the site https://www.example.com/news/story.html was down.",
        "“We will fight. We will win,” the commander said, adding that the city (which had held for years) would fall... It did.",
        "DAMASCUS, Syria (AP) — Syrian rebels said Sunday they had taken the capital. Assad’s whereabouts were not confirmed.",
        "1. The first item 2. The second item 3. The third item",
        "Hello world.Today is Tuesday.Mr. Smith went to the store and bought 1,000.That is a lot.",
        "Thoreau argues that by simplifying one’s life, “the laws of the universe will appear less complex. . . .” Next sentence.",
        "The bridge was destroyedThe army said it would rebuild it, according to McDonald, a YouTube critic.",
        "Is this a question?! Yes!! She works at Yahoo! in the accounting department, you and I. Did you see Albert I. Jones?",
    ]
}
