import Foundation

/// Recognises page furniture (bylines, author bios, copyright lines, disclosures, invitations...)
/// from the kinds of a `FurnitureLexicon`.
///
/// Used twice: by extraction on the blocks at the edges of a body (a whole furniture block is
/// dropped, its byline or copyright holder kept as metadata), and by the `split` stage on every
/// sentence, so that furniture inside a paragraph never becomes a claim. Runs on every sentence of
/// every page, so it works on the UTF-8 bytes folded once, with patterns compiled once.
public struct FurnitureMatcher: Sendable {
    /// A class, not a struct: `match` walks every kind for every sentence, and copying a struct
    /// of several arrays retained each of them.
    private final class Compiled: Sendable {
        let kind: FurnitureKind
        let endsWith: [[UInt8]]
        let equals: [[UInt8]]
        /// Whether the kind has `also_contains` cues (then one of them must be found too).
        let needsAlso: Bool
        let maxWords: Int
        let place: FurniturePlace

        init(kind: FurnitureKind, endsWith: [[UInt8]], equals: [[UInt8]], needsAlso: Bool, maxWords: Int, place: FurniturePlace) {
            self.kind = kind
            self.endsWith = endsWith
            self.equals = equals
            self.needsAlso = needsAlso
            self.maxWords = maxWords
            self.place = place
        }
    }

    private let compiled: [Compiled]
    private let maxWordsOfAll: Int
    /// Every kind's `starts_with` (anchored), `contains` and `also_contains` cues, found in one
    /// pass over a line. Kind `k` reports label `3k` for a `starts_with` cue, `3k + 1` for a
    /// `contains` cue and `3k + 2` for an `also_contains` one.
    let automaton: PatternAutomaton
    /// The lexicon the matcher was built from.
    public let lexicon: FurnitureLexicon

    /// Compiles every kind's patterns once.
    public init(lexicon: FurnitureLexicon) {
        self.lexicon = lexicon
        func fold(_ list: [String]?) -> [[UInt8]] { (list ?? []).map { Self.fold(Array($0.utf8)) }.filter { !$0.isEmpty } }
        var patterns: [PatternAutomaton.Pattern] = []
        for (index, kind) in lexicon.kinds.enumerated() {
            patterns += fold(kind.startsWith).map { PatternAutomaton.Pattern($0, anchored: true, labels: [3 * index]) }
            patterns += fold(kind.contains).map { PatternAutomaton.Pattern($0, labels: [3 * index + 1]) }
            patterns += fold(kind.alsoContains).map { PatternAutomaton.Pattern($0, labels: [3 * index + 2]) }
        }
        automaton = PatternAutomaton(patterns: patterns, labelCount: 3 * lexicon.kinds.count, wordBoundaries: true, digitWildcard: true)
        compiled = lexicon.kinds.map { kind in
            Compiled(kind: kind, endsWith: fold(kind.endsWith), equals: fold(kind.equals), needsAlso: !fold(kind.alsoContains).isEmpty,
                     maxWords: kind.maxWords ?? Int.max, place: kind.place ?? .anywhere)
        }
        maxWordsOfAll = compiled.map(\.maxWords).max() ?? 0
    }

    /// The shipped lexicon's matcher, loaded once; nil when the data file is missing or broken
    /// (the `split` stage loads it itself and fails the run with the file's problems).
    public static let shipped: FurnitureMatcher? = try? FurnitureMatcher(lexicon: FurnitureLexicon.load())

    /// Where block `index` of `count` body blocks stands: at the start, at the end, both or neither.
    public func edges(block index: Int, of count: Int) -> (start: Bool, end: Bool) {
        (index < lexicon.startBlocks, index >= count - lexicon.endBlocks)
    }

    /// The kind `line` is, or nil when it is not furniture. `atStart`/`atEnd` say whether the line
    /// stands at an edge of the body: kinds limited to an edge only match there.
    public func match(_ line: String, atStart: Bool = true, atEnd: Bool = true) -> FurnitureKind? {
        guard !line.isEmpty else { return nil }
        // Folded into a buffer of the call (on the stack when short), not a new array a line.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: line.utf8.count) { buffer in
            let count = line.utf8.withContiguousStorageIfAvailable { Self.fold($0, into: buffer) } ?? Self.fold(Array(line.utf8), into: buffer)
            return match(folded: UnsafeBufferPointer(rebasing: buffer[..<count]), atStart: atStart, atEnd: atEnd)
        }
    }

    private func match(folded bytes: UnsafeBufferPointer<UInt8>, atStart: Bool, atEnd: Bool) -> FurnitureKind? {
        let lead = Self.skipLead(bytes)
        guard lead < bytes.count else { return nil }
        let words = Self.wordCount(bytes, from: lead, atMost: min(maxWordsOfAll, 1000) + 1)
        var tail = bytes.count
        while tail > lead, Self.isSpace(bytes[tail - 1]) { tail -= 1 }
        let automaton = automaton
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: automaton.labelWords) { found in
            // Which cues the line holds, found once for all kinds when the first kind needs them.
            var scanned = false
            for (index, entry) in compiled.enumerated() {
                guard words <= entry.maxWords else { continue }
                switch entry.place {
                case .anywhere: break
                case .start: guard atStart else { continue }
                case .end: guard atEnd else { continue }
                case .edge: guard atStart || atEnd else { continue }
                }
                if !scanned {
                    found.initialize(repeating: 0)
                    automaton.scan(UnsafeBufferPointer(rebasing: bytes[lead..<tail]), into: found)
                    scanned = true
                }
                var hit = Self.holds(3 * index, found) || Self.holds(3 * index + 1, found)
                if !hit {
                    hit = entry.endsWith.contains { $0.count <= tail - lead && Self.matches($0, in: bytes, at: tail - $0.count, end: tail, boundary: false) }
                }
                if !hit, !entry.equals.isEmpty {
                    var upper = tail
                    while upper > lead, Self.isPunctuation(bytes[upper - 1]) { upper -= 1 }
                    hit = entry.equals.contains { $0.count == upper - lead && Self.matches($0, in: bytes, at: lead, end: upper) }
                }
                guard hit else { continue }
                if entry.needsAlso, !Self.holds(3 * index + 2, found) { continue }
                return entry.kind
            }
            return nil
        }
    }

    /// The metadata value a furniture line of `kind` carries: the names of a byline ("By Jane Doe
    /// on Monday ..." gives "Jane Doe"), the holder of a copyright ("Copyright @ 2019 The New Arab."
    /// gives "The New Arab"); nil for other kinds or when nothing is left.
    public func metadata(of line: String, kind: FurnitureKind) -> String? {
        guard let keep = kind.keepAs else { return nil }
        var text = Substring(line.trimmingCharacters(in: .whitespacesAndNewlines))
        switch keep {
        case .byline:
            let lower = text.lowercased()
            if let prefix = (kind.startsWith ?? []).sorted(by: { $0.count > $1.count }).first(where: { lower.hasPrefix($0.lowercased() + " ") }) {
                text = text.dropFirst(prefix.count)
            }
            var end = text.endIndex
            for stop in [" on ", " | ", ",", " - ", " – ", " — ", " at ", " updated", " published", " posted"] {
                if let range = text.range(of: stop, options: .caseInsensitive), range.lowerBound < end { end = range.lowerBound }
            }
            text = text[..<end]
        case .copyright:
            let drop = CharacterSet(charactersIn: "©@()-–—:. ").union(.decimalDigits)
            while let first = text.unicodeScalars.first {
                if drop.contains(first) { text = text.dropFirst(); continue }
                if text.lowercased().hasPrefix("copyright") { text = text.dropFirst(9); continue }
                if text.lowercased().hasPrefix("c)") { text = text.dropFirst(2); continue }
                break
            }
            if let range = text.range(of: "all rights reserved", options: .caseInsensitive) { text = text[..<range.lowerBound] }
        }
        let value = text.trimmingCharacters(in: CharacterSet(charactersIn: " .,;:|-–—"))
        return value.isEmpty ? nil : value
    }

    // MARK: - Bytes

    /// Lower-case ASCII; ’ and ‘ as '.
    static func fold<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> [UInt8] where Bytes.Index == Int {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var k = bytes.startIndex
        while k < bytes.endIndex {
            if bytes[k] == 0xE2, k + 2 < bytes.endIndex, bytes[k + 1] == 0x80, bytes[k + 2] == 0x99 || bytes[k + 2] == 0x98 {
                out.append(UInt8(ascii: "'"))
                k += 3
                continue
            }
            let byte = bytes[k]
            out.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            k += 1
        }
        return out
    }

    /// `fold` into `out` (at least `bytes.count` long), giving the folded length.
    static func fold<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, into out: UnsafeMutableBufferPointer<UInt8>) -> Int where Bytes.Index == Int {
        var count = 0
        var k = bytes.startIndex
        while k < bytes.endIndex {
            if bytes[k] == 0xE2, k + 2 < bytes.endIndex, bytes[k + 1] == 0x80, bytes[k + 2] == 0x99 || bytes[k + 2] == 0x98 {
                out[count] = UInt8(ascii: "'")
                count += 1
                k += 3
                continue
            }
            let byte = bytes[k]
            out[count] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            count += 1
            k += 1
        }
        return count
    }

    /// Whether `label` is set in `found` (see `PatternAutomaton.scan`).
    @inline(__always) private static func holds(_ label: Int, _ found: UnsafeMutableBufferPointer<UInt64>) -> Bool {
        found[label >> 6] & (1 << UInt64(label & 63)) != 0
    }

    @inline(__always) private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
    @inline(__always) private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        byte >= 0x30 && byte <= 0x39 || byte >= 0x61 && byte <= 0x7A || byte >= 0x41 && byte <= 0x5A || byte >= 0x80
    }
    @inline(__always) private static func isPunctuation(_ byte: UInt8) -> Bool {
        byte < 0x80 && !isAlphanumeric(byte)
    }

    /// After leading spaces, bullets, quotes and dashes (ASCII, and “ ” • – — as UTF-8).
    private static func skipLead(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        var p = 0
        while p < b.count {
            let c = b[p]
            if isSpace(c) || c == 0x2A || c == 0x2D || c == 0x3E || c == 0x22 || c == 0x27 || c == 0x7C { p += 1; continue }
            if c == 0xC2, p + 1 < b.count, b[p + 1] == 0xA0 { p += 2; continue }
            if c == 0xE2, p + 2 < b.count, b[p + 1] == 0x80, (0x92...0x95).contains(b[p + 2]) || b[p + 2] == 0x9C || b[p + 2] == 0x9D || b[p + 2] == 0xA2 {
                p += 3
                continue
            }
            break
        }
        return p
    }

    private static func wordCount(_ b: UnsafeBufferPointer<UInt8>, from start: Int, atMost limit: Int) -> Int {
        var words = 0
        var inWord = false
        var p = start
        while p < b.count {
            if isSpace(b[p]) { inWord = false } else if !inWord { inWord = true; words += 1; if words >= limit { return words } }
            p += 1
        }
        return words
    }

    /// `pattern` at `p` (`#` is any digit), ending at a word boundary when it ends with a letter or digit.
    private static func matches(_ pattern: [UInt8], in b: UnsafeBufferPointer<UInt8>, at p: Int, end: Int, boundary: Bool = true) -> Bool {
        guard p >= 0, p + pattern.count <= end else { return false }
        for k in 0..<pattern.count {
            let want = pattern[k], have = b[p + k]
            if want == 0x23 { guard have >= 0x30 && have <= 0x39 else { return false } } else if want != have { return false }
        }
        let after = p + pattern.count
        if boundary, let last = pattern.last, isAlphanumeric(last) || last == 0x23, after < end, isAlphanumeric(b[after]) { return false }
        return true
    }
}
