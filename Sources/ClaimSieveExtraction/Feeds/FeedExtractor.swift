import CLibXML2
import ClaimSieveCore
import Foundation

/// RSS 2.0 / RSS 1.0, Atom and NITF: one document per item, each with its own metadata.
///
/// XML is read without network access, entity substitution or external DTDs (and the process-wide
/// entity loader refuses everything), so a hostile feed cannot make the pipeline read local files.
enum FeedExtractor {
    static func extract(_ data: Data, path: String, format: DocumentFormat) throws -> [Document] {
        try ParsedDocument.with(data, parser: .xml, what: "feed") { document in
            guard let root = xmlDocGetRootElement(document) else { throw StageError("not well-formed XML: no root element") }
            let rootName = NodeAccess.localName(root)
            let documents: [Document]
            switch rootName {
            case "rss", "rdf": documents = rss(root, path: path)
            case "feed": documents = atom(root, path: path)
            case "nitf": documents = nitf(root, path: path)
            case "html":
                let article = try HTMLExtractor.extract(data, path: path)
                return [Document(id: path, path: path, format: .html, metadata: article.metadata, blocks: article.blocks)]
            default:
                throw StageError("unsupported XML: root element <\(rootName)> is not RSS, Atom or NITF")
            }
            guard !documents.isEmpty else { throw StageError("the \(rootName) feed has no items") }
            return documents
        }
    }

    // MARK: RSS

    private static func rss(_ root: NodePointer, path: String) -> [Document] {
        let channel = child(root, "channel")
        let publisher = channel.flatMap { child($0, "title") }.map(NodeAccess.text)
        let language = channel.flatMap { child($0, "language") }.map(NodeAccess.text)
        // RSS 2.0 nests items in the channel; RSS 1.0 (RDF) puts them beside it.
        let items = (channel.map { children($0, "item") } ?? []) + children(root, "item")
        return items.enumerated().map { offset, item in
            var metadata = Metadata()
            metadata.title = child(item, "title").map(NodeAccess.text)
            metadata.canonicalURL = child(item, "link").map(NodeAccess.text) ?? child(item, "guid").map(NodeAccess.text)
            metadata.published = (child(item, "pubdate") ?? child(item, "date")).map(NodeAccess.text)
            metadata.byline = (child(item, "creator") ?? child(item, "author")).map(NodeAccess.text)
            metadata.publisher = publisher
            metadata.language = language
            let html = (child(item, "encoded") ?? child(item, "description")).map(NodeAccess.text) ?? ""
            return document(path: path, item: offset + 1, format: .rss, metadata: metadata, body: HTMLExtractor.fragmentBlocks(html))
        }
    }

    // MARK: Atom

    private static func atom(_ root: NodePointer, path: String) -> [Document] {
        let publisher = child(root, "title").map(NodeAccess.text)
        let language = NodeAccess.xmlAttribute(root, "lang")
        return children(root, "entry").enumerated().map { offset, entry in
            var metadata = Metadata()
            metadata.title = child(entry, "title").map(NodeAccess.text)
            metadata.canonicalURL = link(of: entry)
            metadata.published = (child(entry, "published") ?? child(entry, "updated")).map(NodeAccess.text)
            metadata.byline = child(entry, "author").flatMap { child($0, "name") }.map(NodeAccess.text)
            metadata.publisher = publisher
            metadata.language = NodeAccess.xmlAttribute(entry, "lang") ?? language
            let body = (child(entry, "content") ?? child(entry, "summary")).map(atomText) ?? []
            return document(path: path, item: offset + 1, format: .atom, metadata: metadata, body: body)
        }
    }

    private static func link(of entry: NodePointer) -> String? {
        let links = children(entry, "link")
        let alternate = links.first { (NodeAccess.xmlAttribute($0, "rel") ?? "alternate") == "alternate" } ?? links.first
        return alternate.flatMap { NodeAccess.xmlAttribute($0, "href") }
    }

    /// Atom text constructs: `text` is plain, `html` is escaped markup, `xhtml` is inline markup.
    private static func atomText(_ node: NodePointer) -> [Block] {
        switch NodeAccess.xmlAttribute(node, "type")?.lowercased() ?? "text" {
        case "html", "text/html":
            return HTMLExtractor.fragmentBlocks(NodeAccess.text(node))
        case "xhtml", "application/xhtml+xml":
            return XMLBlocks.blocks(node)
        default:
            let text = NodeAccess.text(node)
            return text.isEmpty ? [] : [Block(kind: .paragraph, text: text)]
        }
    }

    // MARK: NITF

    private static func nitf(_ root: NodePointer, path: String) -> [Document] {
        let head = child(root, "head")
        guard let body = child(root, "body") else { return [] }
        let bodyHead = child(body, "body.head")
        var metadata = Metadata()
        let hedline = bodyHead.flatMap { child($0, "hedline") }
        metadata.title = hedline.flatMap { child($0, "hl1") }.map(NodeAccess.text)
            ?? head.flatMap { child($0, "title") }.map(NodeAccess.text)
        metadata.byline = bodyHead.flatMap { child($0, "byline") }.map(NodeAccess.text)
        let docdata = head.flatMap { child($0, "docdata") }
        metadata.published = docdata.flatMap { child($0, "date.issue") }.flatMap { NodeAccess.xmlAttribute($0, "norm") }
            ?? head.flatMap { child($0, "pubdata") }.flatMap { NodeAccess.xmlAttribute($0, "date.publication") }
        metadata.publisher = head.flatMap { child($0, "pubdata") }.flatMap { NodeAccess.xmlAttribute($0, "name") }
            ?? bodyHead.flatMap { child($0, "distributor") }.map(NodeAccess.text)
        metadata.canonicalURL = head.flatMap { child($0, "pubdata") }.flatMap { NodeAccess.xmlAttribute($0, "ex-ref") }
        metadata.language = NodeAccess.xmlAttribute(root, "lang")
        var blocks: [Block] = []
        if let dateline = bodyHead.flatMap({ child($0, "dateline") }).map(NodeAccess.text), !dateline.isEmpty {
            blocks.append(Block(kind: .caption, text: dateline))
        }
        if let content = child(body, "body.content") { blocks += XMLBlocks.blocks(content) }
        return [document(path: path, item: 1, format: .nitf, metadata: metadata, body: blocks)]
    }

    // MARK: helpers

    private static func document(path: String, item: Int, format: DocumentFormat, metadata: Metadata, body: [Block]) -> Document {
        var metadata = metadata
        // Titles may carry escaped markup (Atom `type="html"`, many RSS feeds): keep their text only.
        if let title = metadata.title, title.contains("<"), title.contains(">") {
            metadata.title = HTMLExtractor.fragmentBlocks(title).map(\.text).joined(separator: " ")
        }
        var blocks = body
        if let title = metadata.title, !title.isEmpty {
            let key = HTMLExtractor.comparable(title)
            blocks.removeAll { $0.kind == .heading && HTMLExtractor.comparable($0.text) == key }
            blocks.insert(Block(kind: .heading, text: title), at: 0)
        }
        return Document(id: "\(path)#item-\(item)", path: path, item: item, format: format, metadata: metadata, blocks: blocks)
    }

    static func child(_ node: NodePointer, _ name: String) -> NodePointer? {
        NodeAccess.elementChildren(node).first { NodeAccess.localName($0) == name }
    }

    static func children(_ node: NodePointer, _ name: String) -> [NodePointer] {
        NodeAccess.elementChildren(node).filter { NodeAccess.localName($0) == name }
    }
}
