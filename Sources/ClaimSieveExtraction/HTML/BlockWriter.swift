import ClaimSieveCore
import Foundation

/// Turns the selected subtrees of a `PageIndex` into blocks, in document order, dropping the
/// furniture that sits inside article containers (share bars, related links, ad slots, forms).
struct BlockWriter {
    private let index: PageIndex
    private(set) var blocks: [Block] = []
    private var buffer = TextBuffer()
    private var bufferLinkLength = 0
    private var bufferLength = 0
    private var kind: BlockKind = .paragraph
    private var lastWasBreak = false
    /// The innermost open block element is a `<p>`: a sentence written as a paragraph, even if linked.
    private var inParagraph = false
    /// The innermost open block element is a table cell: a value of a table that passed the
    /// table's own link-density test (a film's linked title), kept even when it is one link.
    private var inCell = false
    /// The block holds a `<time>` element: a short one is a dateline or "updated" note.
    private var hasTime = false

    init(index: PageIndex) { self.index = index }

    mutating func write(roots: [Int]) {
        for root in roots { write(root: root) }
    }

    private mutating func write(root: Int) {
        // Open elements: (end index, kind to restore, was block).
        var open: [(end: Int, saved: BlockKind, block: Bool, inParagraph: Bool, inCell: Bool)] = []
        var position = root
        let stop = Int(index.nodes[root].end)
        while position < stop {
            while let last = open.last, position >= last.end {
                open.removeLast()
                if last.block { flush() }
                kind = last.saved
                inParagraph = last.inParagraph
                inCell = last.inCell
            }
            let node = index.nodes[position]
            if node.isRemoved {
                position = Int(max(node.end, Int32(position + 1)))
                continue
            }
            if node.tag == .text {
                if let content = node.pointer.pointee.content, node.textLength > 0 || !buffer.isEmpty {
                    buffer.append(UnsafeBufferPointer(start: content, count: strlen(content)))
                    bufferLength += Int(node.textLength)
                    if node.inLink { bufferLinkLength += Int(node.textLength) }
                    if node.textLength > 0 { lastWasBreak = false }
                }
                position += 1
                continue
            }
            if node.tag == .time { hasTime = true }
            if node.tag == .br {
                if lastWasBreak { flush() } else { buffer.appendSpace(); lastWasBreak = true }
                position += 1
                continue
            }
            if position != root && shouldSkip(position) {
                position = Int(max(node.end, Int32(position + 1)))
                continue
            }
            if node.tag == .table && isDataTable(position) {
                flush()
                if let text = tableText(position) { blocks.append(Block(kind: .table, text: text)) }
                position = Int(max(node.end, Int32(position + 1)))
                continue
            }
            let saved = kind
            let savedParagraph = inParagraph
            let savedCell = inCell
            // A caption or credit (by class, even on a <span>) is a block of its own.
            let isBlock = node.tag.isBlock || node.isCaption
            if isBlock {
                flush()
                kind = node.isCaption ? .caption : kindFor(node.tag, inherited: kind)
                inParagraph = node.tag == .p
                inCell = node.tag == .td || node.tag == .th
            }
            open.append((Int(node.end), saved, isBlock, savedParagraph, savedCell))
            position += 1
        }
        while let last = open.popLast() {
            if last.block { flush() }
            kind = last.saved
            inParagraph = last.inParagraph
            inCell = last.inCell
        }
        flush()
    }

    private func kindFor(_ tag: HTMLTag, inherited: BlockKind) -> BlockKind {
        switch tag {
        case .h1, .h2, .h3, .h4, .h5, .h6: return .heading
        case .blockquote: return .quote
        case .li, .dd, .dt: return inherited == .quote ? .quote : .listItem
        case .figcaption, .caption, .figure: return .caption
        case .p, .div, .section, .article, .main, .pre, .center, .address, .td, .th:
            return inherited == .heading ? .paragraph : inherited
        default: return inherited
        }
    }

    private mutating func flush() {
        defer {
            buffer.removeAll()
            bufferLength = 0
            bufferLinkLength = 0
            lastWasBreak = false
            hasTime = false
        }
        guard !buffer.isEmpty else { return }
        if hasTime && bufferLength < 100 && kind != .heading { return }
        if kind != .heading && bufferLength <= 60 && Self.isTimestampLine(buffer.bytes) { return }
        // A line that is mostly a link is a pointer to another page, not article text.
        // An item of a list that passed the list's own link-density test is part of that list.
        if bufferLength > 0 && Double(bufferLinkLength) / Double(bufferLength) > 0.6 && kind != .heading && kind != .listItem && !inCell
            && !(inParagraph && bufferLinkLength < bufferLength) { return }
        if kind == .heading && bufferLinkLength * 2 > bufferLength { return }
        blocks.append(Block(kind: kind, text: buffer.string))
    }

    /// A short line that is a date with a clock time or an ISO date ("Updated: 18 Nov 2019 9:38 pm",
    /// "2018-08-25 15:24"), in any language: a dateline, not article text. Sentences (ending in
    /// a full stop) are kept whatever they contain.
    static func isTimestampLine(_ bytes: [UInt8]) -> Bool {
        guard let last = bytes.last, last != UInt8(ascii: "."), last != UInt8(ascii: "!"), last != UInt8(ascii: "?") else { return false }
        @inline(__always) func digit(_ at: Int) -> Bool { at >= 0 && at < bytes.count && bytes[at] >= 0x30 && bytes[at] <= 0x39 }
        var year = false, clock = false, isoDate = false
        for index in bytes.indices {
            if digit(index) && digit(index + 1) && digit(index + 2) && digit(index + 3) && !digit(index - 1) && !digit(index + 4)
                && (bytes[index] == 0x31 && bytes[index + 1] == 0x39 || bytes[index] == 0x32 && bytes[index + 1] == 0x30) {
                year = true
                if index + 7 < bytes.count && (bytes[index + 4] == 0x2D || bytes[index + 4] == 0x2F) && digit(index + 5) { isoDate = true }
            }
            if bytes[index] == 0x3A && digit(index - 1) && digit(index + 1) && digit(index + 2) { clock = true }
        }
        return year && (clock || isoDate)
    }

    /// Readability's conditional cleaning, on the measures computed when indexing.
    private func shouldSkip(_ position: Int) -> Bool {
        let node = index.nodes[position]
        if node.tag == .h1 || node.isProtected { return false }
        if node.weight < 0 && node.tag.isHeading { return true }
        if node.weight < 0 && node.paragraphs == 0 && node.textLength < 300 && !node.isArticleBody && !node.isCaption { return true }
        if isTeaserList(position) { return true }
        switch node.tag {
        case .div, .section, .ul, .ol, .dl, .table, .form, .fieldset, .figure, .center, .article:
            break
        default:
            return false
        }
        if node.textLength == 0 { return true }
        let density = node.linkDensity
        let weight = Int(node.weight)
        if node.isArticleBody { return false }
        if weight < 0 && density > 0.33 { return true }
        if weight < 0 && node.paragraphs == 0 && node.textLength < 300 { return true }
        if node.commas >= 10 { return false }
        let paragraphs = Int(node.paragraphs)
        let isList = node.tag == .ul || node.tag == .ol || node.tag == .dl
        if node.tag == .form && paragraphs == 0 { return true }
        if !isList && node.listItems > paragraphs * 2 + 5 && node.tag != .ul && density > 0.2 { return true }
        if node.images > paragraphs + 1 && node.tag != .figure && node.textLength < 200 { return true }
        // Containers of real paragraphs (an embedded post, a quote box) tolerate more links than link lists.
        // A list in the article (release notes, steps, changelogs) links what it names; only a
        // list made mostly of links is a menu or a "related" box (Readability spares lists here too).
        if weight < 25 && density > (isList ? 0.5 : paragraphs > 0 ? 0.35 : 0.2) { return true }
        if weight >= 25 && density > 0.5 { return true }
        return false
    }

    /// A list of links to other stories, each with a line of teaser text ("More news", "Most read").
    private func isTeaserList(_ position: Int) -> Bool {
        let node = index.nodes[position]
        guard node.linkDensity > 0.15, node.tag != .p, node.tag.isBlock else { return false }
        var children = 0
        var teasers = 0
        var child = position + 1
        let end = Int(node.end)
        while child < end {
            let item = index.nodes[child]
            if item.tag != .text || item.textLength > 0 {
                children += 1
                if item.tag != .text && hasHeadlineLink(child) { teasers += 1 }
            }
            child = Int(max(item.end, Int32(child + 1)))
        }
        return children >= 3 && teasers * 10 >= children * 6
    }

    /// Whether the element reads as a story card: it starts with a link long enough to be another
    /// story's headline and is either illustrated/titled or carries little text of its own.
    private func hasHeadlineLink(_ position: Int) -> Bool {
        let item = index.nodes[position]
        let end = Int(item.end)
        var inner = position
        var startsWithLink = false
        while inner < end {
            let node = index.nodes[inner]
            if node.tag == .a { startsWithLink = node.textLength >= 20; break }
            if node.tag == .text && node.textLength > 0 && !node.inLink { return false }
            inner += 1
        }
        guard startsWithLink else { return false }
        if item.images > 0 { return true }
        var scan = position + 1
        while scan < end {
            if index.nodes[scan].tag.isHeading { return true }
            scan += 1
        }
        return false
    }

    private func isDataTable(_ position: Int) -> Bool {
        let node = index.nodes[position]
        let end = Int(node.end)
        var inner = position + 1
        var rows = 0
        while inner < end {
            let tag = index.nodes[inner].tag
            // Nested tables, paragraphs or long running text mean a layout table holding prose.
            if tag == .table || tag == .p || (tag == .div || tag == .td || tag == .th) && index.nodes[inner].inlineLength > 200 { return false }
            if tag == .tr { rows += 1 }
            inner += 1
        }
        return rows > 0
    }

    private func tableText(_ position: Int) -> String? {
        let node = index.nodes[position]
        let end = Int(node.end)
        var rows: [String] = []
        var cells: [String] = []
        var inner = position + 1
        while inner < end {
            let child = index.nodes[inner]
            if child.tag == .tr {
                if !cells.isEmpty { rows.append(cells.joined(separator: " | ")) }
                cells = []
            } else if child.tag == .td || child.tag == .th {
                let text = NodeAccess.text(child.pointer)
                if !text.isEmpty { cells.append(text) }
                inner = Int(max(child.end, Int32(inner + 1)))
                continue
            }
            inner += 1
        }
        if !cells.isEmpty { rows.append(cells.joined(separator: " | ")) }
        return rows.isEmpty ? nil : rows.joined(separator: "\n")
    }
}
