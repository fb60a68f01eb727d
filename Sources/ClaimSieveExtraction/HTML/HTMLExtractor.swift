import CLibXML2
import ClaimSieveCore
import Foundation

/// A page's article as extraction found it: the headline kept apart from the body, because the
/// evaluation compares the body alone while the pipeline wants the headline as the first block.
struct ExtractedArticle {
    var metadata: Metadata
    var headline: String?
    var body: [Block]

    /// The pipeline's view: headline first (as a heading), then the body.
    var blocks: [Block] {
        guard let headline else { return body }
        return [Block(kind: .heading, text: headline)] + body
    }
}

/// Main-text extraction from HTML with libxml2's recovering parser.
enum HTMLExtractor {
    /// Parses and extracts; the libxml2 document lives only inside this call, on this thread.
    /// `furniture` drops the furniture blocks at the body's edges (nil: keep them, for measuring).
    static func extract(_ data: Data, path: String, furniture: FurnitureMatcher? = FurnitureMatcher.shipped) throws -> ExtractedArticle {
        try parse(data) { document in try extract(document: document, furniture: furniture) }
    }

    /// Parses `data` as HTML and hands the tree to `body`, freeing it afterwards whatever happens.
    /// `elide`: scripts' and styles' contents are dropped before libxml2 reads the page (`RawTextElision`).
    static func parse<T>(_ data: Data, elide: Bool = RawTextElision.enabled, _ body: (UnsafeMutablePointer<xmlDoc>) throws -> T) throws -> T {
        try ParsedDocument.with(data, parser: .html, what: "page", elide: elide, body)
    }

    static func extract(document: UnsafeMutablePointer<xmlDoc>, furniture: FurnitureMatcher? = FurnitureMatcher.shipped) throws -> ExtractedArticle {
        guard let root = xmlDocGetRootElement(document) else { throw StageError("not HTML: the page has no root element") }
        let head = HeadMetadata(root: root)
        let bodyRoot = NodeAccess.elementChildren(root).first { NodeAccess.localName($0) == "body" } ?? root

        var index = PageIndex(root: bodyRoot)
        index.prune(unlikely: true)
        var body = blocks(from: &index)
        if textLength(body) < 250 {
            // Readability's second attempt: the names misled us, so keep everything and rescore.
            index.prune(unlikely: false)
            let retry = blocks(from: &index)
            if textLength(retry) > textLength(body) { body = retry }
        }
        let jsonLD = JSONLDArticle(scripts: head.jsonLD)
        if let ldBody = jsonLD.articleBody, ldBody.utf8.count >= 100, textLength(body) < ldBody.utf8.count / 2 {
            body = ldBody.split(whereSeparator: \.isNewline).compactMap { line in
                var buffer = TextBuffer()
                buffer.append(String(line))
                return buffer.isEmpty ? nil : Block(kind: .paragraph, text: buffer.string)
            }
        }

        var metadata = Metadata()
        metadata.publisher = head.siteName ?? jsonLD.publisher
        let cleanedTitle = head.title.map { HeadMetadata.stripSiteName($0, siteName: metadata.publisher) }
        let headline = chooseHeadline(h1s: head.headings, og: head.ogTitle ?? jsonLD.headline, title: cleanedTitle)
        metadata.title = headline
        metadata.byline = head.author ?? jsonLD.author
        metadata.published = head.published ?? jsonLD.datePublished ?? firstTime(index)
        metadata.canonicalURL = head.canonical ?? head.ogURL ?? jsonLD.url
        metadata.language = head.language ?? jsonLD.language
        if let furniture { body = dropFurniture(body, furniture, into: &metadata) }

        if let headline {
            let key = comparable(headline)
            body.removeAll { $0.kind == .heading && comparable($0.text) == key }
        }
        guard headline != nil || !body.isEmpty else { throw StageError("no article text found in the page") }
        return ExtractedArticle(metadata: metadata, headline: headline, body: body)
    }

    private static func blocks(from index: inout PageIndex) -> [Block] {
        let roots = ContentSelector.select(&index)
        var writer = BlockWriter(index: index)
        writer.write(roots: roots)
        var blocks = writer.blocks
        // A heading with nothing after it titled something that was removed ("Related", "Comments").
        while let last = blocks.last, last.kind == .heading { blocks.removeLast() }
        return blocks
    }

    /// Removes the blocks at the start and the end of the body that are furniture as a whole
    /// (a byline with its date, an author's bio, a copyright or reuse line, a disclosure), keeping
    /// a byline or copyright holder the page's head did not give as metadata.
    static func dropFurniture(_ body: [Block], _ furniture: FurnitureMatcher, into metadata: inout Metadata) -> [Block] {
        var kept: [Block] = []
        kept.reserveCapacity(body.count)
        for (index, block) in body.enumerated() {
            let edge = furniture.edges(block: index, of: body.count)
            // A block of several sentences may hold prose beside its furniture: the `split` stage
            // drops its furniture sentence by sentence instead.
            guard edge.start || edge.end, block.kind != .heading, block.kind != .table, !hasSentenceBreak(block.text),
                  let kind = furniture.match(block.text, atStart: edge.start, atEnd: edge.end) else {
                kept.append(block)
                continue
            }
            switch kind.keepAs {
            case .byline?: if metadata.byline == nil { metadata.byline = furniture.metadata(of: block.text, kind: kind) }
            case .copyright?: if metadata.copyright == nil { metadata.copyright = furniture.metadata(of: block.text, kind: kind) }
            case nil: break
            }
        }
        return kept
    }

    /// Whether `text` holds a `.`, `!` or `?` followed by a space and a capital letter or a digit
    /// before its end: more than one sentence (bytes only; a rough test, erring towards "yes").
    static func hasSentenceBreak(_ text: String) -> Bool {
        var utf8 = text.utf8.makeIterator()
        var previous: UInt8 = 0, beforePrevious: UInt8 = 0
        while let byte = utf8.next() {
            if previous == 0x20, beforePrevious == UInt8(ascii: ".") || beforePrevious == UInt8(ascii: "!") || beforePrevious == UInt8(ascii: "?"),
               byte >= 0x41 && byte <= 0x5A || byte >= 0x30 && byte <= 0x39 || byte == 0x22 || byte >= 0xC0 {
                return true
            }
            beforePrevious = previous
            previous = byte
        }
        return false
    }

    private static func textLength(_ blocks: [Block]) -> Int { blocks.reduce(0) { $0 + $1.text.utf8.count } }

    private static func firstTime(_ index: PageIndex) -> String? {
        for node in index.nodes where node.tag == .time {
            if let value = NodeAccess.attribute(node.pointer, .datetime), !value.isEmpty { return value }
        }
        return nil
    }

    /// The visible `<h1>` that agrees with what the page calls its title (a logo `<h1>` does not);
    /// else the page's Open Graph or JSON-LD title; else its `<title>`; else the first `<h1>`.
    static func chooseHeadline(h1s: [String], og: String?, title: String?) -> String? {
        let others = [og, title].compactMap { $0.map(comparable) }.filter { !$0.isEmpty }
        for h1 in h1s {
            let key = comparable(h1)
            guard !key.isEmpty else { continue }
            for other in others {
                let shorter = min(key.count, other.count), longer = max(key.count, other.count)
                if shorter * 2 >= longer && (other.contains(key) || key.contains(other)) { return h1 }
            }
        }
        if let og, !og.isEmpty { return og }
        if let title, !title.isEmpty { return title }
        return h1s.first
    }

    /// Which ASCII scalars `CharacterSet.alphanumerics` holds (asking the set costs thousands of
    /// instructions a scalar).
    private static let asciiAlphanumerics: [Bool] = (0..<128).map { CharacterSet.alphanumerics.contains(Unicode.Scalar(UInt8($0))) }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 128 ? asciiAlphanumerics[Int(scalar.value)] : CharacterSet.alphanumerics.contains(scalar)
    }

    /// Lower-cased letters and digits only, so that quotes and dashes do not hide a match.
    /// ASCII text (most headings) is folded on its bytes; other text through Foundation's
    /// letters and digits, which the bytes would not know.
    ///
    /// The bytes also drop, as Foundation does, no-break space (U+00A0) and General Punctuation
    /// (U+2000 to U+206F: curly quotes, dashes, ellipsis), which hold no letter or digit and no
    /// case: a headline with a curly apostrophe took Foundation's way at some 40,000
    /// instructions (tested on every scalar of those ranges).
    static func comparable(_ text: String) -> String {
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        bytes.reserveCapacity(utf8.count)
        var i = 0
        while i < utf8.count {
            let byte = utf8[i]
            if byte >= 0x80 {
                if byte == 0xE2, i + 2 < utf8.count, utf8[i + 1] == 0x80 || (utf8[i + 1] == 0x81 && utf8[i + 2] <= 0xAF) {
                    i += 3
                    continue
                }
                if byte == 0xC2, i + 1 < utf8.count, utf8[i + 1] == 0xA0 {
                    i += 2
                    continue
                }
                return slowComparable(text)
            }
            if byte >= 0x61 && byte <= 0x7A || byte >= 0x30 && byte <= 0x39 {
                bytes.append(byte)
            } else if byte >= 0x41 && byte <= 0x5A {
                bytes.append(byte | 0x20)
            }
            i += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `comparable` through Foundation's letters and digits.
    static func slowComparable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter(isAlphanumeric)))
    }
}

extension HTMLExtractor {
    /// Blocks of an HTML fragment that is all article (a feed item's `content:encoded`): no
    /// selection, only the furniture filters, since a feed already chose the text.
    static func fragmentBlocks(_ html: String) -> [Block] {
        let trimmed = Trim.whitespaceAndNewlines(html)
        guard !trimmed.isEmpty else { return [] }
        if !trimmed.contains("<") {
            // Plain text: blank lines separate paragraphs.
            return trimmed.components(separatedBy: "\n\n").compactMap { paragraph in
                var buffer = TextBuffer()
                buffer.append(paragraph)
                return buffer.isEmpty ? nil : Block(kind: .paragraph, text: buffer.string)
            }
        }
        let result = try? parse(Data(("<html><body>" + trimmed + "</body></html>").utf8)) { document -> [Block] in
            guard let root = xmlDocGetRootElement(document) else { return [] }
            let body = NodeAccess.elementChildren(root).first { NodeAccess.localName($0) == "body" } ?? root
            let index = PageIndex(root: body)
            guard !index.nodes.isEmpty else { return [] }
            var writer = BlockWriter(index: index)
            writer.write(roots: [0])
            return writer.blocks
        }
        return result ?? []
    }
}
