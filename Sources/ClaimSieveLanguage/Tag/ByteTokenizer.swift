/// Cuts a sentence into word and punctuation tokens over its UTF-8 bytes.
///
/// Offsets stay byte offsets of the original text, so a cue's `start..<end` is exact whatever
/// curly quotes or accents come before it. Words are lower-cased into one shared scratch buffer
/// (`’` folded to `'`) and looked up in the vocabulary once; nothing here allocates per token.
struct ByteTokenizer {
    enum Kind: UInt8 {
        case word, number, comma, end, colon, semicolon
        case quoteOpen, quoteClose, quoteStraight
        case parenOpen, parenClose, dash, other
    }

    struct Token {
        var start: Int32
        var end: Int32
        /// Vocabulary id of the lower-cased word, -1 when the lexicon never mentions it.
        var id: Int32
        var kind: Kind
        /// First letter upper-case.
        var capitalized: Bool
        /// Inside a quotation's text (quote marks themselves are not).
        var inQuote: Bool = false
        /// FNV-1a of the lower-cased word (of the bytes, for punctuation): the learned tagger's
        /// word feature, so no token ever becomes a `String`.
        var hash: UInt32 = 0

        var isWord: Bool { kind == .word || kind == .number }
    }

    /// Longest word the vocabulary can hold; longer words are never cues and get id -1.
    static let maximumWordLength = 64

    /// Tokenizes `text` into `tokens` (cleared first).
    /// With `carriedQuote` the sentence begins inside a quotation opened by an earlier sentence of
    /// the same paragraph.
    /// Returns whether a quotation is still open at the end of the sentence.
    @discardableResult
    static func tokenize(
        _ text: UnsafeBufferPointer<UInt8>, vocabulary: Vocabulary, tokens: inout [Token], carriedQuote: Bool = false
    ) -> Bool {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumWordLength) { scratch in
            tokenize(text, vocabulary: vocabulary, tokens: &tokens, lowered: scratch, carriedQuote: carriedQuote)
        }
    }

    private static func tokenize(
        _ text: UnsafeBufferPointer<UInt8>, vocabulary: Vocabulary, tokens: inout [Token],
        lowered: UnsafeMutableBufferPointer<UInt8>, carriedQuote: Bool
    ) -> Bool {
        tokens.removeAll(keepingCapacity: true)
        let count = text.count
        var index = 0
        while index < count {
            let byte = text[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                index += 1
                continue
            }
            if byte == 0xC2, index + 1 < count, text[index + 1] == 0xA0 {
                index += 2
                continue
            }
            if isWordStart(text, index) {
                index = scanWord(text, from: index, vocabulary: vocabulary, tokens: &tokens, lowered: lowered)
                continue
            }
            let (kind, length) = punctuation(text, index)
            var hash: UInt32 = 0x811c_9dc5
            for offset in index..<(index + length) { hash = (hash ^ UInt32(text[offset])) &* 0x0100_0193 }
            tokens.append(
                Token(start: Int32(index), end: Int32(index + length), id: -1, kind: kind, capitalized: false, hash: hash))
            index += length
        }
        return markQuotes(&tokens, text, carried: carriedQuote)
    }

    @inline(__always)
    static func isASCIIAlnum(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
    }

    /// Multi-byte punctuation that must not be glued into words: quotes, dashes, ellipsis, nbsp, «».
    @inline(__always)
    static func isPunctuationSequence(_ text: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        let byte = text[index]
        if byte == 0xE2, index + 2 < text.count, text[index + 1] == 0x80 { return true }
        if byte == 0xC2, index + 1 < text.count { return true }
        return false
    }

    @inline(__always)
    static func isWordStart(_ text: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        let byte = text[index]
        if isASCIIAlnum(byte) { return true }
        if byte >= 0xC3 { return !isPunctuationSequence(text, index) }
        return false
    }

    private static func scanWord(
        _ text: UnsafeBufferPointer<UInt8>, from start: Int, vocabulary: Vocabulary, tokens: inout [Token],
        lowered: UnsafeMutableBufferPointer<UInt8>
    ) -> Int {
        let count = text.count
        var index = start
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var length = 0
        let capacity = lowered.count
        @inline(__always) func add(_ byte: UInt8) {
            if length < capacity { lowered[length] = byte }
            length += 1
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        var hasLetter = false
        scan: while index < count {
            let byte = text[index]
            if byte >= 0x41 && byte <= 0x5A {
                add(byte | 0x20)
                hasLetter = true
                index += 1
            } else if (byte >= 0x61 && byte <= 0x7A) {
                add(byte)
                hasLetter = true
                index += 1
            } else if byte >= 0x30 && byte <= 0x39 {
                add(byte)
                index += 1
            } else if byte >= 0x80 {
                if isApostrophe(text, index) {
                    let next = index + 3
                    let previous = text[index - 1]
                    if next < count, isASCIIAlnum(text[next]) || text[next] >= 0xC3 {
                        add(0x27)
                        index = next
                        continue scan
                    }
                    if previous == 0x73 || previous == 0x53 {
                        add(0x27)
                        index = next
                    }
                    break scan
                }
                if isPunctuationSequence(text, index) { break scan }
                if byte == 0xC3, index + 1 < count, text[index + 1] >= 0x80, text[index + 1] <= 0x9E,
                    text[index + 1] != 0x97
                {
                    add(byte)
                    add(text[index + 1] + 0x20)
                    index += 2
                } else {
                    add(byte)
                    index += 1
                }
                hasLetter = true
            } else if byte == 0x27 {
                let next = index + 1
                // '' is a typewriter quotation mark (wire and archive copy), never an apostrophe.
                if next < count, text[next] == 0x27 { break scan }
                if next < count, isASCIIAlnum(text[next]) {
                    add(0x27)
                    index = next
                    continue scan
                }
                let previous = text[index - 1]
                if previous == 0x73 || previous == 0x53, next >= count || !isWordStart(text, next) {
                    add(0x27)
                    index = next
                }
                break scan
            } else if byte == 0x2D || byte == 0x26 {
                // al-Assad, U.S.-based, AT&T
                if index + 1 < count, isWordStart(text, index + 1) {
                    add(byte)
                    index += 1
                } else {
                    break scan
                }
            } else if byte == 0x2E {
                // U.S, 3.5, U.S.-based; and the final period of "U.S." (a one-letter last segment).
                if index + 1 < count, isASCIIAlnum(text[index + 1]) {
                    add(byte)
                    index += 1
                } else if index + 2 < count, text[index + 1] == 0x2D, isASCIIAlnum(text[index + 2]) {
                    add(byte)
                    index += 1
                } else if length >= 3, length <= capacity, lowered[length - 2] == 0x2E {
                    add(byte)
                    index += 1
                    break scan
                } else {
                    break scan
                }
            } else {
                break scan
            }
        }
        let first = text[start]
        let capitalized = (first >= 0x41 && first <= 0x5A)
            || (first == 0xC3 && start + 1 < count && text[start + 1] >= 0x80 && text[start + 1] <= 0x9E)
        let id = length <= capacity
            ? vocabulary.lookup(UnsafeBufferPointer(rebasing: lowered[0..<length]), hash: hash) : -1
        tokens.append(
            Token(
                start: Int32(start), end: Int32(index), id: id, kind: hasLetter ? .word : .number,
                capitalized: capitalized, hash: UInt32(truncatingIfNeeded: hash ^ (hash >> 32))))
        return index
    }

    @inline(__always)
    private static func isApostrophe(_ text: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        index + 2 < text.count && text[index] == 0xE2 && text[index + 1] == 0x80 && text[index + 2] == 0x99
            && index > 0 && isASCIIAlnum(text[index - 1])
    }

    private static func punctuation(_ text: UnsafeBufferPointer<UInt8>, _ index: Int) -> (Kind, Int) {
        let byte = text[index]
        // Quotation marks: one definition with `QuotedSpeech` (an inch mark is none).
        if let mark = QuotationMark.at(text, index) {
            switch mark.kind {
            case .open: return (.quoteOpen, mark.length)
            case .close: return (.quoteClose, mark.length)
            case .straight: return (.quoteStraight, mark.length)
            }
        }
        switch byte {
        case 0x2C: return (.comma, 1)
        case 0x2E, 0x21, 0x3F: return (.end, 1)
        case 0x3A: return (.colon, 1)
        case 0x3B: return (.semicolon, 1)
        case 0x22: return (.other, 1)
        case 0x28, 0x5B: return (.parenOpen, 1)
        case 0x29, 0x5D: return (.parenClose, 1)
        case 0x2D: return (.dash, 1)
        default: break
        }
        if byte == 0xE2, index + 2 < text.count, text[index + 1] == 0x80 {
            switch text[index + 2] {
            case 0x93, 0x94: return (.dash, 3)
            case 0xA6: return (.end, 3)
            default: return (.other, 3)
            }
        }
        // Any other byte: one UTF-8 scalar as "other".
        var length = 1
        if byte >= 0xF0 { length = 4 } else if byte >= 0xE0 { length = 3 } else if byte >= 0xC0 { length = 2 }
        return (.other, min(length, text.count - index))
    }

    /// Marks the tokens inside quotation marks (“…”, ‘…’, «…», "…", nested too; a straight mark
    /// closes a double curly quotation that nothing later closes). A sentence that
    /// begins inside a quotation opened in an earlier sentence (its first mark closes) is quoted up
    /// to that mark; an unclosed quotation runs to the end.
    private static func markQuotes(_ tokens: inout [Token], _ text: UnsafeBufferPointer<UInt8>, carried: Bool) -> Bool {
        var depth = 0
        var straightOpen = false
        // Per level opened by a facing mark: whether a double one opened it (“ « ``, not ‘).
        var openers: [Bool] = []
        @inline(__always) func isDouble(_ token: Token) -> Bool {
            let at = Int(token.start)
            return text[at] == 0x60 || text[at] == 0xC2 || (text[at] == 0xE2 && text[at + 2] == 0x9C)
        }
        for token in tokens {
            if token.kind == .quoteOpen { break }
            if token.kind == .quoteStraight {
                // A carried straight quotation: its next mark closes it.
                if carried {
                    depth = 1
                    straightOpen = true
                }
                break
            }
            if token.kind == .quoteClose {
                depth = 1
                break
            }
        }
        if carried, !tokens.contains(where: { $0.kind == .quoteOpen || $0.kind == .quoteClose || $0.kind == .quoteStraight }) {
            depth = 1
        }
        // The last closing mark: a straight mark after it closes a curly quotation (found once,
        // not by a scan from every straight mark).
        let lastClose = tokens.lastIndex(where: { $0.kind == .quoteClose }) ?? -1
        for index in tokens.indices {
            switch tokens[index].kind {
            case .quoteOpen:
                depth += 1
                openers.append(isDouble(tokens[index]))
            case .quoteClose:
                depth = max(0, depth - 1)
                if !openers.isEmpty { openers.removeLast() }
                if depth == 0 { straightOpen = false }
            case .quoteStraight:
                if straightOpen {
                    depth = max(0, depth - 1)
                    straightOpen = false
                } else if depth > 0, openers.last == true, index > lastClose {
                    // “…," said X — a page that mixes its marks closes a double curly quotation
                    // with a straight one, when no closing mark comes later (“He said "no" to
                    // me,” nests).
                    depth -= 1
                    openers.removeLast()
                } else {
                    depth += 1
                    straightOpen = true
                }
            default:
                tokens[index].inQuote = depth > 0
            }
        }
        return depth > 0
    }
}
