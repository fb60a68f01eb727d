public import ClaimSieveCore
import Foundation

/// Why a unit of text is not a claim. The raw values name the section of `en-splitter.yml` that
/// matched, so that a wrongly dropped sentence leads straight to the pattern to fix.
public enum NonClaimKind: String, Sendable, CaseIterable {
    /// `non_claims.starts_with` and `equals`: calls to action, update lines, credits ("READ MORE ..."); also
    /// a line with no letter or digit ("* * *").
    case furniture
    /// `non_claims.after_dash`: sourcing footers ("– Based on reports from ...").
    case sourcingFooter = "after_dash"
    /// `non_claims.short_contains`: image credits and similar short lines.
    case credit = "short_contains"
    /// `non_claims.byline_*`: "By Jane Doe and John Roe, Associated Press".
    case byline
    /// `dateline`: a dateline standing alone ("DAMASCUS, Syria (AP) —").
    case dateline
    /// `headings`: a short title-case line that does not read as a sentence ("Setback For Russia").
    case sectionHeading = "heading"
    /// A kind of `en-furniture.yml` (byline with date, author bio, copyright, disclosure...);
    /// `NonClaimClassifier.furnitureKind(_:atStart:atEnd:)` names which.
    case pageFurniture = "furniture_kinds"
}

/// Tells the units the `split` stage drops from those that are claims.
///
/// A page's text holds lines that are about the page, not about the world: calls to action,
/// update notes, bylines, credits, sourcing footers, section headings. Reporting them as
/// "confirmed facts" would put noise at the top of the editor's report, so they are recognised
/// here from the patterns in `non_claims:` and `headings:` of `en-splitter.yml`. Matching is
/// case-insensitive, on whole words, after leading bullets, dashes and quotes.
public struct NonClaimClassifier: Sendable {
    /// `non_claims.starts_with`, folded, listed under their first byte: a sentence is compared
    /// with the few patterns that begin like it, not with all of them.
    private let startsWithByFirstByte: [[[UInt8]]]
    /// `non_claims.equals`, folded like a sentence (lowercase, curly apostrophes straight).
    private let equals: Set<[UInt8]>
    private let equalsMaxBytes: Int
    private let afterDash: [[UInt8]]
    private let shortContains: [[UInt8]]
    /// `shortContains` in one automaton, without word edges: which patterns occur anywhere. Only
    /// those are then checked with their edge rule (`contains`); trying the 15 shipped patterns
    /// one by one at each byte of every short sentence was most of `classify`'s own cost.
    private let shortContainsAutomaton: PatternAutomaton
    private let shortMaxWords: Int
    private let bylinePrefixes: [[UInt8]]
    private let bylineMaxWords: Int
    private let bylineConnectors: Set<String>
    private let headingMinWords: Int
    private let verbs: Set<String>
    private let bullets: [[UInt8]]
    /// The dateline matcher built from the same rules (the `split` stage strips datelines).
    public let dateline: Dateline
    /// The kinds of `en-furniture.yml`, nil when the classifier was built without them.
    public let furniture: FurnitureMatcher?

    /// Compiles the patterns of `rules` (and of the furniture lexicon, when given) once.
    public init(rules: SplitterRules, furniture: FurnitureMatcher? = nil) {
        self.furniture = furniture
        func fold(_ list: [String]) -> [[UInt8]] { list.map { Self.fold($0.utf8) }.filter { !$0.isEmpty } }
        let nc = rules.nonClaims
        var byFirstByte = [[[UInt8]]](repeating: [], count: 256)
        for pattern in fold(nc.startsWith) { byFirstByte[Int(pattern[0])].append(pattern) }
        startsWithByFirstByte = byFirstByte
        let equalsFolded = nc.equals.map { Self.fold($0.lowercased().utf8) }.filter { !$0.isEmpty }
        equals = Set(equalsFolded)
        equalsMaxBytes = equalsFolded.map(\.count).max() ?? 0
        afterDash = fold(nc.afterDash)
        shortContains = fold(nc.shortContains)
        shortContainsAutomaton = PatternAutomaton(
            patterns: shortContains.enumerated().map { PatternAutomaton.Pattern($0.element, labels: [$0.offset]) },
            labelCount: max(shortContains.count, 1), wordBoundaries: false, digitWildcard: false)
        shortMaxWords = nc.shortMaxWords
        bylinePrefixes = fold(nc.bylinePrefixes)
        bylineMaxWords = nc.bylineMaxWords
        bylineConnectors = Set(nc.bylineConnectors.map { $0.lowercased() })
        headingMinWords = rules.headings.minWords
        verbs = Set(rules.headings.verbs.map { $0.lowercased() })
        bullets = rules.bullets.map { Array($0.utf8) }.filter { !$0.isEmpty }
        dateline = Dateline(rules: rules.dateline)
    }

    /// Loads the rules file (`nil`: the shipped `lexicons/en-splitter.yml`).
    public init(rulesPath: String? = nil) throws {
        self.init(rules: try SplitterRules.load(path: rulesPath))
    }

    /// The reason `sentence` is not a claim, or `nil` when it is one.
    ///
    /// Runs once per sentence of every page, so it works on the UTF-8 bytes folded once: no
    /// `Character` iteration, no Foundation trimming, nothing compiled per call.
    /// `atStart`/`atEnd` say whether the sentence's block is at an edge of the body, where the
    /// furniture kinds limited to edges (bylines, author bios, paywall cut-offs) apply.
    public func classify(_ sentence: String, atStart: Bool = false, atEnd: Bool = false) -> NonClaimKind? {
        if let kind = classifyByRules(sentence) { return kind }
        if let furniture, furniture.match(sentence, atStart: atStart, atEnd: atEnd) != nil { return .pageFurniture }
        return nil
    }

    /// The furniture kind of `sentence` ("copyright", "author_bio", ...), nil when it is none.
    public func furnitureKind(_ sentence: String, atStart: Bool = false, atEnd: Bool = false) -> String? {
        furniture?.match(sentence, atStart: atStart, atEnd: atEnd)?.name
    }

    private func classifyByRules(_ sentence: String) -> NonClaimKind? {
        let folded = Self.fold(sentence.utf8)
        let body = skipLead(folded, dashes: true)
        // "* * *", "…", "—": separators, nothing to check.
        guard body < folded.count, Self.hasLetterOrDigit(folded, sentence) else { return .furniture }
        for pattern in startsWithByFirstByte[Int(folded[body])] where Self.hasWord(pattern, in: folded, at: body) {
            return .furniture
        }
        if !equals.isEmpty {
            let bare = Self.trimmedPunctuationAndSpace(folded, from: body)
            if bare.count <= equalsMaxBytes, equals.contains(Array(folded[bare])) { return .furniture }
        }
        if startsWithDash(folded) {
            for pattern in afterDash where Self.hasWord(pattern, in: folded, at: body) { return .sourcingFooter }
        }
        if !shortContains.isEmpty, Self.wordCount(folded, atMost: shortMaxWords + 1) <= shortMaxWords,
            containsShortPattern(folded)
        {
            return .credit
        }
        if isByline(folded: folded, sentence: sentence, from: skipLead(folded, dashes: false)) { return .byline }
        if let length = dateline.length(in: sentence),
            sentence.utf8.count - length == 0 || sentence.utf8.dropFirst(length).allSatisfy({ $0 == 0x20 })
        {
            return .dateline
        }
        return nil
    }

    /// Whether a `non_claims.short_contains` pattern occurs in `folded` (ending at a word edge
    /// when it ends with a letter or digit): the automaton says which occur at all, and only
    /// those are checked with the edge rule.
    func containsShortPattern(_ folded: [UInt8]) -> Bool {
        let found = folded.withUnsafeBufferPointer { shortContainsAutomaton.labels(in: $0) }
        for (index, pattern) in shortContains.enumerated()
        where found[index / 64] & (1 << UInt64(index % 64)) != 0 && Self.contains(pattern, in: folded) {
            return true
        }
        return false
    }

    /// `containsShortPattern` as first written, every pattern tried at every byte (for tests).
    func containsShortPatternOneByOne(_ folded: [UInt8]) -> Bool {
        shortContains.contains { Self.contains($0, in: folded) }
    }

    /// The folded bytes `classify` works on (for tests).
    static func folded(_ text: String) -> [UInt8] { fold(text.utf8) }

    /// Whether `sentence` is a claim (see `classify(_:)` for why not).
    public func isClaim(_ sentence: String, atStart: Bool = false, atEnd: Bool = false) -> Bool {
        classify(sentence, atStart: atStart, atEnd: atEnd) == nil
    }

    /// Whether a heading reads as a sentence: it ends with `.`, `!` or `?`, or it has at least
    /// `headings.min_words` words and one of `headings.verbs` ("Russia Says It Will Keep Bases").
    /// The `split` stage keeps such headings (other than the headline) as claims and drops the
    /// rest, which are section titles ("Setback For Russia").
    public func readsAsSentence(_ heading: String) -> Bool {
        if endsWithTerminal(heading) { return true }
        if let answer = heading.utf8.withContiguousStorageIfAvailable({ bytes in
            SimpleWords.ranges(bytes).map { readsAsSentence(words: $0, in: bytes) }
        }), let answer {
            return answer
        }
        let words = Self.words(heading)
        guard words.count >= headingMinWords else { return false }
        return words.contains { verbs.contains($0.lowercased()) }
    }

    /// Whether a paragraph is really a section heading the page did not mark as one: at most 12
    /// words, no final punctuation, every word of four letters or more capitalised, and it does
    /// not read as a sentence.
    public func looksLikeSectionHeading(_ text: String) -> Bool {
        // A paragraph of more than 12 words is no heading; most paragraphs stop here, cheaply.
        guard Self.wordsWithASCIIAlphanumeric(text, atMost: 13) <= 12, !endsWithTerminal(text)
        else { return false }
        if let answer = text.utf8.withContiguousStorageIfAvailable({ bytes -> Bool? in
            guard let words = SimpleWords.ranges(bytes) else { return nil }
            guard !words.isEmpty, words.count <= 12 else { return false }
            // Characters are scalars in such text: a word's count is its bytes that start one.
            let titleCase = words.allSatisfy { word in
                word.count(where: { bytes[$0] & 0xC0 != 0x80 }) < 4 || !SplitterBytes.isLower(bytes[word.lowerBound])
            }
            return titleCase && !readsAsSentence(words: words, in: bytes)
        }), let answer {
            return answer
        }
        let words = Self.words(text)
        guard !words.isEmpty, words.count <= 12 else { return false }
        let titleCase = words.allSatisfy { word in
            word.count < 4 || word.unicodeScalars.first.map { !$0.properties.isLowercase } ?? true
        }
        return titleCase && !readsAsSentence(text)
    }

    /// `readsAsSentence` past the terminal check, on the words `SimpleWords` found.
    private func readsAsSentence(words: [Range<Int>], in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard words.count >= headingMinWords else { return false }
        return words.contains { word in
            verbs.contains(String(decoding: bytes[word].map(SplitterBytes.lowered), as: UTF8.self))
        }
    }

    // MARK: - Matching helpers

    private static func fold(_ text: String.UTF8View) -> [UInt8] {
        text.withContiguousStorageIfAvailable { fold($0) } ?? fold(Array(text))
    }

    private static func fold<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> [UInt8] where Bytes.Index == Int {
        // Written into uninitialised storage: appending byte by byte cost twice as much.
        [UInt8](unsafeUninitializedCapacity: bytes.count) { out, count in
            var n = 0
            var k = bytes.startIndex
            while k < bytes.endIndex {
                // ’ and ‘ fold to ', so that "editor’s note" and "editor's note" are one pattern.
                if bytes[k] == 0xE2, k + 2 < bytes.endIndex, bytes[k + 1] == 0x80, bytes[k + 2] == 0x99 || bytes[k + 2] == 0x98 {
                    out[n] = SplitterBytes.singleQuote
                    n += 1
                    k += 3
                    continue
                }
                out[n] = SplitterBytes.lowered(bytes[k])
                n += 1
                k += 1
            }
            count = n
        }
    }

    /// A lower bound of `words(text).count` on bytes: space-separated tokens holding an ASCII
    /// letter or digit (each is a word there too), counting no further than `limit`.
    private static func wordsWithASCIIAlphanumeric(_ text: String, atMost limit: Int) -> Int {
        var count = 0
        var counted = false
        for byte in text.utf8 {
            if SplitterBytes.isASCIISpace(byte) {
                counted = false
            } else if !counted, SplitterBytes.isAlphanumeric(byte) {
                counted = true
                count += 1
                if count >= limit { return count }
            }
        }
        return count
    }

    private static func words(_ text: String) -> [Substring] {
        text.split(whereSeparator: { $0.isWhitespace }).map { word in
            word.trimmingPunctuation()
        }.filter { !$0.isEmpty }
    }

    /// Whitespace-separated words in `b`, counting no further than `limit`.
    private static func wordCount(_ b: [UInt8], atMost limit: Int) -> Int {
        b.withUnsafeBufferPointer { p in
            var words = 0
            var i = 0
            var inWord = false
            while i < p.count {
                let w = p.whitespaceLength(at: i)
                if w > 0 {
                    inWord = false
                    i += w
                    continue
                }
                if !inWord {
                    words += 1
                    if words >= limit { return words }
                    inWord = true
                }
                i += 1
            }
            return words
        }
    }

    /// Whether `b` holds a letter or a digit: any ASCII one settles it; only text without one
    /// (rare: "* * *", "—", or a script other than Latin) is checked scalar by scalar.
    private static func hasLetterOrDigit(_ b: [UInt8], _ sentence: String) -> Bool {
        var nonASCII = false
        for c in b {
            if SplitterBytes.isAlphanumeric(c) { return true }
            if c >= 0x80 { nonASCII = true }
        }
        return nonASCII && sentence.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
    }

    /// The range of `b` from `start` without whitespace and punctuation at either end (Unicode's
    /// punctuation categories, as `CharacterSet.punctuationCharacters`), decoded at the ends only.
    private static func trimmedPunctuationAndSpace(_ b: [UInt8], from start: Int) -> Range<Int> {
        var lower = start
        var upper = b.count
        while lower < upper {
            // ASCII from the table, the rest decoded: a decoder over an array slice cost 2,000
            // instructions a sentence.
            if b[lower] < 0x80 {
                guard asciiSpaceOrPunctuation[Int(b[lower])] else { break }
                lower += 1
                continue
            }
            guard let (scalar, length) = scalar(in: b, at: lower), isSpaceOrPunctuation(scalar) else { break }
            lower += length
        }
        while upper > lower {
            if b[upper - 1] < 0x80 {
                guard asciiSpaceOrPunctuation[Int(b[upper - 1])] else { break }
                upper -= 1
                continue
            }
            var begin = upper - 1
            while begin > lower, b[begin] & 0xC0 == 0x80 { begin -= 1 }
            guard let (scalar, _) = scalar(in: b, at: begin), isSpaceOrPunctuation(scalar) else { break }
            upper = begin
        }
        return lower..<upper
    }

    /// `isSpaceOrPunctuation` of each ASCII scalar.
    private static let asciiSpaceOrPunctuation: [Bool] = (0..<128).map { isSpaceOrPunctuation(Unicode.Scalar(UInt8($0))) }

    private static func scalar(in b: [UInt8], at i: Int) -> (Unicode.Scalar, Int)? {
        var iterator = b[i...].makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return nil }
        return (scalar, UTF8.width(scalar))
    }

    private static func isSpaceOrPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isWhitespace { return true }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    private func endsWithTerminal(_ text: String) -> Bool {
        for c in text.unicodeScalars.reversed() {
            if c.properties.isWhitespace || c == "”" || c == "\"" || c == "’" || c == "'" || c == ")" || c == "]" || c == "»" {
                continue
            }
            return c == "." || c == "!" || c == "?" || c == "…"
        }
        return false
    }

    /// Index after leading whitespace, bullets, quotes, asterisks and (when `dashes`) dashes.
    private func skipLead(_ b: [UInt8], dashes: Bool) -> Int {
        var p = 0
        outer: while p < b.count {
            let c = b[p]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x2A || c == 0x3E || c == 0x22 || c == 0x27
                || c == 0x7C || (dashes && c == 0x2D)
            {
                p += 1
                continue
            }
            if c == 0xE2, p + 2 < b.count, b[p + 1] == 0x80 {
                let d = b[p + 2]
                if d == 0x9C || d == 0x9D || (dashes && d >= 0x92 && d <= 0x95) {
                    p += 3
                    continue
                }
            }
            if c == 0xC2, p + 1 < b.count, b[p + 1] == 0xA0 {
                p += 2
                continue
            }
            for mark in bullets where p + mark.count <= b.count && b[p..<p + mark.count].elementsEqual(mark) {
                p += mark.count
                continue outer
            }
            break
        }
        return p
    }

    private func startsWithDash(_ b: [UInt8]) -> Bool {
        var p = 0
        while p < b.count, b[p] == 0x20 { p += 1 }
        guard p < b.count else { return false }
        if b[p] == 0x2D { return true }
        return b[p] == 0xE2 && p + 2 < b.count && b[p + 1] == 0x80 && b[p + 2] >= 0x92 && b[p + 2] <= 0x95
    }

    /// `pattern` at `p` in `b`, ending at a word boundary when it ends with a letter or digit.
    private static func hasWord(_ pattern: [UInt8], in b: [UInt8], at p: Int) -> Bool {
        guard p + pattern.count <= b.count else { return false }
        for k in 0..<pattern.count where b[p + k] != pattern[k] { return false }
        let end = p + pattern.count
        if let last = pattern.last, SplitterBytes.isAlphanumeric(last), end < b.count, SplitterBytes.isAlphanumeric(b[end]) {
            return false
        }
        return true
    }

    private static func contains(_ pattern: [UInt8], in b: [UInt8]) -> Bool {
        guard pattern.count <= b.count else { return false }
        var p = 0
        while p + pattern.count <= b.count {
            if b[p] == pattern[0], hasWord(pattern, in: b, at: p) { return true }
            p += 1
        }
        return false
    }

    /// "By Jane Doe and John Roe, Associated Press": a byline prefix, then only capitalised
    /// words, connectors and separators.
    private func isByline(folded: [UInt8], sentence: String, from p: Int) -> Bool {
        guard let prefix = bylinePrefixes.first(where: { Self.hasWord($0, in: folded, at: p) }) else { return false }
        let rest = String(decoding: folded[(p + prefix.count)...], as: UTF8.self)
        let original = sentence.utf8.count == folded.count
            ? String(decoding: Array(sentence.utf8)[(p + prefix.count)...], as: UTF8.self) : rest
        let words = original.split(whereSeparator: { $0.isWhitespace })
        guard !words.isEmpty, words.count + 1 <= bylineMaxWords else { return false }
        var capitalised = 0
        for word in words {
            let bare = word.trimmingPunctuation()
            if bare.isEmpty { continue }
            if bylineConnectors.contains(bare.lowercased()) { continue }
            guard let first = bare.unicodeScalars.first, first.properties.isUppercase else { return false }
            capitalised += 1
        }
        return capitalised > 0
    }
}

extension Substring {
    /// The word without punctuation around it ("Doe," -> "Doe", "“Free”" -> "Free").
    fileprivate func trimmingPunctuation() -> Substring {
        var s = self
        while let c = s.unicodeScalars.first, !c.properties.isAlphabetic, c.properties.numericType == nil {
            s = s.dropFirst()
        }
        while let c = s.unicodeScalars.last, !c.properties.isAlphabetic, c.properties.numericType == nil {
            s = s.dropLast()
        }
        return s
    }
}
