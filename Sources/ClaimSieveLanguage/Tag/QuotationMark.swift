/// The quotation marks of English text, one definition for the tokenizer and `QuotedSpeech`:
/// “ ” ‘ ’ « » "  and the typewriter pairs `` and ''.
enum QuotationMark {
    /// Which way a mark faces: straight marks (" '') open and close in turn.
    enum Kind { case open, close, straight }

    /// The quotation mark starting at `index` of `text` and its length in bytes, or nil. A " or ''
    /// right after a digit is an inch mark (6'4", a 65" screen), and a ’ between letters or digits
    /// an apostrophe (Swift’s): neither is a quotation mark.
    @inline(__always)
    static func at(_ text: UnsafeBufferPointer<UInt8>, _ index: Int) -> (kind: Kind, length: Int)? {
        let byte = text[index]
        let afterDigit = index > 0 && text[index - 1] >= 0x30 && text[index - 1] <= 0x39
        switch byte {
        case 0x22: return afterDigit ? nil : (.straight, 1)
        case 0x27 where index + 1 < text.count && text[index + 1] == 0x27: return afterDigit ? nil : (.straight, 2)
        case 0x60 where index + 1 < text.count && text[index + 1] == 0x60: return (.open, 2)
        case 0xE2 where index + 2 < text.count && text[index + 1] == 0x80:
            switch text[index + 2] {
            case 0x9C, 0x98: return (.open, 3)
            case 0x9D: return (.close, 3)
            case 0x99:
                if index > 0, isAlnum(text[index - 1]), index + 3 < text.count, isAlnum(text[index + 3]) { return nil }
                return (.close, 3)
            default: return nil
            }
        case 0xC2 where index + 1 < text.count:
            switch text[index + 1] {
            case 0xAB: return (.open, 2)
            case 0xBB: return (.close, 2)
            default: return nil
            }
        default: return nil
        }
    }

    /// Whether `text` may hold a quotation mark at all (one scan; most sentences quote nothing).
    static func mayContain(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        text.contains(where: { $0 == 0x22 || $0 == 0xE2 || $0 == 0xC2 || $0 == 0x27 || $0 == 0x60 })
    }

    @inline(__always)
    private static func isAlnum(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
    }
}
