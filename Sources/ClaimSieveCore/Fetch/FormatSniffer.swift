public import Foundation

/// Recognises HTML and the news XML formats from the first bytes, the way a browser sniffs, so a
/// feed saved as `.html` or a page saved as `.xml` is still read right.
public enum FormatSniffer {
    /// Throws when the bytes are not markup at all (a PDF, an image, plain text).
    public static func detect(_ data: Data, path: String) throws -> DocumentFormat {
        try data.withUnsafeBytes { raw in
            let head = UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self).prefix(4096))
            // UTF-16 text: libxml2 reads it from the BOM; sniff its ASCII bytes only.
            if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
                return try head.filter { $0 != 0 }.withUnsafeBufferPointer { try detect(head: $0, utf16: true, path: path) }
            }
            return try detect(head: head, utf16: false, path: path)
        }
    }

    /// The needles that decide the format, each starting with `<`: every `<` of the first 4 KB
    /// is compared with them once (case-insensitively), in one pass.
    private static let needles: [StaticString] = ["<rss", "<rdf:rdf", "<feed", "<entry", "<nitf", "<html", "<!doctype html", "<body", "<p>", "<div", "<head"]
    private enum Needle: Int { case rss, rdf, feed, entry, nitf, html, doctype, body, p, div, head }

    private static func detect(head: UnsafeBufferPointer<UInt8>, utf16: Bool, path: String) throws -> DocumentFormat {
        var bytes = head
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = UnsafeBufferPointer(rebasing: bytes[3...]) }
        if !utf16, let base = bytes.baseAddress, memchr(base, 0, bytes.count) != nil {
            throw StageError("not HTML or XML: the file is binary (NUL bytes in its first 4 KB)")
        }
        guard let firstTag = bytes.firstIndex(of: UInt8(ascii: "<")) else {
            throw StageError("not HTML or XML: no markup in the first 4 KB")
        }
        if firstTag > 256 {
            let leading = String(decoding: bytes[..<firstTag], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if leading.count > 256 {
                throw StageError("not HTML or XML: the file starts with \(leading.count) characters of plain text")
            }
        }
        let markup = UnsafeBufferPointer(rebasing: bytes[firstTag...])
        var found = 0
        var index = 0
        while let base = markup.baseAddress, index < markup.count,
              let tag = memchr(base + index, Int32(UInt8(ascii: "<")), markup.count - index) {
            index = base.distance(to: tag.assumingMemoryBound(to: UInt8.self))
            for (number, needle) in needles.enumerated() where found & (1 << number) == 0 && startsWith(markup, at: index, needle) {
                found |= 1 << number
            }
            index += 1
        }
        func has(_ needle: Needle) -> Bool { found & (1 << needle.rawValue) != 0 }
        if has(.rss) || has(.rdf) { return .rss }
        if has(.feed) && (has(.entry) || contains(markup, "w3.org/2005/atom")) { return .atom }
        if has(.nitf) { return .nitf }
        if has(.html) || has(.doctype) || has(.body) || has(.p) || has(.div) || has(.head) { return .html }
        if startsWith(markup, at: 0, "<?xml") { return .xml }
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "rss": return .rss
        case "atom": return .atom
        case "nitf": return .nitf
        case "xml": return .xml
        default: return .html
        }
    }

    /// Whether the lower-case ASCII `needle` is at `index`, ignoring the case of ASCII letters.
    @inline(__always)
    private static func startsWith(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ needle: StaticString) -> Bool {
        let count = needle.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let pattern = needle.utf8Start
        for k in 0..<count {
            let byte = bytes[index + k]
            if (byte &- 0x41 < 26 ? byte | 0x20 : byte) != pattern[k] { return false }
        }
        return true
    }

    /// Whether `haystack` holds the lower-case ASCII `needle`, ignoring the case of ASCII letters.
    private static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        guard haystack.count >= needle.utf8CodeUnitCount else { return false }
        return (0...(haystack.count - needle.utf8CodeUnitCount)).contains { startsWith(haystack, at: $0, needle) }
    }
}
