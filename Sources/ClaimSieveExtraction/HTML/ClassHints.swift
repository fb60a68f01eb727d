import ClaimSieveCore
import CLibXML2
import Foundation

/// Reads what a page's own class, id and role names say about an element.
///
/// Site templates name their boilerplate in every language the same way (`share`, `related`,
/// `newsletter`, `comment`, `sidebar`...), which makes these names the strongest general signal
/// for telling article text from page furniture. Runs once per element, so it works on bytes with
/// patterns compiled once into a first-byte table.
enum ClassHints {
    struct Verdict {
        /// Readability-style weight: +25 for article-like names, -25 for boilerplate-like names.
        var weight: Int = 0
        /// Names that are almost never article text (removed before scoring on the first attempt).
        var unlikely = false
        /// Hidden from readers (`hidden`, `display:none`, ARIA roles of page furniture).
        var hidden = false
        /// A caption or photo credit: kept, but as a caption block, never as article text.
        var caption = false
        /// `itemprop="articleBody"` or similar explicit body markers.
        var articleBody = false
    }

    private struct Category: OptionSet {
        let rawValue: UInt8
        static let positive = Category(rawValue: 1)
        static let negative = Category(rawValue: 2)
        static let unlikely = Category(rawValue: 4)
        static let maybe = Category(rawValue: 8)
        static let body = Category(rawValue: 16)
        static let caption = Category(rawValue: 32)
        static let hidden = Category(rawValue: 64)
        /// `ad` or `dfp` somewhere: the only names in which `hasAdToken` can find a whole token.
        static let adLike = Category(rawValue: 128)
    }

    // The name lists are internal (not private) so that a test can check the automaton against them.
    static let positive = ["article", "body", "content", "entry", "hentry", "main", "page", "post", "text", "blog", "story", "embed"]
    static let negative = [
        "hidden", "banner", "combx", "comment", "com-", "contact", "foot", "footnote", "gdpr", "masthead", "media",
        "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor",
        "shopping", "tags", "tool", "widget", "newsletter", "subscri", "cookie", "social", "taboola", "recommend",
        "byline", "author", "breadcrumb", "popup", "modal", "signup", "trending", "most-popular", "mostpopular", "nav",
        "more-news", "more-stories", "morestories", "also-read", "excerpt", "teaser", "dateline",
        "timestamp", "slideshow", "gallery", "donate", "credit", "consent",
    ]
    static let unlikelyNames = [
        "-ad-", "ai2html", "banner", "breadcrumb", "combx", "comment", "community", "cover-wrap", "disqus", "extra",
        "footer", "gdpr", "header", "legends", "menu", "related", "remark", "replies", "rss", "shoutbox", "sidebar",
        "skyscraper", "social", "sponsor", "supplemental", "ad-break", "agegate", "pagination", "pager", "popup",
        "yom-remote", "share", "newsletter", "promo", "cookie", "subscribe", "outbrain", "taboola", "recommend",
        "trending", "signup", "most-popular", "mostpopular", "nav", "more-news", "more-stories", "morestories",
        "also-read", "donate", "consent",
    ]
    static let maybeNames = ["and", "article", "body", "column", "content", "main", "shadow", "embed"]
    static let bodyNames = ["articlebody", "article-body", "article__body", "story-body", "entry-content", "post-content"]
    static let captionNames = ["caption", "credit"]
    static let hiddenNames = ["sr-only", "visually-hidden", "visuallyhidden", "screen-reader"]
    static let adTokens: [[UInt8]] = ["ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "dfp", "adslot", "adunit"].map { Array($0.utf8) }
    static let furnitureRoles: [[UInt8]] = ["navigation", "complementary", "banner", "contentinfo", "dialog", "alert", "alertdialog", "menu", "menubar", "search", "toolbar"].map { Array($0.utf8) }

    /// Every name, reporting the bits of its categories as labels, found in one pass over an
    /// element's class and id names (trying the names at each byte cost 1.4% of a run).
    private static let automaton: PatternAutomaton = {
        var merged: [String: Category] = [:]
        for name in positive { merged[name, default: []].insert(.positive) }
        for name in negative { merged[name, default: []].insert(.negative) }
        for name in unlikelyNames { merged[name, default: []].insert(.unlikely) }
        for name in maybeNames { merged[name, default: []].insert(.maybe) }
        for name in bodyNames { merged[name, default: []].insert(.body) }
        for name in captionNames { merged[name, default: []].insert(.caption) }
        for name in hiddenNames { merged[name, default: []].insert(.hidden) }
        for name in ["ad", "dfp"] { merged[name, default: []].insert(.adLike) }
        let patterns = merged.map { name, category in
            PatternAutomaton.Pattern(Array(name.utf8), labels: (0..<8).filter { category.rawValue & (1 << $0) != 0 })
        }
        return PatternAutomaton(patterns: patterns, labelCount: 8, wordBoundaries: false, digitWildcard: false)
    }()

    /// Working memory for one walk over a page: the names' bytes in one buffer reused for every
    /// element (an `Array` paid a uniqueness check and a capacity check per appended byte), and
    /// the compiled tables loaded once (a `static let` read costs a `swift_once` call per element).
    final class Scratch {
        fileprivate var bytes: UnsafeMutablePointer<UInt8>
        fileprivate var capacity: Int
        fileprivate var count = 0
        fileprivate let automaton = ClassHints.automaton
        fileprivate let adTokens = ClassHints.adTokens

        init(capacity: Int = 256) {
            self.capacity = capacity
            bytes = .allocate(capacity: capacity)
        }

        deinit { bytes.deallocate() }

        fileprivate func reserve(_ needed: Int) {
            guard needed > capacity else { return }
            let grown = max(needed, capacity * 2)
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
            larger.update(from: bytes, count: count)
            bytes.deallocate()
            bytes = larger
            capacity = grown
        }

        /// A space, then the attribute's text lowercased (ASCII letters only, as before).
        fileprivate func appendName(_ attribute: UnsafeMutablePointer<xmlAttr>) {
            reserve(count + 1)
            bytes[count] = 0x20
            count += 1
            var child = attribute.pointee.children
            while let current = child {
                if current.pointee.type == XML_TEXT_NODE, let content = current.pointee.content {
                    let length = strlen(content)
                    reserve(count + length)
                    let target = bytes + count
                    for index in 0..<length {
                        let byte = content[index]
                        target[index] = byte &+ (byte &- 0x41 < 26 ? 0x20 : 0)
                    }
                    count += length
                }
                child = current.pointee.next
            }
        }
    }

    static func read(_ node: NodePointer, scratch: Scratch) -> Verdict {
        var verdict = Verdict()
        scratch.count = 0
        var attribute = node.pointee.properties
        while let current = attribute {
            defer { attribute = current.pointee.next }
            guard let name = current.pointee.name else { continue }
            switch name[0] | 0x20 {
            case UInt8(ascii: "c") where NodeAccess.isAttribute(name, .class):
                scratch.appendName(current)
            case UInt8(ascii: "i") where NodeAccess.isAttribute(name, .id):
                // An id of five or more hyphenated words is a heading's slug
                // (`getting-into-trouble-with-shared-history`): it names the text, not the template.
                if isSlug(current) { break }
                scratch.appendName(current)
            case UInt8(ascii: "h") where NodeAccess.isAttribute(name, .hidden):
                verdict.hidden = true
            case UInt8(ascii: "s") where NodeAccess.isAttribute(name, .style):
                var style: [UInt8] = []
                appendLowercasedValue(current, to: &style)
                style.removeAll { $0 == 0x20 }
                if contains(style, "display:none") || contains(style, "visibility:hidden") { verdict.hidden = true }
            case UInt8(ascii: "r") where NodeAccess.isAttribute(name, .role):
                var role: [UInt8] = []
                appendLowercasedValue(current, to: &role)
                if furnitureRoles.contains(role) { verdict.hidden = true }
            case UInt8(ascii: "i") where NodeAccess.isAttribute(name, .itemprop):
                var value: [UInt8] = []
                appendLowercasedValue(current, to: &value)
                if value.elementsEqual("articlebody".utf8) { verdict.articleBody = true; verdict.weight += 25 }
            default:
                break
            }
        }
        guard scratch.count > 0 else { return verdict }
        let names = UnsafeBufferPointer(start: scratch.bytes, count: scratch.count)
        var labels: UInt64 = 0
        withUnsafeMutablePointer(to: &labels) { scratch.automaton.scan(names, into: UnsafeMutableBufferPointer(start: $0, count: 1)) }
        let found = Category(rawValue: UInt8(truncatingIfNeeded: labels))
        if found.contains(.body) { verdict.articleBody = true }
        if found.contains(.caption) { verdict.caption = true }
        if found.contains(.hidden) { verdict.hidden = true }
        if found.contains(.negative) { verdict.weight -= 25 }
        if found.contains(.positive) { verdict.weight += 25 }
        if found.contains(.adLike) && hasAdToken(names, tokens: scratch.adTokens) {
            verdict.weight -= 25
            verdict.unlikely = true
        }
        if found.contains(.unlikely) && !found.contains(.maybe) { verdict.unlikely = true }
        return verdict
    }

    /// Whether an attribute's value is five or more words of letters and digits joined by `-`.
    private static func isSlug(_ attribute: UnsafeMutablePointer<xmlAttr>) -> Bool {
        guard let text = attribute.pointee.children, let content = text.pointee.content else { return false }
        var words = 0
        var inWord = false
        var index = 0
        while content[index] != 0 {
            let byte = content[index] | 0x20
            if byte >= 0x61 && byte <= 0x7A || content[index] >= 0x30 && content[index] <= 0x39 {
                if !inWord { words += 1; inWord = true }
            } else if content[index] == 0x2D && inWord {
                inWord = false
            } else {
                return false
            }
            index += 1
        }
        return words >= 5
    }

    /// Whether a whole token (split on space, `-`, `_`, tab) names an advertisement.
    private static func hasAdToken(_ names: UnsafeBufferPointer<UInt8>, tokens: [[UInt8]]) -> Bool {
        var start = 0
        let count = names.count
        while start < count {
            var end = start
            while end < count {
                let byte = names[end]
                if byte == 0x20 || byte == 0x2D || byte == 0x5F || byte == 0x09 { break }
                end += 1
            }
            let length = end - start
            if length >= 2 && length <= 13 && (names[start] == 0x61 || names[start] == 0x64) {
                for token in tokens where token.count == length {
                    if names[start..<end].elementsEqual(token) { return true }
                }
            }
            start = end + 1
        }
        return false
    }

    private static func contains(_ haystack: [UInt8], _ needle: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard pattern.count <= haystack.count else { return false }
        for start in 0...(haystack.count - pattern.count) where haystack[start] == pattern[0] {
            if haystack[start..<(start + pattern.count)].elementsEqual(pattern) { return true }
        }
        return false
    }

    private static func appendLowercasedValue(_ attribute: UnsafeMutablePointer<xmlAttr>, to output: inout [UInt8]) {
        var child = attribute.pointee.children
        while let current = child {
            if current.pointee.type == XML_TEXT_NODE, let content = current.pointee.content {
                var index = 0
                while content[index] != 0 {
                    let byte = content[index]
                    output.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                    index += 1
                }
            }
            child = current.pointee.next
        }
    }
}
