public import Foundation

/// Recognises HTML and the news XML formats from the first bytes, the way a browser sniffs, so a
/// feed saved as `.html` or a page saved as `.xml` is still read right.
public enum FormatSniffer {
    /// Throws when the bytes are not markup at all (a PDF, an image, plain text).
    public static func detect(_ data: Data, path: String) throws -> DocumentFormat {
        let head = data.prefix(4096)
        var bytes = [UInt8](head)
        // UTF-16 text: libxml2 reads it from the BOM; sniff its ASCII bytes only.
        let isUTF16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        if isUTF16 { bytes = bytes.filter { $0 != 0 } }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if !isUTF16, bytes.contains(0) {
            throw StageError("not HTML or XML: the file is binary (NUL bytes in its first 4 KB)")
        }
        for index in bytes.indices where bytes[index] &- 0x41 < 26 { bytes[index] |= 0x20 }
        guard let firstTag = bytes.firstIndex(of: UInt8(ascii: "<")) else {
            throw StageError("not HTML or XML: no markup in the first 4 KB")
        }
        if firstTag > 256 {
            let leading = String(decoding: bytes[..<firstTag], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if leading.count > 256 {
                throw StageError("not HTML or XML: the file starts with \(leading.count) characters of plain text")
            }
        }
        // Byte search over at most 4 KB: each probe is a scan for "<" and a short compare.
        let markup = bytes[firstTag...]
        func has(_ needle: StaticString) -> Bool { Self.contains(markup, needle) }
        if has("<rss") || has("<rdf:rdf") { return .rss }
        if has("<feed") && (has("w3.org/2005/atom") || has("<entry")) { return .atom }
        if has("<nitf") { return .nitf }
        if has("<html") || has("<!doctype html") || has("<body") || has("<p>") || has("<div") || has("<head") {
            return .html
        }
        if markup.starts(with: "<?xml".utf8) { return .xml }
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "rss": return .rss
        case "atom": return .atom
        case "nitf": return .nitf
        case "xml": return .xml
        default: return .html
        }
    }

    /// Whether `haystack` holds the ASCII bytes of `needle`.
    private static func contains(_ haystack: ArraySlice<UInt8>, _ needle: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard let first = pattern.first, haystack.count >= pattern.count else { return false }
        var i = haystack.startIndex
        let last = haystack.endIndex - pattern.count
        while i <= last {
            if haystack[i] == first, haystack[i..<i + pattern.count].elementsEqual(pattern) { return true }
            i += 1
        }
        return false
    }
}
