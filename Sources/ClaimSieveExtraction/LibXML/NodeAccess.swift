import Foundation
import CLibXML2

typealias NodePointer = UnsafeMutablePointer<xmlNode>

/// Small, allocation-light readers over libxml2 nodes; every pointer is checked, never forced.
enum NodeAccess {
    /// The element's name as raw bytes (libxml2's HTML parser lower-cases tag names).
    @inline(__always)
    static func name(_ node: NodePointer) -> UnsafeBufferPointer<UInt8>? {
        guard let name = node.pointee.name else { return nil }
        return UnsafeBufferPointer(start: name, count: strlen(name))
    }

    /// Compares an attribute or tag name with an ASCII literal, ignoring ASCII case.
    @inline(__always)
    static func equals(_ bytes: UnsafePointer<UInt8>, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        let lit = literal.utf8Start
        var index = 0
        while index < count {
            let byte = bytes[index]
            if byte == 0 { return false }
            let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            if lower != lit[index] { return false }
            index += 1
        }
        return bytes[count] == 0
    }

    /// The value of an HTML page's attribute, as a String, when present. HTML readers name
    /// their attributes through `HTMLAttribute`, whose cases `RawTextElision` keeps.
    static func attribute(_ node: NodePointer, _ named: HTMLAttribute) -> String? {
        xmlAttribute(node, named.name)
    }

    /// Whether an attribute's `name` (from `xmlAttr.name`) is `attribute`.
    @inline(__always)
    static func isAttribute(_ name: UnsafePointer<UInt8>, _ attribute: HTMLAttribute) -> Bool {
        equals(name, attribute.name)
    }

    /// The value of the attribute `named` of an XML element (a feed's), as a String, when present.
    static func xmlAttribute(_ node: NodePointer, _ named: StaticString) -> String? {
        var attribute = node.pointee.properties
        while let current = attribute {
            if let name = current.pointee.name, equals(name, named) {
                return attributeValue(current)
            }
            attribute = current.pointee.next
        }
        return nil
    }

    /// Concatenates the text children of an attribute (entity references are not followed).
    static func attributeValue(_ attribute: UnsafeMutablePointer<xmlAttr>) -> String {
        var bytes: [UInt8] = []
        var child = attribute.pointee.children
        while let current = child {
            if current.pointee.type == XML_TEXT_NODE, let content = current.pointee.content {
                bytes.append(contentsOf: UnsafeBufferPointer(start: content, count: strlen(content)))
            }
            child = current.pointee.next
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text of a subtree, whitespace collapsed, walked without recursion and never through
    /// entity references (their content is never loaded). A `<script>` or `<style>` inside it
    /// adds nothing (a page's `<title>` left open holds the scripts after it): their text is
    /// code, and `clean` drops it before libxml2 reads most pages (`RawTextElision`), so a title
    /// must not depend on it. The root's own text is read whatever it is (a JSON-LD script).
    static func text(_ root: NodePointer) -> String {
        var buffer = TextBuffer()
        appendText(root, to: &buffer)
        return buffer.string
    }

    static func appendText(_ root: NodePointer, to buffer: inout TextBuffer) {
        var node: NodePointer? = root
        while let current = node {
            let type = current.pointee.type
            if type == XML_TEXT_NODE || type == XML_CDATA_SECTION_NODE {
                if let content = current.pointee.content {
                    buffer.append(UnsafeBufferPointer(start: content, count: strlen(content)))
                }
            } else if type == XML_ELEMENT_NODE, let name = current.pointee.name, equals(name, "br") {
                buffer.appendSpace()
            }
            var descend = type == XML_ELEMENT_NODE
            if descend, current != root, let name = current.pointee.name, name[0] | 0x20 == UInt8(ascii: "s"),
               equals(name, "script") || equals(name, "style") {
                descend = false
            }
            node = nextInDocumentOrder(after: current, within: root, descend: descend)
        }
    }

    /// Element children of `node` in order.
    static func elementChildren(_ node: NodePointer) -> [NodePointer] {
        var result: [NodePointer] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(current) }
            child = current.pointee.next
        }
        return result
    }

    /// The local name (without prefix) as a lower-cased String, for the feed readers.
    static func localName(_ node: NodePointer) -> String {
        guard let name = node.pointee.name else { return "" }
        return String(cString: name).lowercased()
    }

    /// The node after `current` in document order, staying inside `root`: its first child when
    /// `descend`, else the next sibling of it or of its nearest ancestor. Walking this way instead
    /// of recursing keeps deeply nested pages from exhausting the stack.
    static func nextInDocumentOrder(after current: NodePointer, within root: NodePointer, descend: Bool) -> NodePointer? {
        if descend, let child = current.pointee.children { return child }
        var climb: NodePointer? = current
        while let up = climb, up != root {
            if let next = up.pointee.next { return next }
            climb = up.pointee.parent
        }
        return nil
    }
}
