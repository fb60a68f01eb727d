public import ClaimSieveCore
import Foundation
import Yams

/// The splitter's word lists and patterns as written in `pipelines/lexicons/en-splitter.yml`.
///
/// The rules are data so that a newcomer can add an abbreviation, a call-to-action phrase or a
/// news agency without touching Swift; this type only mirrors the file's shape. Every section is
/// optional, so a team can ship a small override file that states only what it changes.
public struct SplitterRules: Sendable, Decodable, Equatable {
    /// Abbreviations by how their final period behaves.
    public struct Abbreviations: Sendable, Decodable, Equatable {
        /// Titles before a name ("Mr.", "Mt."): never end a sentence.
        public var prepositive: [String] = []
        /// Abbreviations before a number ("p. 55", "Jan. 5"): no end before a digit.
        public var numeric: [String] = []
        /// Abbreviations that may end a sentence, but only before a sentence starter.
        public var general: [String] = []
        /// Units, treated as `general` right after a number only ("in." is also a word).
        public var units: [String] = []
        /// Dotted abbreviations that never end a sentence ("e.g.").
        public var neverFinal: [String] = []
        /// Times of day ("a.m."): end a sentence before any capitalised word.
        public var time: [String] = []

        enum CodingKeys: String, CodingKey {
            case prepositive, numeric, general, units, time
            case neverFinal = "never_final"
        }

        /// Empty lists, default numbers.
        public init() {}

        /// Reads the section; absent keys keep their defaults.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            prepositive = try c.decodeIfPresent([String].self, forKey: .prepositive) ?? []
            numeric = try c.decodeIfPresent([String].self, forKey: .numeric) ?? []
            general = try c.decodeIfPresent([String].self, forKey: .general) ?? []
            units = try c.decodeIfPresent([String].self, forKey: .units) ?? []
            neverFinal = try c.decodeIfPresent([String].self, forKey: .neverFinal) ?? []
            time = try c.decodeIfPresent([String].self, forKey: .time) ?? []
        }
    }

    /// Numbers that tune where boundaries fall.
    public struct Boundaries: Sendable, Decodable, Equatable {
        /// A sentence shorter than this never ends at an abbreviation ("At 5 a.m. Mr. Smith").
        public var minWordsBeforeAbbreviation: Int = 4
        /// Longest quote or parenthesis treated as one unit, so that a stray mark cannot glue
        /// a whole article into one sentence.
        public var maxEnclosureBytes: Int = 1500
        /// Web text often starts a sentence in lower case ("it was cold. we left"): a period
        /// after a plain word that is no abbreviation, or a `?`/`!` with no closing quote, ends the
        /// sentence before a lower-case word too. Off for a language whose abbreviation lists
        /// are short, where the period is more often an unlisted abbreviation's.
        public var endBeforeLowerCase: Bool = false

        enum CodingKeys: String, CodingKey {
            case minWordsBeforeAbbreviation = "min_words_before_abbreviation"
            case maxEnclosureBytes = "max_enclosure_bytes"
            case endBeforeLowerCase = "end_before_lower_case"
        }

        /// Empty lists, default numbers.
        public init() {}

        /// Reads the section; absent keys keep their defaults.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            minWordsBeforeAbbreviation = try SplitterRules.bounded(
                c.decodeIfPresent(Int.self, forKey: .minWordsBeforeAbbreviation) ?? 4, 0...100, .minWordsBeforeAbbreviation, c)
            maxEnclosureBytes = try SplitterRules.bounded(
                c.decodeIfPresent(Int.self, forKey: .maxEnclosureBytes) ?? 1500, 1...1_000_000, .maxEnclosureBytes, c)
            endBeforeLowerCase = try c.decodeIfPresent(Bool.self, forKey: .endBeforeLowerCase) ?? false
        }
    }

    /// Numbers written as ordinals with a period ("am 3. Oktober", "im 19. Jahrhundert").
    public struct Ordinals: Sendable, Decodable, Equatable {
        /// A number of at most this many digits before a period and a capitalised word is an
        /// ordinal, unless the word is a sentence starter; 0 turns the rule off (English).
        public var maxDigits: Int = 0
        /// Words after which a numbered period is always an ordinal ("Oktober"), exact spelling.
        public var before: [String] = []

        enum CodingKeys: String, CodingKey {
            case before
            case maxDigits = "max_digits"
        }

        /// The rule off.
        public init() {}

        /// Reads the section; absent keys keep their defaults.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            maxDigits = try SplitterRules.bounded(c.decodeIfPresent(Int.self, forKey: .maxDigits) ?? 0, 0...4, .maxDigits, c)
            before = try c.decodeIfPresent([String].self, forKey: .before) ?? []
        }
    }

    /// Text glued by broken markup ("fleAbu Mohammad").
    public struct GluedWords: Sendable, Decodable, Equatable {
        /// Shortest lower-case head that can be glued text ("iPhone" has one letter).
        public var minHeadLetters: Int = 3
        /// Name prefixes written in lower case before a capital ("van", "mac").
        public var prefixes: [String] = []
        /// Names written with a lower-case head ("easyJet"), exact spelling.
        public var words: [String] = []

        enum CodingKeys: String, CodingKey {
            case prefixes, words
            case minHeadLetters = "min_head_letters"
        }

        /// Empty lists, default numbers.
        public init() {}

        /// Reads the section; absent keys keep their defaults.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            minHeadLetters = try c.decodeIfPresent(Int.self, forKey: .minHeadLetters) ?? 3
            prefixes = try c.decodeIfPresent([String].self, forKey: .prefixes) ?? []
            words = try c.decodeIfPresent([String].self, forKey: .words) ?? []
        }
    }

    /// Datelines ("DAMASCUS, Syria (AP) —").
    public struct DatelineRules: Sendable, Decodable, Equatable {
        /// Longest dateline, up to its dash.
        public var maxBytes: Int = 80
        /// Agencies allowed in parentheses ("(AP)"), exact spelling.
        public var agencies: [String] = []

        enum CodingKeys: String, CodingKey {
            case agencies
            case maxBytes = "max_bytes"
        }

        /// Empty lists, default numbers.
        public init() {}

        /// Reads the section; absent keys keep their defaults.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            maxBytes = try SplitterRules.bounded(c.decodeIfPresent(Int.self, forKey: .maxBytes) ?? 80, 1...10_000, .maxBytes, c)
            agencies = try c.decodeIfPresent([String].self, forKey: .agencies) ?? []
        }
    }

    /// Units that are not claims (calls to action, footers, credits, bylines).
    public struct NonClaims: Sendable, Decodable, Equatable {
        /// Opening words of furniture ("read more", "updated as").
        public var startsWith: [String] = []
        /// Whole lines that are furniture ("advertisement").
        public var equals: [String] = []
        /// Opening words of a footer after a dash ("– Based on reports from").
        public var afterDash: [String] = []
        /// Phrases that make a short line a credit ("getty images").
        public var shortContains: [String] = []
        /// How short "short" is for `shortContains`, in words.
        public var shortMaxWords: Int = 14
        /// Openings of a byline ("by").
        public var bylinePrefixes: [String] = []
        /// Longest byline, in words.
        public var bylineMaxWords: Int = 12
        /// Lower-case words a byline may hold ("and", "in").
        public var bylineConnectors: [String] = []

        enum CodingKeys: String, CodingKey {
            case startsWith = "starts_with"
            case equals
            case afterDash = "after_dash"
            case shortContains = "short_contains"
            case shortMaxWords = "short_max_words"
            case bylinePrefixes = "byline_prefixes"
            case bylineMaxWords = "byline_max_words"
            case bylineConnectors = "byline_connectors"
        }

        /// Empty lists, default numbers.
        public init() {}

        /// Reads the section; absent keys keep their defaults.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            startsWith = try c.decodeIfPresent([String].self, forKey: .startsWith) ?? []
            equals = try c.decodeIfPresent([String].self, forKey: .equals) ?? []
            afterDash = try c.decodeIfPresent([String].self, forKey: .afterDash) ?? []
            shortContains = try c.decodeIfPresent([String].self, forKey: .shortContains) ?? []
            shortMaxWords = try c.decodeIfPresent(Int.self, forKey: .shortMaxWords) ?? 14
            bylinePrefixes = try c.decodeIfPresent([String].self, forKey: .bylinePrefixes) ?? []
            bylineMaxWords = try c.decodeIfPresent(Int.self, forKey: .bylineMaxWords) ?? 12
            bylineConnectors = try c.decodeIfPresent([String].self, forKey: .bylineConnectors) ?? []
        }
    }

    /// When a heading that is not the headline still reads as a sentence.
    public struct Headings: Sendable, Decodable, Equatable {
        /// Fewest words of a heading that reads as a sentence.
        public var minWords: Int = 4
        /// Verbs that make a heading read as a sentence ("says", "fled").
        public var verbs: [String] = []

        enum CodingKeys: String, CodingKey {
            case verbs
            case minWords = "min_words"
        }

        /// Empty lists, default numbers.
        public init() {}

        /// Reads the section; absent keys keep their defaults.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            minWords = try SplitterRules.bounded(c.decodeIfPresent(Int.self, forKey: .minWords) ?? 4, 0...100, .minWords, c)
            verbs = try c.decodeIfPresent([String].self, forKey: .verbs) ?? []
        }
    }

    /// `abbreviations:` of the file.
    public var abbreviations = Abbreviations()
    /// `sentence_starters:` words that open sentences after abbreviations and initials.
    public var sentenceStarters: [String] = []
    /// `time_zones:` that follow a time of day without starting a sentence ("9 a.m. EST").
    public var timeZones: [String] = []
    /// `exclamation_names:` names spelt with "!" ("Yahoo!").
    public var exclamationNames: [String] = []
    /// `domain_endings:` that make a dotted word a domain name.
    public var domainEndings: [String] = []
    /// `bullets:` that start list items.
    public var bullets: [String] = []
    /// `boundaries:` numbers.
    public var boundaries = Boundaries()
    /// `glued_words:` for text glued by broken markup.
    public var gluedWords = GluedWords()
    /// `dateline:` agencies and length.
    public var dateline = DatelineRules()
    /// `non_claims:` patterns.
    public var nonClaims = NonClaims()
    /// `headings:` rules for headings other than the headline.
    public var headings = Headings()
    /// `emoticons:` that belong to the sentence before them ("Thank you! :) See you").
    public var emoticons: [String] = []
    /// `caption_labels:` that open a caption's number ("Figure 1.5"), exact spelling.
    public var captionLabels: [String] = []
    /// `closings:` of letters and e-mails that end a sentence at their comma ("Thanks, Anne").
    public var closings: [String] = []
    /// `ordinals:` numbers with a period that are ordinals, not sentence ends.
    public var ordinals = Ordinals()

    enum CodingKeys: String, CodingKey {
        case abbreviations, bullets, boundaries, dateline, headings
        case sentenceStarters = "sentence_starters"
        case domainEndings = "domain_endings"
        case exclamationNames = "exclamation_names"
        case timeZones = "time_zones"
        case gluedWords = "glued_words"
        case nonClaims = "non_claims"
        case emoticons, closings, ordinals
        case captionLabels = "caption_labels"
    }

    /// Empty rules: only the structural rules of the scanner apply. Useful to see what a list adds.
    public init() {}

    /// Reads the file; absent sections keep their defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        abbreviations = try c.decodeIfPresent(Abbreviations.self, forKey: .abbreviations) ?? Abbreviations()
        sentenceStarters = try c.decodeIfPresent([String].self, forKey: .sentenceStarters) ?? []
        domainEndings = try c.decodeIfPresent([String].self, forKey: .domainEndings) ?? []
        exclamationNames = try c.decodeIfPresent([String].self, forKey: .exclamationNames) ?? []
        timeZones = try c.decodeIfPresent([String].self, forKey: .timeZones) ?? []
        bullets = try c.decodeIfPresent([String].self, forKey: .bullets) ?? []
        boundaries = try c.decodeIfPresent(Boundaries.self, forKey: .boundaries) ?? Boundaries()
        gluedWords = try c.decodeIfPresent(GluedWords.self, forKey: .gluedWords) ?? GluedWords()
        dateline = try c.decodeIfPresent(DatelineRules.self, forKey: .dateline) ?? DatelineRules()
        nonClaims = try c.decodeIfPresent(NonClaims.self, forKey: .nonClaims) ?? NonClaims()
        headings = try c.decodeIfPresent(Headings.self, forKey: .headings) ?? Headings()
        emoticons = try c.decodeIfPresent([String].self, forKey: .emoticons) ?? []
        captionLabels = try c.decodeIfPresent([String].self, forKey: .captionLabels) ?? []
        closings = try c.decodeIfPresent([String].self, forKey: .closings) ?? []
        ordinals = try c.decodeIfPresent(Ordinals.self, forKey: .ordinals) ?? Ordinals()
    }

    /// The file name looked up through `DataFiles` when no path is given.
    public static let defaultFile = "lexicons/en-splitter.yml"

    /// What a rules file may hold, for `DataFileLoader`: every section optional, no other key.
    public static let shape: DataFileLoader.Shape = .mapping([
        ("replace", .boolean),
        ("abbreviations", .mapping([("prepositive", .strings), ("numeric", .strings), ("general", .strings),
                                    ("units", .strings), ("never_final", .strings), ("time", .strings)])),
        ("sentence_starters", .strings), ("time_zones", .strings), ("exclamation_names", .strings),
        ("domain_endings", .strings), ("bullets", .strings),
        ("boundaries", .mapping([("min_words_before_abbreviation", .integer), ("max_enclosure_bytes", .integer),
                                 ("end_before_lower_case", .boolean)])),
        ("emoticons", .strings), ("closings", .strings), ("caption_labels", .strings),
        ("ordinals", .mapping([("max_digits", .integer), ("before", .strings)])),
        ("glued_words", .mapping([("min_head_letters", .integer), ("prefixes", .strings), ("words", .strings)])),
        ("dateline", .mapping([("agencies", .strings), ("max_bytes", .integer)])),
        ("non_claims", .mapping([("starts_with", .strings), ("equals", .strings), ("after_dash", .strings),
                                 ("short_contains", .strings), ("short_max_words", .integer),
                                 ("byline_prefixes", .strings), ("byline_max_words", .integer),
                                 ("byline_connectors", .strings)])),
        ("headings", .mapping([("verbs", .strings), ("min_words", .integer)])),
    ])

    /// Reads the rules: `nil` means the shipped English rules, found the same way from cron, a
    /// checkout or an installed copy. A user's file is laid over the shipped one (its lists add
    /// to the shipped lists, its numbers replace them) unless it says `replace: true`, so a team
    /// writes only what it adds. Every problem of the user's file is reported at once, with its line.
    public static func load(path: String? = nil) throws -> SplitterRules {
        let shipped = DataFiles.locate(defaultFile)
        guard let resolved = path ?? shipped else {
            throw SplitterRulesError(
                "cannot find \(defaultFile); looked in: "
                    + DataFiles.candidates(for: defaultFile).joined(separator: ", "))
        }
        var node = try checked(resolved)
        let replaces = node.mapping?["replace"]?.bool ?? false
        if !replaces, let shipped, realPath(shipped) != realPath(resolved) {
            node = DataFileLoader.overlay(try checked(shipped), with: node)
        }
        do {
            return try SplitterRules(plain: node) ?? YAMLDecoder().decode(SplitterRules.self, from: node)
        } catch {
            throw SplitterRulesError("\(resolved): \(error)")
        }
    }

    /// A rules file parsed and checked against `shape`.
    private static func checked(_ path: String) throws -> Node {
        let node: Node
        do {
            node = try DataFileLoader.compose(path: path)
        } catch {
            throw SplitterRulesError(error.description)
        }
        let problems = DataFileLoader.problems(in: node, shape: shape, file: path, context: "a splitter rules file")
        guard problems.isEmpty else { throw SplitterRulesError(DataFileProblems(problems).description) }
        return node
    }

    private static func realPath(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }
}

/// A rules file that is missing or malformed: the message names the file so that the nightly
/// log says which edit broke it.
public struct SplitterRulesError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, with the file's path.
    public var description: String
    /// An error with its message.
    public init(_ description: String) { self.description = description }
}

extension SplitterRules {
    /// A number from the rules file within its sane range, or an error naming the key: a huge
    /// value would overflow the byte arithmetic of the scanner.
    static func bounded<Key: CodingKey>(_ value: Int, _ range: ClosedRange<Int>, _ key: Key,
                                        _ container: KeyedDecodingContainer<Key>) throws -> Int {
        guard range.contains(value) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "\(key.stringValue) must be from \(range.lowerBound) to \(range.upperBound), got \(value)")
        }
        return value
    }
}

/// A well-formed rules file read straight from its YAML nodes.
///
/// `YAMLDecoder` cost about 17 M instructions for the shipped English rules and as much again
/// for German (each key looked up by walking its mapping, a decoder and a copy of the mapping
/// per value; 34 M of every start-up). This walk gives the same values with the same Yams
/// scalar constructors and the same defaults, and returns nil for anything else (a key the
/// decoder does not know, a value of the wrong kind or out of range, a null, a quoted or
/// repeated key), which `YAMLDecoder` then reads and reports as before.
/// `SplitterRulesPlainReadTests` compares the two.
extension SplitterRules {
    init?(plain node: Node) {
        guard case .mapping(let top) = node, let pairs = PlainYAML.pairs(top) else { return nil }
        self.init()
        for (key, value) in pairs {
            switch key {
            // The decoder has no key for it: read by `load` only, whatever its value.
            case "replace": continue
            case "abbreviations":
                guard let section = Abbreviations(plain: value) else { return nil }
                abbreviations = section
            case "boundaries":
                guard let section = Boundaries(plain: value) else { return nil }
                boundaries = section
            case "glued_words":
                guard let section = GluedWords(plain: value) else { return nil }
                gluedWords = section
            case "dateline":
                guard let section = DatelineRules(plain: value) else { return nil }
                dateline = section
            case "non_claims":
                guard let section = NonClaims(plain: value) else { return nil }
                nonClaims = section
            case "headings":
                guard let section = Headings(plain: value) else { return nil }
                headings = section
            case "ordinals":
                guard let section = Ordinals(plain: value) else { return nil }
                ordinals = section
            default:
                guard let list = PlainYAML.strings(value) else { return nil }
                switch key {
                case "sentence_starters": sentenceStarters = list
                case "domain_endings": domainEndings = list
                case "exclamation_names": exclamationNames = list
                case "time_zones": timeZones = list
                case "bullets": bullets = list
                case "emoticons": emoticons = list
                case "caption_labels": captionLabels = list
                case "closings": closings = list
                default: return nil
                }
            }
        }
    }

    /// A section's pairs, each value a list of strings, an integer within `integers[key]` or a
    /// boolean; nil when any pair is otherwise.
    fileprivate static func plainSection(
        _ node: Node, lists: Set<String>, integers: [String: ClosedRange<Int>] = [:], booleans: Set<String> = []
    ) -> (lists: [String: [String]], integers: [String: Int], booleans: [String: Bool])? {
        guard case .mapping(let mapping) = node, let pairs = PlainYAML.pairs(mapping) else { return nil }
        var found: (lists: [String: [String]], integers: [String: Int], booleans: [String: Bool]) = ([:], [:], [:])
        for (key, value) in pairs {
            if lists.contains(key) {
                guard let list = PlainYAML.strings(value) else { return nil }
                found.lists[key] = list
            } else if let range = integers[key] {
                guard let number = PlainYAML.scalar(value).flatMap(Int.construct), range.contains(number) else { return nil }
                found.integers[key] = number
            } else if booleans.contains(key) {
                guard let flag = PlainYAML.scalar(value).flatMap(Bool.construct) else { return nil }
                found.booleans[key] = flag
            } else {
                return nil
            }
        }
        return found
    }
}

extension SplitterRules.Abbreviations {
    init?(plain node: Node) {
        guard let found = SplitterRules.plainSection(
            node, lists: ["prepositive", "numeric", "general", "units", "never_final", "time"]) else { return nil }
        self.init()
        prepositive = found.lists["prepositive"] ?? []
        numeric = found.lists["numeric"] ?? []
        general = found.lists["general"] ?? []
        units = found.lists["units"] ?? []
        neverFinal = found.lists["never_final"] ?? []
        time = found.lists["time"] ?? []
    }
}

extension SplitterRules.Boundaries {
    init?(plain node: Node) {
        guard let found = SplitterRules.plainSection(
            node, lists: [], integers: ["min_words_before_abbreviation": 0...100, "max_enclosure_bytes": 1...1_000_000],
            booleans: ["end_before_lower_case"]) else { return nil }
        self.init()
        minWordsBeforeAbbreviation = found.integers["min_words_before_abbreviation"] ?? 4
        maxEnclosureBytes = found.integers["max_enclosure_bytes"] ?? 1500
        endBeforeLowerCase = found.booleans["end_before_lower_case"] ?? false
    }
}

extension SplitterRules.Ordinals {
    init?(plain node: Node) {
        guard let found = SplitterRules.plainSection(node, lists: ["before"], integers: ["max_digits": 0...4]) else { return nil }
        self.init()
        maxDigits = found.integers["max_digits"] ?? 0
        before = found.lists["before"] ?? []
    }
}

extension SplitterRules.GluedWords {
    init?(plain node: Node) {
        guard let found = SplitterRules.plainSection(
            node, lists: ["prefixes", "words"], integers: ["min_head_letters": Int.min...Int.max]) else { return nil }
        self.init()
        minHeadLetters = found.integers["min_head_letters"] ?? 3
        prefixes = found.lists["prefixes"] ?? []
        words = found.lists["words"] ?? []
    }
}

extension SplitterRules.DatelineRules {
    init?(plain node: Node) {
        guard let found = SplitterRules.plainSection(node, lists: ["agencies"], integers: ["max_bytes": 1...10_000]) else { return nil }
        self.init()
        maxBytes = found.integers["max_bytes"] ?? 80
        agencies = found.lists["agencies"] ?? []
    }
}

extension SplitterRules.NonClaims {
    init?(plain node: Node) {
        guard let found = SplitterRules.plainSection(
            node, lists: ["starts_with", "equals", "after_dash", "short_contains", "byline_prefixes", "byline_connectors"],
            integers: ["short_max_words": Int.min...Int.max, "byline_max_words": Int.min...Int.max]) else { return nil }
        self.init()
        startsWith = found.lists["starts_with"] ?? []
        equals = found.lists["equals"] ?? []
        afterDash = found.lists["after_dash"] ?? []
        shortContains = found.lists["short_contains"] ?? []
        shortMaxWords = found.integers["short_max_words"] ?? 14
        bylinePrefixes = found.lists["byline_prefixes"] ?? []
        bylineMaxWords = found.integers["byline_max_words"] ?? 12
        bylineConnectors = found.lists["byline_connectors"] ?? []
    }
}

extension SplitterRules.Headings {
    init?(plain node: Node) {
        guard let found = SplitterRules.plainSection(node, lists: ["verbs"], integers: ["min_words": 0...100]) else { return nil }
        self.init()
        minWords = found.integers["min_words"] ?? 4
        verbs = found.lists["verbs"] ?? []
    }
}
