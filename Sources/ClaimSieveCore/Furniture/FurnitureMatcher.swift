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
    /// of six arrays retained each of them.
    private final class Compiled: Sendable {
        let kind: FurnitureKind
        let startsWith: [[UInt8]]
        /// Indices into `findPatterns`.
        let contains: [Int]
        let endsWith: [[UInt8]]
        let equals: [[UInt8]]
        /// Indices into `findPatterns`.
        let alsoContains: [Int]
        let maxWords: Int
        let place: FurniturePlace

        init(kind: FurnitureKind, startsWith: [[UInt8]], contains: [Int], endsWith: [[UInt8]], equals: [[UInt8]],
             alsoContains: [Int], maxWords: Int, place: FurniturePlace) {
            self.kind = kind
            self.startsWith = startsWith
            self.contains = contains
            self.endsWith = endsWith
            self.equals = equals
            self.alsoContains = alsoContains
            self.maxWords = maxWords
            self.place = place
        }
    }

    private let compiled: [Compiled]
    private let maxWordsOfAll: Int
    /// Every distinct `contains` and `also_contains` pattern, found in one pass over a line.
    private let findPatterns: [[UInt8]]
    /// The patterns by the byte they start with (`#`, any digit, under each digit), as ranges
    /// `firstByteStart[b]..<firstByteStart[b + 1]` of `firstByteIndex`: those starting with a
    /// letter or digit, which only match at the start of a word.
    private let firstByteStart: [Int32]
    private let firstByteIndex: [Int32]
    /// The same for the patterns that may start inside a word (those starting with `#` or
    /// punctuation): the only ones tried there.
    private let anywhereStart: [Int32]
    private let anywhereIndex: [Int32]
    /// Per byte value: 1 a letter or digit, 2 some pattern of `firstByteIndex` starts with it,
    /// 4 some pattern of `anywhereIndex` does. One load a byte decides what the scan tries.
    private let byteClass: [UInt8]
    /// Each find pattern's second byte (0 for a pattern of one byte): most candidates fail on it,
    /// tested before the call that compares the whole pattern.
    private let secondByte: [UInt8]
    /// The lexicon the matcher was built from.
    public let lexicon: FurnitureLexicon

    /// Compiles every kind's patterns once.
    public init(lexicon: FurnitureLexicon) {
        self.lexicon = lexicon
        func fold(_ list: [String]?) -> [[UInt8]] { (list ?? []).map { Self.fold(Array($0.utf8)) }.filter { !$0.isEmpty } }
        var patterns: [[UInt8]] = []
        var indexOf: [[UInt8]: Int] = [:]
        func indices(_ list: [String]?) -> [Int] {
            fold(list).map { pattern in
                if let index = indexOf[pattern] { return index }
                patterns.append(pattern)
                indexOf[pattern] = patterns.count - 1
                return patterns.count - 1
            }
        }
        compiled = lexicon.kinds.map { kind in
            Compiled(kind: kind, startsWith: fold(kind.startsWith), contains: indices(kind.contains), endsWith: fold(kind.endsWith),
                     equals: fold(kind.equals), alsoContains: indices(kind.alsoContains), maxWords: kind.maxWords ?? Int.max,
                     place: kind.place ?? .anywhere)
        }
        maxWordsOfAll = compiled.map(\.maxWords).max() ?? 0
        findPatterns = patterns
        var byByte = [[Int32]](repeating: [], count: 256)
        var anywhere = [[Int32]](repeating: [], count: 256)
        for (index, pattern) in patterns.enumerated() {
            let firsts: [UInt8] = pattern[0] == 0x23 ? Array(0x30...0x39) : [pattern[0]]
            for first in firsts {
                if Self.isAlphanumeric(pattern[0]) { byByte[Int(first)].append(Int32(index)) } else { anywhere[Int(first)].append(Int32(index)) }
            }
        }
        (firstByteStart, firstByteIndex) = Self.table(byByte)
        (anywhereStart, anywhereIndex) = Self.table(anywhere)
        secondByte = patterns.map { $0.count > 1 ? $0[1] : 0 }
        byteClass = (0..<256).map { value in
            (Self.isAlphanumeric(UInt8(value)) ? 1 : 0) | (byByte[value].isEmpty ? 0 : 2) | (anywhere[value].isEmpty ? 0 : 4)
        }
    }

    /// Lists by byte as one array and the start of each byte's range (257 starts).
    private static func table(_ byByte: [[Int32]]) -> (start: [Int32], index: [Int32]) {
        var start: [Int32] = [0]
        for list in byByte { start.append(start.last! + Int32(list.count)) }
        return (start, byByte.flatMap { $0 })
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
        let bytes = line.utf8.withContiguousStorageIfAvailable { Self.fold($0) } ?? Self.fold(Array(line.utf8))
        let lead = Self.skipLead(bytes)
        guard lead < bytes.count else { return nil }
        let words = Self.wordCount(bytes, from: lead, atMost: min(maxWordsOfAll, 1000) + 1)
        var tail = bytes.count
        while tail > lead, Self.isSpace(bytes[tail - 1]) { tail -= 1 }
        // Which find patterns the line holds, computed once for all kinds when one needs it
        // (no closure over it: a capturing closure cost 200 instructions a question).
        var found: [UInt64] = []
        for entry in compiled {
            guard words <= entry.maxWords else { continue }
            switch entry.place {
            case .anywhere: break
            case .start: guard atStart else { continue }
            case .end: guard atEnd else { continue }
            case .edge: guard atStart || atEnd else { continue }
            }
            var hit = entry.startsWith.contains { Self.matches($0, in: bytes, at: lead, end: tail) }
            if !hit, !entry.contains.isEmpty {
                if found.isEmpty { found = scan(bytes, from: lead, end: tail) }
                hit = Self.holdsAny(entry.contains, found)
            }
            if !hit {
                hit = entry.endsWith.contains { $0.count <= tail - lead && Self.matches($0, in: bytes, at: tail - $0.count, end: tail, boundary: false) }
            }
            if !hit, !entry.equals.isEmpty {
                var upper = tail
                while upper > lead, Self.isPunctuation(bytes[upper - 1]) { upper -= 1 }
                hit = entry.equals.contains { $0.count == upper - lead && Self.matches($0, in: bytes, at: lead, end: upper) }
            }
            guard hit else { continue }
            if !entry.alsoContains.isEmpty {
                if found.isEmpty { found = scan(bytes, from: lead, end: tail) }
                if !Self.holdsAny(entry.alsoContains, found) { continue }
            }
            return entry.kind
        }
        return nil
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

    /// Whether any of the patterns `indices` has its bit set in `found` (see `scan`).
    private static func holdsAny(_ indices: [Int], _ found: [UInt64]) -> Bool {
        for index in indices where found[index >> 6] & (1 << UInt64(index & 63)) != 0 { return true }
        return false
    }

    @inline(__always) private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
    @inline(__always) private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        byte >= 0x30 && byte <= 0x39 || byte >= 0x61 && byte <= 0x7A || byte >= 0x41 && byte <= 0x5A || byte >= 0x80
    }
    @inline(__always) private static func isPunctuation(_ byte: UInt8) -> Bool {
        byte < 0x80 && !isAlphanumeric(byte)
    }

    /// After leading spaces, bullets, quotes and dashes (ASCII, and “ ” • – — as UTF-8).
    private static func skipLead(_ b: [UInt8]) -> Int {
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

    private static func wordCount(_ b: [UInt8], from start: Int, atMost limit: Int) -> Int {
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
    private static func matches(_ pattern: [UInt8], in b: [UInt8], at p: Int, end: Int, boundary: Bool = true) -> Bool {
        guard p >= 0, p + pattern.count <= end else { return false }
        for k in 0..<pattern.count {
            let want = pattern[k], have = b[p + k]
            if want == 0x23 { guard have >= 0x30 && have <= 0x39 else { return false } } else if want != have { return false }
        }
        let after = p + pattern.count
        if boundary, let last = pattern.last, isAlphanumeric(last) || last == 0x23, after < end, isAlphanumeric(b[after]) { return false }
        return true
    }

    /// Which of `findPatterns` occur in `b[start..<end]`, each starting at a word boundary when
    /// it starts with a letter or digit and ending at one when it ends with one (a bit per
    /// pattern). One pass over the line, trying at each byte only the patterns that start with
    /// it, and inside a word only those that may start there: testing each of the ~120 patterns
    /// against every position was a tenth of a run.
    private func scan(_ b: [UInt8], from start: Int, end: Int) -> [UInt64] {
        var found = [UInt64](repeating: 0, count: max(1, (findPatterns.count + 63) / 64))
        byteClass.withUnsafeBufferPointer { classes in
            var previousAlphanumeric = false
            var p = start
            while p < end {
                let byte = b[p]
                let kind = classes[Int(byte)]
                if kind & 6 != 0 {
                    if kind & 2 != 0, !previousAlphanumeric { attempt(firstByteStart, firstByteIndex, byte, b, at: p, end: end, &found) }
                    if kind & 4 != 0 { attempt(anywhereStart, anywhereIndex, byte, b, at: p, end: end, &found) }
                }
                previousAlphanumeric = kind & 1 != 0
                p += 1
            }
        }
        return found
    }

    /// Tries at `p` the patterns of one table that start with `byte`, setting the bits of those found.
    private func attempt(_ starts: [Int32], _ indices: [Int32], _ byte: UInt8, _ b: [UInt8], at p: Int, end: Int,
                         _ found: inout [UInt64]) {
        var k = Int(starts[Int(byte)])
        let last = Int(starts[Int(byte) + 1])
        while k < last {
            let index = Int(indices[k])
            k += 1
            let bit: UInt64 = 1 << UInt64(index & 63)
            guard found[index >> 6] & bit == 0 else { continue }
            let second = secondByte[index]
            if second != 0 {
                guard p + 1 < end else { continue }
                let have = b[p + 1]
                if second == 0x23 { guard have >= 0x30 && have <= 0x39 else { continue } } else if have != second { continue }
            }
            if Self.matches(findPatterns[index], in: b, at: p, end: end) { found[index >> 6] |= bit }
        }
    }
}
