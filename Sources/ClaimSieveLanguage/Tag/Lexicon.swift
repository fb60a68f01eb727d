import ClaimSieveCore
import Foundation
import Yams

/// The cue phrases, word lists and inflections behind `tag`, merged from one or more YAML files.
///
/// What the tagger knows about English lives in `pipelines/lexicons/en.yml`, so a newsroom adds a
/// cue by editing data. Later files add to earlier ones; a file with `replace: true` starts over,
/// an entry with `replace: true` overrides an earlier entry with the same phrase.
public struct Lexicon: Sendable {
    /// All cue entries, in load order (a later entry wins a tie between equally long matches).
    public private(set) var entries: [LexiconEntry] = []
    /// Word lists by name (`generic_speakers`, `pronouns`, ...), lower-cased.
    public private(set) var words: [String: [String]] = [:]
    /// Irregular inflections by lemma, for `{lemma}` in phrases; regular ones are derived.
    public private(set) var inflections: [String: [String]] = [:]
    /// Each entry's normalised phrase to its index in `entries`, so the duplicate check is one
    /// look-up (it once normalised every earlier phrase for each new one: 25 000 entries took minutes).
    private var positions: [String: Int] = [:]

    /// The word lists the tagger reads; any other key is a typo and fails loading.
    public static var wordListNames: [String] { WordClass.listNames.map(\.0) }

    /// An empty lexicon, to build one in code (tests, generated lexicons).
    public init() {}

    /// Loads `paths` in order; the built-in English lexicon when `paths` is empty, so that
    /// `claimsieve tag` works without a pipeline file.
    public static func load(paths: [String]) throws -> Lexicon {
        var lexicon = Lexicon()
        let files = paths.isEmpty ? [try defaultPath()] : paths
        for path in files {
            guard let data = FileManager.default.contents(atPath: path),
                let text = String(data: data, encoding: .utf8)
            else {
                throw LexiconError(file: path, message: "cannot read the lexicon file")
            }
            try lexicon.add(yaml: text, file: path)
        }
        return lexicon
    }

    /// Where the built-in lexicon is: found like every other shipped data file.
    public static func defaultPath() throws -> String {
        guard let path = DataFiles.locate("lexicons/en.yml") else {
            throw LexiconError(
                file: "lexicons/en.yml",
                message: "built-in lexicon not found (looked in \(DataFiles.candidates(for: "lexicons/en.yml").joined(separator: ", ")))")
        }
        return path
    }

    /// Merges one lexicon file; `file` only names it in errors.
    public mutating func add(yaml: String, file: String) throws {
        let contents: LexiconFile
        do {
            contents = try YAMLDecoder().decode(LexiconFile.self, from: yaml)
        } catch let error as DecodingError {
            throw LexiconError(file: file, message: Self.describe(error))
        } catch {
            throw LexiconError(file: file, message: "\(error)")
        }
        if contents.replace ?? false {
            self = Lexicon()
        }
        for (lemma, forms) in contents.inflections ?? [:] {
            inflections[lemma.lowercased()] = forms.map { $0.lowercased() }
        }
        for (name, list) in contents.words ?? [:] {
            guard Self.wordListNames.contains(name) else {
                throw LexiconError(
                    file: file, message: "unknown word list '\(name)' (known: \(Self.wordListNames.joined(separator: ", ")))")
            }
            words[name, default: []].append(contentsOf: list.map { $0.lowercased() })
        }
        for entry in contents.cues ?? [] {
            try add(entry, file: file)
        }
    }

    /// Adds one entry; a phrase already present needs `replace: true`, so that two files never
    /// silently disagree about a cue.
    public mutating func add(_ entry: LexiconEntry, file: String = "(code)") throws {
        let key = Self.normalized(entry.phrase)
        guard !key.isEmpty else { throw LexiconError(file: file, message: "empty phrase") }
        if let index = positions[key] {
            guard entry.replace else {
                throw LexiconError(
                    file: file, message: "duplicate phrase '\(entry.phrase)' (add `replace: true` to override it)")
            }
            // Rare (an override), so the positions after it are simply renumbered.
            entries.remove(at: index)
            for position in index..<entries.count { positions[Self.normalized(entries[position].phrase)] = position }
        }
        positions[key] = entries.count
        entries.append(entry)
    }

    /// A list by name, or empty.
    public func wordList(_ name: String) -> [String] { words[name] ?? [] }

    static func normalized(_ phrase: String) -> String {
        phrase.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .dataCorrupted(let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath)): missing key '\(key.stringValue)'"
        @unknown default:
            return "\(error)"
        }
    }
}

/// The top level of a lexicon file.
struct LexiconFile: Decodable {
    var replace: Bool?
    var inflections: [String: [String]]?
    var words: [String: [String]]?
    var cues: [LexiconEntry]?

    enum CodingKeys: String, CodingKey, CaseIterable { case replace, inflections, words, cues }

    init(from decoder: any Decoder) throws {
        let any = try decoder.container(keyedBy: AnyKey.self)
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        for key in any.allKeys where !known.contains(key.stringValue) {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: any, debugDescription: "unknown top-level key '\(key.stringValue)'")
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        replace = try container.decodeIfPresent(Bool.self, forKey: .replace)
        inflections = try container.decodeIfPresent([String: [String]].self, forKey: .inflections)
        words = try container.decodeIfPresent([String: [String]].self, forKey: .words)
        cues = try container.decodeIfPresent([LexiconEntry].self, forKey: .cues)
    }
}

/// A lexicon that cannot be used, with the file it came from.
public struct LexiconError: Error, CustomStringConvertible, Sendable {
    /// The file at fault, as given.
    public var file: String
    /// What is wrong, in words an editor can act on.
    public var message: String

    /// "file: message", as an editor expects from a linter.
    public var description: String { "\(file): \(message)" }
}
