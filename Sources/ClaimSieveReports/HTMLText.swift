public import ClaimSieveCore

/// Escaping and cue highlighting shared by the HTML and Markdown reports.
public enum HTMLText {
    /// Escapes text for HTML element content and attribute values.
    public static func escape(_ text: String) -> String {
        // Byte by byte: the five special characters are ASCII, so every other byte (UTF-8
        // continuation bytes included) is copied as it is; text without them is returned as is.
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 32)
        escape(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `escape(text)` appended to `out` as bytes (the report writers' fast paths).
    static func escape(_ text: String, into out: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case 0x26: out.append(literal: "&amp;")
            case 0x3C: out.append(literal: "&lt;")
            case 0x3E: out.append(literal: "&gt;")
            case 0x22: out.append(literal: "&quot;")
            case 0x27: out.append(literal: "&#39;")
            default: out.append(byte)
            }
        }
    }

    /// Splits `text` into plain and cue pieces by the cues' UTF-8 byte offsets. Overlapping or
    /// out-of-range cues are skipped rather than trusted: a custom stage may send anything.
    public static func pieces(of text: String, cues: [Cue]) -> [(text: String, cue: Cue?)] {
        let bytes = Array(text.utf8)
        var result: [(String, Cue?)] = []
        var position = 0
        for cue in cues.sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) {
            guard cue.start >= position, cue.end > cue.start, cue.end <= bytes.count else { continue }
            if cue.start > position {
                result.append((String(decoding: bytes[position..<cue.start], as: UTF8.self), nil))
            }
            result.append((String(decoding: bytes[cue.start..<cue.end], as: UTF8.self), cue))
            position = cue.end
        }
        if position < bytes.count {
            result.append((String(decoding: bytes[position...], as: UTF8.self), nil))
        }
        return result
    }

    /// The claim as HTML with every cue in a `<mark>` that names its category.
    public static func highlighted(_ text: String, cues: [Cue]) -> String {
        pieces(of: text, cues: cues).map { piece in
            guard let cue = piece.cue else { return escape(piece.text) }
            let category = cue.category.rawValue
            return "<mark class=\"cue \(category)\" title=\"\(category)\">\(escape(piece.text))</mark>"
        }.joined()
    }

    /// The claim as Markdown with every cue in bold, followed by its category.
    public static func markdownHighlighted(_ text: String, cues: [Cue]) -> String {
        pieces(of: text, cues: cues).map { piece in
            let escaped = markdownEscape(piece.text)
            guard let cue = piece.cue else { return escaped }
            return "**\(escaped)**<sub>\(cue.category.rawValue)</sub>"
        }.joined()
    }

    /// Escapes the characters Markdown would read as formatting or HTML, for every piece of user
    /// text in `report.md` (paths, titles, claims, sources, reasons): a file named
    /// ``x`<img onerror=...>`.html`` must come out of a CommonMark renderer as text, never as an
    /// element. Line breaks and other control characters become spaces, so user text can never
    /// start a line (a heading, a list, a raw HTML block) or end the paragraph it is in.
    public static func markdownEscape(_ text: String) -> String {
        // On bytes, like `escape`: every character to change is ASCII, or one of three
        // line separators (U+0085, U+2028, U+2029) recognised by their UTF-8 bytes; all other
        // bytes are copied, and text with nothing to change is returned as it is.
        let utf8 = text.utf8
        guard utf8.contains(where: { markdownNeedsChange($0) }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 16)
        markdownEscape(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `markdownEscape(text)` appended to `out` as bytes (the report writers' fast paths).
    static func markdownEscape(_ text: String, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendMarkdownEscaped($0, to: &out) }
    }

    /// The bytes of `markdownEscape`, appended to `out`: runs of bytes with nothing to change
    /// are copied at once; a line separator (U+0085, U+2028, U+2029) becomes a space.
    static func appendMarkdownEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var i = 0, start = 0
        let count = bytes.count
        guard let p = bytes.baseAddress else { return }
        let table = markdownChanges
        while i < count {
            i = ByteRuns.firstFlagged(p, from: i, count: count, table: table, mask: 0xFF)
            guard i < count else { break }
            let byte = p[i]
            if i > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i])) }
            switch byte {
            case UInt8(ascii: "<"): out.append(literal: "&lt;")
            case UInt8(ascii: ">"): out.append(literal: "&gt;")
            case UInt8(ascii: "&"): out.append(literal: "&amp;")
            case 0xC2 where i + 1 < count && bytes[i + 1] == 0x85:
                out.append(0x20)  // U+0085: C2 85
                i += 1
            case 0xE2 where i + 2 < count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                out.append(0x20)  // U+2028, U+2029: E2 80 A8, E2 80 A9
                i += 2
            case 0xC2, 0xE2:
                out.append(byte)
            case 0..<0x20, 0x7F:
                out.append(0x20)
            default:
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            }
            i += 1
            start = i
        }
        if count > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<count])) }
    }

    /// `markdownHighlighted(text, cues:)` appended to `out` as bytes, without a `String` per
    /// piece. A cue whose offsets fall inside a character takes the `String` way, which
    /// repairs the broken character as that way always has.
    static func markdownHighlighted(_ text: String, cues: [Cue], into out: inout [UInt8]) {
        guard !cues.isEmpty else { return markdownEscape(text, into: &out) }
        let bytes = Array(text.utf8)
        let inside = { (offset: Int) in offset > 0 && offset < bytes.count && bytes[offset] & 0xC0 == 0x80 }
        guard !cues.contains(where: { inside($0.start) || inside($0.end) }) else {
            return out.append(contentsOf: markdownHighlighted(text, cues: cues).utf8)
        }
        func escape(_ from: Int, _ to: Int) {
            bytes.withUnsafeBufferPointer { appendMarkdownEscaped(UnsafeBufferPointer(rebasing: $0[from..<to]), to: &out) }
        }
        var position = 0
        for cue in cues.sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) {
            guard cue.start >= position, cue.end > cue.start, cue.end <= bytes.count else { continue }
            if cue.start > position { escape(position, cue.start) }
            out.append(literal: "**")
            escape(cue.start, cue.end)
            out.append(literal: "**<sub>")
            out.append(contentsOf: cue.category.rawValue.utf8)
            out.append(literal: "</sub>")
            position = cue.end
        }
        if position < bytes.count { escape(position, bytes.count) }
    }

    /// `markdownNeedsChange` of every byte, 1 or 0, read through a pointer by `appendMarkdownEscaped`
    /// (testing each byte against seventeen values was a fifth of the cost of a claim's Markdown).
    nonisolated(unsafe) static let markdownChanges: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for byte in 0..<256 { table[byte] = markdownNeedsChange(UInt8(byte)) ? 1 : 0 }
        return UnsafePointer(table)
    }()

    /// Whether `markdownEscape` changes anything at this byte (0xC2 and 0xE2 may start a separator).
    @inline(__always) static func markdownNeedsChange(_ byte: UInt8) -> Bool {
        switch byte {
        case 0..<0x20, 0x7F, 0xC2, 0xE2, UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"),
             UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "#"), UInt8(ascii: "|"), UInt8(ascii: "~"), UInt8(ascii: "!"),
             UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"):
            true
        default:
            false
        }
    }
}
