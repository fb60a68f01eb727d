import Foundation
import CLibXML2
import ClaimSieveCore

/// Blocks from an XML body (Atom `xhtml` content, NITF `body.content`) by element names, walked
/// without recursion: `p` paragraphs, `h1`-`h6`/`hl2` headings, `bq`/`blockquote` quotes, list items.
enum XMLBlocks {
    static func blocks(_ root: NodePointer) -> [Block] {
        var blocks: [Block] = []
        var buffer = TextBuffer()
        var kind: BlockKind = .paragraph

        func flush() {
            if !buffer.isEmpty { blocks.append(Block(kind: kind, text: buffer.string)) }
            buffer.removeAll()
        }

        var node: NodePointer? = root.pointee.children
        var stack: [(node: NodePointer, kind: BlockKind, block: Bool)] = []
        while let current = node {
            var descend = false
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { buffer.append(UnsafeBufferPointer(start: content, count: strlen(content))) }
            case XML_ELEMENT_NODE:
                let name = NodeAccess.localName(current)
                if let newKind = blockKind(name, inherited: kind) {
                    flush()
                    stack.append((current, kind, true))
                    kind = newKind
                    descend = true
                } else if name == "br" {
                    buffer.appendSpace()
                } else if !["script", "style", "media", "object", "tagline", "byline"].contains(name) {
                    stack.append((current, kind, false))
                    descend = true
                }
            default:
                break  // entity references, comments, processing instructions: never followed
            }
            if descend, let child = current.pointee.children {
                node = child
                continue
            }
            if descend { let closed = stack.removeLast(); if closed.block { flush() }; kind = closed.kind }
            // Climb to the next sibling, closing elements on the way.
            var climb: NodePointer? = current
            node = nil
            while let up = climb {
                if let next = up.pointee.next { node = next; break }
                guard let open = stack.popLast() else { break }
                if open.block { flush() }
                kind = open.kind
                climb = open.node
            }
        }
        flush()
        return blocks
    }

    private static func blockKind(_ name: String, inherited: BlockKind) -> BlockKind? {
        switch name {
        case "p", "div", "section", "block", "pre", "dd", "dt", "td", "th", "tr": return inherited == .heading ? .paragraph : inherited
        case "h1", "h2", "h3", "h4", "h5", "h6", "hl1", "hl2": return .heading
        case "blockquote", "bq": return .quote
        case "li": return inherited == .quote ? .quote : .listItem
        case "figcaption", "caption": return .caption
        default: return nil
        }
    }
}
