public import ClaimSieveCore
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
    public static var wordListNames: [String] { WordClass.listNames.map(\.0) + ["name_words"] }

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

    /// What a lexicon file may hold, for `DataFileLoader` (the entries' own keys are checked
    /// by `LexiconEntry`'s decoder).
    public static let shape: DataFileLoader.Shape = .mapping([
        ("replace", .boolean), ("inflections", .dictionary(.strings)), ("words", .dictionary(.strings)),
        ("cues", .list(.any)),
    ])

    /// Merges one lexicon file; `file` names it in errors. Every problem of the file is reported
    /// at once, each with its line and column.
    public mutating func add(yaml: String, file: String) throws {
        let node: Node
        do {
            node = try DataFileLoader.compose(yaml, file: file)
        } catch {
            throw LexiconError(problems: [error])
        }
        var problems = DataFileLoader.problems(in: node, shape: Self.shape, file: file, context: "a lexicon file")
        if case .mapping(let top)? = Optional(node), case .mapping(let lists)? = top["words"] {
            for (key, _) in lists where !Self.wordListNames.contains(key.string ?? "") {
                problems.append(PipelineError(file: file, line: key.mark?.line, column: key.mark?.column,
                                              message: "unknown word list '\(key.string ?? "")'; valid lists: \(Self.wordListNames.joined(separator: ", "))"))
            }
        }
        problems.sort { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) }
        guard problems.isEmpty else { throw LexiconError(problems: problems) }
        var contents = LexiconFile()
        let cueNodes: [Node]
        if case .sequence(let sequence)? = node.mapping?["cues"] { cueNodes = Array(sequence) } else { cueNodes = [] }
        do {
            // The hand walk reads a well-formed file; anything it does not know (an error, a null,
            // a repeated key) goes through `YAMLDecoder`, which names the problem.
            contents = try LexiconFile(plain: node) ?? YAMLDecoder().decode(LexiconFile.self, from: node)
        } catch let error as DecodingError {
            // Name the entry at fault by its place in the file.
            let (index, message) = Self.describe(error)
            let mark = index.flatMap { $0 < cueNodes.count ? cueNodes[$0].mark : nil }
            throw LexiconError(problems: [PipelineError(file: file, line: mark?.line, column: mark?.column, message: message)])
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
            words[name, default: []].append(contentsOf: list.map { $0.lowercased() })
        }
        for (index, var entry) in (contents.cues ?? []).enumerated() {
            let mark = index < cueNodes.count ? cueNodes[index].mark : nil
            entry.origin = mark.map { "\(file):\($0.line):\($0.column)" } ?? file
            do {
                try add(entry, file: entry.origin ?? file)
            } catch let error as LexiconError {
                problems.append(PipelineError(file: entry.origin ?? file, message: error.message))
            }
        }
        guard problems.isEmpty else { throw LexiconError(problems: problems) }
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

    /// The index of the cue at fault (when the error is inside `cues`) and the message in words.
    private static func describe(_ error: DecodingError) -> (cue: Int?, message: String) {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        func cue(_ keys: [any CodingKey]) -> Int? {
            keys.count >= 2 && keys[0].stringValue == "cues" ? keys[1].intValue : nil
        }
        switch error {
        case .dataCorrupted(let context), .valueNotFound(_, let context):
            return (cue(context.codingPath), "\(path(context.codingPath)): \(context.debugDescription)")
        case .typeMismatch(let type, let context):
            return (cue(context.codingPath), "\(path(context.codingPath)): expected \(DataFileLoader.words(for: type))")
        case .keyNotFound(let key, let context):
            return (cue(context.codingPath), "\(path(context.codingPath)): missing key '\(key.stringValue)'")
        @unknown default:
            return (nil, "\(error)")
        }
    }
}

/// The top level of a lexicon file.
struct LexiconFile: Decodable, Equatable {
    init() {}
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

/// A well-formed lexicon file read straight from its YAML nodes.
///
/// `YAMLDecoder` cost about 550,000 instructions a cue entry (each key of each entry looked up
/// by walking the mapping, a decoder and a copy of the mapping made per value): 127 M of a run's
/// 6.9 G on the 181 benchmark pages, at every start-up. This walk gives the same values with the
/// same Yams scalar constructors, and returns nil for anything else (an unknown key, a value of
/// the wrong kind or out of range, a null, a key written twice), which `YAMLDecoder` then reads
/// and reports as before. `LexiconPlainReadTests` compares the two.
extension LexiconFile {
    init?(plain node: Node) {
        guard case .mapping(let top) = node, let pairs = PlainYAML.pairs(top) else { return nil }
        self.init()
        for (key, value) in pairs {
            switch key {
            case "replace":
                guard let flag = PlainYAML.scalar(value).flatMap(Bool.construct) else { return nil }
                replace = flag
            case "inflections":
                guard let lists = PlainYAML.stringLists(value) else { return nil }
                inflections = lists
            case "words":
                guard let lists = PlainYAML.stringLists(value) else { return nil }
                words = lists
            case "cues":
                guard case .sequence(let items) = value else { return nil }
                var entries: [LexiconEntry] = []
                entries.reserveCapacity(items.count)
                for item in items {
                    guard let entry = LexiconEntry(plain: item) else { return nil }
                    entries.append(entry)
                }
                cues = entries
            default:
                return nil
            }
        }
    }
}

extension LexiconEntry {
    /// One `cues:` item read from its nodes; nil for anything `init(from:)` would refuse or
    /// read otherwise (see `LexiconFile.init(plain:)`).
    init?(plain node: Node) {
        guard case .mapping(let mapping) = node, let pairs = PlainYAML.pairs(mapping) else { return nil }
        var phrase: String?
        var category: CueCategory??
        self.init(phrase: "", category: nil)
        for (key, value) in pairs {
            guard let codingKey = CodingKeys(rawValue: key) else { return nil }
            switch codingKey {
            case .phrase:
                guard let text = PlainYAML.string(value) else { return nil }
                phrase = text
            case .category:
                guard let name = PlainYAML.string(value), let known = Self.plainCategory(name) else { return nil }
                category = known
            case .weight:
                guard let number = PlainYAML.scalar(value).flatMap(Double.construct), (0...1).contains(number) else { return nil }
                weight = number
            case .gap:
                guard let number = PlainYAML.scalar(value).flatMap(Int.construct), (1...20).contains(number) else { return nil }
                gap = number
            case .speaker:
                guard let name = PlainYAML.string(value), let position = SpeakerPosition(rawValue: name) else { return nil }
                speaker = position
            case .unnamed:
                guard let name = PlainYAML.string(value), let known = Self.plainCategory(name) else { return nil }
                unnamed = known
            case .notBefore:
                guard let list = PlainYAML.strings(value) else { return nil }
                notBefore = list
            case .notAfter:
                guard let list = PlainYAML.strings(value) else { return nil }
                notAfter = list
            case .skipCapitalized, .speechContext, .cancelByNamedAgent, .atStart, .replace:
                guard let flag = PlainYAML.scalar(value).flatMap(Bool.construct) else { return nil }
                switch codingKey {
                case .skipCapitalized: skipCapitalized = flag
                case .speechContext: speechContext = flag
                case .cancelByNamedAgent: cancelByNamedAgent = flag
                case .atStart: atStart = flag
                default: replace = flag
                }
            }
        }
        guard let phrase, let category else { return nil }
        self.phrase = phrase
        self.category = category
    }

    /// `neutral` as nil inside some, a known category, or nil for an unknown name.
    private static func plainCategory(_ name: String) -> CueCategory?? {
        if name == "neutral" { return .some(nil) }
        return CueCategory(rawValue: name).map { .some($0) }
    }
}

/// A lexicon that cannot be used, with the file it came from.
public struct LexiconError: Error, CustomStringConvertible, Sendable {
    /// The file at fault, as given (with `:line:column` when the entry is known).
    public var file: String
    /// What is wrong, in words an editor can act on.
    public var message: String
    /// Every problem of the file with its place, when the loader found several.
    public var problems: [PipelineError] = []

    /// One problem of a file.
    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    /// Several problems of one file, each with its line and column.
    public init(problems: [PipelineError]) {
        self.file = problems.first?.file ?? "(lexicon)"
        self.message = problems.first?.message ?? ""
        self.problems = problems
    }

    /// "file:line:column: message", one per line, as an editor expects from a linter.
    public var description: String {
        problems.isEmpty ? "\(file): \(message)" : problems.map(\.description).joined(separator: "\n")
    }
}
