import Foundation
import CLibXML2

/// One element or text node of the page body, with the measures the scorer needs.
struct IndexedNode {
    var pointer: NodePointer
    var tag: HTMLTag
    var parent: Int32
    /// One past the last index of this node's subtree (nodes are stored in document order).
    var end: Int32 = 0
    var weight: Int16 = 0
    var isArticleBody = false
    var isCaption = false
    var inLink = false
    /// Visible characters in the subtree, and those inside links.
    var textLength: Int32 = 0
    var linkLength: Int32 = 0
    /// Text owned directly (not through a nested block element), for paragraph-like scoring.
    var inlineLength: Int32 = 0
    var inlineCommas: Int32 = 0
    var commas: Int32 = 0
    var paragraphs: Int32 = 0
    var images: Int32 = 0
    var listItems: Int32 = 0
    var score: Double = 0
    var isCandidate = false
    /// Named like furniture (`comment`, `sidebar`, `share`...): removed by `prune(unlikely: true)`.
    var isUnlikely = false
    /// Outside the text being considered (pruned with an unlikely ancestor).
    var isRemoved = false
    /// For a text node: the nearest block-level ancestor, which owns its text for scoring.
    var owner: Int32 = -1
    /// On the path from the chosen root down to the best-scoring element: never filtered out.
    var isProtected = false

    var linkDensity: Double { textLength > 0 ? Double(linkLength) / Double(textLength) : 0 }
}

/// A flat, document-ordered copy of the page's body without scripts, styles, navigation and
/// hidden parts, built without recursion so that no nesting depth can overflow the stack.
struct PageIndex {
    var nodes: [IndexedNode] = []

    /// Visible characters of the whole body, before any pruning.
    private(set) var totalLength: Int32 = 0

    /// Builds the index under `root` (hidden elements and dropped tags are left out for good;
    /// elements named like furniture are only flagged, see `prune(unlikely:)`).
    init(root: NodePointer) {
        nodes.reserveCapacity(4096)
        var stack: [Int32] = []        // open element indices
        var blockStack: [Int32] = []   // nearest block-level ancestor per open element
        var linkDepth = 0
        var openLinks: [Int32] = []    // open `<a>` elements that count as links
        let scratch = ClassHints.Scratch()
        var node: NodePointer? = root
        // Iterative pre-order walk over libxml2's own sibling/parent links.
        while let current = node {
            var descend = false
            let type = current.pointee.type
            if type == XML_ELEMENT_NODE {
                let tag = NodeAccess.name(current).map(HTMLTag.from) ?? .other
                if !tag.isDropped {
                    let hints = ClassHints.read(current, scratch: scratch)
                    if !hints.hidden {
                        let index = Int32(nodes.count)
                        var entry = IndexedNode(pointer: current, tag: tag, parent: stack.last ?? -1)
                        entry.weight = Int16(hints.weight)
                        entry.isArticleBody = hints.articleBody
                        entry.isCaption = hints.caption
                        entry.isUnlikely = hints.unlikely && tag != .body && tag != .html && tag != .article
                            && tag != .main && tag != .a && !hints.articleBody
                        // A link to a place on the same page (a table of contents, a heading's
                        // permalink) points into the article, not away from it: not link text.
                        let countsAsLink = tag == .a && !Self.isInPageLink(current)
                        entry.inLink = linkDepth > 0 || countsAsLink
                        nodes.append(entry)
                        if current.pointee.children != nil {
                            stack.append(index)
                            blockStack.append(tag.isBlock ? index : (blockStack.last ?? index))
                            if countsAsLink { linkDepth += 1; openLinks.append(index) }
                            descend = true
                        } else {
                            nodes[Int(index)].end = index + 1
                        }
                    }
                }
            } else if type == XML_TEXT_NODE || type == XML_CDATA_SECTION_NODE, let content = current.pointee.content {
                let bytes = UnsafeBufferPointer(start: content, count: strlen(content))
                let length = Int32(TextMeasure.visibleLength(bytes))
                let index = Int32(nodes.count)
                var entry = IndexedNode(pointer: current, tag: .text, parent: stack.last ?? -1)
                entry.end = index + 1
                entry.textLength = length
                entry.inLink = linkDepth > 0
                entry.owner = blockStack.last ?? -1
                if length > 0 {
                    entry.commas = Int32(TextMeasure.commas(bytes))
                    if entry.inLink { entry.linkLength = length }
                }
                nodes.append(entry)
            }
            if descend, let child = current.pointee.children {
                node = child
                continue
            }
            // Move to the next sibling, closing finished elements on the way up.
            var climb: NodePointer? = current
            node = nil
            while let up = climb {
                if up == root { break }
                if let next = up.pointee.next { node = next; break }
                climb = up.pointee.parent
                if let open = stack.popLast() {
                    nodes[Int(open)].end = Int32(nodes.count)
                    blockStack.removeLast()
                    if openLinks.last == open { linkDepth -= 1; openLinks.removeLast() }
                }
                if climb == root { break }
            }
        }
        while let open = stack.popLast() { nodes[Int(open)].end = Int32(nodes.count) }
        aggregate()
        totalLength = nodes.first?.textLength ?? 0
    }

    /// Whether an `<a>` element's `href` is a fragment (`#section-2`), read without allocating.
    static func isInPageLink(_ node: NodePointer) -> Bool {
        var attribute = node.pointee.properties
        while let current = attribute {
            if let name = current.pointee.name, NodeAccess.isAttribute(name, .href) {
                guard let text = current.pointee.children, let content = text.pointee.content else { return false }
                // A bare `#` (or `#!`) is a script's button, not a place on the page.
                return content[0] == UInt8(ascii: "#") && content[1] != 0 && content[1] != UInt8(ascii: "!")
            }
            attribute = current.pointee.next
        }
        return false
    }

    /// Removes (or, with `unlikely: false`, restores) the elements named like furniture, then
    /// recomputes every measure. A furniture-named element holding most of the page is a site-wide
    /// wrapper (`wrapper header-style-6`), not furniture, and is never removed.
    mutating func prune(unlikely: Bool) {
        let limit = Int32(Double(totalLength) * 0.8)
        var position = 0
        while position < nodes.count {
            nodes[position].isRemoved = false
            position += 1
        }
        if unlikely {
            position = 0
            while position < nodes.count {
                let node = nodes[position]
                if node.isUnlikely && node.textLength <= limit {
                    let end = Int(max(node.end, Int32(position + 1)))
                    for inner in position..<end { nodes[inner].isRemoved = true }
                    position = end
                    continue
                }
                position += 1
            }
        }
        aggregate()
    }

    /// Sums subtree measures bottom-up (children always follow their parent in the array),
    /// skipping removed nodes; also resets the selector's per-attempt state.
    private mutating func aggregate() {
        for position in nodes.indices {
            nodes[position].score = 0
            nodes[position].isCandidate = false
            nodes[position].isProtected = false
            nodes[position].inlineLength = 0
            nodes[position].inlineCommas = 0
            nodes[position].paragraphs = 0
            nodes[position].images = 0
            nodes[position].listItems = 0
            if nodes[position].tag != .text {
                nodes[position].textLength = 0
                nodes[position].linkLength = 0
                nodes[position].commas = 0
            }
        }
        var index = nodes.count - 1
        while index >= 0 {
            let node = nodes[index]
            if node.isRemoved { index -= 1; continue }
            switch node.tag {
            case .text:
                let owner = Int(node.owner)
                if owner >= 0 && node.textLength > 0 {
                    nodes[owner].inlineLength += node.textLength
                    nodes[owner].inlineCommas += node.commas
                }
            case .p where node.inlineLength > 0: nodes[index].paragraphs += 1
            case .img: nodes[index].images += 1
            case .li: nodes[index].listItems += 1
            default: break
            }
            let parent = Int(node.parent)
            if parent >= 0 {
                nodes[parent].textLength += nodes[index].textLength
                nodes[parent].linkLength += nodes[index].linkLength
                nodes[parent].commas += nodes[index].commas
                nodes[parent].paragraphs += nodes[index].paragraphs
                nodes[parent].images += nodes[index].images
                nodes[parent].listItems += nodes[index].listItems
            }
            index -= 1
        }
    }
}
