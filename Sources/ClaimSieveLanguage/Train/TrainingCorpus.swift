import ClaimSieveCore
import Foundation

/// A span of labelled text, as UTF-8 byte offsets into its sentence or article.
public struct LabelledSpan: Sendable, Equatable {
    /// Index into the model's roles ("cue", "source" / "hedge").
    public var role: Int
    /// UTF-8 byte offset, inclusive.
    public var start: Int
    /// UTF-8 byte offset, exclusive.
    public var end: Int
}

/// One article of PolNeAR (`polnear/*.jsonl`): text, CoreNLP sentences and attributions, with
/// every offset converted from code points to UTF-8 bytes once, when read.
public struct AttributionArticle: Sendable {
    /// One attribution: its cue, source and content segments.
    public struct Attribution: Sendable {
        /// Cue segments (byte ranges of the article).
        public var cue: [Range<Int>]
        /// Source segments; empty when the annotator marked no source.
        public var source: [Range<Int>]
        /// Content segments.
        public var content: [Range<Int>]
    }

    /// The record's `id`.
    public var id: String
    /// The article's UTF-8 bytes.
    public var bytes: [UInt8]
    /// Sentences as byte ranges, in order.
    public var sentences: [Range<Int>]
    /// Each sentence's paragraph (text between sentences holding a line break starts a new one).
    public var paragraphs: [Int]
    /// Every attribution of the article.
    public var attributions: [Attribution]

    /// The sentence's text.
    public func text(of sentence: Int) -> String {
        String(decoding: bytes[sentences[sentence]], as: UTF8.self)
    }
}

/// One sentence of the uncertainty corpora (`uncertainty/*.jsonl`), with its hedge cue spans in bytes.
public struct HedgeSentence: Sendable {
    /// The record's `id`.
    public var id: String
    /// The sentence.
    public var text: String
    /// `label == "uncertain"`.
    public var uncertain: Bool
    /// Cue spans (role 0), UTF-8 byte offsets into `text`.
    public var cues: [LabelledSpan]
    /// `split`: "train" or "dev".
    public var split: String
    /// The corpus it comes from (its file's name without `.jsonl`: "wiki", "bio", "sfu_reviews"):
    /// corpora mark different words ("or" and "can" are hedges only in the SFU reviews), and the
    /// hedge model learns each corpus's own habits apart from what they share.
    public var domain: String = ""
}

/// A training file that cannot be read, with the file, the line and the reason.
public struct TrainingDataError: Error, CustomStringConvertible, Sendable {
    /// The file at fault.
    public var file: String
    /// 1-based line, 0 for the whole file.
    public var line: Int
    /// What is wrong.
    public var message: String
    /// "file:line: message", for the command line.
    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

/// Readers for the training formats described in `../shared/train/README.md` (the same formats
/// a user's own data must have).
public enum TrainingCorpus {
    private struct ArticleRecord: Decodable {
        struct Attribution: Decodable {
            var cue: [[Int]]?
            var source: [[Int]]?
            var content: [[Int]]?
        }
        var id: String?
        var text: String
        var sentences: [[Int]]
        var attributions: [Attribution]
    }

    private struct HedgeRecord: Decodable {
        struct CueRecord: Decodable {
            var start: Int
            var end: Int
        }
        var id: String?
        var text: String
        var label: String?
        var cues: [CueRecord]
        var split: String?
    }

    /// Reads a PolNeAR-format JSON Lines file.
    public static func readAttribution(path: String) throws -> [AttributionArticle] {
        try records(path, ArticleRecord.self).map { line, record in
            let text = record.text
            let map = byteOffsets(text)
            func range(_ pair: [Int]) throws -> Range<Int> {
                guard pair.count == 2, pair[0] >= 0, pair[0] <= pair[1], pair[1] < map.count else {
                    throw TrainingDataError(file: path, line: line, message: "offsets \(pair) outside the text")
                }
                return map[pair[0]]..<map[pair[1]]
            }
            func ranges(_ value: [[Int]]?) throws -> [Range<Int>] {
                try (value ?? []).map(range)
            }
            let bytes = Array(text.utf8)
            let sentenceRanges = try record.sentences.map(range)
            var paragraphs: [Int] = []
            var paragraph = 0
            var previousEnd = 0
            for sentence in sentenceRanges {
                if sentence.lowerBound > previousEnd, bytes[previousEnd..<sentence.lowerBound].contains(0x0A), !paragraphs.isEmpty {
                    paragraph += 1
                }
                paragraphs.append(paragraph)
                previousEnd = max(previousEnd, sentence.upperBound)
            }
            return AttributionArticle(
                id: record.id ?? "line \(line)", bytes: bytes, sentences: sentenceRanges, paragraphs: paragraphs,
                attributions: try record.attributions.map {
                    AttributionArticle.Attribution(
                        cue: try ranges($0.cue), source: try ranges($0.source), content: try ranges($0.content))
                })
        }
    }

    /// Reads an uncertainty-format JSON Lines file (Szeged, SFU).
    public static func readHedges(path: String) throws -> [HedgeSentence] {
        try records(path, HedgeRecord.self).map { line, record in
            let map = byteOffsets(record.text)
            let spans: [LabelledSpan] = try record.cues.map { cue in
                guard cue.start >= 0, cue.start <= cue.end, cue.end < map.count else {
                    throw TrainingDataError(file: path, line: line, message: "a cue outside the text")
                }
                return LabelledSpan(role: 0, start: map[cue.start], end: map[cue.end])
            }
            return HedgeSentence(
                id: record.id ?? "line \(line)", text: record.text,
                uncertain: record.label == "uncertain" || !spans.isEmpty, cues: spans, split: record.split ?? "train",
                domain: domainName(path))
        }
    }

    /// "../shared/train/uncertainty/wiki.jsonl" → "wiki".
    public static func domainName(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasSuffix(".jsonl") ? String(name.dropLast(6)) : name
    }

    /// UTF-8 byte offset of every code point offset 0...count.
    static func byteOffsets(_ text: String) -> [Int] {
        var map: [Int] = []
        var offset = 0
        for scalar in text.unicodeScalars {
            map.append(offset)
            offset += UTF8.width(scalar)
        }
        map.append(offset)
        return map
    }

    /// Each non-blank line decoded (JSONDecoder keeps every code point, a U+FEFF inside a text too,
    /// so code point offsets stay right).
    private static func records<Record: Decodable>(_ path: String, _ type: Record.Type) throws -> [(Int, Record)] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TrainingDataError(file: path, line: 0, message: "cannot read the file: \(PathProblem.unreadable(path))")
        }
        let decoder = JSONDecoder()
        var result: [(Int, Record)] = []
        var line = 0
        for slice in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            line += 1
            if slice.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            do {
                result.append((line, try decoder.decode(Record.self, from: Data(slice))))
            } catch {
                throw TrainingDataError(file: path, line: line, message: "not a record of this format (\(error))")
            }
        }
        return result
    }
}
