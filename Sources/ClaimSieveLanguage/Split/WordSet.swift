/// A word list compiled once into a hash set of byte strings, so that the scanner can ask
/// "is `bytes[from..<to]` an abbreviation?" without building a `String` per question.
///
/// Case-insensitive sets fold ASCII letters; other bytes (°, accented letters) compare as written.
struct WordSet: Sendable {
    private var buckets: [UInt64: [[UInt8]]] = [:]
    let caseInsensitive: Bool
    private(set) var maxLength = 0
    private(set) var minLength = Int.max
    /// Which bytes start a word (a 256-bit set): most questions are answered "no" here, before
    /// any hashing.
    private var firstBytes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init<S: Sequence>(_ words: S, caseInsensitive: Bool = true) where S.Element == String {
        self.caseInsensitive = caseInsensitive
        for word in words {
            var bytes = Array(word.utf8)
            if caseInsensitive { bytes = bytes.map(SplitterBytes.lowered) }
            guard !bytes.isEmpty else { continue }
            let key = Self.hash(bytes, 0, bytes.count, fold: false)
            if buckets[key, default: []].contains(bytes) { continue }
            buckets[key, default: []].append(bytes)
            maxLength = max(maxLength, bytes.count)
            minLength = min(minLength, bytes.count)
            let bit = UInt64(1) << UInt64(bytes[0] & 63)
            switch bytes[0] >> 6 {
            case 0: firstBytes.0 |= bit
            case 1: firstBytes.1 |= bit
            case 2: firstBytes.2 |= bit
            default: firstBytes.3 |= bit
            }
        }
    }

    @inline(__always) private func mayStart(with c: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(c & 63)
        switch c >> 6 {
        case 0: return firstBytes.0 & bit != 0
        case 1: return firstBytes.1 & bit != 0
        case 2: return firstBytes.2 & bit != 0
        default: return firstBytes.3 & bit != 0
        }
    }

    var isEmpty: Bool { buckets.isEmpty }

    /// Whether `text[from..<to]` is in the set.
    func contains(_ text: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        let length = to - from
        guard length >= minLength, length <= maxLength,
            mayStart(with: caseInsensitive ? SplitterBytes.lowered(text[from]) : text[from])
        else { return false }
        guard let bucket = buckets[Self.hash(text, from, to, fold: caseInsensitive)] else { return false }
        for word in bucket where word.count == length {
            var equal = true
            for k in 0..<length {
                let c = caseInsensitive ? SplitterBytes.lowered(text[from + k]) : text[from + k]
                if c != word[k] { equal = false; break }
            }
            if equal { return true }
        }
        return false
    }

    /// Whether `word` is in the set.
    func contains(_ word: String) -> Bool {
        var word = word
        return word.withUTF8 { contains($0, 0, $0.count) }
    }

    @inline(__always)
    private static func hash<C: RandomAccessCollection>(_ bytes: C, _ from: Int, _ to: Int, fold: Bool) -> UInt64
    where C.Element == UInt8, C.Index == Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for k in from..<to {
            h ^= UInt64(fold ? SplitterBytes.lowered(bytes[k]) : bytes[k])
            h &*= 0x0000_0100_0000_01b3
        }
        return h
    }
}
