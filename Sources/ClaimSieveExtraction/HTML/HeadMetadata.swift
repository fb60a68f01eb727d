import CLibXML2
import Foundation

/// What a page's `<head>` (and the `<html>` element) says about the article: `<title>`, Open
/// Graph and Dublin Core meta tags, `rel=canonical`, the language.
struct HeadMetadata {
    var title: String?
    var ogTitle: String?
    var author: String?
    var published: String?
    var siteName: String?
    var canonical: String?
    var ogURL: String?
    var language: String?
    /// The first few `<h1>` texts, wherever they sit (an article's `<header>` is dropped from the body).
    var headings: [String] = []
    /// The raw text of every `<script type="application/ld+json">`, wherever it sits.
    var jsonLD: [String] = []
    /// Bytes of JSON-LD kept so far, against `JSONLDArticle.maximumBytes`.
    private var jsonLDBytes = 0

    init(root: NodePointer) {
        language = NodeAccess.attribute(root, .lang) ?? NodeAccess.attribute(root, .xmlLang)
        // Meta tags can sit in <head> or anywhere in <body>; walk the whole tree without recursion
        // but skip the text-heavy parts quickly: only element nodes are looked at.
        var node: NodePointer? = root
        while let current = node {
            var descend = true
            if current.pointee.type == XML_ELEMENT_NODE, let name = current.pointee.name {
                // Most elements start with none of these letters: one byte test skips them.
                let first = name[0] | 0x20
                if first != UInt8(ascii: "m") && first != UInt8(ascii: "l") && first != UInt8(ascii: "h")
                    && first != UInt8(ascii: "t") && first != UInt8(ascii: "s") {
                    // an ordinary element: only its children matter
                } else if NodeAccess.equals(name, "meta") {
                    read(meta: current)
                    descend = false
                } else if NodeAccess.equals(name, "link") {
                    if let rel = NodeAccess.attribute(current, .rel)?.lowercased(), rel == "canonical" {
                        canonical = canonical ?? nonEmpty(NodeAccess.attribute(current, .href))
                    }
                    descend = false
                } else if NodeAccess.equals(name, "h1") {
                    if headings.count < 5 {
                        let text = NodeAccess.text(current)
                        if !text.isEmpty { headings.append(text) }
                    }
                    descend = false
                } else if NodeAccess.equals(name, "title") {
                    if title == nil { title = nonEmpty(NodeAccess.text(current)) }
                    descend = false
                } else if NodeAccess.equals(name, "script") {
                    if let kind = NodeAccess.attribute(current, .type), Self.namesJSONLD(kind) {
                        // JSON-LD is parsed into Foundation objects at ~100 times its size (a 6 MB
                        // script once took 635 MB): past the page's budget it is ignored, and the
                        // article comes from the markup as it would without JSON-LD.
                        let text = NodeAccess.text(current)
                        if jsonLDBytes + text.utf8.count <= JSONLDArticle.maximumBytes {
                            jsonLDBytes += text.utf8.count
                            jsonLD.append(text)
                        }
                    }
                    descend = false
                } else if NodeAccess.equals(name, "style") || NodeAccess.equals(name, "svg") {
                    descend = false
                }
            } else {
                descend = false
            }
            node = NodeAccess.nextInDocumentOrder(after: current, within: root, descend: descend)
        }
    }

    private enum Field { case title, author, published, siteName, url, language }

    /// Meta names worth reading, by lower-cased `property`/`name`/`itemprop`/`http-equiv` value.
    private static let fields: [String: Field] = {
        var fields: [String: Field] = [:]
        for key in ["og:title", "twitter:title"] { fields[key] = .title }
        for key in ["author", "article:author", "byl", "dc.creator", "sailthru.author", "parsely-author"] { fields[key] = .author }
        for key in ["article:published_time", "pubdate", "publishdate", "date", "dc.date.issued", "dc.date", "datepublished",
                    "og:published_time", "sailthru.date", "parsely-pub-date", "publish-date", "article.published", "dcterms.created"] {
            fields[key] = .published
        }
        for key in ["og:site_name", "application-name", "publisher"] { fields[key] = .siteName }
        fields["og:url"] = .url
        for key in ["content-language", "og:locale", "language", "dc.language"] { fields[key] = .language }
        return fields
    }()

    /// Reads one `<meta>`; attribute values become Strings only for the few names that matter.
    private mutating func read(meta: NodePointer) {
        var key: String?
        var content: UnsafeMutablePointer<xmlAttr>?
        var attribute = meta.pointee.properties
        while let current = attribute {
            if let name = current.pointee.name {
                if NodeAccess.isAttribute(name, .content) {
                    content = current
                } else if key == nil, NodeAccess.isAttribute(name, .property) || NodeAccess.isAttribute(name, .name)
                    || NodeAccess.isAttribute(name, .itemprop) || NodeAccess.isAttribute(name, .httpEquiv) {
                    key = NodeAccess.attributeValue(current).lowercased()
                }
            }
            attribute = current.pointee.next
        }
        guard let key, let field = Self.fields[key], let content,
              let value = nonEmpty(NodeAccess.attributeValue(content)) else { return }
        switch field {
        case .title: ogTitle = ogTitle ?? value
        case .author: if !value.hasPrefix("http") { author = author ?? value }
        case .published: published = published ?? value
        case .siteName: siteName = siteName ?? value
        case .url: ogURL = ogURL ?? value
        case .language: language = language ?? value
        }
    }

    private func nonEmpty(_ value: String?) -> String? {
        guard let value else { return nil }
        let trimmed = Trim.whitespaceAndNewlines(value)
        guard !trimmed.isEmpty else { return nil }
        return trimmed
    }

    /// Whether a `<script>`'s `type` names JSON-LD (`application/ld+json`, in any case). An ASCII
    /// value (every real one) is searched on its bytes; Foundation's search cost 6,000
    /// instructions a script.
    static func namesJSONLD(_ type: String) -> Bool {
        guard type.utf8.allSatisfy({ $0 < 0x80 }) else { return type.lowercased().contains("ld+json") }
        return asciiContains(type, "ld+json", foldCase: true)
    }

    /// Whether the ASCII `text` holds `needle`: a needle with a non-ASCII character cannot be in
    /// it (none of the needles here has an ASCII canonical equivalent). With `foldCase`, the
    /// text's ASCII capitals are read as small letters (the needle is in small letters).
    static func asciiContains(_ text: String, _ needle: String, foldCase: Bool = false) -> Bool {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first, pattern.allSatisfy({ $0 < 0x80 }) else { return false }
        let bytes = Array(text.utf8)
        guard bytes.count >= pattern.count else { return false }
        @inline(__always) func folded(_ byte: UInt8) -> UInt8 { foldCase && byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
        for start in 0...(bytes.count - pattern.count) where folded(bytes[start]) == first {
            var k = 1
            while k < pattern.count, folded(bytes[start + k]) == pattern[k] { k += 1 }
            if k == pattern.count { return true }
        }
        return false
    }

    /// `components(separatedBy: separator)` with each part trimmed of `.whitespaces`, for an
    /// ASCII `text` and separator, on bytes: the parts between the separator's occurrences from
    /// the left, without the spaces and tabs at their ends (the only ASCII characters of
    /// `.whitespaces`). Foundation's split and trims cost about 60,000 instructions a title.
    static func asciiParts(_ text: String, _ separator: String) -> [String] {
        let bytes = Array(text.utf8), pattern = Array(separator.utf8)
        var parts: [String] = []
        func add(_ from: Int, _ to: Int) {
            var from = from, to = to
            while from < to, bytes[from] == 0x20 || bytes[from] == 0x09 { from += 1 }
            while to > from, bytes[to - 1] == 0x20 || bytes[to - 1] == 0x09 { to -= 1 }
            parts.append(String(decoding: bytes[from..<to], as: UTF8.self))
        }
        var start = 0, at = 0
        while !pattern.isEmpty, at + pattern.count <= bytes.count {
            if bytes[at] == pattern[0], bytes[at..<at + pattern.count].elementsEqual(pattern) {
                add(start, at)
                at += pattern.count
                start = at
            } else {
                at += 1
            }
        }
        add(start, bytes.count)
        return parts
    }

    /// `<title>` without the site name the page appends or prepends ("Story - Site", "Site | Story").
    static func stripSiteName(_ title: String, siteName: String?) -> String {
        let separators = [" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " : "]
        let ascii = title.utf8.allSatisfy { $0 < 0x80 }
        for separator in separators where ascii ? asciiContains(title, separator) : title.contains(separator) {
            let parts = ascii ? asciiParts(title, separator)
                : title.components(separatedBy: separator).map { $0.trimmingCharacters(in: .whitespaces) }
            if let site = siteName?.lowercased(), let first = parts.first, let last = parts.last {
                if last.lowercased() == site || site.contains(last.lowercased()) { return parts.dropLast().joined(separator: separator) }
                if first.lowercased() == site || site.contains(first.lowercased()) { return parts.dropFirst().joined(separator: separator) }
            }
            // Without a site name, the longest part is the headline when it is clearly longer.
            if let longest = parts.max(by: { $0.count < $1.count }), longest.split(separator: " ").count >= 4 { return longest }
        }
        return title
    }
}
