/// The attributes of an HTML page that anything reads: extraction (always through these cases)
/// and libxml2 itself.
///
/// Why an enum: `RawTextElision` drops every other attribute that has a quoted value before
/// libxml2 reads a page (on the 181 Zyte pages, `data-*`, SVG paths, `src`, `srcset`, `alt`,
/// `title`, event handlers and the like are 3.0 MB of the 7.2 MB of attribute values left once
/// scripts and styles are cut, and libxml2 reads a value one character at a time). Code that reads
/// an HTML attribute names it here (`NodeAccess.attribute(_:_:)`, `NodeAccess.isAttribute(_:_:)`),
/// so reading a new one means adding its case, and the elision then keeps it.
///
/// Besides extraction's own: `charset`, `content` and `http-equiv` are read by libxml2 on a
/// `<meta>` (`htmlCheckMeta`), and `id`, `xml:id` and `name` are indexed by libxml2 as IDs
/// (`xmlAddID`).
enum HTMLAttribute: CaseIterable, Sendable {
    case `class`, id, hidden, style, role, itemprop
    /// On an `<a>`, only the first two characters of its value reach the tree (`#` and one more:
    /// `PageIndex.isInPageLink`; `RawTextElision.linkTail`). Reading a link's whole address
    /// means changing that first.
    case href
    case rel, type, lang, xmlLang, datetime
    case content, property, name, httpEquiv, charset
    /// libxml2 indexes it as an ID (`xmlAddID`), as it does `id`; nothing of ours reads it.
    case xmlID

    /// The attribute's name as libxml2 stores it (lower case: its HTML parser folds names).
    var name: StaticString {
        switch self {
        case .class: "class"
        case .id: "id"
        case .hidden: "hidden"
        case .style: "style"
        case .role: "role"
        case .itemprop: "itemprop"
        case .href: "href"
        case .rel: "rel"
        case .type: "type"
        case .lang: "lang"
        case .xmlLang: "xml:lang"
        case .datetime: "datetime"
        case .content: "content"
        case .property: "property"
        case .name: "name"
        case .httpEquiv: "http-equiv"
        case .charset: "charset"
        case .xmlID: "xml:id"
        }
    }

    /// The names by length (index: length in bytes), for `isRead`.
    private static let namesByLength: [[[UInt8]]] = {
        let longest = allCases.map { $0.name.utf8CodeUnitCount }.max() ?? 0
        var table = [[[UInt8]]](repeating: [], count: longest + 1)
        for attribute in allCases {
            let name = attribute.name
            let bytes = Array(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            table[bytes.count].append(bytes)
        }
        return table
    }()

    /// Whether `bytes[range]`, a name as written in a start tag (either case), is one of these.
    /// Runs once per attribute of every page (`MarkupGuard`'s pass): a length check first.
    static func isRead(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let count = range.count
        guard count < namesByLength.count else { return false }
        for candidate in namesByLength[count] {
            var index = 0
            while index < count {
                var byte = bytes[range.lowerBound + index]
                if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
                if byte != candidate[index] { break }
                index += 1
            }
            if index == count { return true }
        }
        return false
    }
}
