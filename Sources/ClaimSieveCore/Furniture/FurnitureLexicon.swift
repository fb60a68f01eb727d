import Foundation
import Yams

/// Where a kind of furniture may stand in an article body. Phrases that also open real sentences
/// ("By Monday, ...", "X is a reporter for ...") only count where furniture sits: at the edges.
public enum FurniturePlace: String, Sendable, Codable {
    /// Anywhere in the body.
    case anywhere
    /// In the first `edge_blocks.start` blocks.
    case start
    /// In the last `edge_blocks.end` blocks.
    case end
    /// At the start or the end.
    case edge
}

/// Metadata a furniture line carries, kept on the document instead of being thrown away.
public enum FurnitureMetadata: String, Sendable, Codable {
    case byline, copyright
}

/// One kind of page furniture, as written in `lexicons/en-furniture.yml`: one entry of `kinds:`.
///
/// A kind is data, not code: its cues, its length limit and where it may stand. The matcher treats
/// every kind the same way, so adding a kind is adding an entry (with examples, which the tests check).
public struct FurnitureKind: Sendable, Codable, Equatable {
    /// The entry's key in `kinds:` ("byline", "copyright", ...), named in reports and tests.
    public var name: String = ""
    public var description: String?
    public var startsWith: [String]?
    public var contains: [String]?
    public var endsWith: [String]?
    public var equals: [String]?
    /// A second cue the line must also hold, when given.
    public var alsoContains: [String]?
    public var maxWords: Int?
    public var place: FurniturePlace?
    public var keepAs: FurnitureMetadata?
    /// Lines that must be recognised as this kind (checked by the tests, one test per kind).
    public var examples: [String]?
    /// Lines that must not be recognised as furniture at all (checked by the tests).
    public var counterexamples: [String]?

    /// A kind given in code (tests, a team's own executable).
    public init(name: String, description: String? = nil, startsWith: [String]? = nil, contains: [String]? = nil,
                endsWith: [String]? = nil, equals: [String]? = nil, alsoContains: [String]? = nil, maxWords: Int? = nil,
                place: FurniturePlace? = nil, keepAs: FurnitureMetadata? = nil, examples: [String]? = nil,
                counterexamples: [String]? = nil) {
        self.name = name
        self.description = description
        self.startsWith = startsWith
        self.contains = contains
        self.endsWith = endsWith
        self.equals = equals
        self.alsoContains = alsoContains
        self.maxWords = maxWords
        self.place = place
        self.keepAs = keepAs
        self.examples = examples
        self.counterexamples = counterexamples
    }

    enum CodingKeys: String, CodingKey {
        case description, contains, equals, examples, counterexamples
        case startsWith = "starts_with", endsWith = "ends_with", alsoContains = "also_contains"
        case maxWords = "max_words", place = "where", keepAs = "keep_as"
    }

    /// The keys an entry may hold, for `DataFileLoader` (a misspelt key is an error).
    static let shape: DataFileLoader.Shape = .mapping([
        ("description", .string), ("starts_with", .strings), ("contains", .strings), ("ends_with", .strings),
        ("equals", .strings), ("also_contains", .strings), ("max_words", .integer), ("where", .string),
        ("keep_as", .string), ("examples", .strings), ("counterexamples", .strings),
    ])
}

/// The furniture lexicon: every kind, and how many blocks make the edges of a body.
public struct FurnitureLexicon: Sendable {
    /// The kinds in file order (the first that matches a line names it).
    public var kinds: [FurnitureKind]
    /// Blocks counted as the start of a body.
    public var startBlocks: Int
    /// Blocks counted as the end of a body.
    public var endBlocks: Int

    /// The file name looked up through `DataFiles`.
    public static let defaultFile = "lexicons/en-furniture.yml"

    /// What the file may hold.
    public static let shape: DataFileLoader.Shape = .mapping([
        ("edge_blocks", .mapping([("start", .integer), ("end", .integer)])),
        ("kinds", .dictionary(FurnitureKind.shape)),
    ])

    /// A lexicon given in code (tests).
    public init(kinds: [FurnitureKind], startBlocks: Int = 3, endBlocks: Int = 6) {
        self.kinds = kinds
        self.startBlocks = startBlocks
        self.endBlocks = endBlocks
    }

    /// Reads `path`, or the shipped `lexicons/en-furniture.yml` when `path` is nil. Every problem
    /// of the file is reported at once, each with its line, in a `PipelineError`-style message.
    public static func load(path: String? = nil) throws -> FurnitureLexicon {
        guard let resolved = path ?? DataFiles.locate(defaultFile) else {
            throw DataFileProblems([PipelineError(file: defaultFile, message: "cannot find the furniture lexicon; looked in: "
                + DataFiles.candidates(for: defaultFile).joined(separator: ", "))])
        }
        let node: Node
        do {
            node = try DataFileLoader.compose(path: resolved)
        } catch {
            throw DataFileProblems([error])
        }
        var problems = DataFileLoader.problems(in: node, shape: shape, file: resolved, context: "a furniture lexicon")
        var kinds: [FurnitureKind] = []
        if case .mapping(let entries)? = node.mapping?["kinds"] {
            for (key, value) in entries {
                do {
                    var kind = try FurnitureKind(plain: value) ?? YAMLDecoder().decode(FurnitureKind.self, from: value)
                    kind.name = key.string ?? ""
                    kinds.append(kind)
                } catch {
                    problems.append(PipelineError(file: resolved, line: value.mark?.line, column: value.mark?.column,
                                                  message: "kind '\(key.string ?? "")': \(Self.describe(error))"))
                }
            }
        }
        problems += wildcardProblems(in: kinds, file: resolved)
        guard problems.isEmpty else { throw DataFileProblems(problems) }
        let edges = node.mapping?["edge_blocks"]?.mapping
        return FurnitureLexicon(kinds: kinds, startBlocks: edges?["start"]?.int ?? 3, endBlocks: edges?["end"]?.int ?? 6)
    }

    /// The most paths one cue's `#` may open in the matcher's table.
    ///
    /// `FurnitureMatcher` compiles the cues into one automaton where `#` branches once per digit
    /// the lexicon spells out in a cue (plus once for the digits it does not): a cue with k `#`
    /// opens branches^k paths. With no digit spelt out that is 1 whatever k is (the shipped
    /// lexicon); with "2024" elsewhere, "##/##/#### ##:##" would open 4^10, about a million, and
    /// building the table would stall the run's start-up. Such a cue is refused when the lexicon
    /// is read, naming it.
    public static let maximumWildcardPaths = 4096

    /// One problem per cue whose `#` would open more than `maximumWildcardPaths` paths.
    static func wildcardProblems(in kinds: [FurnitureKind], file: String) -> [PipelineError] {
        let hash = UInt8(ascii: "#")
        func cues(_ kind: FurnitureKind) -> [String] {
            (kind.startsWith ?? []) + (kind.contains ?? []) + (kind.alsoContains ?? [])
        }
        var spelt = Set<UInt8>()
        for kind in kinds {
            for cue in cues(kind) { spelt.formUnion(cue.utf8.filter { $0 >= 0x30 && $0 <= 0x39 }) }
        }
        let branches = spelt.count + (spelt.count < 10 ? 1 : 0)
        guard branches > 1 else { return [] }
        var problems: [PipelineError] = []
        for kind in kinds {
            for cue in cues(kind) {
                var paths = 1
                for byte in cue.utf8 where byte == hash {
                    paths = paths > maximumWildcardPaths ? paths : paths * branches
                }
                if paths > maximumWildcardPaths {
                    problems.append(PipelineError(file: file, message: "kind '\(kind.name)': cue '\(cue)' has too many '#' "
                        + "(each stands for a digit, and with the digits this lexicon spells out elsewhere its cues would "
                        + "open more than \(maximumWildcardPaths) paths in the matcher); write fewer '#' or spell out no digits"))
                }
            }
        }
        return problems
    }

    private static func describe(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        }
        if case DecodingError.typeMismatch(let type, let context) = error {
            return "\(context.codingPath.map(\.stringValue).joined(separator: ".")): expected \(DataFileLoader.words(for: type))"
        }
        return "\(error)"
    }
}

/// A well-formed kind read straight from its YAML nodes.
///
/// `YAMLDecoder` cost about 1.3 M instructions a kind (14 M of every start-up for the shipped
/// lexicon's kinds: each key looked up by walking the mapping, a decoder per value, and the
/// environment read twice per decoder made). This walk gives the same values with the same Yams
/// scalar constructors, and returns nil for anything else (an unknown key, a value of the wrong
/// kind, a null, an unknown `where` or `keep_as`, a quoted or repeated key), which `YAMLDecoder`
/// then reads and reports as before. `FurniturePlainReadTests` compares the two.
extension FurnitureKind {
    init?(plain node: Node) {
        guard case .mapping(let mapping) = node, let pairs = PlainYAML.pairs(mapping) else { return nil }
        self.init(name: "")
        for (key, value) in pairs {
            guard let codingKey = CodingKeys(rawValue: key) else { return nil }
            switch codingKey {
            case .description:
                guard let text = PlainYAML.string(value) else { return nil }
                description = text
            case .maxWords:
                guard let number = PlainYAML.scalar(value).flatMap(Int.construct) else { return nil }
                maxWords = number
            case .place:
                guard let name = PlainYAML.string(value), let known = FurniturePlace(rawValue: name) else { return nil }
                place = known
            case .keepAs:
                guard let name = PlainYAML.string(value), let known = FurnitureMetadata(rawValue: name) else { return nil }
                keepAs = known
            case .startsWith, .contains, .endsWith, .equals, .alsoContains, .examples, .counterexamples:
                guard let list = PlainYAML.strings(value) else { return nil }
                switch codingKey {
                case .startsWith: startsWith = list
                case .contains: contains = list
                case .endsWith: endsWith = list
                case .equals: equals = list
                case .alsoContains: alsoContains = list
                case .examples: examples = list
                default: counterexamples = list
                }
            }
        }
    }
}
