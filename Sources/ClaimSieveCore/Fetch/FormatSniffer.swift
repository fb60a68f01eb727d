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
        let lower = String(decoding: bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        guard let firstTag = lower.firstIndex(of: "<") else {
            throw StageError("not HTML or XML: no markup in the first 4 KB")
        }
        let leading = lower[..<firstTag].trimmingCharacters(in: .whitespacesAndNewlines)
        if !leading.isEmpty && leading.count > 256 {
            throw StageError("not HTML or XML: the file starts with \(leading.count) characters of plain text")
        }
        let markup = lower[firstTag...]
        if markup.contains("<rss") || markup.contains("<rdf:rdf") { return .rss }
        if markup.contains("<feed") && (markup.contains("w3.org/2005/atom") || markup.contains("<entry")) { return .atom }
        if markup.contains("<nitf") { return .nitf }
        if markup.contains("<html") || markup.contains("<!doctype html") || markup.contains("<body")
            || markup.contains("<p>") || markup.contains("<div") || markup.contains("<head") {
            return .html
        }
        if markup.hasPrefix("<?xml") { return .xml }
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "rss": return .rss
        case "atom": return .atom
        case "nitf": return .nitf
        case "xml": return .xml
        default: return .html
        }
    }
}
