import ArgumentParser
import ClaimSieveCore
import ClaimSieveLanguage
import Foundation

/// `claimsieve tag`: cues, source and verdict for one sentence per input line.
struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag",
        abstract: "Reads one sentence per line on standard input and prints its cues, source and verdict as JSON.",
        discussion: """
        Each output line is {"text", "verdict", "score", "cues": [{"text", "category", "start", "end"}], "source"}; \
        cue offsets are UTF-8 byte offsets into text, end exclusive; an attribution cue may carry its own \
        "speaker" ({"text", "start", "end"}: whose words it reports, as the sentence writes them). Lines are judged one by one unless \
        --context is given, which reads them as consecutive sentences of one article (a quotation then \
        inherits the speaker of the sentence before it).
        """
    )

    @Option(name: .long, help: "A lexicon file to use instead of the built-in one (repeatable).")
    var lexicon: [String] = []

    @Option(name: .long, help: "A model file to use instead of the built-in ones (repeatable).")
    var model: [String] = []

    @Option(name: .long, help: "Which cues the models add of their own: off (the default: they only name speakers), speech (hedges, and attribution cues that introduce a clause or a quotation) or all (every model cue: PolNeAR's convention).")
    var modelCues: String = ModelCues.default.rawValue

    @Flag(name: .long, help: "Treat the lines as consecutive sentences of one article.")
    var context = false

    struct Line: Encodable {
        var text: String
        var verdict: Verdict
        var score: Double
        var cues: [Cue]
        var source: Source?

        enum CodingKeys: String, CodingKey { case text, verdict, score, cues, source }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(text, forKey: .text)
            try container.encode(verdict, forKey: .verdict)
            try container.encode(score, forKey: .score)
            try container.encode(cues, forKey: .cues)
            try container.encode(source, forKey: .source)  // null when there is none
        }
    }

    func run() throws {
        let analyzer: SentenceAnalyzer
        do {
            analyzer = try SentenceAnalyzer(lexiconPaths: lexicon, modelPaths: model.isEmpty ? nil : model, modelCues: try cueMode())
        } catch {
            throw fail(.pipelineError, "cannot load the lexicon: \(error)")
        }
        let output = FileHandleOutput()
        let encoder = JSONEncoder()
        // Sorted keys, as in claims.jsonl: without them Foundation on Linux orders the keys
        // differently in every process, and the same sentences would not give the same bytes.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func emit(_ claim: Claim) throws {
            let score = ((claim.score ?? 0) * 100).rounded() / 100
            let line = Line(text: claim.text, verdict: claim.verdict ?? .confirmed, score: score, cues: claim.cues, source: claim.source)
            output.write(String(decoding: try encoder.encode(line), as: UTF8.self) + "\n")
        }
        if context {
            var lines: [String] = []
            readStandardInputLines { lines.append($0) }
            for claim in analyzer.analyze(lines) { try emit(claim) }
        } else {
            try readStandardInputLines { line in
                for claim in analyzer.analyze([line]) { try emit(claim) }
            }
        }
        output.flush()
    }
}

extension TagCommand {
    /// `--model-cues` as a mode; a word that names none is a usage error listing the modes.
    func cueMode() throws -> ModelCues {
        guard let mode = ModelCues(rawValue: modelCues) else {
            throw ValidationError("--model-cues must be \(ModelCues.allCases.map(\.rawValue).joined(separator: ", ")); found '\(modelCues)'")
        }
        return mode
    }
}
