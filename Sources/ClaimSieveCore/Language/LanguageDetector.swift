import Foundation
import Yams

/// Tells which language a document's text is in, from stop-word profiles (a data file,
/// `lexicons/language-profiles.yml`), and decides between that and what the page declares.
///
/// Why stop words and not character n-grams: articles are long, the frequent function words of
/// the European languages differ clearly (and a newcomer can read and extend a word list), and
/// one pass over the first few KB with a hash lookup per word costs microseconds. The scan works
/// on UTF-8 bytes: each word is hashed as it is read, no `String` is made per word.
///
/// Build one per run (`shipped` is loaded once) and share it: it is an immutable value.
public struct LanguageDetector: Sendable {
    /// One language the detector knows.
    public struct Language: Sendable, Equatable {
        /// ISO 639-1 code, lower case ("de").
        public var code: String
        /// The name reports use ("German").
        public var name: String
        /// Other declared codes that mean this language ("no" and "nn" for "nb").
        public var aliases: [String]

        /// A language as the profiles file lists it.
        public init(code: String, name: String, aliases: [String] = []) {
            self.code = code
            self.name = name
            self.aliases = aliases
        }
    }

    /// The thresholds of `detection:` in the profiles file (see the comments there).
    public struct Thresholds: Sendable, Equatable {
        /// Bytes of text read from the start of the document.
        public var sampleBytes = 4096
        /// Hits the best language needs for an undeclared document.
        public var minimumHits = 3.0
        /// How many times the runner-up's hits the best language needs.
        public var margin = 1.2
        /// How many hits the best language needs ahead of the runner-up (close languages such as
        /// Danish and Norwegian share most stop words: the words they do not share decide).
        public var lead = 2.0
        /// Words the sample needs before a declaration may be overridden.
        public var overrideWords = 30
        /// Hits the best language needs to override a declaration.
        public var overrideHits = 10.0
        /// Share of the sample's words that must be the best language's stop words to override.
        public var overrideCoverage = 0.10
        /// How many times the declared language's hits the best language needs to override it.
        public var overrideRatio = 3.0

        /// The values the shipped file gives, for a detector built in code.
        public init() {}
    }

    /// What the text alone says: hits per language (a word listed by k languages counts 1/k for
    /// each) and the number of words read.
    public struct Scores: Sendable, Equatable {
        /// Weighted stop-word hits, indexed like `LanguageDetector.languages`.
        public var hits: [Double]
        /// Words read in the sample.
        public var words: Int
    }

    /// The languages, in file order.
    public let languages: [Language]
    /// The thresholds the decision uses.
    public let thresholds: Thresholds
    /// Open-addressing table of word hashes (0 = empty slot) and the languages listing each word.
    private let keys: [UInt64]
    private let masks: [UInt64]
    private let weights: [Double]

    /// The file name looked up through `DataFiles`.
    public static let defaultFile = "lexicons/language-profiles.yml"
    /// Words longer than this are never stop words and are not looked up.
    static let maximumWordBytes = 12

    /// The shipped profiles, loaded once; an empty detector (declarations only, nothing detected)
    /// when the data files are not found beside the program.
    public static func shipped() throws -> LanguageDetector {
        try loadedShipped.get()
    }

    private static let loadedShipped = Result<LanguageDetector, any Error> {
        guard let path = DataFiles.locate(defaultFile) else { return LanguageDetector(languages: [], words: [], thresholds: Thresholds()) }
        return try load(path: path)
    }

    /// Builds a detector from languages and their word lists (`words[i]` for `languages[i]`).
    public init(languages: [Language], words: [[String]], thresholds: Thresholds) {
        precondition(languages.count <= 64, "at most 64 languages")
        self.languages = languages
        self.thresholds = thresholds
        var byWord: [UInt64: UInt64] = [:]
        for (index, list) in words.enumerated() {
            for word in list {
                let bytes = Array(word.lowercased().utf8)
                guard !bytes.isEmpty, bytes.count <= Self.maximumWordBytes else { continue }
                byWord[Self.hash(bytes), default: 0] |= 1 << UInt64(index)
            }
        }
        var capacity = 64
        while capacity < byWord.count * 3 { capacity <<= 1 }
        var keys = [UInt64](repeating: 0, count: capacity)
        var masks = [UInt64](repeating: 0, count: capacity)
        for (key, mask) in byWord {
            var slot = Int(truncatingIfNeeded: key) & (capacity - 1)
            while keys[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            keys[slot] = key
            masks[slot] = mask
        }
        self.keys = keys
        self.masks = masks
        // 1/k for a word listed by k languages, precomputed for every k.
        weights = (0...64).map { $0 == 0 ? 0 : 1 / Double($0) }
    }

    /// The language for `code` (a profile's code or one of its aliases), nil when none has it.
    public func language(_ code: String) -> Language? {
        languages.first { $0.code == code || $0.aliases.contains(code) }
    }

    /// "German (de)" for a known code, the code alone otherwise: how reports name a language.
    public func describe(_ code: String) -> String {
        guard let language = language(code) else { return code }
        return "\(language.name) (\(code))"
    }

    // MARK: Deciding

    /// The document's language: the declared one (normalised) unless the text clearly is in
    /// another language; the detected one when nothing (usable) is declared; nil when neither
    /// tells. `blocks` are read up to `thresholds.sampleBytes`.
    public func decide(declared: String?, blocks: [Block]) -> String? {
        let declaredCode = declared.flatMap(normalize)
        guard !languages.isEmpty else { return declaredCode }
        let scores = score(blocks)
        return decide(declaredCode: declaredCode, scores: scores)
    }

    /// The decision on scores already computed; `declaredCode` is normalised.
    public func decide(declaredCode: String?, scores: Scores) -> String? {
        var best = -1
        var second = -1
        for index in scores.hits.indices {
            if best < 0 || scores.hits[index] > scores.hits[best] {
                second = best
                best = index
            } else if second < 0 || scores.hits[index] > scores.hits[second] {
                second = index
            }
        }
        guard best >= 0 else { return declaredCode }
        let top = scores.hits[best]
        let runnerUp = second >= 0 ? scores.hits[second] : 0
        let bestCode = languages[best].code
        guard let declaredCode else {
            return top >= thresholds.minimumHits && clearlyAhead(top, runnerUp) ? bestCode : nil
        }
        if bestCode == declaredCode { return declaredCode }
        let declaredHits = languages.firstIndex { $0.code == declaredCode }.map { scores.hits[$0] } ?? 0
        let overrides = scores.words >= thresholds.overrideWords && top >= thresholds.overrideHits
            && top >= thresholds.overrideCoverage * Double(scores.words)
            && top >= thresholds.overrideRatio * declaredHits
            && clearlyAhead(top, runnerUp)
        return overrides ? bestCode : declaredCode
    }

    private func clearlyAhead(_ top: Double, _ runnerUp: Double) -> Bool {
        top >= thresholds.margin * runnerUp && top - runnerUp >= thresholds.lead
    }

    /// A declared language tag as a profile code: the primary subtag in lower case ("en-US",
    /// "en_GB", "EN" → "en"), an alias as its language ("no" → "nb"), a language's name as its
    /// code ("English" → "en"); nil for an empty, undetermined ("und", "mul", "zxx", "x-default")
    /// or malformed tag.
    public func normalize(_ tag: String) -> String? {
        let trimmed = tag.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if let named = languages.first(where: { $0.name.lowercased() == trimmed }) { return named.code }
        let primary = trimmed.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
        guard (2...3).contains(primary.utf8.count), primary.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }),
            !["und", "mul", "zxx", "mis"].contains(primary)
        else { return nil }
        return language(primary)?.code ?? primary
    }

    // MARK: Scoring

    /// Stop-word hits per language over the first `sampleBytes` of the blocks' text.
    public func score(_ blocks: [Block]) -> Scores {
        var state = ScanState(languages: languages.count)
        var budget = thresholds.sampleBytes
        for block in blocks where budget > 0 {
            var text = block.text
            text.withUTF8 { bytes in
                let count = min(bytes.count, budget)
                scan(UnsafeBufferPointer(rebasing: bytes[0..<count]), &state)
                budget -= count
            }
            finishWord(&state)
        }
        return Scores(hits: state.hits, words: state.words)
    }

    /// Stop-word hits per language over one text (the first `sampleBytes` of it).
    public func score(_ text: String) -> Scores {
        score([Block(kind: .paragraph, text: text)])
    }

    private struct ScanState {
        var hits: [Double]
        var words = 0
        var hash: UInt64 = Self.offset
        var length = 0
        static let offset: UInt64 = 0xcbf2_9ce4_8422_2325

        init(languages: Int) { hits = [Double](repeating: 0, count: languages) }
    }

    /// One pass over the bytes: letters (ASCII, and any non-ASCII byte that is not punctuation)
    /// make words, lower-cased on the fly; everything else ends a word.
    private func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ state: inout ScanState) {
        var index = 0
        let count = bytes.count
        while index < count {
            var byte = bytes[index]
            if byte < 0x80 {
                if byte >= 0x41 && byte <= 0x5A {
                    byte |= 0x20
                } else if !(byte >= 0x61 && byte <= 0x7A) {
                    finishWord(&state)
                    index += 1
                    continue
                }
                add(byte, &state)
                index += 1
                continue
            }
            // U+0080–U+00BF (no-break space, « », ©, ·) and U+2000–U+2FFF (dashes, quotes,
            // ellipsis, symbols) separate words; the other non-ASCII bytes are letters.
            if byte == 0xC2 || byte == 0xE2 {
                finishWord(&state)
                index += byte == 0xC2 ? 2 : 3
                continue
            }
            add(byte, &state)
            index += 1
            // À–Þ (U+00C0–U+00DE, not ×) lower-cased, so "Über" and "über" are one word.
            if byte == 0xC3, index < count, bytes[index] >= 0x80, bytes[index] <= 0x9E, bytes[index] != 0x97 {
                add(bytes[index] | 0x20, &state)
                index += 1
            }
        }
    }

    @inline(__always) private func add(_ byte: UInt8, _ state: inout ScanState) {
        state.hash = (state.hash ^ UInt64(byte)) &* 0x100_0000_01b3
        state.length &+= 1
    }

    private func finishWord(_ state: inout ScanState) {
        guard state.length > 0 else { return }
        state.words += 1
        if state.length <= Self.maximumWordBytes {
            let key = state.hash | 1
            var slot = Int(truncatingIfNeeded: key) & (keys.count - 1)
            while keys[slot] != 0 {
                if keys[slot] == key {
                    var mask = masks[slot]
                    let weight = weights[mask.nonzeroBitCount]
                    while mask != 0 {
                        state.hits[mask.trailingZeroBitCount] += weight
                        mask &= mask - 1
                    }
                    break
                }
                slot = (slot + 1) & (keys.count - 1)
            }
        }
        state.hash = ScanState.offset
        state.length = 0
    }

    /// FNV-1a of a word's bytes, never 0 (0 marks an empty slot); the same as the scan computes.
    static func hash(_ bytes: [UInt8]) -> UInt64 {
        var hash = ScanState.offset
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash | 1
    }
}

// MARK: - Loading

extension LanguageDetector {
    /// What a profiles file may hold, for `DataFileLoader`.
    public static let shape: DataFileLoader.Shape = .mapping([
        ("detection", .mapping([
            ("sample_bytes", .integer), ("minimum_hits", .any), ("margin", .any), ("lead", .any), ("override_words", .integer),
            ("override_hits", .any), ("override_coverage", .any), ("override_ratio", .any),
        ])),
        ("languages", .dictionary(.mapping([("name", .string), ("aliases", .strings), ("words", .strings)]))),
    ])

    /// Reads and checks a profiles file; every problem is reported with its line.
    public static func load(path: String) throws -> LanguageDetector {
        let node = try DataFileLoader.compose(path: path)
        var problems = DataFileLoader.problems(in: node, shape: shape, file: path, context: "a language profiles file")
        let wellShaped = problems.isEmpty
        func problem(_ message: String, at place: Node?) {
            problems.append(PipelineError(file: path, line: place?.mark?.line, column: place?.mark?.column, message: message))
        }
        var thresholds = Thresholds()
        if wellShaped, let detection = node.mapping?["detection"] {
            func number(_ key: String, _ range: ClosedRange<Double>) -> Double? {
                guard let value = detection.mapping?[key] else { return nil }
                guard let number = value.float, range.contains(number) else {
                    problem("`\(key)` is a number from \(range.lowerBound) to \(range.upperBound); found \(DataFileLoader.describe(value))", at: value)
                    return nil
                }
                return number
            }
            if let value = number("sample_bytes", 64...1_000_000) { thresholds.sampleBytes = Int(value) }
            if let value = number("minimum_hits", 0...1000) { thresholds.minimumHits = value }
            if let value = number("margin", 1...100) { thresholds.margin = value }
            if let value = number("lead", 0...1000) { thresholds.lead = value }
            if let value = number("override_words", 0...100_000) { thresholds.overrideWords = Int(value) }
            if let value = number("override_hits", 0...100_000) { thresholds.overrideHits = value }
            if let value = number("override_coverage", 0...1) { thresholds.overrideCoverage = value }
            if let value = number("override_ratio", 1...1000) { thresholds.overrideRatio = value }
        }
        var languages: [Language] = []
        var words: [[String]] = []
        if wellShaped, case .mapping(let mapping)? = node.mapping?["languages"] {
            for (key, value) in mapping {
                let code = key.string ?? ""
                guard (2...3).contains(code.utf8.count), code.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else {
                    problem("a language is named by its ISO 639-1 code in lower case (e.g. de); found '\(code)'", at: key)
                    continue
                }
                guard let name = value.mapping?["name"]?.string, let list = value.mapping?["words"] else {
                    problem("language '\(code)' needs a `name` and a list of `words`", at: key)
                    continue
                }
                let aliases = strings(value.mapping?["aliases"])
                languages.append(Language(code: code, name: name, aliases: aliases))
                words.append(strings(list))
            }
            if languages.count > 64 { problem("at most 64 languages; found \(languages.count)", at: node.mapping?["languages"]) }
        }
        guard problems.isEmpty else { throw DataFileProblems(problems) }
        return LanguageDetector(languages: languages, words: words, thresholds: thresholds)
    }

    private static func strings(_ node: Node?) -> [String] {
        switch node {
        case .scalar(let scalar)?: [scalar.string]
        case .sequence(let sequence)?: sequence.compactMap(\.string)
        default: []
        }
    }
}
