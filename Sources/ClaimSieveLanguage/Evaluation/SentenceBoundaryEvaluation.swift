import ClaimSieveCore
import Foundation

/// One paragraph of `sentences-ud` (`../shared/eval/sentences-ud/README.md`): real text with its
/// gold sentences, from the Universal Dependencies English treebanks GUM and EWT.
public struct SentenceParagraph: Sendable, Decodable {
    /// The source document's id.
    public var doc: String
    /// The genre ("news", "email", ...).
    public var genre: String
    /// "train" or "dev".
    public var split: String
    /// The paragraph.
    public var text: String
    /// Its sentences in order, as the treebank writes them.
    public var sentences: [String]

    /// A paragraph given in code (tests, a user's own data).
    public init(doc: String, genre: String, split: String, text: String, sentences: [String]) {
        self.doc = doc
        self.genre = genre
        self.split = split
        self.text = text
        self.sentences = sentences
    }
}

/// Scores the splitter on paragraphs with gold sentences, as the `sentences-ud` README scores it:
/// a boundary is the start of the 2nd...nth sentence, counted in non-whitespace characters, and
/// precision, recall and F1 are micro-averaged over all paragraphs; "exact" is the share of
/// paragraphs whose sentences come out exactly as the gold ones (trimmed).
public enum SentenceBoundaryEvaluation {
    /// A paragraph the splitter got wrong, for `--errors`.
    public struct Mistake: Sendable {
        /// The paragraph.
        public var paragraph: SentenceParagraph
        /// What the splitter gave.
        public var predicted: [String]
        /// Boundaries (non-whitespace character counts) the splitter added.
        public var falsePositives: [Int]
        /// Boundaries it missed.
        public var falseNegatives: [Int]
    }

    /// The figures of one set.
    public struct Scores: Sendable {
        /// Boundaries, micro-averaged.
        public var boundaries = PRF()
        /// Paragraphs read.
        public var paragraphs = 0
        /// Paragraphs split exactly as the gold.
        public var exact = 0
        /// Boundary scores per genre.
        public var genres: [String: PRF] = [:]
        /// Paragraphs with a wrong boundary.
        public var mistakes: [Mistake] = []

        /// Share of paragraphs split exactly.
        public var exactRate: Double { paragraphs == 0 ? 0 : Double(exact) / Double(paragraphs) }

        /// "paragraphs 409  exact 0.912  P ... R ... F1 ..." and one line per genre.
        public var report: String {
            var lines = [String(format: "paragraphs %d  exact %.3f  boundaries ", paragraphs, exactRate) + boundaries.line]
            for genre in genres.keys.sorted() {
                lines.append("  " + genre.padding(toLength: 14, withPad: " ", startingAt: 0) + genres[genre]!.line)
            }
            return lines.joined(separator: "\n")
        }
    }

    /// Reads a `sentences-ud` JSON Lines file; a bad line is an error naming the file and line.
    public static func read(path: String) throws -> [SentenceParagraph] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TrainingDataError(file: path, line: 0, message: "cannot read the file: \(PathProblem.unreadable(path))")
        }
        let decoder = JSONDecoder()
        var result: [SentenceParagraph] = []
        for (index, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
        where !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) {
            do {
                result.append(try decoder.decode(SentenceParagraph.self, from: Data(line)))
            } catch {
                throw TrainingDataError(file: path, line: index + 1, message: "not a sentences-ud record: \(error)")
            }
        }
        return result
    }

    /// Scores `split` on every paragraph, keeping the mistakes.
    public static func evaluate(_ paragraphs: [SentenceParagraph], splitter: SentenceSplitter) -> Scores {
        var scores = Scores()
        for paragraph in paragraphs {
            let ranges = splitter.sentenceRanges(paragraph.text)
            let predicted = Set(boundaries(of: ranges, in: paragraph.text))
            let gold = Set(goldBoundaries(paragraph.sentences))
            let truePositives = predicted.intersection(gold).count
            scores.paragraphs += 1
            scores.boundaries.truePositives += truePositives
            scores.boundaries.predicted += predicted.count
            scores.boundaries.gold += gold.count
            scores.genres[paragraph.genre, default: PRF()].truePositives += truePositives
            scores.genres[paragraph.genre, default: PRF()].predicted += predicted.count
            scores.genres[paragraph.genre, default: PRF()].gold += gold.count
            let sentences = splitter.split(paragraph.text)
            if sentences == paragraph.sentences.map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }) { scores.exact += 1 }
            if predicted != gold {
                scores.mistakes.append(Mistake(
                    paragraph: paragraph, predicted: sentences,
                    falsePositives: predicted.subtracting(gold).sorted(), falseNegatives: gold.subtracting(predicted).sorted()))
            }
        }
        return scores
    }

    /// Sentence starts after the first, in non-whitespace characters of the text before them.
    static func boundaries(of ranges: [Range<Int>], in text: String) -> [Int] {
        let bytes = Array(text.utf8)
        var result: [Int] = []
        var count = 0
        var position = 0
        for (index, range) in ranges.enumerated() {
            count += nonWhitespace(bytes[position..<range.lowerBound])
            position = range.lowerBound
            if index > 0 { result.append(count) }
        }
        return result
    }

    /// The same positions for the gold sentences.
    static func goldBoundaries(_ sentences: [String]) -> [Int] {
        var result: [Int] = []
        var count = 0
        for (index, sentence) in sentences.enumerated() {
            if index > 0 { result.append(count) }
            count += nonWhitespace(Array(sentence.utf8)[...])
        }
        return result
    }

    /// Characters that are not whitespace (Unicode scalars, so that the count does not depend on
    /// how a character is encoded).
    static func nonWhitespace(_ bytes: ArraySlice<UInt8>) -> Int {
        String(decoding: bytes, as: UTF8.self).unicodeScalars.reduce(0) { $0 + ($1.properties.isWhitespace ? 0 : 1) }
    }
}
