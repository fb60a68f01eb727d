import ArgumentParser
import ClaimSieveLanguage
import Foundation

/// Benchmark of the `tag` stage: tags several MB of news sentences on one core and prints MB/s.
///
/// The sentences are built from a small set of news-style templates (cue-heavy and plain ones,
/// ASCII and curly quotes) so that the run needs no data files; `--input` measures real text.
struct TagBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag", abstract: "Measures tag throughput (cues and sources, one core).")

    @Option(help: "Megabytes of sentences to tag.")
    var megabytes: Int = 8

    @Option(help: "A file with one sentence per line to tag instead of the built-in sentences.")
    var input: String?

    @Option(help: "Lexicon files (default: the built-in lexicons/en.yml).")
    var lexicon: [String] = []

    @Flag(help: "Measure the whole analyzer (tag, context and verdict), not only the tagger.")
    var analyzer = false

    @Flag(help: "The analyzer without the learned models (the lexicon alone).")
    var noModel = false

    @Option(help: "Which cues the models add of their own: off (the default: they only name speakers), speech (hedges, and attribution cues that introduce a clause or a quotation) or all (every model cue: PolNeAR's convention).")
    var modelCues: String = ModelCues.default.rawValue

    @Option(help: "Repetitions; the best is reported.")
    var runs: Int = 3

    static let templates: [String] = [
        "The Russian Foreign Ministry said on December %d that the talks had ended without a deal.",
        "Ousted leader Omar Haddad and his family have been granted asylum, according to state media.",
        "The fighting has forced %d residents to flee, a security source told the newspaper on Saturday.",
        "“We will not leave the city,” said Maria Lopez, a local council member who was elected in %d.",
        "The storm may reach the coast by Thursday, and officials could order evacuations.",
        "His whereabouts were not confirmed as of early Sunday, and the claim could not be independently verified.",
        "Posts on social media say that the bridge collapsed at about %d a.m. local time.",
        "The central bank raised interest rates by half a percentage point on Wednesday, its %dth rise.",
        "Some say the reform went too far, while critics argue that it did not go far enough.",
        "The company denied the allegations and said it would cooperate with investigators.",
        "Parliament approved the budget by %d votes to 140 after a debate that lasted two days.",
        "The group is considered a terrorist organisation by the United States and the European Union.",
        "Thousands of people marched through the capital on Saturday, police said, in the largest protest since %d.",
        "Sergei Lavrov declined to comment on the fate of the bases, saying he “wasn’t in the business of guessing.”",
    ]

    func sentences() throws -> [String] {
        if let input {
            return try String(contentsOfFile: input, encoding: .utf8).split(separator: "\n").map(String.init)
        }
        var result: [String] = []
        var bytes = 0
        var counter = 0
        while bytes < megabytes * 1_000_000 {
            let template = Self.templates[counter % Self.templates.count]
            let filled = template.replacingOccurrences(of: "%d", with: String(counter % 997 + 3))
            // A native UTF-8 string, as the pipeline's strings are (not a bridged NSString).
            let sentence = String(decoding: Array(filled.utf8), as: UTF8.self)
            result.append(sentence)
            bytes += sentence.utf8.count
            counter += 1
        }
        return result
    }

    func run() throws {
        let sentences = try sentences()
        let totalBytes = sentences.reduce(0) { $0 + $1.utf8.count }
        let started = Date()
        let tagger = try CueTagger(lexiconPaths: lexicon)
        let whole = try SentenceAnalyzer(lexiconPaths: lexicon, modelPaths: noModel ? [] : nil, modelCues: try cueMode())
        print(String(format: "lexicon: %d entries, compiled in %.1f ms", tagger.lexicon.entries.count, Date().timeIntervalSince(started) * 1000))
        var best = Double.infinity
        var cues = 0
        for _ in 0..<max(1, runs) {
            cues = 0
            // The thread's own CPU time: on a machine shared with other work, wall time measures the
            // neighbours; the figure is per core either way.
            let start = Self.threadCPUSeconds()
            if analyzer {
                // Documents of 20 sentences, as a pipeline would see them.
                var index = 0
                while index < sentences.count {
                    let end = min(index + 20, sentences.count)
                    for claim in whole.analyze(Array(sentences[index..<end])) { cues += claim.cues.count }
                    index = end
                }
            } else {
                for sentence in sentences { cues += tagger.tag(sentence).cues.count }
            }
            let seconds = Self.threadCPUSeconds() - start
            best = min(best, seconds)
        }
        let megabytesPerSecond = Double(totalBytes) / 1e6 / best
        print(
            String(
                format: "%@: %d sentences, %.1f MB, %d cues in %.3f s of CPU: %.1f MB/s (%.0f sentences/s)",
                analyzer ? "analyzer" : "tagger", sentences.count, Double(totalBytes) / 1e6, cues, best,
                megabytesPerSecond, Double(sentences.count) / best))
    }

    /// CPU seconds the calling thread has used.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

extension TagBenchmark {
    /// `--model-cues` as a mode; a word that names none is a usage error listing the modes.
    func cueMode() throws -> ModelCues {
        guard let mode = ModelCues(rawValue: modelCues) else {
            throw ValidationError("--model-cues must be \(ModelCues.allCases.map(\.rawValue).joined(separator: ", ")); found '\(modelCues)'")
        }
        return mode
    }
}
