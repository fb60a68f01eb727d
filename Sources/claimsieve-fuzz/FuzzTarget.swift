import ClaimSieveCore
// `@testable` (the fuzz build is a debug build, built for testing): the raw-text elision's
// differential check below reaches the extractor's internals.
@testable import ClaimSieveExtraction
import ClaimSieveLanguage
import ClaimSieveReports
import Foundation

/// The libFuzzer entry point: one input's bytes through fetch's format sniffing, clean, split,
/// tag, verdict and both report renderers, as `claimsieve run` would. Built only by
/// `scripts/fuzz.sh` (`CLAIMSIEVE_FUZZ=1`, `-sanitize=fuzzer,address`); a crash, a sanitizer
/// report or a hang past libFuzzer's `-timeout` is a finding.
enum FuzzPipeline {
    static let stages: [any Stage] = {
        LibXML.initialize()
        do {
            return [CleanStage(), try SplitStage(), try TagStage(), VerdictStage()]
        } catch {
            fatalError("the fuzz pipeline cannot be built: \(error)")
        }
    }()

    static let output: String = {
        let folder = NSTemporaryDirectory() + "claimsieve-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }()

    static let statistics = PipelineRunner.Statistics(inputs: 1, documents: 1, failed: 0, stageSeconds: [:],
                                                      peakInFlight: 1, stoppedBy: nil, wallSeconds: 0)

    static func run(_ data: Data) {
        // The first byte picks the name the format sniffer sees, so feeds and pages are both reached.
        let names = ["page.html", "feed.rss", "feed.atom", "story.nitf", "doc.xml", "page.xhtml"]
        let name = names[Int(data.first ?? 0) % names.count]
        let body = data.isEmpty ? data : data.dropFirst()
        var document = Document(id: "fuzz/" + name, path: "fuzz/" + name)
        do {
            document.format = try FormatSniffer.detect(Data(body), path: name)
        } catch {
            return
        }
        document.raw = Data(body)
        if document.format == .html { checkRawTextElision(Data(body)) }
        let runner = PipelineRunner(stages: stages, jobs: 1)
        let (documents, _) = runner.process(document)
        guard let writer = try? ReportWriter(outputDirectory: output, formats: ["markdown", "html", "jsonl"], pipelineName: "fuzz.yml") else { return }
        writer.add(documents)
        _ = try? writer.finish(statistics: statistics)
        // Report rendering must never let text out of its escaping.
        for document in documents {
            for claim in document.claims {
                precondition(!HTMLText.highlighted(claim.text, cues: claim.cues).contains("<script"), "unescaped markup")
            }
        }
    }

    /// Dropping scripts' and styles' contents (`RawTextElision`) must not change the article:
    /// the page is extracted as it is and without every range the guard's pass finds, however
    /// few bytes they hold (the pipeline skips pages that drop fewer than 512).
    static func checkRawTextElision(_ page: Data) {
        let input = Charset.decode(page)
        guard input.encoding == "UTF-8" else { return }
        guard let compacted = input.withBytes({ try? RawTextElision.compacted(page: $0, minimum: 1) }) else { return }
        func article(_ data: Data) -> String {
            do {
                return "\(try HTMLExtractor.parse(data, elide: false) { try HTMLExtractor.extract(document: $0) })"
            } catch {
                return "error: \(error)"
            }
        }
        precondition(article(page) == article(Data(compacted)), "raw text elision changed the article")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    FuzzPipeline.run(data)
    return 0
}

/// libFuzzer's driver, called from our own entry point: SwiftPM links an executable target's
/// entry point as `main` (`--defsym main=claimsieve_fuzz_main`), so libFuzzer's `main` is not used.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafeRawPointer?, Int) -> CInt
) -> CInt

/// Pages and a feed that reach every stage and both renderers once before fuzzing starts, so that
/// what is built once per process (stages, lexicon shapes, word tables: Swift's lazy statics) is
/// not reported as leaked by the first input that happens to touch it.
let warmUp: [String] = [
    "\u{0}<html><head><title>Officials reportedly fled</title></head><body><article><h1>Officials Reportedly Fled the City</h1>"
        + "<p>The mayor said on Monday that officials had fled, according to local media. “We will return,” he told reporters.</p>"
        + "<p>Reports say the bridge may have closed. A source who was not authorised to speak said it was not confirmed.</p>"
        + "<p>Who pays the cost? Add the juice of one lemon.</p></article></body></html>",
    "\u{1}<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed</title><item><title>Item</title>"
        + "<description>The ministry denied the report, officials said.</description></item></channel></rss>",
]

@_cdecl("claimsieve_fuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    for page in warmUp { FuzzPipeline.run(Data(page.utf8)) }
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { start, count in fuzzTestOneInput(start, count) }
}
