import ClaimSieveCore

/// Refuses markup that would make libxml2 spin: its duplicate-attribute check is quadratic in the
/// number of attributes of one tag (100 000 attributes take 23 s, 200 000 take 108 s). No real
/// page comes near the limit; a hostile or broken one fails alone, with a reason, in microseconds.
enum MarkupGuard {
    /// Far above any real tag, far below where libxml2 slows down (10 000 take about 0.2 s).
    static let maximumAttributes = 10_000

    /// Throws when one start tag has more than `maximumAttributes` `=` signs. Script, style and
    /// comment contents are skipped: `<` and `=` there are code, not markup.
    static func check(_ bytes: [UInt8]) throws {
        let n = bytes.count
        var i = 0
        while i < n {
            guard bytes[i] == UInt8(ascii: "<"), i + 1 < n else {
                i += 1
                continue
            }
            if startsWith(bytes, i + 1, "!--") {
                i = find(bytes, "-->", from: i + 4) ?? n
                continue
            }
            for raw in ["script", "style"] where startsWith(bytes, i + 1, raw) {
                i = find(bytes, "</" + raw, from: i + 1 + raw.utf8.count) ?? n
            }
            guard i < n, bytes[i] == UInt8(ascii: "<"), i + 1 < n, isLetter(bytes[i + 1]) else {
                i += 1
                continue
            }
            var equals = 0
            var j = i + 1
            while j < n, bytes[j] != UInt8(ascii: ">") {
                if bytes[j] == UInt8(ascii: "=") {
                    equals += 1
                    if equals > maximumAttributes {
                        throw StageError("markup too complex: a tag with more than \(maximumAttributes) attributes")
                    }
                }
                j += 1
            }
            i = j + 1
        }
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    /// Case-insensitive match of ASCII `word` at `at`.
    static func startsWith(_ bytes: [UInt8], _ at: Int, _ word: String) -> Bool {
        var k = at
        for expected in word.utf8 {
            guard k < bytes.count, (bytes[k] | 0x20) == (expected | 0x20) || bytes[k] == expected else { return false }
            k += 1
        }
        return true
    }

    static func find(_ bytes: [UInt8], _ word: String, from start: Int) -> Int? {
        var k = start
        while k < bytes.count {
            if bytes[k] == UInt8(ascii: "<") || bytes[k] == UInt8(ascii: "-") {
                if startsWith(bytes, k, word) { return k + word.utf8.count }
            }
            k += 1
        }
        return nil
    }
}
